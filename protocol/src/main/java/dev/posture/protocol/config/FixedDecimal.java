package dev.posture.protocol.config;

import java.math.BigDecimal;

/**
 * An exact decimal config value: {@code units / 10^decimals}, e.g. 15.5 deg is {@code (155, 1)}.
 * Every value of one key has that key's number of decimals, so the firmware can use {@link #units()}
 * directly as fixed point (deci-degrees for a one-decimal angle).
 *
 * @param units the value scaled by {@code 10^decimals}
 * @param decimals the key's fixed number of decimal places, 0..9
 */
public record FixedDecimal(long units, int decimals) implements Comparable<FixedDecimal> {
    public FixedDecimal {
        if (decimals < 0 || decimals > 9) {
            throw new IllegalArgumentException("decimals must be 0..9, got " + decimals);
        }
    }

    /** Exact conversion; the value must fit in {@code decimals} places (callers check first). */
    static FixedDecimal of(BigDecimal value, int decimals) {
        return new FixedDecimal(value.movePointRight(decimals).longValueExact(), decimals);
    }

    public BigDecimal toBigDecimal() {
        BigDecimal stripped = BigDecimal.valueOf(units, decimals).stripTrailingZeros();
        // stripTrailingZeros turns 20 into 2E+1; keep a plain integer instead.
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    public double doubleValue() {
        return toBigDecimal().doubleValue();
    }

    @Override
    public int compareTo(FixedDecimal other) {
        return toBigDecimal().compareTo(other.toBigDecimal());
    }

    /** The canonical text: no trailing zeros and no trailing point ("15", "15.5", "0.5"). */
    @Override
    public String toString() {
        return toBigDecimal().toPlainString();
    }
}
