package dev.posture.device.pipeline.fixed;

/**
 * Integer square root, inverse square root and atan2 for the fixed-point pipeline. No floating point
 * and no allocation in any method (class initialisation builds two small tables).
 */
public final class FixedMath {
    private FixedMath() {
    }

    /** Q3.29 (int) of pi: angles from {@link #atan2} are radians in Q3.29, range [-pi, pi]. */
    public static final int PI_Q29 = (int) Math.round(Math.PI * (1 << 29));
    /** Q3.29 of pi/2. */
    public static final int HALF_PI_Q29 = (int) Math.round(Math.PI / 2 * (1 << 29));

    /** Maximum error of {@link #atan2}, rad (verified by a sweep in the tests). */
    public static final double ATAN2_MAX_ERROR_RAD = 5e-7;

    // 1/sqrt(m) in Q2.30 at the middle of each of the 96 intervals m in [32/128, 128/128).
    private static final int[] INV_SQRT_TABLE = new int[96];

    // 1/sqrt(m) in Q2.30 at the middle of each of the 768 intervals m in [256/1024, 1024/1024) (3 KB).
    private static final int[] INV_SQRT_TABLE_FINE = new int[768];

    // atan(z) ~ z * (c0 + c1 z^2 + ... + c6 z^12) on [0, 1], near-minimax, max error 2.5e-7 rad; Q2.30.
    private static final long[] ATAN_COEFFS = new long[7];

    static {
        for (int i = 0; i < INV_SQRT_TABLE.length; i++) {
            INV_SQRT_TABLE[i] = Q.toQ30(1 / Math.sqrt((i + 32 + 0.5) / 128));
        }
        for (int i = 0; i < INV_SQRT_TABLE_FINE.length; i++) {
            INV_SQRT_TABLE_FINE[i] = Q.toQ30(1 / Math.sqrt((i + 256 + 0.5) / 1024));
        }
        double[] c = {0.9999961115422465, -0.3331736800617092, 0.19807815022985495, -0.1323333980259083,
                0.07962362766183154, -0.0336041799654091, 0.006811779380687761};
        for (int i = 0; i < c.length; i++) {
            ATAN_COEFFS[i] = Q.toQ30(c[i]);
        }
    }

    /**
     * {@code 2^62 / sqrt(x)} for {@code x >= 1}, relative error below 2e-8: table lookup on the top
     * bits of the normalised argument, then two Newton steps {@code r (3 - m r^2) / 2}.
     *
     * <p>Typical use: for a vector v with {@code s = |v|^2}, {@code (v_i * invSqrt62(s)) >> 32} is the
     * Q2.30 unit vector (no overflow, since |v_i| &lt;= sqrt(s)).
     *
     * @throws ArithmeticException if {@code x <= 0}
     */
    public static long invSqrt62(long x) {
        if (x <= 0) {
            throw new ArithmeticException("invSqrt62 of " + x);
        }
        int top = 63 - Long.numberOfLeadingZeros(x);     // index of the highest set bit, 0..62
        int shift = (61 - top) & ~1;                      // even; brings the top bit to 60 or 61
        long xn = shift >= 0 ? x << shift : x >> -shift;  // in [2^60, 2^62): m = xn / 2^62 in [1/4, 1)
        long m = xn >>> 32;                               // m in Q2.30
        long r = INV_SQRT_TABLE[(int) (xn >>> 55) - 32];  // 1/sqrt(m) in Q2.30, in (1, 2]
        r = (r * ((3L << 30) - ((m * ((r * r) >> 30)) >> 30))) >> 31;
        r = (r * ((3L << 30) - ((m * ((r * r) >> 30)) >> 30))) >> 31;
        // 1/sqrt(x) = 2^(shift/2) / sqrt(xn) = 2^(shift/2) * r / 2^61
        return r << (shift / 2 + 1);
    }

    /**
     * {@link #invSqrt62} with one Newton step from a finer table (768 entries): relative error below
     * 2e-6, one dependent multiply-chain shorter. For normalising vectors whose direction is what
     * matters (the direction is exact either way; only the length is off by up to 2e-6).
     *
     * @throws ArithmeticException if {@code x <= 0}
     */
    public static long invSqrt62Fast(long x) {
        if (x <= 0) {
            throw new ArithmeticException("invSqrt62Fast of " + x);
        }
        int top = 63 - Long.numberOfLeadingZeros(x);
        int shift = (61 - top) & ~1;
        long xn = shift >= 0 ? x << shift : x >> -shift;
        long m = xn >>> 32;
        long r = INV_SQRT_TABLE_FINE[(int) (xn >>> 52) - 256];
        r = (r * ((3L << 30) - ((m * ((r * r) >> 30)) >> 30))) >> 31;
        return r << (shift / 2 + 1);
    }

    /**
     * {@code floor(sqrt(x))} for {@code x >= 0}, exact.
     *
     * @throws ArithmeticException if {@code x < 0}
     */
    public static long isqrt(long x) {
        if (x < 0) {
            throw new ArithmeticException("isqrt of " + x);
        }
        if (x < 2) {
            return x;
        }
        // estimate: x * 2^62 / sqrt(x) / 2^64 = sqrt(x) / 4, then correct the last bits
        long r = Math.max(1, Math.multiplyHigh(x, invSqrt62(x)) << 2);
        while (r > x / r) {
            r--;
        }
        while (r + 1 <= x / (r + 1)) {
            r++;
        }
        return r;
    }

    /**
     * The angle of the point (x, y) in Q3.29 radians, in [-pi, pi] (like {@link Math#atan2}); 0 for
     * (0, 0). Maximum error {@link #ATAN2_MAX_ERROR_RAD}. One integer division.
     */
    public static int atan2(int y, int x) {
        long ax = Math.abs((long) x), ay = Math.abs((long) y);
        if (ax == 0 && ay == 0) {
            return 0;
        }
        long angle; // Q3.29
        if (ay <= ax) {
            angle = atanUnit((ay << 30) / ax);
        } else {
            angle = HALF_PI_Q29 - atanUnit((ax << 30) / ay);
        }
        if (x < 0) {
            angle = PI_Q29 - angle;
        }
        return (int) (y < 0 ? -angle : angle);
    }

    /** atan(z) for z in [0, 1] in Q2.30; result in Q3.29. */
    private static long atanUnit(long z) {
        long z2 = (z * z) >> 30;
        long p = ATAN_COEFFS[6];
        for (int i = 5; i >= 0; i--) {
            p = ATAN_COEFFS[i] + ((p * z2 + Q.HALF30) >> 30);
        }
        return (p * z + (1L << 30)) >> 31;
    }
}
