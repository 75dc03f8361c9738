package dev.posture.protocol.message;

/** Which of the two calibration steps finished; wire form {@code neutral} or {@code lean}. */
public enum CalibrationStep {
    /** The wearer stood tall: this posture becomes zero degrees. */
    NEUTRAL,
    /** The wearer leaned forward on purpose: this teaches which way is forward. */
    LEAN;

    /** The wire form: the name in lower case. */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
