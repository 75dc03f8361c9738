package dev.posture.device.pipeline.calibration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posture.device.pipeline.gate.SimFeed;
import dev.posture.hardware.sim.Mount;
import dev.posture.hardware.sim.Scenario;
import dev.posture.hardware.sim.Scenarios;
import dev.posture.hardware.sim.Segment;
import dev.posture.hardware.sim.TimeWindow;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Neutral and lean calibration: what is accepted, what is rejected and how the rejection reads. */
class CalibrationTest {
    /** The scenario's own calibration plus extra windows; returns the events with their reports. */
    private static List<String> events(Scenario s, List<long[]> extra, int[] neutralAfter) {
        List<long[]> req = new ArrayList<>(GeometryRun.requests(s));
        req.addAll(extra);
        req.sort((a, b) -> Long.compare(a[0], b[0]));
        List<String> out = new ArrayList<>();
        GeometryStage stage = GeometryRun.run(s, 100, false, req, (row, o, st) -> {
            if (o.calibrationEvent != CalibrationStatus.NONE) {
                out.add(String.format(java.util.Locale.ROOT, "%.2f %s: %s", row.tS(), o.calibrationEvent,
                        st.report().message()));
            }
        });
        if (neutralAfter != null) {
            stage.frame().neutral(neutralAfter);
        }
        return out;
    }

    private static long us(double s) {
        return Math.round(s * 1e6);
    }

    @Test
    void walkingDuringTheNeutralWindowIsRejectedAndTheOldCalibrationStays() {
        Scenario s = Scenarios.named("walking");
        int[] before = new int[3];
        events(s, List.of(), before);
        int[] after = new int[3];
        List<String> ev = events(s, List.<long[]>of(new long[] {us(40), us(8), 0}), after);
        assertEquals(List.of(
                "11.75 NEUTRAL_SET: neutral calibration set (up direction held within 1.16 deg)",
                "17.25 LEAN_SET: forward direction taught by a 25.04 deg lean",
                "48.00 REJECTED_ACCELERATION: calibration rejected: the acceleration changed by 0.738 g (limit 0.150 g);"
                        + " stand still"), ev);
        assertArrayEquals(before, after);
    }

    @Test
    void bendingDuringTheNeutralWindowIsRejectedAsRotation() {
        Scenario s = Scenarios.named("bending");
        List<String> ev = events(s, List.<long[]>of(new long[] {us(29), us(7), 0}), null);
        assertEquals("36.00 REJECTED_ROTATION: calibration rejected: the sensor turned, its z axis rate spanned 274.63"
                + " deg/s (limit 20.00 deg/s); hold still", ev.get(2));
    }

    @Test
    void aSlowDriftOfTheUpDirectionIsRejectedAsTilt() {
        // A lean window that catches the start of a bend: slow enough for the gyro limit at first,
        // but the up direction moves far.
        Scenario s = Scenarios.named("bending");
        List<String> ev = events(s, List.<long[]>of(new long[] {us(41), us(3), 1}), null);
        assertEquals("44.00 REJECTED_TILT: calibration rejected: the up direction moved by 53.45 deg (limit 5.00 deg);"
                + " hold the posture", ev.get(2));
    }

    @Test
    void tooShortAWindowIsRejected() {
        Scenario s = Scenarios.named("standing");
        List<String> ev = events(s, List.<long[]>of(new long[] {us(40), us(0.5), 0}), null);
        assertEquals("40.50 REJECTED_TOO_SHORT: calibration rejected: the window lasted 0.500 s (at least 1.000 s"
                + " needed)", ev.get(2));
    }

    @Test
    void aSensorFaultDuringTheWindowRejectsIt() {
        GeometryStage stage = new GeometryStage(GeometryParams.DEFAULTS, 100, 2048, 164);
        GeometryOutput out = new GeometryOutput();
        int[] up = {0, 0, AngleMath.ONE};
        short[] raw = {0, 0, 2048, 0, 0, 0};
        stage.requestNeutral(0, 2_000_000);
        for (int i = 0; i <= 200; i++) {
            stage.step(i * 10_000L, up, raw, i != 50, out);
        }
        assertEquals(CalibrationStatus.REJECTED_SENSOR_FAULT, out.calibrationEvent);
        assertEquals("calibration rejected: the sensor reported a fault during the window (1 samples)",
                stage.report().message());
        assertFalse(out.calibrated);
        assertFalse(out.calibrationEvent.accepted());
    }

    @Test
    void leanChecks() {
        Scenario s = Scenarios.named("bending");
        TimeWindow bendHold = s.steadyWindows().get(4); // bend 80 deg, held still
        List<long[]> leanFirst = List.<long[]>of(new long[] {us(1), us(1), 1});
        List<String> ev = events(s, leanFirst, null);
        assertEquals("2.00 REJECTED_NO_NEUTRAL: lean calibration rejected: calibrate the neutral posture first",
                ev.get(0));
        ev = events(s, List.<long[]>of(new long[] {us(36.5), us(4), 1}), null); // standing still
        assertEquals("40.50 REJECTED_LEAN_TOO_SMALL: lean calibration rejected: the lean was 0.07 deg (at least 8.00"
                + " deg needed); lean further forward from the hips", ev.get(2));
        ev = events(s, List.<long[]>of(new long[] {us(bendHold.startS()), us(bendHold.durationS()), 1}), null);
        assertTrue(ev.get(2).startsWith("32.40 REJECTED_LEAN_TOO_LARGE: lean calibration rejected: the lean was 8"),
                ev.get(2));
    }

