package dev.posture.protocol.trace;

import java.math.BigDecimal;

/** Decimal numbers in trace CSV cells: a strict syntax check for reading, round-trip text for writing. */
final class DecimalText {
    private DecimalText() {
    }

    /**
     * True for {@code [+-]digits[.digits][(e|E)[+-]digits]}, where the mantissa may also be
     * {@code digits.} or {@code .digits}. Excludes what {@link Double#parseDouble} would also take:
     * NaN, Infinity, hex, type suffixes, surrounding blanks.
     */
    static boolean isDecimal(CharSequence s) {
        int n = s.length();
        int i = 0;
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        int digits = 0;
        while (i < n && isDigit(s.charAt(i))) {
            i++;
            digits++;
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int exponentDigits = 0;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                exponentDigits++;
            }
            if (exponentDigits == 0) {
                return false;
            }
        }
        return i == n;
    }

    /** True for the spellings of NaN and infinity that spreadsheets and numpy write. */
    static boolean isNonFinite(String s) {
        String unsigned = s.startsWith("+") || s.startsWith("-") ? s.substring(1) : s;
        return unsigned.equalsIgnoreCase("nan") || unsigned.equalsIgnoreCase("inf") || unsigned.equalsIgnoreCase("infinity");
    }

    /**
     * The digits of {@link Double#toString} (which parse back to the same double) in plain notation,
     * with at least one digit after the point: 9.80665, 0.0001 (not 1.0E-4), 12.0, 0.0 (also for -0.0).
     */
    static String format(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("not a finite number: " + value);
        }
        BigDecimal decimal = new BigDecimal(Double.toString(value)).stripTrailingZeros();
        if (decimal.scale() < 1) {
            decimal = decimal.setScale(1);
        }
        return decimal.toPlainString();
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
