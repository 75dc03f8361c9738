package dev.posture.protocol;

/**
 * The one error type the protocol module throws for bad input: a malformed JSON payload, an invalid
 * config value, a bad topic, a corrupt trace file. The message is a single line that names what was
 * wrong (the field, key, topic or byte offset) so that callers can show it to a user as it is.
 */
public final class ProtocolException extends Exception {
    private static final long serialVersionUID = 1L;

    public ProtocolException(String message) {
        super(oneLine(message));
    }

    public ProtocolException(String message, Throwable cause) {
        super(oneLine(message), cause);
    }

    private static String oneLine(String message) {
        return message == null ? "unknown protocol error" : message.replaceAll("[\\r\\n]+", " ").strip();
    }
}
