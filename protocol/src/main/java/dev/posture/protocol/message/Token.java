package dev.posture.protocol.message;

/**
 * The short machine-readable strings of the protocol (firmware versions, fault codes, request ids,
 * value keys), each with its alphabet and length. Checked with loops, not regular expressions.
 */
enum Token {
    /** A firmware version such as {@code 0.1.0} or {@code 1.2.0-rc.1+3f2a}. */
    FIRMWARE("[0-9A-Za-z.+_-]{1,32}", 32),
    /** A snake_case code: a fault reason or a cue pattern name. */
    CODE("[a-z0-9_]{1,32}", 32),
    /** A request id chosen by the requester, e.g. a UUID or a counter. */
    REQUEST_ID("[A-Za-z0-9._:-]{1,64}", 64),
    /** A configuration key or result key: snake_case, starting with a letter. */
    KEY("[a-z][a-z0-9_]{0,63}", 64);

    private final String pattern;
    private final int maxLength;

    Token(String pattern, int maxLength) {
        this.pattern = pattern;
        this.maxLength = maxLength;
    }

    /** The accepted form as shown in error messages. */
    String pattern() {
        return pattern;
    }

    boolean accepts(String text) {
        if (text == null || text.isEmpty() || text.length() > maxLength) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (!accepts(text.charAt(i), i)) {
                return false;
            }
        }
        return true;
    }

    private boolean accepts(char c, int index) {
        boolean lower = c >= 'a' && c <= 'z';
        boolean digit = c >= '0' && c <= '9';
        switch (this) {
            case FIRMWARE:
                return lower || digit || (c >= 'A' && c <= 'Z') || c == '.' || c == '+' || c == '_' || c == '-';
            case CODE:
                return lower || digit || c == '_';
            case REQUEST_ID:
                return lower || digit || (c >= 'A' && c <= 'Z') || c == '.' || c == '_' || c == ':' || c == '-';
            case KEY:
                return lower || (index > 0 && (digit || c == '_'));
            default:
                throw new AssertionError(this);
        }
    }
}
