package dev.posture.protocol.message;

/** Where a configuration change came from; wire form {@code mqtt} or {@code serial}. */
public enum ChangeSource {
    /** A config/set request over MQTT (usually the companion). */
    MQTT,
    /** A SET line on the USB serial console (usually a clinician). */
    SERIAL;

    /** The wire form: the name in lower case. */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
