package dev.posture.protocol.message;

import java.util.Optional;

/**
 * The kinds of event a device publishes. The wire form is the constant's name in upper case, the
 * same as the {@code type} column of the replay events CSV ({@code CUE}). Each type has its own
 * record in {@link EventDetail}, which lists the fields it carries.
 */
public enum EventType {
    /** The wearer stayed forward past the dwell and the motor played a cue (also each repeat). */
    CUE,
    /** After one or more cues the wearer came back under the threshold minus the hysteresis. */
    RECOVERED,
    /** A check-in is due: the device asks the wearer to retract and hold (every ~30 minutes). */
    CHECKIN_DUE,
    /** The wearer answered a check-in by retracting and holding long enough. */
    CHECKIN_DONE,
    /**
     * A due check-in went unanswered until the device gave up. Added so that a clinician can tell
     * "ignored" from "never asked" (the device was off or snoozed): without it a missing
     * CHECKIN_DONE is ambiguous.
     */
    CHECKIN_MISSED,
    /** A chin-tuck drill ended, finished or cut short (rounds done may be fewer than asked). */
    DRILL_DONE,
    /** A calibration step (neutral or lean) finished. */
    CALIBRATED,
    /** The clip seems to have moved (a persistent offset at rest): the wearer should recalibrate. */
    RECALIBRATION_NEEDED,
    /** The sensor stopped delivering plausible samples; cueing is suspended. */
    SENSOR_FAULT,
    /**
     * The sensor works again after a fault. Added so that a fault is a closed interval in the log
     * store and its duration is known, instead of lasting until some unrelated later event.
     */
    SENSOR_RECOVERED,
    /**
     * The wearer snoozed cues (button or command). Added because a snooze explains a stretch without
     * cues; otherwise a quiet hour in the log looks the same as good posture.
     */
    SNOOZED,
    /**
     * The configuration changed, with its new version and whether it came over MQTT or the serial
     * console. Added because clinicians need every change recorded, and the retained config topic
     * only shows the latest state, not when it changed or who changed it.
     */
    CONFIG_CHANGED,
    /**
     * The firmware started. Added so that gaps in the log have a clear end: uptime restarting from
     * zero is easy to miss, and sequence numbers deliberately continue across restarts.
     */
    BOOTED;

    /** The wire form: the constant's name, e.g. {@code CHECKIN_DUE}. */
    public String wireName() {
        return name();
    }

    /** The type with this wire form; empty for anything else (the match is case-sensitive). */
    public static Optional<EventType> fromWire(String text) {
        for (EventType type : values()) {
            if (type.name().equals(text)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
