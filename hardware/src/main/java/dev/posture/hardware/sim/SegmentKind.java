package dev.posture.hardware.sim;

/**
 * What the wearer is doing, as a ground-truth label on every sample. {@link #gateOpen()} says whether
 * a posture cue is allowed at all in this activity (upright, on the body, not walking, riding or
 * calibrating); a cue is expected only where the gate is open and the forward angle stays beyond
 * the threshold for the dwell time (see {@link CueRule}).
 */
public enum SegmentKind {
    STANDING(true),
    SITTING(true),
    DESK_TYPING(true),
    /** Deliberate forward lean that teaches the forward direction (calibration, so no cue). */
    LEAN_FORWARD(false),
    FORWARD_DRIFT(true),
    PHONE(true),
    /** A brief reach: forward, but shorter than any sensible dwell. */
    REACH(true),
    BENDING(false),
    WALKING(false),
    JOGGING(false),
    BUS(false),
    LYING(false),
    SIDEWAYS(true),
    SECOND_MONITOR(true),
    /** The clip is off the body and being put back at another angle. */
    RECLIP(false);

    private final boolean gateOpen;

    SegmentKind(boolean gateOpen) {
        this.gateOpen = gateOpen;
    }

    /** True when a forward-head cue may be due during this activity. */
    public boolean gateOpen() {
        return gateOpen;
    }
}
