package dev.posture.protocol.console;

import dev.posture.protocol.ProtocolException;

/**
 * Double-quoted text as SET values and key=value fields use it: {@code "..."} with {@code \"} and
 * {@code \\} as the only escapes. Quotes are needed only where bare text would be ambiguous, so
 * what a clinician types stays plain ({@code SET quiet_hours 22:00-07:00}) and whatever
 * {@code GET} prints after {@code =} can be pasted after {@code SET key}.
 */
final class ConsoleQuoting {
    private ConsoleQuoting() {
    }

    /** Whether a SET value (bare: the rest of the line, trimmed) must be quoted to survive parsing. */
    static boolean setValueNeedsQuotes(CharSequence value) {
        int n = value.length();
        return n == 0 || value.charAt(0) == '"' || isBlank(value.charAt(0)) || isBlank(value.charAt(n - 1));
    }

    /** Whether a field value (bare: up to the next space) must be quoted to survive parsing. */
    static boolean fieldValueNeedsQuotes(CharSequence value) {
        int n = value.length();
        if (n == 0 || value.charAt(0) == '"') {
            return true;
        }
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c <= ' ' || c > '~') {
                return true;
            }
        }
        return false;
    }

    static void appendQuoted(StringBuilder out, CharSequence value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        out.append('"');
    }

    /**
     * Reads a quoted string whose opening quote is at {@code start}, appending its content to
     * {@code out}, and returns the index just after the closing quote. Offsets in errors are
     * indexes in {@code text} plus {@code baseOffset}.
     */
    static int readQuoted(CharSequence text, int start, StringBuilder out, int baseOffset) throws ProtocolException {
        int i = start + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\') {
                if (i + 1 >= text.length()) {
                    break;
                }
                char escaped = text.charAt(i + 1);
                if (escaped != '"' && escaped != '\\') {
                    throw new ProtocolException("unknown escape '\\" + escaped + "' at offset " + (baseOffset + i));
                }
                out.append(escaped);
                i += 2;
            } else {
                out.append(c);
                i++;
            }
        }
        throw new ProtocolException("missing closing quote for the quote at offset " + (baseOffset + start));
    }

    static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }
}
