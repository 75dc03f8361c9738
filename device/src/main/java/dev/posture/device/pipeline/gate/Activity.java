package dev.posture.device.pipeline.gate;

/**
 * What the wearer is doing, as the activity classifier sees it. The ordinals are the activity codes
 * of the posture stage's input (STILL 0, LIGHT 1, WALKING 2, JOGGING 3, VEHICLE 4); do not reorder.
 */
public enum Activity {
    /** Standing or sitting still: only sway and breathing. */
    STILL,
    /** Small motion in place: typing, fidgeting, a glance. Does not gate posture cues. */
    LIGHT,
    /** Walking: periodic steps. Gates cues. */
    WALKING,
    /** Jogging or running: periodic steps with large impacts. Gates cues. */
    JOGGING,
    /** Riding a vehicle: vibration without steps. Gates cues. */
    VEHICLE;

    /** True for the activities that gate posture cues. */
    public boolean moving() {
        return this == WALKING || this == JOGGING || this == VEHICLE;
    }
}
