package dev.posture.hardware.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Taking the clip off and putting it back at another angle. */
class ReclipTest {
    private final Scenario scenario = Scenarios.named("reclip");

    @Test
    void theMountChangesByTheScriptedRotation() {
        List<Mount> mounts = scenario.mounts();
        assertEquals(List.of(Mount.UPRIGHT, Mount.ROTATED_90_ABOUT_FORWARD), mounts);
        TimeWindow off = scenario.offBodyWindows().get(0);
        assertEquals(Mount.UPRIGHT, scenario.mountAt(off.startS() - 1));
        assertEquals(Mount.ROTATED_90_ABOUT_FORWARD, scenario.mountAt(off.endS() + 1));
        assertEquals(90, mounts.get(0).angleToDeg(mounts.get(1)), 1e-9);
    }

    /** The neutral up vector seen by the sensor turns by 90 deg; the wearer's posture does not. */
    @Test
    void theSensorFrameUpVectorMovesButTheForwardAngleDoesNot() {
        List<Scenario.Calibration> cal = scenario.calibrations();
        assertEquals(2, cal.size());
        double[] before = meanUp(cal.get(0).neutral());
        double[] after = meanUp(cal.get(1).neutral());
        double angle = Math.toDegrees(Math.acos(before[0] * after[0] + before[1] * after[1] + before[2] * after[2]));
        assertEquals(90, angle, 1.0);
        // Before: sensor z is up. After (sensor x points down the back), up is along -x.
        assertEquals(1, before[2], 0.01);
        assertEquals(-1, after[0], 0.01);

        WearerSimulator sim = scenario.newSimulator();
        SimRow row = new SimRow();
        TimeWindow off = scenario.offBodyWindows().get(0);
        double lo = Double.MAX_VALUE;
        double hi = -Double.MAX_VALUE;
        for (double t = off.startS(); t <= off.endS(); t += 0.01) {
            sim.evaluate(t, row);
            lo = Math.min(lo, row.forwardDeg());
            hi = Math.max(hi, row.forwardDeg());
        }
        // Seated at the desk (about 5 deg) with glances at the keyboard (up to 3 deg more).
        assertTrue(lo > 3 && hi < 10, "the wearer stays seated while re-clipping: forward " + lo + ".." + hi);
    }

    @Test
    void offBodyRowsAreLabelledAndGated() {
        WearerSimulator sim = scenario.newSimulator();
        SimRow row = new SimRow();
        TimeWindow off = scenario.offBodyWindows().get(0);
        double peakRate = 0;
        for (double t = off.startS() + 0.01; t < off.endS(); t += 0.01) {
            sim.evaluate(t, row);
            assertFalse(row.onBody(), "t=" + t);
            assertFalse(row.gateOpen(), "t=" + t);
            assertEquals(SegmentKind.RECLIP, row.segment());
            peakRate = Math.max(peakRate, Math.sqrt(row.gyr(0) * row.gyr(0) + row.gyr(1) * row.gyr(1)
                    + row.gyr(2) * row.gyr(2)));
        }
        assertTrue(Math.toDegrees(peakRate) > 40, "turning the clip in the hand: " + Math.toDegrees(peakRate));
        sim.evaluate(off.endS() + 0.01, row);
        assertTrue(row.onBody());
        sim.evaluate(off.startS() - 0.01, row);
        assertTrue(row.onBody());
    }

    /** The second calibration teaches the new forward direction: the drift after it is measurable. */
    @Test
    void theDriftAfterTheRecalibrationCues() {
        List<TimeWindow> cues = scenario.expectedCues();
        assertEquals(1, cues.size());
        assertTrue(cues.get(0).startS() > scenario.calibrations().get(1).lean().endS());
    }

    private double[] meanUp(TimeWindow w) {
        WearerSimulator sim = scenario.newSimulator();
        SimRow row = new SimRow();
        double[] sum = new double[3];
        for (double t = w.startS(); t <= w.endS(); t += 0.01) {
            sim.evaluate(t, row);
            for (int i = 0; i < 3; i++) {
                sum[i] += row.up(i);
            }
        }
        double n = Math.sqrt(sum[0] * sum[0] + sum[1] * sum[1] + sum[2] * sum[2]);
        return new double[] {sum[0] / n, sum[1] / n, sum[2] / n};
    }
}
