package dev.posture.protocol.mqtt;

import dev.posture.protocol.ProtocolException;

/**
 * A device's name on the wire: 1 to 32 characters of {@code [a-z0-9-]}. It is one MQTT topic level,
 * part of file names and a token on the serial console, so it never holds '/', '+', '#', spaces,
 * upper case or anything outside ASCII.
 *
 * <p>The constructor is for values the program builds itself and throws IllegalArgumentException;
 * {@link #parse} is for text from outside and throws ProtocolException.
 */
public record DeviceId(String value) implements Comparable<DeviceId> {
    /** The accepted form, as shown in error messages and documentation. */
    public static final String PATTERN = "[a-z0-9-]{1,32}";
    /** Longest device id in characters. */
    public static final int MAX_LENGTH = 32;

    public DeviceId {
        if (!isValid(value)) {
            throw new IllegalArgumentException("device id " + LevelText.quote(value) + " must match " + PATTERN);
        }
    }

    /** Reads a device id from untrusted text (a config file, a command line, a topic). */
    public static DeviceId parse(String text) throws ProtocolException {
        if (!isValid(text)) {
            throw new ProtocolException("device id " + LevelText.quote(text) + " must match " + PATTERN);
        }
        return new DeviceId(text);
    }

    /** True if text would make a valid device id. */
    public static boolean isValid(String text) {
        return LevelText.isName(text, MAX_LENGTH, false);
    }

    @Override
    public int compareTo(DeviceId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
