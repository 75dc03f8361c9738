package dev.posture.protocol.console;

/** The two poses {@code CALIBRATE} records. */
public enum CalibrationPose {
    /** Standing or sitting tall: the zero of the forward angle. */
    NEUTRAL,
    /** Leaning forward on purpose: teaches which way is forward. */
    LEAN
}
