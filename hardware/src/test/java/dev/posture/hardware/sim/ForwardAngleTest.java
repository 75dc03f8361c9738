package dev.posture.hardware.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The forward-angle ground truth is the geometry a firmware can see in the sensor frame. */
class ForwardAngleTest {
    /**
     * Recomputed from the sensor's up vector and the mount alone: the up vector expressed in the
     * upper-back frame (mount applied), projected on the sagittal plane, matches the truth column.
     */
    @Test
    void truthIsTheUpVectorTiltInTheSagittalPlaneOfTheUpperBack() {
        for (String name : new String[] {"desk-day", "lying", "drift", "bus"}) {
            Scenario scenario = Scenarios.named(name);
            WearerSimulator sim = scenario.newSimulator();
            SimRow row = new SimRow();
            for (double t = 0; t < scenario.durationS(); t += 0.25) {
                sim.evaluate(t, row);
                if (!row.onBody() || inReclip(scenario, t)) {
                    continue;
                }
                double[] mount = Quaternions.of(scenario.mountAt(t));
                double[] upBack = Quaternions.rotate(mount, new double[] {row.up(0), row.up(1), row.up(2)});
                double expected = Math.toDegrees(Math.atan2(-upBack[1], upBack[2]));
                if (Math.abs(upBack[1]) + Math.abs(upBack[2]) > 0.2) { // not lying on the side
                    assertEquals(expected, row.forwardDeg(), 1e-6, name + " at " + t);
                }
            }
        }
    }

    /**
     * What a firmware does with the calibration windows (neutral up, then the lean to learn which
     * way is forward) recovers the true forward angle within 1 deg on the drift plateaus, whatever
     * the mount (this scenario's is random).
     */
    @Test
    void calibrationWindowsTeachTheForwardDirectionInTheSensorFrame() {
        Scenario scenario = Scenarios.named("drift", 11);
        WearerSimulator sim = scenario.newSimulator();
        double[] neutral = meanUp(sim, scenario.neutralWindow());
        double[] lean = meanUp(sim, scenario.leanWindow());
        double dot = dot(lean, neutral);
        double[] back = normalize(new double[] {lean[0] - dot * neutral[0], lean[1] - dot * neutral[1],
            lean[2] - dot * neutral[2]});
        SimRow row = new SimRow();
        int checked = 0;
        for (int i = 0; i < scenario.spans().size(); i++) {
            if (scenario.spans().get(i).kind() != SegmentKind.FORWARD_DRIFT) {
                continue;
            }
            TimeWindow plateau = scenario.steadyWindows().get(i);
            for (double t = plateau.startS(); t <= plateau.endS(); t += 0.5) {
                sim.evaluate(t, row);
                double[] up = {row.up(0), row.up(1), row.up(2)};
                double estimate = Math.toDegrees(Math.atan2(dot(up, back), dot(up, neutral)));
                assertEquals(row.forwardDeg(), estimate, 1.0, "t=" + t);
                checked++;
            }
        }
        assertTrue(checked > 100);
    }

    @Test
    void leanAndDriftReachTheirScriptedAngles() {
        Scenario scenario = Scenarios.named("drift");
        WearerSimulator sim = scenario.newSimulator();
        SimRow row = new SimRow();
        assertEquals(25, meanForward(sim, row, scenario.leanWindow()), 0.5);
        assertEquals(0, meanForward(sim, row, scenario.neutralWindow()), 0.5);
        double[] peaks = {22, 10, 20};
        int drift = 0;
        for (int i = 0; i < scenario.spans().size(); i++) {
            if (scenario.spans().get(i).kind() == SegmentKind.FORWARD_DRIFT) {
                assertEquals(peaks[drift++], meanForward(sim, row, scenario.steadyWindows().get(i)), 0.5);
            }
        }
        assertEquals(3, drift);
    }

    /** Turning to a monitor or leaning sideways barely changes the forward angle; bending a lot. */
    @Test
    void yawAndRollAreNotForward() {
        Scenario monitor = Scenarios.named("second-monitor");
        WearerSimulator sim = monitor.newSimulator();
        SimRow row = new SimRow();
        double typing = meanForward(sim, row, monitor.steadyWindows().get(3));
        assertEquals(5, typing, 1.0); // seated typing: 4 deg lean + 1 deg slouch
        assertEquals(typing + 3, meanForward(sim, row, monitor.steadyWindows().get(4)), 1.0); // 45 deg, 3 deg lean
        assertEquals(typing + 5, meanForward(sim, row, monitor.steadyWindows().get(6)), 1.0); // -60 deg, 5 deg

        Scenario sideways = Scenarios.named("sideways");
        sim = sideways.newSimulator();
        assertEquals(2, meanForward(sim, row, sideways.steadyWindows().get(3)), 1.0); // 20 deg right + 2 deg
        assertEquals(2, meanForward(sim, row, sideways.steadyWindows().get(5)), 1.0); // 25 deg left + 2 deg

        Scenario bending = Scenarios.named("bending");
        sim = bending.newSimulator();
        assertEquals(80 + 8, meanForward(sim, row, bending.steadyWindows().get(4)), 1.0); // hips + rounded back
    }

    @Test
    void lyingOnTheBackIsMinusEightyDegrees() {
        Scenario lying = Scenarios.named("lying");
        WearerSimulator sim = lying.newSimulator();
        SimRow row = new SimRow();
        assertEquals(-80, meanForward(sim, row, lying.steadyWindows().get(3)), 1.0);
    }

    private static boolean inReclip(Scenario scenario, double t) {
        Plan plan = scenario.plan();
        for (int i = 0; i < plan.reclipStart.length; i++) {
            if (t >= plan.reclipStart[i] && t <= plan.reclipStart[i] + plan.reclipDuration[i]) {
                return true;
            }
        }
        return false;
    }

    private static double meanForward(WearerSimulator sim, SimRow row, TimeWindow w) {
        double sum = 0;
        int n = 0;
        for (double t = w.startS(); t <= w.endS(); t += 0.05) {
            sim.evaluate(t, row);
            sum += row.forwardDeg();
            n++;
        }
        return sum / n;
    }

    private static double[] meanUp(WearerSimulator sim, TimeWindow w) {
        SimRow row = new SimRow();
        double[] sum = new double[3];
        for (double t = w.startS(); t <= w.endS(); t += 0.01) {
            sim.evaluate(t, row);
            for (int i = 0; i < 3; i++) {
                sum[i] += row.up(i);
            }
        }
        return normalize(sum);
    }

    private static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    private static double[] normalize(double[] v) {
        double n = Math.sqrt(dot(v, v));
        return new double[] {v[0] / n, v[1] / n, v[2] / n};
    }
}
