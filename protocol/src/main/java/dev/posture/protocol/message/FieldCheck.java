package dev.posture.protocol.message;

/**
 * The value rules shared by the record constructors and the decoder, so that a message built in
 * code and a message read from the wire are held to the same rules and fail with the same words.
 */
final class FieldCheck {
    /**
     * Largest counter, duration, time stamp or version: 2^53 - 1, the largest integer a JavaScript
     * number or a SQLite REAL holds exactly, so that no consumer silently rounds a sequence number.
     */
    static final long MAX_INTEGER = 9_007_199_254_740_991L;
    /** Forward angles lie in -180..180 degrees. */
    static final double MAX_ANGLE_DEG = 180.0;
    /** Angles travel with 0.001 degree resolution: far finer than the sensor, and exact in decimal. */
    static final double ANGLE_STEPS_PER_DEG = 1000.0;

    private FieldCheck() {
    }

    static InvalidFieldException fail(String field, String problem) {
        return new InvalidFieldException(field, problem);
    }

    static <T> T present(T value, String field) {
        if (value == null) {
            throw fail(field, "is missing");
        }
        return value;
    }

    /** For a field that the message's type or state leaves out. */
    static void absent(Object value, String field, String when) {
        if (value != null) {
            throw fail(field, "does not apply " + when);
        }
    }

    static long between(long value, long min, long max, String field) {
        if (value < min || value > max) {
            throw fail(field, "must be between " + min + " and " + max);
        }
        return value;
    }

    static int between(int value, int min, int max, String field) {
        return (int) between((long) value, min, max, field);
    }

    static Long betweenOrNull(Long value, long min, long max, String field) {
        return value == null ? null : between(value, min, max, field);
    }

    static Integer betweenOrNull(Integer value, int min, int max, String field) {
        return value == null ? null : between(value, min, max, field);
    }

    /**
     * Checks an angle and returns its canonical form: rounded to 0.001 degree (ties to even), with -0.0 made 0.0,
     * so that a record and the record decoded from its encoding are equal.
     */
    static double angle(double deg, String field) {
        if (!(deg >= -MAX_ANGLE_DEG && deg <= MAX_ANGLE_DEG)) {
            throw fail(field, "must be between -180 and 180");
        }
        return Math.rint(deg * ANGLE_STEPS_PER_DEG) / ANGLE_STEPS_PER_DEG + 0.0;
    }

    static Double angleOrNull(Double deg, String field) {
        return deg == null ? null : angle(deg, field);
    }

    static String token(String text, Token token, String field) {
        if (!token.accepts(present(text, field))) {
            throw fail(field, "must match " + token.pattern());
        }
        return text;
    }

    static String tokenOrNull(String text, Token token, String field) {
        return text == null ? null : token(text, token, field);
    }

    /**
     * Human-readable text (an error message, a string setting): minLength..maxLength UTF-16 units,
     * no control characters, no unpaired surrogates, so that it prints on one line and encodes
     * to UTF-8 without loss.
     */
    static String text(String text, int minLength, int maxLength, String field) {
        present(text, field);
        if (text.length() < minLength || text.length() > maxLength || !isPrintable(text)) {
            throw fail(field, "must be " + minLength + " to " + maxLength + " printable characters");
        }
        return text;
    }

    static String textOrNull(String text, int minLength, int maxLength, String field) {
        return text == null ? null : text(text, minLength, maxLength, field);
    }

    /**
     * A field name or key from untrusted input, in single quotes if it prints safely, else a
     * placeholder, so that an error message stays one short readable line.
     */
    static String quoteName(String name) {
        boolean plain = name.length() <= 96 && name.chars().allMatch(c -> c >= 0x20 && c < 0x7f && c != '\'');
        return plain ? "'" + name + "'" : "(unprintable name)";
    }

    private static boolean isPrintable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
                return false;
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
