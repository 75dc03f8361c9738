package dev.posture.device.pipeline.gate;

/** Integer square root. Private stand-in: to be replaced by pipeline.fixed at integration. */
final class IntSqrt {
    private IntSqrt() {
    }

    /** floor(sqrt(x)) for x >= 0 (0 for negative x); Newton's method from a power of two above the root. */
    static long isqrt(long x) {
        if (x <= 0) {
            return 0;
        }
        int bits = 64 - Long.numberOfLeadingZeros(x);
        long r = 1L << ((bits + 1) >> 1);
        while (true) {
            long next = (r + x / r) >> 1;
            if (next >= r) {
                return r;
            }
            r = next;
        }
    }
}
