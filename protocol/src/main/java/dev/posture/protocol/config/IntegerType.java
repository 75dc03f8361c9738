package dev.posture.protocol.config;

import dev.posture.protocol.ProtocolException;
import java.math.BigDecimal;

/** A whole number within {@code min..max}. A whole-valued decimal such as {@code 15.0} is accepted. */
final class IntegerType implements NumberType<Integer> {
    private final int min;
    private final int max;

    IntegerType(int min, int max) {
        this.min = min;
        this.max = max;
    }

    @Override
    public Integer check(NumberInput.Parsed parsed) throws ProtocolException {
        BigDecimal value = parsed.value();
        if (value.compareTo(BigDecimal.valueOf(min)) < 0 || value.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw new ProtocolException(parsed.shown() + " is out of range " + rangeText());
        }
        if (!NumberInput.isWhole(value)) {
            throw new ProtocolException(parsed.shown() + " is not a whole number");
        }
        return value.intValueExact();
    }

    @Override
    public Object toJson(Integer value) {
        return value;
    }

    @Override
    public String typeName() {
        return "integer";
    }

    @Override
    public String rangeText() {
        return min + ".." + max;
    }
}
