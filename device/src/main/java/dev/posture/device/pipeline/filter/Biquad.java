package dev.posture.device.pipeline.filter;

/**
 * One channel of a second-order IIR section in direct form I, integer arithmetic with a 64-bit
 * accumulator and second-order error feedback (see {@link BiquadCoefficients}). Nothing is
 * allocated after construction.
 *
 * <p><b>Units.</b> Input, output and the x and y histories are in the input's own units (IMU counts,
 * or Q2.30 components); the y history also keeps its rounding remainder {@code e} as a Q30 fraction
 * of an input unit, so the recursion runs on the unrounded output (62 bits of state per delay).
 * Coefficients are Q2.30. Every product fits in 62 bits; the sum may wrap in between (Java's long
 * arithmetic is modular), only the final accumulator must fit, and it equals {@code 2^30} times the
 * unrounded output, at most {@code L1 * max|x| * 2^30} where L1 is the sum of the impulse response's
 * magnitudes. With inputs within {@code +-2^30} ({@link #MAX_INPUT}) that holds for every sample rate
 * and cutoff the config allows (L1 at most 2.43, at the cutoffs closest to Nyquist; a test checks the whole grid). The output saturates at
 * the int range.
 *
 * <pre>
 * acc  = b0 x[n] + b1 x[n-1] + b2 x[n-2] - a1 y[n-1] - a2 y[n-2] - round((a1 e[n-1] + a2 e[n-2]) / 2^30)
 * y[n] = round(acc / 2^30),  e[n] = acc - y[n] 2^30  (in [-2^29, 2^29))
 * </pre>
 */
public final class Biquad {
    /** Largest input magnitude the accumulator bound is proved for. */
    public static final int MAX_INPUT = 1 << 30;

    private static final int SHIFT = BiquadCoefficients.FRACTION_BITS;
    private static final long HALF = 1L << (SHIFT - 1);

    private BiquadCoefficients c;
    private int x1; // x[n-1], input units
    private int x2; // x[n-2]
    private int y1; // y[n-1], input units
    private int y2; // y[n-2]
    private long e1; // rounding error of y[n-1], Q30 of an input unit, in [-2^29, 2^29)
    private long e2; // rounding error of y[n-2]

    public Biquad(BiquadCoefficients coefficients) {
        this.c = java.util.Objects.requireNonNull(coefficients, "coefficients");
    }

    /** Filters one sample. */
    public int step(int x) {
        BiquadCoefficients k = c;
        long acc = k.b0 * x + k.b1 * x1 + k.b2 * x2 - k.a1 * y1 - k.a2 * y2
                - ((k.a1 * e1 + k.a2 * e2 + HALF) >> SHIFT);
        long y = (acc + HALF) >> SHIFT;
        long e = acc - (y << SHIFT);
        if (y > Integer.MAX_VALUE) {
            y = Integer.MAX_VALUE;
            e = 0;
        } else if (y < Integer.MIN_VALUE) {
            y = Integer.MIN_VALUE;
            e = 0;
        }
        x2 = x1;
        x1 = x;
        y2 = y1;
        y1 = (int) y;
        e2 = e1;
        e1 = e;
        return (int) y;
    }

    /**
     * Starts as if the input had been {@code level} forever: the output of a low-pass is then
     * {@code level}, that of a high-pass or band-pass 0. Avoids the start-up transient from zero.
     */
    public void reset(int level) {
        x1 = level;
        x2 = level;
        y1 = c.passesDc() ? level : 0;
        y2 = y1;
        e1 = 0;
        e2 = 0;
    }

    /**
     * New coefficients (a config change). The state is kept: the histories are in input units, so
     * they mean the same under the new coefficients and the output moves on without a jump from zero.
     */
    public void setCoefficients(BiquadCoefficients coefficients) {
        this.c = java.util.Objects.requireNonNull(coefficients, "coefficients");
    }

    public BiquadCoefficients coefficients() {
        return c;
    }

    /** The last output. */
    public int output() {
        return y1;
    }
}
