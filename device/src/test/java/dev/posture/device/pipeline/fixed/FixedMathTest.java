package dev.posture.device.pipeline.fixed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FixedMathTest {
    private final SplittableRandom random = new SplittableRandom(42);

    @Test
    void invSqrt62HasRelativeErrorBelow2e8OverTheWholeRange() {
        double worst = 0;
        for (int bits = 0; bits <= 62; bits++) {
            for (int i = 0; i < 2000; i++) {
                long x = bits == 0 ? 1 : (1L << bits) + (random.nextLong() & ((1L << bits) - 1));
                double exact = Math.scalb(1.0, 62) / Math.sqrt((double) x);
                worst = Math.max(worst, Math.abs(FixedMath.invSqrt62(x) / exact - 1));
            }
        }
        assertTrue(worst < 2e-8, "worst relative error " + worst);
        assertEquals(0x1p62, FixedMath.invSqrt62(1), 0x1p62 * 2e-8);
        assertEquals(0x1p31, FixedMath.invSqrt62(1L << 62), 0x1p31 * 2e-8);
        assertEquals(0x1p32, FixedMath.invSqrt62(1L << 60), 0x1p32 * 2e-8);
        assertTrue(FixedMath.invSqrt62(Long.MAX_VALUE) > 0);
    }

    @Test
    void invSqrt62FastHasRelativeErrorBelow2e6() {
        double worst = 0;
        for (int bits = 0; bits <= 62; bits++) {
            for (int i = 0; i < 2000; i++) {
                long x = bits == 0 ? 1 : (1L << bits) + (random.nextLong() & ((1L << bits) - 1));
                double exact = Math.scalb(1.0, 62) / Math.sqrt((double) x);
                worst = Math.max(worst, Math.abs(FixedMath.invSqrt62Fast(x) / exact - 1));
            }
        }
        assertTrue(worst < 2e-6, "worst relative error " + worst);
        assertThrows(ArithmeticException.class, () -> FixedMath.invSqrt62Fast(0));
    }

    @Test
    void invSqrt62RejectsNonPositive() {
        assertThrows(ArithmeticException.class, () -> FixedMath.invSqrt62(0));
        assertThrows(ArithmeticException.class, () -> FixedMath.invSqrt62(-4));
    }

    @Test
    void isqrtIsExactFloor() {
        long[] edge = {0, 1, 2, 3, 4, 15, 16, 17, 99, 100, 101, (1L << 32) - 1, 1L << 32, (1L << 32) + 1,
            3037000499L * 3037000499L, 3037000499L * 3037000499L - 1, Long.MAX_VALUE};
        for (long x : edge) {
            assertEquals(reference(x), FixedMath.isqrt(x), "isqrt(" + x + ")");
        }
        for (int i = 0; i < 200_000; i++) {
            long x = (random.nextLong() >>> 1) >>> random.nextInt(63);
            assertEquals(reference(x), FixedMath.isqrt(x), "isqrt(" + x + ")");
        }
        assertThrows(ArithmeticException.class, () -> FixedMath.isqrt(-1));
    }

    private static long reference(long x) {
        return BigInteger.valueOf(x).sqrt().longValueExact();
    }

    @Test
    void atan2StaysWithinItsStatedMaximumError() {
        double worst = 0;
        for (int i = 0; i < 400_000; i++) {
            double angle = (random.nextDouble() * 2 - 1) * Math.PI;
            double r = Math.scalb(1.0, 4 + random.nextInt(27)); // radius 16 .. 2^30
            int x = (int) Math.round(r * Math.cos(angle)), y = (int) Math.round(r * Math.sin(angle));
            double got = FixedMath.atan2(y, x) / (double) (1 << 29);
            double err = Math.abs(got - Math.atan2(y, x));
            worst = Math.max(worst, Math.min(err, 2 * Math.PI - err));
        }
        assertTrue(worst <= FixedMath.ATAN2_MAX_ERROR_RAD, "worst error " + worst + " rad");
    }

    @Test
    void atan2HandlesAxesSignsAndExtremes() {
        double q = 1.0 / (1 << 29);
        assertEquals(0, FixedMath.atan2(0, 0));
        assertEquals(0, FixedMath.atan2(0, 5) * q, 1e-9);
        assertEquals(Math.PI / 2, FixedMath.atan2(5, 0) * q, 1e-8);
        assertEquals(-Math.PI / 2, FixedMath.atan2(-5, 0) * q, 1e-8);
        assertEquals(Math.PI, FixedMath.atan2(0, -5) * q, 1e-8);
        assertEquals(Math.PI / 4, FixedMath.atan2(7, 7) * q, 1e-6);
        assertEquals(-3 * Math.PI / 4, FixedMath.atan2(-7, -7) * q, 1e-6);
        assertEquals(Math.atan2(Integer.MIN_VALUE, Integer.MIN_VALUE), FixedMath.atan2(Integer.MIN_VALUE, Integer.MIN_VALUE) * q, 1e-6);
        assertEquals(Math.atan2(Integer.MAX_VALUE, Integer.MIN_VALUE), FixedMath.atan2(Integer.MAX_VALUE, Integer.MIN_VALUE) * q, 1e-6);
        assertEquals(Math.atan2(-1, Integer.MAX_VALUE), FixedMath.atan2(-1, Integer.MAX_VALUE) * q, 1e-6);
    }
}
