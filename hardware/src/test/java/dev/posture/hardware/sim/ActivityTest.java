package dev.posture.hardware.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Each activity has the signature the firmware's gates will look for. */
class ActivityTest {
    private static final double RATE_HZ = 100;
    private static final double G = 9.80665;

    @Test
    void walkingBouncesAtTheStepFrequencyAndSwaysAtTheStride() {
        Scenario walking = Scenarios.named("walking");
        TimeWindow steady = steadyOf(walking, SegmentKind.WALKING);
        assertTrue(steady.durationS() > 40, "steady walking " + steady);
        double[] vertical = series(walking, steady, Signal.VERTICAL_FORCE);
        assertEquals(1.9, peakHz(vertical, 0.5, 5), 0.02);
        double[] yawRate = series(walking, steady, Signal.YAW_RATE);
        assertEquals(0.95, peakHz(yawRate, 0.3, 5), 0.02); // trunk rotation once per stride
    }

    @Test
    void joggingBouncesFasterAndHarder() {
        Scenario jogging = Scenarios.named("jogging");
        TimeWindow steady = steadyOf(jogging, SegmentKind.JOGGING);
        double[] vertical = series(jogging, steady, Signal.VERTICAL_FORCE);
        assertEquals(2.7, peakHz(vertical, 0.5, 6), 0.02);
        double jogPeak = maxAbsDeviation(vertical, G);
        double walkPeak = maxAbsDeviation(series(Scenarios.named("walking"),
                steadyOf(Scenarios.named("walking"), SegmentKind.WALKING), Signal.VERTICAL_FORCE), G);
        assertTrue(jogPeak > 10 && jogPeak < 25, "jogging vertical peak " + jogPeak);
        assertTrue(walkPeak > 2 && walkPeak < 6, "walking vertical peak " + walkPeak);
    }

    @Test
    void walkingCoversGroundAtItsSpeedAndTurnsByItsAngle() {
        Scenario walking = Scenarios.named("walking");
        TimeWindow steady = steadyOf(walking, SegmentKind.WALKING);
        WearerSimulator sim = walking.newSimulator();
        SimRow row = new SimRow();
        // Average velocity over whole strides before and after the turn in the middle.
        double stride = 2 / 1.9;
        double[] v0 = meanVelocity(sim, row, steady.startS(), steady.startS() + 8 * stride);
        double[] v1 = meanVelocity(sim, row, steady.endS() - 8 * stride, steady.endS());
        assertEquals(1.3, Math.hypot(v0[0], v0[1]), 0.03);
        assertEquals(1.3, Math.hypot(v1[0], v1[1]), 0.03);
        double turn = Math.toDegrees(Math.atan2(v0[0] * v1[1] - v0[1] * v1[0], v0[0] * v1[0] + v0[1] * v1[1]));
        assertEquals(90, turn, 2);
    }

    @Test
    void busBrakesAndAcceleratesAtOneToTwoMetresPerSecondSquaredAndVibratesAtFiveToTwentyHertz() {
        Scenario bus = Scenarios.named("bus");
        TimeWindow ride = steadyOf(bus, SegmentKind.BUS);
        // Horizontal world acceleration, averaged over 1 s to remove vibration and sway.
        double[] ax = series(bus, ride, Signal.WORLD_ACC_X);
        double[] ay = series(bus, ride, Signal.WORLD_ACC_Y);
        double[] sx = movingAverage(ax, (int) RATE_HZ);
        double[] sy = movingAverage(ay, (int) RATE_HZ);
        double peak = 0;
        for (int i = 0; i < sx.length; i++) {
            peak = Math.max(peak, Math.hypot(sx[i], sy[i]));
        }
        assertTrue(peak > 1.0 && peak < 2.5, "peak smoothed horizontal acceleration " + peak);
        // Vertical vibration: what the 1 s average leaves out, RMS about 0.45 m/s^2, in the 5-20 Hz band.
        double[] az = series(bus, ride, Signal.WORLD_ACC_Z);
        double[] sz = movingAverage(az, (int) RATE_HZ);
        double sumSq = 0;
        for (int i = 0; i < az.length; i++) {
            sumSq += (az[i] - sz[i]) * (az[i] - sz[i]);
        }
        double rms = Math.sqrt(sumSq / az.length);
        assertTrue(rms > 0.3 && rms < 0.6, "vertical vibration RMS " + rms);
        double inBand = bandPower(az, 5, 20);
        double below = bandPower(az, 0.5, 4.5);
        double above = bandPower(az, 21, 45);
        assertTrue(inBand > 10 * below && inBand > 10 * above,
                "band powers: 0.5-4.5 Hz " + below + ", 5-20 Hz " + inBand + ", 21-45 Hz " + above);
    }

