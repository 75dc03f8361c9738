package dev.posture.device.pipeline.calibration;

/**
 * The few integer helpers the geometry needs: square root, atan2 in centidegrees, Q2.30 vector
 * algebra. Private stand-in: to be replaced by pipeline.fixed at integration. No floating point, no
 * allocation.
 *
 * <p>Q2.30: value / 2^30; a unit vector's components are in [-2^30, 2^30].
 */
final class AngleMath {
    /** 1.0 in Q2.30. */
    static final int ONE = 1 << 30;
    /** Largest error of {@link #atan2Centi} before rounding to 0.01 deg: 1e-4 deg (polynomial fit). */
    static final double ATAN_MAX_ERROR_DEG = 1e-4;

    // atan(z) = z * P(z^2) on [0, 1], P of degree 5 fitted (iteratively reweighted least squares, close to
    // minimax), Q2.30; 9.5e-5 deg at worst, including the rounding of the Horner steps.
    private static final long[] ATAN_POLY = {1073717363L, -357151040L, 207812386L, -125011957L, 56529635L,
            -12583315L};
    /** 18000 / pi in Q16: radians (Q30) times this, shifted by 46, gives centidegrees. */
    private static final long CENTIDEG_PER_RAD_Q16 = 375493621L;
    private static final long HALF30 = 1L << 29;

    private AngleMath() {
    }

    /** sqrt(i + 0.5) * 2^8 for i in [64, 256): the first guess, good to 0.8 %. */
    private static final int[] SQRT_GUESS = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            SQRT_GUESS[i] = (int) Math.round(Math.sqrt(i + 0.5) * 256);
        }
    }

    /**
     * floor(sqrt(x)) for x >= 0 (0 for negative x): a table guess from the top 7-8 bits, then
     * Newton's method, which from any start lands on or above the root and then descends to it
     * (usually two divisions in all).
     */
    static long isqrt(long x) {
        if (x <= 0) {
            return 0;
        }
        if (x < 256) {
            long r = SQRT_GUESS[(int) x] >> 8;
            return r * r > x ? r - 1 : r;
        }
        int bits = 64 - Long.numberOfLeadingZeros(x);
        int e = (bits - 7) & ~1; // even shift leaving 7 or 8 bits on top
        long g = ((long) SQRT_GUESS[(int) (x >>> e)] << (e >> 1)) >> 8;
        g = (g + x / g) >> 1; // now at or above floor(sqrt(x))
        while (true) {
            long next = (g + x / g) >> 1;
            if (next >= g) {
                return g;
            }
            g = next;
        }
    }

    /** sqrt(i + 0.5) * 2^11 for i in [256, 1024): a first guess good to 0.1 %. */
    private static final int[] SQRT_GUESS_10 = new int[1024];

    static {
        for (int i = 0; i < 1024; i++) {
            SQRT_GUESS_10[i] = (int) Math.round(Math.sqrt(i + 0.5) * 2048);
        }
    }

    /**
     * sqrt(x) to within 1e-6 relative plus one unit (never below floor(sqrt(x)) - 1), with one
     * division: a 10-bit table guess and one Newton step. For angles and magnitudes, where the exact
     * floor does not matter; {@link #isqrt} when it does.
     */
    static long sqrtApprox(long x) {
        if (x < 1024) {
            return isqrt(x);
        }
        int bits = 64 - Long.numberOfLeadingZeros(x);
        int e = (bits - 9) & ~1; // even shift leaving 9 or 10 bits on top
        long g = ((long) SQRT_GUESS_10[(int) (x >>> e)] << (e >> 1)) >> 11;
        return (g + x / g) >> 1;
    }

    /**
     * atan2(y, x) in 0.01 deg, rounded, in [-18000, 18000]; any longs (both 0 gives 0). Error at most
     * 0.005 deg from rounding plus {@link #ATAN_MAX_ERROR_DEG}.
     */
    static int atan2Centi(long y, long x) {
        long ay = Math.abs(y);
        long ax = Math.abs(x);
        if (ax == 0 && ay == 0) {
            return 0;
        }
        // Bring both under 2^31 so min << 30 cannot overflow; keeps the ratio.
        long big = Math.max(ax, ay);
        int excess = 64 - Long.numberOfLeadingZeros(big) - 31;
        if (excess > 0) {
            ax >>= excess;
            ay >>= excess;
            big >>= excess;
        }
        boolean swap = ay > ax;
        long num = swap ? ax : ay;
        int a = atanRatioCenti((num << 30) / big);
        if (swap) {
            a = 9000 - a;
        }
        if (x < 0) {
            a = 18000 - a;
        }
        return y < 0 ? -a : a;
    }

    /** atan(z) in 0.01 deg for a ratio {@code z} in [0, 2^30] (Q2.30, at most 1): 0..4500. */
    static int atanRatioCenti(long z) {
        long w = (z * z + HALF30) >> 30;
        long p = ATAN_POLY[5];
        for (int i = 4; i >= 0; i--) {
            p = ATAN_POLY[i] + ((p * w + HALF30) >> 30);
        }
        long radQ30 = (z * p + HALF30) >> 30; // [0, pi/4]
        return (int) ((radQ30 * CENTIDEG_PER_RAD_Q16 + (1L << 45)) >> 46);
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
        long n = isqrt(x * x + y * y + z * z);
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
        return isqrt(x * x + y * y + z * z) << shift;
    }

    /** Rounded division for a positive divisor. */
    private static long div(long num, long den) {
        return num >= 0 ? (num + den / 2) / den : -((-num + den / 2) / den);
    }
}
