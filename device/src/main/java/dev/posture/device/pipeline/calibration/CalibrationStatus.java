package dev.posture.device.pipeline.calibration;

/**
 * How a calibration ended, or what the geometry stage decided about the calibration on a sample.
 * {@link CalibrationReport} carries the numbers and makes the one-line message.
 */
public enum CalibrationStatus {
    /** Nothing happened on this sample. */
    NONE(true),
    /** A neutral calibration was taken. */
    NEUTRAL_SET(true),
    /** A lean calibration taught the forward direction. */
    LEAN_SET(true),
    /** Neutral and forward were learned from walking (after a re-clip, or when never calibrated). */
    LEARNED_FROM_WALKING(true),
    /** A re-clip was suspected; judging stops until it is resolved. */
    RECLIP_SUSPECTED(true),
    /** A suspected re-clip was dismissed: walking showed the old neutral still fits. */
    RECLIP_DISMISSED(true),
    /** Rejected: the gyroscope shows the sensor turned during the window. */
    REJECTED_ROTATION(false),
    /** Rejected: the acceleration magnitude changed during the window (walking, a bump). */
    REJECTED_ACCELERATION(false),
    /** Rejected: the up direction moved during the window. */
    REJECTED_TILT(false),
    /** Rejected: the window was shorter than the minimum. */
    REJECTED_TOO_SHORT(false),
    /** Rejected: the sensor reported a fault during the window. */
    REJECTED_SENSOR_FAULT(false),
    /** Rejected: a lean calibration needs a neutral one first. */
    REJECTED_NO_NEUTRAL(false),
    /** Rejected: the lean was too small to give a direction. */
    REJECTED_LEAN_TOO_SMALL(false),
    /** Rejected: the lean was so deep it is a bend. */
    REJECTED_LEAN_TOO_LARGE(false),
    /** Rejected: the lean points far from the forward direction walking showed (a sideways lean). */
    REJECTED_LEAN_SIDEWAYS(false),
    /** A pending calibration was cancelled (a new request, or {@code cancelCalibration}). */
    CANCELLED(false);

    private final boolean accepted;

    CalibrationStatus(boolean accepted) {
        this.accepted = accepted;
    }

    /** False for rejections and cancellations: the previous calibration is kept. */
    public boolean accepted() {
        return accepted;
    }
}
