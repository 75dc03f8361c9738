package dev.posture.protocol.mqtt;

/**
 * Checks and quotes the short ASCII names that become topic levels (device ids, recording ids,
 * share groups). Hand-written loops rather than regular expressions: the parser sees untrusted
 * topics, and a loop has no backtracking to exploit.
 */
final class LevelText {
    /** Longest quoted text in an error message, escapes included; the rest is cut off with "...". */
    private static final int QUOTE_LIMIT = 40;

    private LevelText() {
    }

    /** True if text is 1..maxLength characters of [a-z0-9-], plus '_' when underscore is set. */
    static boolean isName(String text, int maxLength, boolean underscore) {
        if (text == null || text.isEmpty() || text.length() > maxLength) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || (underscore && c == '_');
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /**
     * Untrusted text in single quotes for an error message: printable ASCII as is, everything else
     * as a \\uXXXX escape, cut to a few dozen characters so a hostile topic cannot flood a log.
     */
    static String quote(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder("'");
        int i = 0;
        for (; i < text.length() && out.length() <= QUOTE_LIMIT; i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x7f && c != '\'' && c != '\\') {
                out.append(c);
            } else {
                out.append(String.format("\\u%04x", (int) c));
            }
        }
        if (i < text.length()) {
            out.append("...");
        }
        return out.append('\'').toString();
    }
}
