package dev.posture.device.pipeline.gate;

/** Integer square root. Private stand-in: to be replaced by pipeline.fixed at integration. */
final class IntSqrt {
    private IntSqrt() {
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
}