    @Test
    void busRouteStopsAndTurns() {
        Scenario bus = Scenarios.named("bus");
        Track speed = bus.plan().channels[Channel.SPEED.ordinal()];
        Track heading = bus.plan().channels[Channel.HEADING.ordinal()];
        assertTrue(speed.moveCount() >= 4, "at least two stop-to-stop legs");
        assertEquals(0, speed.finalValue(), 1e-9);
        double[] v = new double[3];
        double peak = 0;
        for (double t = 0; t < bus.durationS(); t += 0.05) {
            speed.eval(t, v, 0);
            peak = Math.max(peak, Math.abs(v[1]));
        }
        assertTrue(peak >= 1.2 && peak <= 1.9, "longitudinal acceleration peak " + peak);
        assertTrue(heading.moveCount() >= 1, "the route has a turn");
    }

    @Test
    void bendingIsLargeAndShort() {
        Scenario bending = Scenarios.named("bending");
        WearerSimulator sim = bending.newSimulator();
        SimRow row = new SimRow();
        for (Scenario.Span span : bending.spans()) {
            if (span.kind() != SegmentKind.BENDING) {
                continue;
            }
            double above45 = 0;
            double max = 0;
            for (double t = span.startS(); t < span.endS(); t += 0.01) {
                sim.evaluate(t, row);
                max = Math.max(max, row.forwardDeg());
                if (row.forwardDeg() > 45) {
                    above45 += 0.01;
                }
            }
            assertTrue(max > 60, "bend reaches " + max);
            assertTrue(above45 < 5, "bend stays beyond 45 deg for " + above45 + " s");
        }
    }

    enum Signal { VERTICAL_FORCE, YAW_RATE, WORLD_ACC_X, WORLD_ACC_Y, WORLD_ACC_Z }

    /** A signal sampled at 100 Hz over a window. */
    static double[] series(Scenario scenario, TimeWindow window, Signal signal) {
        WearerSimulator sim = scenario.newSimulator();
        SimRow row = new SimRow();
        int n = (int) (window.durationS() * RATE_HZ);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            sim.evaluate(window.startS() + i / RATE_HZ, row);
            double[] up = {row.up(0), row.up(1), row.up(2)};
            switch (signal) {
                case VERTICAL_FORCE -> out[i] = row.acc(0) * up[0] + row.acc(1) * up[1] + row.acc(2) * up[2];
                case YAW_RATE -> out[i] = row.gyr(0) * up[0] + row.gyr(1) * up[1] + row.gyr(2) * up[2];
                default -> {
                    double[] world = Quaternions.rotate(KinematicsPhysicsTest.quat(row),
                            new double[] {row.acc(0), row.acc(1), row.acc(2)});
                    world[2] -= G; // a = R f + g
                    out[i] = world[signal.ordinal() - Signal.WORLD_ACC_X.ordinal()];
                }
            }
        }
        return out;
    }

    /** Frequency (Hz) of the largest DFT magnitude between lo and hi, in 0.005 Hz steps. */
    static double peakHz(double[] x, double lo, double hi) {
        double best = 0;
        double bestHz = Double.NaN;
        double mean = mean(x);
        for (double f = lo; f <= hi; f += 0.005) {
            double p = power(x, mean, f);
            if (p > best) {
                best = p;
                bestHz = f;
            }
        }
        return bestHz;
    }

    private static double bandPower(double[] x, double lo, double hi) {
        double mean = mean(x);
        double sum = 0;
        double df = RATE_HZ / x.length;
        for (double f = lo; f <= hi; f += df) {
            sum += power(x, mean, f);
        }
        return sum;
    }

    /** |DFT|^2 of the de-meaned signal at {@code hz} (Goertzel recurrence: one multiply-add per sample). */
    private static double power(double[] x, double mean, double hz) {
        double coeff = 2 * Math.cos(2 * Math.PI * hz / RATE_HZ);
        double s1 = 0;
        double s2 = 0;
        for (double v : x) {
            double s0 = v - mean + coeff * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        return s1 * s1 + s2 * s2 - coeff * s1 * s2;
    }

    private static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    private static double maxAbsDeviation(double[] x, double center) {
        double m = 0;
        for (double v : x) {
            m = Math.max(m, Math.abs(v - center));
        }
        return m;
    }

    private static double[] movingAverage(double[] x, int n) {
        double[] out = new double[x.length];
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            sum += x[i];
            if (i >= n) {
                sum -= x[i - n];
            }
            out[i] = sum / Math.min(i + 1, n);
        }
        // Centre the window so the average lines up with the signal.
        double[] centred = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            centred[i] = out[Math.min(x.length - 1, i + n / 2)];
        }
        return centred;
    }

    private static double[] meanVelocity(WearerSimulator sim, SimRow row, double t0, double t1) {
        sim.evaluate(t0, row);
        double x0 = row.pos(0);
        double y0 = row.pos(1);
        sim.evaluate(t1, row);
        return new double[] {(row.pos(0) - x0) / (t1 - t0), (row.pos(1) - y0) / (t1 - t0)};
    }

    static TimeWindow steadyOf(Scenario scenario, SegmentKind kind) {
        for (Scenario.Span span : scenario.spans()) {
            if (span.kind() == kind) {
                return scenario.steadyWindows().get(span.index());
            }
        }
        throw new AssertionError(scenario.name() + " has no " + kind);
    }
}
