package dev.posture.hardware.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The simulator obeys rigid-body kinematics: rate integrates to the orientation, force is R^T(a - g). */
class KinematicsPhysicsTest {
    private static final double G = 9.80665;

    static Stream<String> scenarioNames() {
        return Scenarios.names().stream();
    }

    /**
     * RK4 on the quaternion kinematics with the simulator's own rate at 200 Hz over the whole
     * scenario stays within 0.01 deg of the ground-truth orientation (desk-day: about 18 minutes,
     * re-clip and bus included). Any inconsistency between rate and orientation (a wrong sign, a
     * missing frame change) shows up as degrees within seconds.
     */
    @ParameterizedTest
    @MethodSource("scenarioNames")
    void integratingTheRateReproducesTheOrientation(String name) {
        Scenario scenario = Scenarios.named(name);
        WearerSimulator sim = scenario.newSimulator();
        SimRow row = new SimRow();
        double h = 0.005;
        long steps = (long) (scenario.durationS() / h);
        sim.evaluate(0, row);
        double[] q = quat(row);
        double[] w0 = gyr(row);
        double worst = 0;
        double worstAt = 0;
        double at60 = Double.NaN;
        for (long i = 0; i < steps; i++) {
            double t = i * h;
            sim.evaluate(t + h / 2, row);
            double[] wMid = gyr(row);
            sim.evaluate(t + h, row);
            double[] w1 = gyr(row);
            q = Quaternions.rk4(q, h, w0, wMid, w1);
            w0 = w1;
            double err = Quaternions.angleDeg(q, quat(row));
            if (err > worst) {
                worst = err;
                worstAt = t + h;
            }
            if (i + 1 == Math.round(60 / h)) {
                at60 = err;
            }
        }
        assertTrue(at60 < 0.001, name + ": error after 60 s " + at60 + " deg");
        assertTrue(worst < 0.01, name + ": worst orientation error " + worst + " deg at " + worstAt + " s");
    }

    /**
     * The specific force equals R^T (a - g) with a the central second difference of the reported
     * position (h = 1 ms): the accelerometer signal is the motion the position describes.
     */
    @ParameterizedTest
    @MethodSource("scenarioNames")
    void specificForceIsTheSecondDerivativeOfPositionMinusGravity(String name) {
        Scenario scenario = Scenarios.named(name);
        WearerSimulator sim = scenario.newSimulator();
        SimRow row = new SimRow();
        SplittableRandom rng = new SplittableRandom(name.hashCode());
        double h = 1e-3;
        double worst = 0;
        for (int n = 0; n < 3000; n++) {
            double t = rng.nextDouble(0.01, scenario.durationS() - 0.01);
            sim.evaluate(t - h, row);
            double[] before = pos(row);
            sim.evaluate(t + h, row);
            double[] after = pos(row);
            sim.evaluate(t, row);
            double[] mid = pos(row);
            double[] a = new double[3];
            for (int i = 0; i < 3; i++) {
                a[i] = (after[i] - 2 * mid[i] + before[i]) / (h * h);
            }
            a[2] += G;
            double[] expected = Quaternions.rotate(Quaternions.conjugate(quat(row)), a); // R^T (a - g)
            for (int i = 0; i < 3; i++) {
                worst = Math.max(worst, Math.abs(expected[i] - row.acc(i)));
            }
        }
        assertTrue(worst < 0.02, name + ": worst |f - R^T(a_fd - g)| " + worst + " m/s^2");
    }

    /** The orientation's time derivative matches the rate: q* dq/dt = (0, w/2), by central differences. */
    @Test
    void rateMatchesTheDerivativeOfTheOrientationPointwise() {
        Scenario scenario = Scenarios.named("desk-day");
        WearerSimulator sim = scenario.newSimulator();
        SimRow row = new SimRow();
        SplittableRandom rng = new SplittableRandom(3);
        double h = 1e-4;
        for (int n = 0; n < 2000; n++) {
            double t = rng.nextDouble(0.01, scenario.durationS() - 0.01);
            sim.evaluate(t - h, row);
            double[] q0 = quat(row);
            sim.evaluate(t + h, row);
            double[] q1 = quat(row);
            sim.evaluate(t, row);
            double[] q = quat(row);
            if (q0[0] * q1[0] + q0[1] * q1[1] + q0[2] * q1[2] + q0[3] * q1[3] < 0) {
                q1 = new double[] {-q1[0], -q1[1], -q1[2], -q1[3]};
            }
            if (q0[0] * q[0] + q0[1] * q[1] + q0[2] * q[2] + q0[3] * q[3] < 0) {
                q = new double[] {-q[0], -q[1], -q[2], -q[3]};
            }
            double[] dq = new double[4];
            for (int i = 0; i < 4; i++) {
                dq[i] = (q1[i] - q0[i]) / (2 * h);
            }
            double[] half = Quaternions.multiply(Quaternions.conjugate(q), dq);
            for (int i = 0; i < 3; i++) {
                assertEquals(row.gyr(i), 2 * half[i + 1], 1e-4, "t=" + t + " axis " + i);
            }
        }
    }

