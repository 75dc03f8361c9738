package dev.posture.protocol.console;

import dev.posture.protocol.ProtocolException;

import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * One {@code * STREAM} line: what the companion's live view plots. Fixed fields, in this order:
 * <pre>
 * * STREAM t=12.340 fwd=17.2 state=FORWARD
 * </pre>
 * {@code t} device time in seconds with exactly 3 decimals; {@code fwd} forward angle from the
 * neutral pose in degrees with exactly 1 decimal, or {@code none} before calibration; {@code state}
 * the posture state name. Later versions may append more {@code key=value} fields; readers skip them.
 * Values are kept in the fixed-point units of the wire so that nothing is rounded.
 *
 * @param timeMs         device time, milliseconds
 * @param forwardDeciDeg forward angle from neutral, tenths of a degree; empty before calibration
 * @param state          posture state name (A-Z, 0-9, _)
 */
public record StreamSample(long timeMs, OptionalInt forwardDeciDeg, String state) {
    /** The line kind after {@code * }. */
    public static final String KIND = "STREAM";
    /** The {@code fwd} value before calibration. */
    public static final String NO_ANGLE = "none";

    private static final String PREFIX = "* " + KIND + " ";

    public StreamSample {
        Objects.requireNonNull(forwardDeciDeg, "forwardDeciDeg");
        Objects.requireNonNull(state, "state");
    }

    /** Device time in seconds. */
    public double timeS() {
        return timeMs / 1000.0;
    }

    /** Forward angle from neutral in degrees, empty before calibration. */
    public OptionalDouble forwardDeg() {
        return forwardDeciDeg.isPresent() ? OptionalDouble.of(forwardDeciDeg.getAsInt() / 10.0) : OptionalDouble.empty();
    }

    /** Parses a whole {@code * STREAM} line (without CR/LF). */
    public static StreamSample parse(CharSequence line) throws ProtocolException {
        String text = line.toString();
        if (!text.startsWith(PREFIX)) {
            throw new ProtocolException("expected '" + PREFIX + "' at offset 0");
        }
        if (text.length() > ConsoleLimits.MAX_DEVICE_LINE_BYTES) {
            throw new ProtocolException("line longer than " + ConsoleLimits.MAX_DEVICE_LINE_BYTES + " bytes");
        }
        Map<String, String> fields = ConsoleFields.parse(text.substring(PREFIX.length()), PREFIX.length());
        Iterator<Map.Entry<String, String>> it = fields.entrySet().iterator();
        String t = fixedField(it, "t", 0);
        String fwd = fixedField(it, "fwd", 1);
        String state = fixedField(it, "state", 2);
        long timeMs = parseFixed(t, 3, "t", Long.MIN_VALUE, Long.MAX_VALUE);
        OptionalInt forward = fwd.equals(NO_ANGLE)
                ? OptionalInt.empty()
                : OptionalInt.of((int) parseFixed(fwd, 1, "fwd", Integer.MIN_VALUE, Integer.MAX_VALUE));
        if (!state.chars().allMatch(c -> (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) {
            throw new ProtocolException("STREAM field state: expected A-Z, 0-9 and _, got '" + state + "'");
        }
        return new StreamSample(timeMs, forward, state);
    }

    private static String fixedField(Iterator<Map.Entry<String, String>> it, String key, int position) throws ProtocolException {
        if (!it.hasNext()) {
            throw new ProtocolException("STREAM line ends before field " + (position + 1) + " '" + key + "'");
        }
        Map.Entry<String, String> field = it.next();
        if (!field.getKey().equals(key)) {
            throw new ProtocolException("STREAM field " + (position + 1) + ": expected '" + key + "', got '" + field.getKey() + "'");
        }
        return field.getValue();
    }

    /** Reads {@code -?[0-9]+\.[0-9]{decimals}} as value * 10^decimals, exactly, within [min, max]. */
    private static long parseFixed(String value, int decimals, String key, long min, long max) throws ProtocolException {
        String expected = "STREAM field " + key + ": expected a number with " + decimals
                + (decimals == 1 ? " decimal" : " decimals") + ", got '" + value + "'";
        boolean negative = value.startsWith("-");
        int start = negative ? 1 : 0;
        int dot = value.indexOf('.');
        if (dot <= start || value.length() - dot - 1 != decimals) {
            throw new ProtocolException(expected);
        }
        // Accumulate as a negative number so that the most negative long still fits.
        long accumulated = 0;
        try {
            for (int i = start; i < value.length(); i++) {
                if (i == dot) {
                    continue;
                }
                char c = value.charAt(i);
                if (c < '0' || c > '9') {
                    throw new ProtocolException(expected);
                }
                accumulated = Math.subtractExact(Math.multiplyExact(accumulated, 10), c - '0');
            }
            long result = negative ? accumulated : Math.negateExact(accumulated);
            if (result < min || result > max) {
                throw new ArithmeticException();
            }
            return result;
        } catch (ArithmeticException e) {
            throw new ProtocolException("STREAM field " + key + ": " + value + " is out of range");
        }
    }
}
