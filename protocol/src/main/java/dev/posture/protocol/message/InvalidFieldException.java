package dev.posture.protocol.message;

/**
 * A message field with a bad value, e.g. {@code field 'seq' must be between 0 and 9007199254740991}.
 * Record constructors throw it (it is an IllegalArgumentException to their callers), and the decoder
 * turns it into a ProtocolException prefixed with the message kind. A type of its own so that the
 * decoder never mistakes an unrelated IllegalArgumentException for bad input.
 */
final class InvalidFieldException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    InvalidFieldException(String field, String problem) {
        super("field '" + field + "' " + problem);
    }
}
