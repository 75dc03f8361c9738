package dev.posture.protocol.mqtt;

import dev.posture.protocol.ProtocolException;

/**
 * The group name of an MQTT 5 shared subscription ({@code $share/{group}/...}): 1 to 32 characters
 * of {@code [a-z0-9_-]}. MQTT itself only forbids '/', '+' and '#'; the narrower alphabet keeps the
 * name readable in broker dashboards and safe in the companion's configuration files.
 */
public record ShareGroup(String value) {
    /** The accepted form, as shown in error messages and documentation. */
    public static final String PATTERN = "[a-z0-9_-]{1,32}";
    /** Longest group name in characters. */
    public static final int MAX_LENGTH = 32;

    public ShareGroup {
        if (!isValid(value)) {
            throw new IllegalArgumentException("share group " + LevelText.quote(value) + " must match " + PATTERN);
        }
    }

    /** Reads a group name from untrusted text (the companion's command line or configuration). */
    public static ShareGroup parse(String text) throws ProtocolException {
        if (!isValid(text)) {
            throw new ProtocolException("share group " + LevelText.quote(text) + " must match " + PATTERN);
        }
        return new ShareGroup(text);
    }

    /** True if text would make a valid group name. */
    public static boolean isValid(String text) {
        return LevelText.isName(text, MAX_LENGTH, true);
    }

    @Override
    public String toString() {
        return value;
    }
}
