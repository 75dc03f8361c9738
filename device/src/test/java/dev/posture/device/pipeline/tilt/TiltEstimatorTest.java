package dev.posture.device.pipeline.tilt;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posture.device.pipeline.ImuScale;
import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The fixed-point estimator on synthetic motion with exact truth, at the supported rates, and at the edges. */
class TiltEstimatorTest {
    private static final ImuScale SCALE = ImuScale.MPU6050_16G_2000DPS;
    private static final double[] NO_BIAS = {0, 0, 0};

    /** Rest for 4 s, then rotation about a wandering axis at up to ~170 deg/s. */
    private static final SyntheticMotion.Rate WANDER = (t, w) -> {
        double on = t < 4 ? 0 : Math.min(1, (t - 4) / 2);
        w[0] = on * 1.2 * Math.sin(2 * Math.PI * 0.31 * t);
        w[1] = on * 1.5 * Math.sin(2 * Math.PI * 0.23 * t + 1);
        w[2] = on * 2.0 * Math.cos(2 * Math.PI * 0.17 * t);
    };

    @ParameterizedTest
    @ValueSource(doubles = {25, 50, 100, 285.714, 1000})
    void tracksRotationAtEverySupportedRateAndMatchesTheTwin(double rateHz) {
        double[] bias = {Math.toRadians(0.8), Math.toRadians(-0.5), Math.toRadians(0.3)};
        SyntheticMotion m = new SyntheticMotion(rateHz, 60, SyntheticMotion.axisAngle(25, 1, 2, 0), WANDER, bias, 0.3);
        TiltRuns.Counts c = m.counts(SCALE);
        TiltRuns.Ups fixed = TiltRuns.runFixed(c, TiltParams.DEFAULTS, rateHz);
        TiltRuns.Ups twin = TiltRuns.runTwin(c, TiltParams.DEFAULTS, rateHz);
        int from = (int) (10 * rateHz);
        double err = m.rmsErrorDeg(fixed, from);
        assertTrue(err < 0.5, rateHz + " Hz: RMS error " + err + " deg");
        double diff = TiltRuns.rmsAngleDeg(fixed, twin);
        assertTrue(diff < 0.002, rateHz + " Hz: fixed vs twin " + diff + " deg");
    }

    @Test
    void learnsTheGyroBiasAtRestAndFindsAStaticTilt() {
        double[] bias = {Math.toRadians(0.7), Math.toRadians(-1.2), Math.toRadians(0.4)};
        double[] q = SyntheticMotion.axisAngle(40, 1, -1, 0.5);
        SyntheticMotion m = new SyntheticMotion(100, 30, q, (t, w) -> w[0] = w[1] = w[2] = 0, bias, 0);
        TiltRuns.Counts c = m.counts(SCALE);
        TiltEstimator e = new TiltEstimator(TiltParams.DEFAULTS, SCALE, 100);
        for (int i = 0; i < m.size(); i++) {
            e.update(c.gx()[i], c.gy()[i], c.gz()[i], c.ax()[i], c.ay()[i], c.az()[i]);
        }
        assertTrue(e.atRest());
        for (int axis = 0; axis < 3; axis++) {
            // counts quantise the bias to 1/16.4 deg/s
            double quantised = SCALE.gyrCounts(bias[axis]) / SCALE.gyrLsbPerDps();
            assertEquals(quantised, e.biasDps(axis), 0.01, "axis " + axis);
        }
        int last = m.size() - 1;
        double dot = (e.upX() * m.upX[last] + e.upY() * m.upY[last] + e.upZ() * m.upZ[last]) / (double) (1 << 30);
        assertTrue(Math.toDegrees(Math.acos(Math.min(1, dot))) < 0.05, "static tilt error");
        double norm = Math.sqrt((double) e.upX() * e.upX() + (double) e.upY() * e.upY() + (double) e.upZ() * e.upZ()) / (1 << 30);
        assertEquals(1, norm, 3e-6);
    }

