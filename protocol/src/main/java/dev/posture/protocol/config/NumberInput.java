package dev.posture.protocol.config;

import dev.posture.protocol.ProtocolException;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Turns a number from either wire into an exact {@link BigDecimal}: strict decimal text from the
 * serial console or the config file, or a JSON-native number as Jackson hands it over (Integer, Long,
 * BigInteger, Double, BigDecimal). Both then meet the same range and precision checks.
 */
final class NumberInput {
    /** A parsed number and how the input is shown in messages. */
    record Parsed(BigDecimal value, String shown) {
    }

    private NumberInput() {
    }

    /**
     * Accepts {@code -?[0-9]+(\.[0-9]+)?}: no sign "+", no exponent, no spaces, so that a file value
     * means one thing to every reader. {@code expected} completes "'x' is not ...".
     */
    static Parsed fromText(String text, String expected) throws ProtocolException {
        if (text == null || !isDecimalText(text)) {
            throw new ProtocolException(ProblemText.quote(text) + " is not " + expected);
        }
        return new Parsed(new BigDecimal(text), ProblemText.clip(text));
    }

    /** {@code expected} completes "expected ..., got x" when the value is not a number at all. */
    static Parsed fromJson(Object json, String expected) throws ProtocolException {
        if (!(json instanceof Number number)) {
            throw new ProtocolException("expected " + expected + ", got " + ProblemText.json(json));
        }
        BigDecimal value = exact(number);
        if (value == null) {
            throw new ProtocolException(show(number) + " is not a finite number");
        }
        return new Parsed(value, show(number));
    }

    /** Whether a whole value that passed its range check is an integer ({@code 15.0} is, {@code 15.5} is not). */
    static boolean isWhole(BigDecimal value) {
        return value.signum() == 0 || value.stripTrailingZeros().scale() <= 0;
    }

    /** The number as a message shows it; never expands a huge exponent into digits. */
    static String show(Number number) {
        if (number instanceof BigDecimal big) {
            boolean plainIsShort = big.scale() >= -20 && big.scale() <= 20;
            return ProblemText.clip(plainIsShort ? big.toPlainString() : big.toString());
        }
        return ProblemText.clip(String.valueOf(number));
    }

    private static BigDecimal exact(Number number) {
        if (number instanceof Integer || number instanceof Long || number instanceof Short
                || number instanceof Byte) {
            return BigDecimal.valueOf(number.longValue());
        }
        if (number instanceof BigInteger big) {
            return new BigDecimal(big);
        }
        if (number instanceof BigDecimal big) {
            return big;
        }
        if (number instanceof Double || number instanceof Float) {
            double d = number.doubleValue();
            // The shortest decimal that reads back as this double: 15.5 stays 15.5, not 15.4999...
            return Double.isFinite(d) ? new BigDecimal(number.toString()) : null;
        }
        String text = number.toString();
        return text != null && isDecimalText(text) ? new BigDecimal(text) : null;
    }

    private static boolean isDecimalText(String text) {
        int i = text.startsWith("-") ? 1 : 0;
        int intDigits = countDigits(text, i);
        if (intDigits == 0) {
            return false;
        }
        i += intDigits;
        if (i == text.length()) {
            return true;
        }
        if (text.charAt(i) != '.') {
            return false;
        }
        int fractionDigits = countDigits(text, i + 1);
        return fractionDigits > 0 && i + 1 + fractionDigits == text.length();
    }

    private static int countDigits(String text, int from) {
        int i = from;
        while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
            i++;
        }
        return i - from;
    }
}