    @Test
    void aSidewaysLeanIsRejectedOnceWalkingHasShownWhereForwardIs() {
        Scenario s = Scenario.builder("lean-sideways", 5).mount(Mount.random(77))
                .then(new Segment.Standing(12))
                .then(new Segment.Walk(75, 1.9, 1.3, 0), new Segment.Standing(5), new Segment.LeanSideways(12, 20),
                        new Segment.Standing(4), new Segment.LeanForward(8, 25), new Segment.Standing(4))
                .build();
        TimeWindow neutral = s.steadyWindows().get(0);
        TimeWindow side = s.steadyWindows().get(3);
        TimeWindow lean = s.steadyWindows().get(5);
        List<long[]> req = List.of(new long[] {us(neutral.startS()), us(neutral.durationS()), 0},
                new long[] {us(side.startS()), us(side.durationS()), 1},
                new long[] {us(lean.startS()), us(lean.durationS()), 1});
        List<String> ev = new ArrayList<>();
        double[] worst = new double[1];
        GeometryRun.run(s, 100, true, req, (row, o, st) -> {
            if (o.calibrationEvent != CalibrationStatus.NONE) {
                ev.add(o.calibrationEvent + " " + st.report().measured() / 100);
            }
            if (row.tS() > lean.endS() + 0.1) {
                worst[0] = Math.max(worst[0], Math.abs(o.forwardCentiDeg / 100.0 - row.forwardDeg()));
            }
        });
        // The sideways lean points about 90 deg from the walking direction; the forward lean is accepted.
        assertEquals(3, ev.size(), ev.toString());
        assertEquals("NEUTRAL_SET", ev.get(0).split(" ")[0]);
        assertTrue(ev.get(1).startsWith("REJECTED_LEAN_SIDEWAYS 8") || ev.get(1).startsWith("REJECTED_LEAN_SIDEWAYS 9"),
                ev.toString());
        assertEquals("LEAN_SET 25", ev.get(2));
        assertTrue(worst[0] < 0.5, "worst " + worst[0]);
    }

    @Test
    void cancellingOrReplacingAPendingWindowReportsIt() {
        GeometryStage stage = new GeometryStage(GeometryParams.DEFAULTS, 100, 2048, 164);
        GeometryOutput out = new GeometryOutput();
        int[] up = {0, 0, AngleMath.ONE};
        short[] raw = {0, 0, 2048, 0, 0, 0};
        stage.requestNeutral(0, 5_000_000);
        stage.step(0, up, raw, true, out);
        assertTrue(stage.calibrating());
        stage.cancelCalibration();
        stage.step(10_000, up, raw, true, out);
        assertEquals(CalibrationStatus.CANCELLED, out.calibrationEvent);
        assertFalse(stage.calibrating());
        stage.requestNeutral(20_000, 5_000_000);
        stage.requestNeutral(30_000, 1_000_000); // replaces the first
        stage.step(30_000, up, raw, true, out);
        assertEquals(CalibrationStatus.CANCELLED, out.calibrationEvent);
        long t = 30_000;
        while (out.calibrationEvent != CalibrationStatus.NEUTRAL_SET) {
            t += 10_000;
            stage.step(t, up, raw, true, out);
        }
        assertEquals(1_030_000, t);
        assertThrows(IllegalArgumentException.class, () -> stage.requestLean(0, -1));
    }

    @Test
    void aRestoredCalibrationMeasuresLikeTheOriginal() {
        Scenario s = Scenarios.named("drift", 3);
        int[] n = new int[3];
        int[] f = new int[3];
        GeometryStage taught = GeometryRun.run(s, 100, false, GeometryRun.requests(s), (row, o, st) -> { });
        taught.frame().neutral(n);
        taught.frame().forward(f);
        GeometryStage restored = new GeometryStage(GeometryParams.DEFAULTS, 100, 2048, 164);
        restored.restore(n, f);
        GeometryOutput a = new GeometryOutput();
        GeometryOutput b = new GeometryOutput();
        SimFeed feed = new SimFeed(s, 100);
        while (feed.next()) {
            if (feed.row().tS() < 20) {
                continue;
            }
            taught.step(feed.tUs, feed.up, feed.raw, true, a);
            restored.step(feed.tUs, feed.up, feed.raw, true, b);
            // restore() re-normalises the forward axis: a last-bit change can flip a rounding by 0.01 deg.
            assertEquals(a.forwardCentiDeg, b.forwardCentiDeg, 1);
            assertEquals(a.sidewaysCentiDeg, b.sidewaysCentiDeg, 1);
            assertEquals(a.tiltCentiDeg, b.tiltCentiDeg, 1);
        }
        assertTrue(b.calibrated && b.forwardKnown);
        assertThrows(IllegalArgumentException.class, () -> restored.restore(new int[3], null));
    }

    @Test
    void theMessageCanBeBuiltFromPrimitivesElsewhere() {
        assertEquals("calibration rejected: the sensor turned, its y axis rate spanned 31.25 deg/s (limit 20.00 deg/s);"
                + " hold still", CalibrationReport.describe(CalibrationStatus.REJECTED_ROTATION, 3125, 2000, 1));
        assertEquals("no calibration yet", new CalibrationReport().message());
    }

    @Test
    void paramsAreCheckedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new GeometryParams.Lean(8, 95, 45, 15));
        assertEquals("maxDeg must be above minDeg and below 90, got 95.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new GeometryParams.Window(0, 0.15, 5, 1));
        assertEquals("maxGyroRangeDps must be a positive number, got 0.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new GeometryParams.Relearn(60, 3, 0.8, 10, 1000));
        assertEquals("memoryS must be at least twice walkS and at most 64 blocks, got 1000.0", e.getMessage());
    }
}
