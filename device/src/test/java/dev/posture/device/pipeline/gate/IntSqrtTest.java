package dev.posture.device.pipeline.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IntSqrtTest {
    @Test
    void exactAndApproximateRoots() {
        SplittableRandom rng = new SplittableRandom(8);
        for (int i = 0; i < 200_000; i++) {
            long x = i < 5000 ? i : rng.nextLong(0, Long.MAX_VALUE >> rng.nextInt(0, 62));
            long exact = BigInteger.valueOf(x).sqrt().longValueExact();
            assertEquals(exact, IntSqrt.isqrt(x), "isqrt " + x);
            long approx = IntSqrt.sqrtApprox(x);
            assertTrue(approx >= exact - 1 && Math.abs(approx - Math.sqrt((double) x)) <= Math.sqrt((double) x) * 1e-6 + 1,
                    "sqrtApprox " + x + ": " + approx);
        }
        // |a| of full-scale counts on three axes: the classifier's largest input.
        assertEquals(56755, IntSqrt.sqrtApprox(3L * 32768 * 32768));
    }
}
