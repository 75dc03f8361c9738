package dev.posture.protocol.message;

/** Whether a device is connected to the broker; wire form {@code online} or {@code offline}. */
public enum ConnectionState {
    /** Published retained right after connecting. */
    ONLINE,
    /** Published by the broker as the last will, or by the device before a clean disconnect. */
    OFFLINE;

    /** The wire form: the name in lower case. */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
