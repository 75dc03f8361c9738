package dev.posture.protocol.config;

import dev.posture.protocol.ProtocolException;
import java.math.BigDecimal;

/**
 * A decimal within {@code min..max} with at most a fixed number of decimal places, held exactly as
 * {@link FixedDecimal} so that "15.5" reads and prints as "15.5" on every wire, never 15.499999.
 */
final class DecimalType implements NumberType<FixedDecimal> {
    private final int decimals;
    private final BigDecimal min;
    private final BigDecimal max;

    DecimalType(int decimals, String min, String max) {
        this.decimals = decimals;
        this.min = new BigDecimal(min);
        this.max = new BigDecimal(max);
    }

    @Override
    public FixedDecimal check(NumberInput.Parsed parsed) throws ProtocolException {
        BigDecimal value = parsed.value();
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new ProtocolException(parsed.shown() + " is out of range " + bounds());
        }
        if (value.signum() != 0 && value.stripTrailingZeros().scale() > decimals) {
            throw new ProtocolException(parsed.shown() + " has more than " + decimals
                    + (decimals == 1 ? " decimal place" : " decimal places"));
        }
        return FixedDecimal.of(value, decimals);
    }

    @Override
    public Object toJson(FixedDecimal value) {
        return value.toBigDecimal();
    }

    @Override
    public String typeName() {
        return "decimal";
    }

    @Override
    public String rangeText() {
        return bounds() + " step " + BigDecimal.ONE.movePointLeft(decimals).toPlainString();
    }

    private String bounds() {
        return FixedDecimal.of(min, decimals) + ".." + FixedDecimal.of(max, decimals);
    }
}
