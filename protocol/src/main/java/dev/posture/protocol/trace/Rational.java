package dev.posture.protocol.trace;

/**
 * A positive ratio of two unsigned 32-bit integers, stored as given (not reduced) so that a scale
 * factor such as 16.4 LSB per deg/s (164/10) or a rate such as 1000/7 Hz survives exactly.
 *
 * @param numerator   1..2^32-1
 * @param denominator 1..2^32-1
 */
public record Rational(long numerator, long denominator) {
    public static final long MAX = 0xFFFF_FFFFL;

    public Rational {
        if (numerator < 1 || numerator > MAX || denominator < 1 || denominator > MAX) {
            throw new IllegalArgumentException(
                    "rational " + numerator + "/" + denominator + " needs both parts in 1.." + MAX);
        }
    }

    public static Rational of(long numerator, long denominator) {
        return new Rational(numerator, denominator);
    }

    public static Rational of(long whole) {
        return new Rational(whole, 1);
    }

    public double toDouble() {
        return (double) numerator / denominator;
    }

    @Override
    public String toString() {
        return denominator == 1 ? Long.toString(numerator) : numerator + "/" + denominator;
    }
}