    @Test
    void leadExtrapolatesTheOutputAlongTheRotation() {
        double rate = 200;
        SyntheticMotion m = new SyntheticMotion(rate, 20, SyntheticMotion.axisAngle(10, 0, 1, 0),
                (t, w) -> { w[0] = Math.toRadians(90); w[1] = 0; w[2] = 0; }, NO_BIAS, 0);
        TiltRuns.Counts c = m.counts(SCALE);
        TiltRuns.Ups plain = TiltRuns.runFixed(c, TiltParams.DEFAULTS, rate);
        TiltRuns.Ups led = TiltRuns.runFixed(c, TiltParams.DEFAULTS.withOutputLeadS(0.02), rate);
        // the led output at row i is closer to the plain output 4 rows (0.02 s) later than to row i
        int i = m.size() - 100;
        double ahead = angle(led, i, plain, i + 4), same = angle(led, i, plain, i);
        assertTrue(ahead < 0.05 && same > 1.5, "ahead " + ahead + " same " + same);
    }

    /**
     * The first sample of a pair turns the output only when it is read: an estimator read on every
     * sample and one read on a few gives the same output wherever both are read (also with a lead,
     * whose extrapolation uses the first sample's rate), and both match the filter's pair rhythm.
     */
    @ParameterizedTest
    @CsvSource({"200, 0", "200, 0.02", "100, 0"})
    void theOutputIsTheSameWhetherReadOnEverySampleOrOnlySometimes(double rate, double leadS) {
        SyntheticMotion m = new SyntheticMotion(rate, 20, SyntheticMotion.axisAngle(10, 0, 1, 0),
                (t, w) -> { w[0] = Math.toRadians(90 * Math.sin(t)); w[1] = Math.toRadians(40); w[2] = 0; }, NO_BIAS, 0);
        TiltRuns.Counts c = m.counts(SCALE);
        TiltParams params = TiltParams.DEFAULTS.withOutputLeadS(leadS);
        TiltEstimator everySample = new TiltEstimator(params, SCALE, rate);
        TiltEstimator sometimes = new TiltEstimator(params, SCALE, rate);
        int read = 0;
        int midPair = 0;
        for (int i = 0; i < c.size(); i++) {
            everySample.update(c.gx()[i], c.gy()[i], c.gz()[i], c.ax()[i], c.ay()[i], c.az()[i]);
            sometimes.update(c.gx()[i], c.gy()[i], c.gz()[i], c.ax()[i], c.ay()[i], c.az()[i]);
            assertEquals(i % 2 == 0, everySample.midPair(), "sample " + i);
            int x = everySample.upX(), y = everySample.upY(), z = everySample.upZ();
            if (i % 7 == 0) {   // every parity, and the first sample of a pair read more than once
                assertEquals(x, sometimes.upX(), "sample " + i);
                assertEquals(y, sometimes.upY(), "sample " + i);
                assertEquals(z, sometimes.upZ(), "sample " + i);
                assertEquals(x, sometimes.upX(), "sample " + i + ", read again");
                read++;
                midPair += sometimes.midPair() ? 1 : 0;
            }
        }
        assertTrue(read > 100 && midPair > 50, read + " reads, " + midPair + " on the first sample of a pair");
    }

    private static double angle(TiltRuns.Ups a, int i, TiltRuns.Ups b, int j) {
        double dot = a.x()[i] * b.x()[j] + a.y()[i] * b.y()[j] + a.z()[i] * b.z()[j];
        double na = Math.sqrt(a.x()[i] * a.x()[i] + a.y()[i] * a.y()[i] + a.z()[i] * a.z()[i]);
        double nb = Math.sqrt(b.x()[j] * b.x()[j] + b.y()[j] * b.y()[j] + b.z()[j] * b.z()[j]);
        return Math.toDegrees(Math.acos(Math.min(1, dot / (na * nb))));
    }

