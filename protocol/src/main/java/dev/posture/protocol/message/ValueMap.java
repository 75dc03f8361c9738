package dev.posture.protocol.message;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ordered key/value maps of JSON-native values: configuration values, applied values and command
 * results. The protocol carries them without knowing the keys; the configuration model checks them.
 *
 * <p>Values are String, Integer, Long, BigDecimal or Boolean (and, in command results, lists of
 * those). Copies are canonical so that a map survives encoding and decoding unchanged: integers
 * that fit an int are Integer, larger ones Long; a BigDecimal without fraction digits ({@code 1E+2})
 * becomes an integer; a BigDecimal keeps its scale ({@code 15.50} stays {@code 15.50}).
 */
final class ValueMap {
    /** Most entries in one map. */
    static final int MAX_ENTRIES = 256;
    /** Most elements in one list of a command result. */
    static final int MAX_LIST = 256;
    /** Longest string value, in UTF-16 units. */
    static final int MAX_TEXT = 1024;
    /** Most digits before, and most digits after, the decimal point of a decimal. */
    static final int MAX_DECIMAL_DIGITS = 32;

    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    private ValueMap() {
    }

    /** A canonical, unmodifiable, insertion-ordered copy; lists are allowed as values if lists is set. */
    static Map<String, Object> copy(Map<String, ?> values, String field, boolean lists) {
        FieldCheck.present(values, field);
        if (values.size() > MAX_ENTRIES) {
            throw FieldCheck.fail(field, "has more than " + MAX_ENTRIES + " entries");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, ?> entry : values.entrySet()) {
            String key = entry.getKey();
            if (!Token.KEY.accepts(key)) {
                throw FieldCheck.fail(field, "key " + (key == null ? "null" : FieldCheck.quoteName(key)) + " must match " + Token.KEY.pattern());
            }
            String path = field + "." + key;
            Object value = entry.getValue();
            out.put(key, lists && value instanceof List ? copyList((List<?>) value, path) : scalar(value, path, lists));
        }
        return Collections.unmodifiableMap(out);
    }

    private static List<Object> copyList(List<?> list, String field) {
        if (list.size() > MAX_LIST) {
            throw FieldCheck.fail(field, "has more than " + MAX_LIST + " entries");
        }
        List<Object> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            out.add(scalar(list.get(i), field + "[" + i + "]", false));
        }
        return Collections.unmodifiableList(out);
    }

    private static Object scalar(Object value, String field, boolean lists) {
        if (value instanceof String) {
            return FieldCheck.text((String) value, 0, MAX_TEXT, field);
        }
        if (value instanceof Boolean || value instanceof Integer) {
            return value;
        }
        if (value instanceof Long) {
            return integer((Long) value);
        }
        if (value instanceof BigInteger) {
            return integer(new BigDecimal((BigInteger) value), field);
        }
        if (value instanceof BigDecimal) {
            return decimal((BigDecimal) value, field);
        }
        throw FieldCheck.fail(field, lists
                ? "must be a string, number, boolean or list of those"
                : "must be a string, number or boolean");
    }

    private static Object decimal(BigDecimal value, String field) {
        if (value.scale() <= 0) {
            return integer(value, field);
        }
        // Scale and precision are read without expanding the number, so 1e-999999999 costs nothing.
        if (value.scale() > MAX_DECIMAL_DIGITS || integerDigits(value) > MAX_DECIMAL_DIGITS) {
            throw FieldCheck.fail(field, "is out of range");
        }
        return value;
    }

    /** A decimal without fraction digits, as an integer; compared before it is expanded. */
    private static Object integer(BigDecimal value, String field) {
        if (integerDigits(value) > 19 || value.compareTo(LONG_MIN) < 0 || value.compareTo(LONG_MAX) > 0) {
            throw FieldCheck.fail(field, "is out of range");
        }
        return integer(value.longValue());
    }

    /** Digits before the decimal point, in long arithmetic: 1e2147483647 overflows an int. */
    private static long integerDigits(BigDecimal value) {
        return (long) value.precision() - value.scale();
    }

    private static Object integer(long value) {
        // Not a conditional expression: it would promote the Integer branch to Long.
        if (value == (int) value) {
            return Integer.valueOf((int) value);
        }
        return Long.valueOf(value);
    }

    static void write(JsonGenerator out, Map<String, Object> values) throws IOException {
        out.writeStartObject();
        for (Map.Entry<String, Object> entry : values.entrySet()) {
            out.writeFieldName(entry.getKey());
            writeValue(out, entry.getValue());
        }
        out.writeEndObject();
    }

    private static void writeValue(JsonGenerator out, Object value) throws IOException {
        if (value instanceof String) {
            out.writeString((String) value);
        } else if (value instanceof Boolean) {
            out.writeBoolean((Boolean) value);
        } else if (value instanceof Integer) {
            out.writeNumber((Integer) value);
        } else if (value instanceof Long) {
            out.writeNumber((Long) value);
        } else if (value instanceof BigDecimal) {
            out.writeNumber((BigDecimal) value);
        } else if (value instanceof List) {
            out.writeStartArray();
            for (Object element : (List<?>) value) {
                writeValue(out, element);
            }
            out.writeEndArray();
        } else {
            throw new IllegalStateException("not a canonical value: " + value);
        }
    }
}
