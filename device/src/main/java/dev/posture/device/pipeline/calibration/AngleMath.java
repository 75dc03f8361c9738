package dev.posture.device.pipeline.calibration;

import dev.posture.device.pipeline.fixed.FixedMath;

/**
 * The geometry's integer helpers on top of {@link FixedMath}: atan2 and a division-free square root
 * for angles in 0.01 deg, Q2.30 vector algebra (dot, cross, normalise, angle between), and
 * {@link #atanRatioCenti}, the per-sample kernel of {@link PostureFrame#measure}: atan of a ratio at
 * most 1 that the caller formed with a reciprocal it shares between three angles (FixedMath.atan2
 * would divide once per angle). No floating point, no allocation.
 *
 * <p>Q2.30: value / 2^30; a unit vector's components are in [-2^30, 2^30].
 */
final class AngleMath {
    /** 1.0 in Q2.30. */
    static final int ONE = 1 << 30;
    /**
     * Largest error of {@link #atanRatioCenti} before rounding to 0.01 deg: linear interpolation over
     * 512 segments of [0, 1], h^2 / 8 * max|atan''| = 1.8e-5 deg.
     */
    static final double ATAN_MAX_ERROR_DEG = 2e-5;

    private static final int ATAN_SEGMENT_BITS = 21;  // 2^30 / 512: z's bits below the table index
    // atan(i / 512) in 0.01 deg, Q16, i = 0..512 (and a copy of the last entry for z = 1): 2 KB.
    private static final int[] ATAN_CENTI_Q16 = new int[514];

    static {
        for (int i = 0; i <= 512; i++) {
            ATAN_CENTI_Q16[i] = (int) Math.round(Math.toDegrees(Math.atan(i / 512.0)) * 100 * 65536);
        }
        ATAN_CENTI_Q16[513] = ATAN_CENTI_Q16[512];
    }
    /** 18000 / pi in Q16: radians (Q30) times this, shifted by 46, gives centidegrees. */
    private static final long CENTIDEG_PER_RAD_Q16 = 375493621L;
    /** 18000 / pi in Q16: Q3.29 radians times this, shifted by 45, give 0.01 deg. */
    private static final long CENTIDEG_PER_RAD29_Q45 = CENTIDEG_PER_RAD_Q16;
    private static final long HALF30 = 1L << 29;

    private AngleMath() {
    }

    /**
     * sqrt(x) for 0 &lt;= x &lt; 2^62, relative error below 2e-6 plus half a unit, no division:
     * {@code x * 2^62 / sqrt(x)} from {@link FixedMath#invSqrt62Fast}, with x shifted up first so the
     * product keeps every bit. For angles and lengths, where the exact floor does not matter
     * ({@link FixedMath#isqrt} when it does).
     */
    static long sqrtApprox(long x) {
        if (x <= 0) {
            return 0;
        }
        int sh = (Long.numberOfLeadingZeros(x) - 1) & ~1; // x << sh < 2^63
        // (x << sh) * (2^62 / sqrt(x)) / 2^64 = sqrt(x) * 2^(sh - 2)
        long s = Math.multiplyHigh(x << sh, FixedMath.invSqrt62Fast(x));
        int down = sh - 2;
        if (down <= 0) {
            return s << -down;
        }
        return (s + (1L << (down - 1))) >> down;
    }

    /**
     * atan2(y, x) in 0.01 deg, rounded, in [-18000, 18000]; any longs (both 0 gives 0):
     * {@link FixedMath#atan2} (5e-7 rad) converted to 0.01 deg. Error at most 0.005 deg from the
     * rounding plus 3e-5 deg.
     */
    static int atan2Centi(long y, long x) {
        long ay = Math.abs(y);
        long ax = Math.abs(x);
        // Bring both under 2^31 (FixedMath.atan2 takes ints); keeps the ratio to 2^-30.
        long big = Math.max(ax, ay);
        int excess = 64 - Long.numberOfLeadingZeros(big) - 31;
        if (excess > 0) {
            ax >>= excess;
            ay >>= excess;
        }
        int rad29 = FixedMath.atan2((int) ay, (int) ax); // [0, pi/2] of the magnitudes, Q3.29
        int a = (int) ((rad29 * CENTIDEG_PER_RAD29_Q45 + (1L << 44)) >> 45);
        if (x < 0) {
            a = 18000 - a;
        }
        return y < 0 ? -a : a;
    }