    @ParameterizedTest
    @CsvSource({"25, 2048, 16.4", "1000, 2048, 16.4", "25, 2048, 8.2", "100, 2048, 8.2", "99, 16384, 131"})
    void survivesArbitraryFullScaleInputWithoutOverflow(double rateHz, double accLsbPerG, double gyrLsbPerDps) {
        ImuScale scale = new ImuScale(accLsbPerG, gyrLsbPerDps);
        TiltEstimator e = new TiltEstimator(TiltParams.DEFAULTS, scale, rateHz);
        SplittableRandom r = new SplittableRandom(7);
        // the first sample of a pair is renormalised to second order only: 3|t|^4/8 for its gyro step t
        double t = rateHz >= TiltEstimator.PAIR_MIN_RATE_HZ ? Math.sqrt(3) * Math.toRadians(scale.gyrFullScaleDps()) / rateHz : 0;
        double tolerance = 2e-5 + 3 * Math.pow(t, 4) / 8;
        short[] extremes = {Short.MIN_VALUE, Short.MAX_VALUE, 0, -1, 1};
        for (int i = 0; i < 200_000; i++) {
            int[] v = new int[6];
            for (int k = 0; k < 6; k++) {
                v[k] = (i / 5000) % 2 == 0 ? extremes[r.nextInt(extremes.length)] : r.nextInt(-32768, 32768);
            }
            e.update(v[0], v[1], v[2], v[3], v[4], v[5]);
            double n = Math.sqrt((double) e.upX() * e.upX() + (double) e.upY() * e.upY() + (double) e.upZ() * e.upZ()) / (1 << 30);
            assertEquals(1, n, tolerance, "sample " + i);
            for (int axis = 0; axis < 3; axis++) {
                assertTrue(Math.abs(e.biasDps(axis)) <= 2.0 + 1e-9);
                assertTrue(Double.isFinite(e.driftDps(axis)));
            }
        }
        // afterwards it still settles on a clean static input
        for (int i = 0; i < 30 * rateHz; i++) {
            e.update(0, 0, 0, 0, (int) -accLsbPerG, 0);
        }
        assertTrue(e.upY() < -(1 << 30) + (1 << 18), "up should be -y: " + e.upY());
    }

    @Test
    void staysBoundedForRandomValidParametersScalesAndRates() {
        SplittableRandom r = new SplittableRandom(11);
        int[] accRanges = {2, 4, 8, 16};
        int[] gyrRanges = {250, 500, 1000, 2000};
        int configs = 0;
        while (configs < 150) {
            double tau = 0.2 + r.nextDouble() * 10;
            double drift = r.nextBoolean() ? 0 : tau * (1 + r.nextDouble() * 10);
            TiltParams p = new TiltParams(tau, drift, 0.5 + r.nextDouble() * 5, 0.1 + r.nextDouble(), 0.1 + r.nextDouble() * 3,
                    0.1 + r.nextDouble() * 2, 0.1 + r.nextDouble(), 10 + r.nextDouble() * 200, 0.1 + r.nextDouble() * 4.9,
                    0.01 + r.nextDouble() * 0.1, 1 + r.nextDouble() * 77, 0); // no lead: its output is not unit length
            ImuScale scale = ImuScale.mpu6050(accRanges[r.nextInt(4)], gyrRanges[r.nextInt(4)]);
            double rate = 25 + r.nextDouble() * 975;
            TiltEstimator e;
            try {
                e = new TiltEstimator(p, scale, rate);
            } catch (IllegalArgumentException tooFast) {
                continue; // time constants too short for this rate: rejected by design
            }
            configs++;
            for (int i = 0; i < 5000; i++) {
                boolean garbage = (i / 500) % 2 == 1;
                int g = garbage ? r.nextInt(-32768, 32768) : r.nextInt(-40, 40);
                e.update(g, garbage ? r.nextInt(-32768, 32768) : 5, r.nextInt(-32768, 32768) >> (garbage ? 0 : 12),
                        garbage ? r.nextInt(-32768, 32768) : 0, garbage ? r.nextInt(-32768, 32768) : 0,
                        garbage ? r.nextInt(-32768, 32768) : (int) scale.accLsbPerG());
                double n = Math.sqrt((double) e.upX() * e.upX() + (double) e.upY() * e.upY() + (double) e.upZ() * e.upZ()) / (1 << 30);
                assertTrue(n > 0.5 && n < 1.5, "config " + configs + " sample " + i + ": |up| " + n + " " + p + " " + rate + " Hz");
            }
        }
    }

