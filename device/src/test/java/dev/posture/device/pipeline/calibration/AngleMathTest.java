package dev.posture.device.pipeline.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AngleMathTest {
    @Test
    void atan2IsWithinRoundingOfTheTrueAngleEverywhere() {
        SplittableRandom rng = new SplittableRandom(1);
        double worst = 0;
        for (int i = 0; i < 400_000; i++) {
            long x;
            long y;
            if (i < 200_000) { // a fine sweep of the circle at unit scale
                double a = -Math.PI + 2 * Math.PI * i / 200_000.0;
                x = Math.round(Math.cos(a) * (1 << 30));
                y = Math.round(Math.sin(a) * (1 << 30));
            } else { // any magnitudes, including tiny and huge
                int bits = rng.nextInt(1, 62);
                x = rng.nextLong(-(1L << bits), 1L << bits);
                y = rng.nextLong(-(1L << bits), 1L << bits);
            }
            double exact = Math.toDegrees(Math.atan2(y, x));
            int got = AngleMath.atan2Centi(y, x);
            double err = Math.abs(got / 100.0 - exact);
            if (err > 180) {
                err = 360 - err; // +-180 are the same angle
            }
            worst = Math.max(worst, err);
        }
        // Rounding to 0.01 deg gives 0.005; the polynomial adds 1e-4; the reduction of huge inputs
        // to 31 bits adds at most 2^-30 rad.
        assertTrue(worst <= 0.005 + 1.1e-4, "worst " + worst);
        System.out.printf(Locale.ROOT, "atan2Centi: worst error %.6f deg%n", worst);
        assertEquals(0, AngleMath.atan2Centi(0, 0));
        assertEquals(18000, AngleMath.atan2Centi(0, -5));
        assertEquals(-9000, AngleMath.atan2Centi(-1, 0));
    }

    @Test
    void atanRatioIsWithinRoundingOfTheTrueAngle() {
        double worst = 0;
        for (long z = 0; z <= 1L << 30; z += 997) {
            double exact = Math.toDegrees(Math.atan(z / (double) (1 << 30)));
            worst = Math.max(worst, Math.abs(AngleMath.atanRatioCenti(z) / 100.0 - exact));
        }
        assertEquals(4500, AngleMath.atanRatioCenti(1L << 30));
        assertEquals(0, AngleMath.atanRatioCenti(0));
        assertTrue(worst <= 0.005 + AngleMath.ATAN_MAX_ERROR_DEG, "worst " + worst);
        System.out.printf(Locale.ROOT, "atanRatioCenti: worst error %.6f deg%n", worst);
    }

    @Test
    void sqrtApproxIsWithinTwoMillionthsPlusOne() {
        SplittableRandom rng = new SplittableRandom(5);
        for (int i = 0; i < 200_000; i++) {
            long x = i < 5000 ? i : rng.nextLong(0, Long.MAX_VALUE >> rng.nextInt(1, 62));
            double exact = Math.sqrt((double) x);
            long got = AngleMath.sqrtApprox(x);
            assertTrue(Math.abs(got - exact) <= exact * 2e-6 + 1,
                    x + ": " + got + " vs " + exact);
        }
    }

    @Test
    void normaliseGivesUnitVectorsInTheSameDirection() {
        SplittableRandom rng = new SplittableRandom(3);
        int[] out = new int[3];
        for (int i = 0; i < 100_000; i++) {
            int bits = rng.nextInt(3, 62);
            long x = rng.nextLong(-(1L << bits), 1L << bits);
            long y = rng.nextLong(-(1L << bits), 1L << bits);
            long z = rng.nextLong(-(1L << bits), 1L << bits);
            if (x == 0 && y == 0 && z == 0) {
                continue;
            }
            assertTrue(AngleMath.normalise(x, y, z, out));
            double l = Math.sqrt((double) x * x + (double) y * y + (double) z * z);
            // Inputs below 2^30 are scaled up exactly; above, the shift drops at most 2^-29 of the largest.
            assertEquals(x / l, out[0] / (double) (1 << 30), 3e-9);
            assertEquals(y / l, out[1] / (double) (1 << 30), 3e-9);
            assertEquals(z / l, out[2] / (double) (1 << 30), 3e-9);
        }
        assertFalse(AngleMath.normalise(0, 0, 0, out));
    }

    @Test
    void vectorHelpers() {
        int one = AngleMath.ONE;
        int[] x = {one, 0, 0};
        int[] y = {0, one, 0};
        int[] z = new int[3];
        AngleMath.cross(x, y, z);
        assertEquals(one, z[2]);
        assertEquals(9000, AngleMath.angleCenti(x, y));
        assertEquals(0, AngleMath.dot(x, y));
        int[] out = new int[3];
        assertTrue(AngleMath.orthogonalUnit(new int[] {one / 2, one / 2, 0}, x, out));
        assertEquals(one, out[1]);
        assertFalse(AngleMath.orthogonalUnit(x, x, out));
        assertEquals(5L << 40, AngleMath.length(3L << 40, 4L << 40, 0));
        assertEquals(18000, AngleMath.radQ30ToCentiDeg(Math.round(Math.PI * one)));
    }
}
