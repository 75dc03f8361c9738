package dev.posture.protocol.mqtt;

import dev.posture.protocol.ProtocolException;

/**
 * The name of one raw trace recording: 1 to 64 characters of {@code [a-z0-9-]}, the same alphabet
 * as a device id so that it is safe as a topic level, a file name and a serial console token.
 *
 * <p>The device names a recording after the UTC time it started, {@code yyyymmdd-hhmmss} (for
 * example {@code 20250114-093000}), with {@code -2}, {@code -3}... appended if two start within
 * the same second. Readers must not rely on that form: any id matching {@link #PATTERN} is valid.
 */
public record RecordingId(String value) implements Comparable<RecordingId> {
    /** The accepted form, as shown in error messages and documentation. */
    public static final String PATTERN = "[a-z0-9-]{1,64}";
    /** Longest recording id in characters. */
    public static final int MAX_LENGTH = 64;

    public RecordingId {
        if (!isValid(value)) {
            throw new IllegalArgumentException("recording id " + LevelText.quote(value) + " must match " + PATTERN);
        }
    }

    /** Reads a recording id from untrusted text. */
    public static RecordingId parse(String text) throws ProtocolException {
        if (!isValid(text)) {
            throw new ProtocolException("recording id " + LevelText.quote(text) + " must match " + PATTERN);
        }
        return new RecordingId(text);
    }

    /** True if text would make a valid recording id. */
    public static boolean isValid(String text) {
        return LevelText.isName(text, MAX_LENGTH, false);
    }

    @Override
    public int compareTo(RecordingId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
