package dev.posture.protocol.config;

/**
 * Case-insensitive matching of names and keywords, restricted to ASCII letters. {@link
 * String#equalsIgnoreCase} would also match the Kelvin sign U+212A with "k", which would let
 * "BRO\u212AER_URL" name {@code broker_url}.
 */
final class AsciiCase {
    private AsciiCase() {
    }

    /** Lowercases A-Z only; every other character is kept as it is. */
    static String lower(String text) {
        char[] chars = text.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            if (chars[i] >= 'A' && chars[i] <= 'Z') {
                chars[i] = (char) (chars[i] + ('a' - 'A'));
            }
        }
        return new String(chars);
    }

    static boolean equalsIgnoreCase(String text, String lowercaseName) {
        return text.length() == lowercaseName.length() && lower(text).equals(lowercaseName);
    }
}
