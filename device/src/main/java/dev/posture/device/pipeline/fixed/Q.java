package dev.posture.device.pipeline.fixed;

/**
 * Fixed-point formats and saturating arithmetic used by the signal pipeline.
 *
 * <p>Notation: {@code Qm.n} is a two's-complement number with {@code n} fractional bits; the value
 * is {@code raw / 2^n}. The pipeline uses:
 * <ul>
 *   <li><b>Q2.30</b> in an {@code int} (or a {@code long} holding an int-range value): unit vectors,
 *       rotation matrix entries, filter gains and other dimensionless values in [-2, 2);
 *       resolution 9.3e-10.</li>
 *   <li>Per-quantity scaled integers in a {@code long} for states that need more range or
 *       resolution; each is documented where it is declared (e.g. "rad per sample, Q.38").</li>
 * </ul>
 * Products of two Q2.30 values are formed in 64 bits and rounded back with {@link #mul30}. Rounding
 * is round-half-up (add half, arithmetic shift), never truncation: truncation is a constant bias that
 * a recursive filter integrates.
 */
public final class Q {
    /** Fractional bits of Q2.30. */
    public static final int FRAC30 = 30;
    /** 1.0 in Q2.30. */
    public static final int ONE30 = 1 << FRAC30;
    /** Half an LSB before a 30-bit shift (for rounding). */
    public static final long HALF30 = 1L << (FRAC30 - 1);

    private Q() {
    }

    /** Q2.30 of {@code v}, rounded; for setup code only. Saturates outside [-2, 2). */
    public static int toQ30(double v) {
        return (int) clamp(Math.round(v * ONE30), Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    /** The value of a Q2.30 number (for tests, logs and setup). */
    public static double fromQ30(long raw) {
        return raw / (double) ONE30;
    }

    /** {@code round(v * 2^frac)} as a long; for setup code only. Saturates at the long range. */
    public static long toFixed(double v, int frac) {
        double scaled = Math.scalb(v, frac);
        if (scaled >= 0x1p63) {
            return Long.MAX_VALUE;
        }
        if (scaled <= -0x1p63) {
            return Long.MIN_VALUE;
        }
        return Math.round(scaled);
    }

    /**
     * {@code a * b / 2^30}, rounded. The caller guarantees that {@code a * b} fits in a long (for
     * example |a| &lt; 2^32 and |b| &lt; 2^31); the rounding shift itself cannot overflow.
     */
    public static long mul30(long a, long b) {
        return (a * b + HALF30) >> FRAC30;
    }

    /** {@code v >> shift}, rounded half up; shift in 1..62. */
    public static long shiftRound(long v, int shift) {
        return (v + (1L << (shift - 1))) >> shift;
    }

    /** {@code v} limited to [lo, hi]. */
    public static long clamp(long v, long lo, long hi) {
        return v < lo ? lo : Math.min(v, hi);
    }

    /** {@code v} limited to [-lim, lim] (lim &gt;= 0). */
    public static long clamp(long v, long lim) {
        return v < -lim ? -lim : Math.min(v, lim);
    }

    /** {@code v} limited to the int range. */
    public static int saturateToInt(long v) {
        return (int) clamp(v, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    /** {@code a + b}, saturated at the int range. */
    public static int addSat(int a, int b) {
        return saturateToInt((long) a + b);
    }

    /** {@code a - b}, saturated at the int range. */
    public static int subSat(int a, int b) {
        return saturateToInt((long) a - b);
    }

    /** {@code a + b}, saturated at the long range instead of wrapping. */
    public static long addSat(long a, long b) {
        long r = a + b;
        // overflow iff a and b have the same sign and r has the other one
        if (((a ^ r) & (b ^ r)) < 0) {
            return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return r;
    }

    /** {@code a * b / 2^30} for Q2.30 ints, rounded and saturated to the int range. */
    public static int mul30Sat(int a, int b) {
        return saturateToInt(mul30(a, b));
    }
}