    /**
     * atan(z) in 0.01 deg, rounded, for a ratio {@code z} in [0, 2^30] (Q2.30, at most 1): 0..4500. A
     * table of 512 segments and linear interpolation (one multiply; a polynomial of the same accuracy
     * is a chain of six), error {@link #ATAN_MAX_ERROR_DEG} before the rounding.
     */
    static int atanRatioCenti(long z) {
        int i = (int) (z >>> ATAN_SEGMENT_BITS);
        long frac = z & ((1L << ATAN_SEGMENT_BITS) - 1);
        long lo = ATAN_CENTI_Q16[i];
        long v = lo + (((ATAN_CENTI_Q16[i + 1] - lo) * frac) >> ATAN_SEGMENT_BITS);
        return (int) ((v + (1L << 15)) >> 16);
    }

    /** Radians in Q30 (at most 2^32) to 0.01 deg, rounded. */
    static int radQ30ToCentiDeg(long radQ30) {
        return (int) ((radQ30 * CENTIDEG_PER_RAD_Q16 + (1L << 45)) >> 46);
    }

    /** a . b for Q2.30 vectors, in Q2.30 (rounded). */
    static long dot(int[] a, int[] b) {
        return ((long) a[0] * b[0] + (long) a[1] * b[1] + (long) a[2] * b[2] + HALF30) >> 30;
    }

    /** The unsigned angle between two Q2.30 unit vectors, 0.01 deg. */
    static int angleCenti(int[] a, int[] b) {
        long cx = ((long) a[1] * b[2] - (long) a[2] * b[1] + HALF30) >> 30;
        long cy = ((long) a[2] * b[0] - (long) a[0] * b[2] + HALF30) >> 30;
        long cz = ((long) a[0] * b[1] - (long) a[1] * b[0] + HALF30) >> 30;
        return atan2Centi(sqrtApprox(cx * cx + cy * cy + cz * cz), dot(a, b));
    }

    /** out = a x b (Q2.30). */
    static void cross(int[] a, int[] b, int[] out) {
        long x = ((long) a[1] * b[2] - (long) a[2] * b[1] + HALF30) >> 30;
        long y = ((long) a[2] * b[0] - (long) a[0] * b[2] + HALF30) >> 30;
        long z = ((long) a[0] * b[1] - (long) a[1] * b[0] + HALF30) >> 30;
        out[0] = (int) x;
        out[1] = (int) y;
        out[2] = (int) z;
    }

    /**
     * Normalises {@code (x, y, z)} (any scale) into the Q2.30 unit vector {@code out}; returns false
     * (and leaves {@code out}) when the vector is zero.
     */
    static boolean normalise(long x, long y, long z, int[] out) {
        long big = Math.max(Math.abs(x), Math.max(Math.abs(y), Math.abs(z)));
        if (big == 0) {
            return false;
        }
        // Scale so the largest component is in [2^29, 2^30): full precision, squares fit.
        int shift = 64 - Long.numberOfLeadingZeros(big) - 30;
        if (shift > 0) {
            x >>= shift;
            y >>= shift;
            z >>= shift;
        } else if (shift < 0) {
            x <<= -shift;
            y <<= -shift;
            z <<= -shift;
        }
        long n = FixedMath.isqrt(x * x + y * y + z * z);
        if (n == 0) {
            return false;
        }
        out[0] = (int) div(x << 30, n);
        out[1] = (int) div(y << 30, n);
        out[2] = (int) div(z << 30, n);
        return true;
    }

    /** The part of {@code v} orthogonal to the unit vector {@code n}, normalised into {@code out}; false if none. */
    static boolean orthogonalUnit(int[] v, int[] n, int[] out) {
        long d = dot(v, n);
        long x = ((long) v[0] << 30) - d * n[0];
        long y = ((long) v[1] << 30) - d * n[1];
        long z = ((long) v[2] << 30) - d * n[2];
        return normalise(x, y, z, out);
    }

    /** Length of {@code (x, y, z)} for any longs (scaled down first so the squares fit); loses low bits only. */
    static long length(long x, long y, long z) {
        long big = Math.max(Math.abs(x), Math.max(Math.abs(y), Math.abs(z)));
        int shift = Math.max(0, 64 - Long.numberOfLeadingZeros(big) - 30);
        x >>= shift;
        y >>= shift;
        z >>= shift;
        return FixedMath.isqrt(x * x + y * y + z * z) << shift;
    }

    /** Rounded division for a positive divisor. */
    private static long div(long num, long den) {
        return num >= 0 ? (num + den / 2) / den : -((-num + den / 2) / den);
    }
}
