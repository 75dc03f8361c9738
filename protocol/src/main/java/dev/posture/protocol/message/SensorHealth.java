package dev.posture.protocol.message;

/** Whether the motion sensor delivers plausible samples; wire form {@code ok} or {@code fault}. */
public enum SensorHealth {
    OK,
    /** The sensor stopped answering, failed its identity check or returns stuck or impossible data. */
    FAULT;

    /** The wire form: the name in lower case. */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
