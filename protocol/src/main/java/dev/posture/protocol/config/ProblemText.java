package dev.posture.protocol.config;

import java.util.Collection;
import java.util.Map;

/**
 * How user input appears inside a problem message. Input can be anything (a control character from
 * a noisy serial line, a megabyte of JSON), while a message must stay one short printable line, so
 * text is clipped and every character outside printable ASCII is shown as a {@code \\uXXXX} escape.
 */
final class ProblemText {
    /** Characters of input shown before "..." is appended. */
    static final int MAX_SHOWN_CHARS = 40;

    private ProblemText() {
    }

    /** {@code 'text'}, clipped and escaped; {@code null} for a missing value. */
    static String quote(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(MAX_SHOWN_CHARS + 8).append('\'');
        int shown = Math.min(text.length(), MAX_SHOWN_CHARS);
        for (int i = 0; i < shown; i++) {
            char c = text.charAt(i);
            if (c == '\\' || c == '\'') {
                out.append('\\').append(c);
            } else if (c >= 0x20 && c < 0x7F) {
                out.append(c);
            } else {
                out.append(String.format("\\u%04x", (int) c));
            }
        }
        if (text.length() > shown) {
            out.append("...");
        }
        return out.append('\'').toString();
    }

    /** Clips text that is known to be printable ASCII (a validated number) without quoting it. */
    static String clip(String text) {
        return text.length() <= MAX_SHOWN_CHARS ? text : text.substring(0, MAX_SHOWN_CHARS) + "...";
    }

    /** Names a JSON-native value the way a message shows what arrived: {@code string 'x'}, {@code true}. */
    static String json(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String s) {
            return "string " + quote(s);
        }
        if (value instanceof Boolean b) {
            return b.toString();
        }
        if (value instanceof Number n) {
            return NumberInput.show(n);
        }
        if (value instanceof Map) {
            return "an object";
        }
        if (value instanceof Collection || value.getClass().isArray()) {
            return "an array";
        }
        return "a " + value.getClass().getSimpleName();
    }
}
