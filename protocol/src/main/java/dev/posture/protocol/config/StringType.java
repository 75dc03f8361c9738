package dev.posture.protocol.config;

import dev.posture.protocol.ProtocolException;
import java.util.function.IntPredicate;

/**
 * Text of bounded length from a fixed character set. Every allowed set is printable ASCII without
 * spaces or backslashes, so values need no quoting or escaping on the console, in topics or in the
 * config file.
 */
final class StringType implements TextType<String> {
    private final int minLength;
    private final int maxLength;
    private final IntPredicate allowed;
    private final String allowedText;

    /** {@code allowedText} names the character set in messages, e.g. "a-z, 0-9 and '-'". */
    StringType(int minLength, int maxLength, IntPredicate allowed, String allowedText) {
        this.minLength = minLength;
        this.maxLength = maxLength;
        this.allowed = allowed;
        this.allowedText = allowedText;
    }

    @Override
    public String fromText(String text) throws ProtocolException {
        if (text == null || text.length() < minLength || text.length() > maxLength
                || !text.chars().allMatch(allowed)) {
            throw new ProtocolException(ProblemText.quote(text) + " must be " + rangeText());
        }
        return text;
    }

    @Override
    public String toText(String value) {
        return value;
    }

    @Override
    public String typeName() {
        return "string";
    }

    @Override
    public String rangeText() {
        return minLength + ".." + maxLength + " characters of " + allowedText;
    }
}
