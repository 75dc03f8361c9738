package dev.posture.device.control;

import dev.posture.protocol.message.CalibrationStep;
import java.util.Objects;

/**
 * How a requested calibration ended.
 *
 * @param pose     NEUTRAL or LEAN
 * @param accepted true if the pose was taken; false keeps the previous calibration
 * @param reason   when not accepted: NOT_NOW (the wearer moved, calibrate NEUTRAL first), BUSY (another
 *                 calibration took over); null when accepted
 * @param message  one line for a person: what was taken, or why not
 */
public record CalibrationOutcome(CalibrationStep pose, boolean accepted, ControlException.Reason reason,
        String message) {
    public CalibrationOutcome {
        Objects.requireNonNull(pose, "pose");
        Objects.requireNonNull(message, "message");
        if (accepted != (reason == null)) {
            throw new IllegalArgumentException("a reason goes with a rejection, and only with one");
        }
    }

    public static CalibrationOutcome accepted(CalibrationStep pose, String message) {
        return new CalibrationOutcome(pose, true, null, message);
    }

    public static CalibrationOutcome rejected(CalibrationStep pose, ControlException.Reason reason, String message) {
        return new CalibrationOutcome(pose, false, reason, message);
    }
}