    /** With micro-motion off, standing or lying still is exact rest: f = g up, w = 0. */
    @Test
    void exactRestGivesOneGAlongUpAndNoRotation() {
        Scenario scenario = Scenario.builder("rest", 5).mount(Mount.random(99)).microMotion(0)
                .then(new Segment.Standing(10), new Segment.Lying(20), new Segment.Sitting(10))
                .build();
        WearerSimulator sim = scenario.newSimulator();
        SimRow row = new SimRow();
        for (double t : new double[] {0, 3, 9.9, 25, 29.9, 40, 100}) {
            sim.evaluate(t, row);
            for (int i = 0; i < 3; i++) {
                assertEquals(G * row.up(i), row.acc(i), 1e-9, "t=" + t);
                assertEquals(0, row.gyr(i), 1e-12, "t=" + t);
            }
        }
        double[] f = new double[3];
        double[] w = new double[3];
        sim.sample(9_000_000_000L, f, w);
        assertEquals(G, Math.sqrt(f[0] * f[0] + f[1] * f[1] + f[2] * f[2]), 1e-9);
    }

    /** Standing tall with sway and breathing is nearly at rest: 1 g within 0.05 m/s^2, slow rates. */
    @Test
    void quietStandingIsNearlyAtRest() {
        Scenario scenario = Scenarios.named("standing");
        WearerSimulator sim = scenario.newSimulator();
        SimRow row = new SimRow();
        TimeWindow last = scenario.steadyWindows().get(scenario.steadyWindows().size() - 1);
        double worstForce = 0;
        double worstAngle = 0;
        double worstRate = 0;
        double sumRateSq = 0;
        int n = 0;
        for (double t = last.startS(); t <= last.endS(); t += 0.01) {
            sim.evaluate(t, row);
            double fx = row.acc(0);
            double fy = row.acc(1);
            double fz = row.acc(2);
            double norm = Math.sqrt(fx * fx + fy * fy + fz * fz);
            worstForce = Math.max(worstForce, Math.abs(norm - G));
            double cos = (fx * row.up(0) + fy * row.up(1) + fz * row.up(2)) / norm;
            worstAngle = Math.max(worstAngle, Math.toDegrees(Math.acos(Math.min(1, cos))));
            double rate = Math.sqrt(row.gyr(0) * row.gyr(0) + row.gyr(1) * row.gyr(1) + row.gyr(2) * row.gyr(2));
            worstRate = Math.max(worstRate, rate);
            sumRateSq += rate * rate;
            n++;
        }
        assertTrue(worstForce < 0.05, "| |f| - g | up to " + worstForce);
        // Sway accelerates the collar by a few hundredths of a g: a fraction of a degree off vertical.
        assertTrue(worstAngle < 1.0, "f off the up vector by up to " + worstAngle + " deg");
        assertTrue(Math.toDegrees(worstRate) < 3, "rate up to " + Math.toDegrees(worstRate) + " deg/s");
        assertTrue(Math.sqrt(sumRateSq / n) > Math.toRadians(0.05), "sway should move the sensor a little");
    }

    /**
     * Transitions are smooth: force and rate are continuous across every place where something
     * starts or stops (segment starts, every move's start and end, gains, re-clips), compared
     * 1 microsecond either side.
     */
    @Test
    void forceAndRateAreContinuousAtEveryBreakpoint() {
        Scenario scenario = Scenarios.named("desk-day");
        Plan plan = scenario.plan();
        java.util.List<Double> breaks = new java.util.ArrayList<>();
        for (Track track : plan.channels) {
            track.appendBreakpoints(breaks);
        }
        for (Track track : plan.gains) {
            track.appendBreakpoints(breaks);
        }
        for (double t : plan.spanStart) {
            breaks.add(t);
        }
        for (int i = 0; i < plan.reclipStart.length; i++) {
            breaks.add(plan.reclipStart[i]);
            breaks.add(plan.reclipStart[i] + plan.reclipDuration[i]);
        }
        assertTrue(breaks.size() > 500, "breakpoints: " + breaks.size());
        WearerSimulator sim = scenario.newSimulator();
        double[] f0 = new double[3];
        double[] w0 = new double[3];
        double[] f1 = new double[3];
        double[] w1 = new double[3];
        double eps = 1e-6;
        for (double b : breaks) {
            long before = Math.round((b - eps) * 1e9);
            long after = Math.round((b + eps) * 1e9);
            sim.sample(before, f0, w0);
            sim.sample(after, f1, w1);
            for (int i = 0; i < 3; i++) {
                // Continuous signals change by at most (jerk ~ 100 m/s^3) * 2 us here; a jump would not.
                assertEquals(f0[i], f1[i], 1e-3, "force jumps at " + b + " s");
                assertEquals(w0[i], w1[i], 1e-4, "rate jumps at " + b + " s");
            }
        }
    }

    static double[] quat(SimRow r) {
        return new double[] {r.quat(0), r.quat(1), r.quat(2), r.quat(3)};
    }

    static double[] gyr(SimRow r) {
        return new double[] {r.gyr(0), r.gyr(1), r.gyr(2)};
    }

    static double[] pos(SimRow r) {
        return new double[] {r.pos(0), r.pos(1), r.pos(2)};
    }
}
