package dev.posture.protocol.message;

import java.util.Optional;

/**
 * What the device makes of the wearer's posture right now. Telemetry, status, the serial console's
 * STREAM lines and the replay samples CSV all carry it in the same wire form: the constant's name
 * in upper case ({@code UPRIGHT}), as the event types are ({@code CUE}).
 *
 * <p>When several apply, the device reports the first in this order: FAULT, UNCALIBRATED, RECLIP,
 * QUIET, SNOOZED, MOVING, NOT_UPRIGHT, then FORWARD, DRIFTING or UPRIGHT from the angle.
 */
public enum PostureState {
    /** No neutral posture taught yet: there is no forward angle, so nothing can be judged. */
    UNCALIBRATED,
    /** Forward angle under the threshold (or back under threshold minus hysteresis). */
    UPRIGHT,
    /** Forward past the threshold and the dwell timer is running; no cue yet. */
    DRIFTING,
    /** Forward past the threshold for longer than the dwell: the wearer has been cued. */
    FORWARD,
    /** The motion gate is closed: walking, jogging or riding in a vehicle. No cues. */
    MOVING,
    /** Lying down or bending far over (picking something up): not a sitting or standing posture. No cues. */
    NOT_UPRIGHT,
    /** The wearer snoozed cues (button or command) for a number of minutes. */
    SNOOZED,
    /** Inside the configured quiet hours. No cues. */
    QUIET,
    /** The clip seems to have moved since calibration: the wearer should recalibrate. No cues. */
    RECLIP,
    /** The sensor stopped answering or returns impossible data. No cues. */
    FAULT;

    /** The wire form: the constant's name, e.g. {@code NOT_UPRIGHT}. */
    public String wireName() {
        return name();
    }

    /** The state with this wire form; empty for anything else (the match is case-sensitive). */
    public static Optional<PostureState> fromWire(String text) {
        for (PostureState state : values()) {
            if (state.name().equals(text)) {
                return Optional.of(state);
            }
        }
        return Optional.empty();
    }
}
