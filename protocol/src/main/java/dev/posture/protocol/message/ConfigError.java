package dev.posture.protocol.message;

/**
 * Why one value of a config/set request was refused.
 *
 * @param key     the refused key, or null for a problem with the request as a whole
 * @param message what is wrong, for a person: 1..256 printable characters
 */
public record ConfigError(String key, String message) {
    /** Longest message, in UTF-16 units. */
    public static final int MAX_MESSAGE = 256;

    public ConfigError {
        FieldCheck.tokenOrNull(key, Token.KEY, "key");
        FieldCheck.text(message, 1, MAX_MESSAGE, "message");
    }
}