    @Test
    void matchesTheTwinForRandomParametersAndRates() {
        SplittableRandom r = new SplittableRandom(5);
        for (int k = 0; k < 20; k++) {
            double tau = 1 + r.nextDouble() * 5;
            TiltParams p = TiltParams.DEFAULTS.withTauAccS(tau).withDriftTimeS(r.nextBoolean() ? 0 : tau * (1 + r.nextDouble() * 5))
                    .withShockLimitMs2(3 + r.nextDouble() * 40).withOutputLeadS(r.nextDouble() * 0.01);
            double rate = 25 + r.nextDouble() * 975;
            SyntheticMotion m = new SyntheticMotion(rate, 20, SyntheticMotion.axisAngle(30, r.nextDouble(), r.nextDouble(), 1),
                    WANDER, new double[] {0.01, -0.005, 0.008}, 2);
            TiltRuns.Counts c = m.counts(SCALE);
            double diff = TiltRuns.rmsAngleDeg(TiltRuns.runFixed(c, p, rate), TiltRuns.runTwin(c, p, rate));
            assertTrue(diff < 0.002, p + " at " + rate + " Hz: fixed vs twin " + diff + " deg");
        }
    }

    @Test
    void holdsUpInFreeFallAndStartsFromTheFirstSample() {
        TiltEstimator e = new TiltEstimator(TiltParams.DEFAULTS, SCALE, 100);
        e.update(0, 0, 0, 2048, 0, 0);
        assertEquals(1 << 30, e.upX(), 4000);
        for (int i = 0; i < 3000; i++) {
            e.update(0, 0, 0, 0, 0, 0);
        }
        assertTrue(e.upX() > (1 << 30) - 4000, "up holds its last direction in free fall");
        e.reset();
        e.update(0, 0, 0, 0, 0, -2048);
        assertEquals(-(1 << 30), e.upZ(), 4000);
        assertFalse(e.atRest());
    }

    @Test
    void rejectsUnsupportedRatesAndScales() {
        assertThrows(IllegalArgumentException.class, () -> new TiltEstimator(TiltParams.DEFAULTS, SCALE, 24));
        assertThrows(IllegalArgumentException.class, () -> new TiltEstimator(TiltParams.DEFAULTS, SCALE, 1001));
        assertThrows(IllegalArgumentException.class, () -> new TiltEstimator(TiltParams.DEFAULTS, new ImuScale(1024, 16.4), 100));
        assertThrows(IllegalArgumentException.class, () -> new TiltEstimator(TiltParams.DEFAULTS, new ImuScale(2048, 4), 100));
        assertThrows(IllegalArgumentException.class, () -> new TiltEstimator(TiltParams.DEFAULTS.withTauAccS(0.05), SCALE, 25));
        assertThrows(IllegalArgumentException.class,
                () -> new TiltEstimator(TiltParams.DEFAULTS.withTauAccS(0.1).withDriftTimeS(0.1), SCALE, 25));
        assertThrows(IllegalArgumentException.class, () -> TiltParams.DEFAULTS.withTauAccS(0));
        assertThrows(IllegalArgumentException.class, () -> TiltParams.DEFAULTS.withDriftTimeS(1));
        assertThrows(IllegalArgumentException.class, () -> TiltParams.DEFAULTS.withShockLimitMs2(100));
        assertThrows(IllegalArgumentException.class, () -> TiltParams.DEFAULTS.withOutputLeadS(0.1));
        assertDoesNotThrow(() -> new TiltEstimator(TiltParams.DEFAULTS.withDriftTimeS(0), ImuScale.mpu6050(2, 250), 25));
    }

    @Test
    void allocatesNothingPerSample() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        TiltEstimator e = new TiltEstimator(TiltParams.DEFAULTS, SCALE, 285.714);
        SyntheticMotion m = new SyntheticMotion(285.714, 20, SyntheticMotion.axisAngle(30, 1, 0, 0), WANDER, NO_BIAS, 1);
        TiltRuns.Counts c = m.counts(SCALE);
        run(e, c); // warm up (interpreter and JIT)
        run(e, c);
        long tid = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(tid);
        long sum = run(e, c) + run(e, c);
        long allocated = threads.getThreadAllocatedBytes(tid) - before;
        assertTrue(allocated < 256, allocated + " bytes over " + 2 * c.size() + " samples (" + sum + ")");
    }

    private static long run(TiltEstimator e, TiltRuns.Counts c) {
        long sum = 0;
        for (int i = 0; i < c.size(); i++) {
            e.update(c.gx()[i], c.gy()[i], c.gz()[i], c.ax()[i], c.ay()[i], c.az()[i]);
            sum += e.upZ();
        }
        return sum;
    }
}
