package dev.posture.device.pipeline.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posture.device.pipeline.filter.Allocation;
import dev.posture.hardware.sim.Scenario;
import dev.posture.hardware.sim.Scenarios;
import dev.posture.hardware.sim.SegmentKind;
import dev.posture.hardware.sim.TimeWindow;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The classifier on the wearer simulator (true specific force and rate as MPU-6050 counts at 16 g /
 * 2000 dps, optionally with the chip's noise and bias). Accuracy is the share of samples with an
 * acceptable label in each segment, counted from the segment's start plus a settle time: 2 s, plus
 * the hold time of the activity before it (2 s after a walk or jog, 10 s after a ride), and for
 * walking, jogging and the bus from the simulator's steady window (after standing up or sitting
 * down and speeding up).
 */
class ActivityClassifierTest {
    private static final double REQUIRED = 0.95;

    /** Labels that count as right for a segment kind; null = not scored (transitional or off-body). */
    static Set<Activity> accepted(SegmentKind kind) {
        return switch (kind) {
            case WALKING -> EnumSet.of(Activity.WALKING);
            case JOGGING -> EnumSet.of(Activity.JOGGING);
            case BUS -> EnumSet.of(Activity.VEHICLE);
            case STANDING, SITTING, DESK_TYPING, FORWARD_DRIFT, PHONE, SIDEWAYS, SECOND_MONITOR, LEAN_FORWARD,
                    LYING -> EnumSet.of(Activity.STILL, Activity.LIGHT);
            case REACH, BENDING, RECLIP -> null;
        };
    }

    record SegmentScore(int index, SegmentKind kind, double startS, int samples, int right) {
        double share() {
            return samples == 0 ? 1 : right / (double) samples;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "#%d %s@%.1fs %.1f%% of %d", index, kind, startS, 100 * share(), samples);
        }
    }

    static List<SegmentScore> score(Scenario s, int rate, boolean noisy, long seed) {
        List<Scenario.Span> spans = s.spans();
        List<TimeWindow> steady = s.steadyWindows();
        double[] from = new double[spans.size()];
        for (int i = 0; i < spans.size(); i++) {
            Scenario.Span span = spans.get(i);
            double hold = 0;
            if (i > 0) {
                SegmentKind before = spans.get(i - 1).kind();
                hold = before == SegmentKind.BUS ? ActivityParams.DEFAULTS.vehicleHoldS()
                        : before == SegmentKind.WALKING || before == SegmentKind.JOGGING
                                ? ActivityParams.DEFAULTS.movingHoldS() : 0;
            }
            from[i] = span.startS() + 2 + hold;
            SegmentKind k = span.kind();
            if (k == SegmentKind.WALKING || k == SegmentKind.JOGGING || k == SegmentKind.BUS) {
                from[i] = Math.max(from[i], steady.get(i).startS());
            }
        }
        int[] samples = new int[spans.size()];
        int[] right = new int[spans.size()];
        SimFeed feed = new SimFeed(s, rate, noisy, seed);
        ActivityClassifier cl = new ActivityClassifier(ActivityParams.DEFAULTS, rate, SimFeed.ACCEL_LSB_PER_G,
                SimFeed.GYRO_LSB_PER_DPS_X10);
        while (feed.next()) {
            Activity a = cl.step(feed.tUs, feed.raw);
            int i = feed.row().segmentIndex();
            Set<Activity> ok = accepted(feed.row().segment());
            if (ok != null && feed.row().tS() >= from[i]) {
                samples[i]++;
                if (ok.contains(a)) {
                    right[i]++;
                }
            }
        }
        List<SegmentScore> out = new ArrayList<>();
        for (int i = 0; i < spans.size(); i++) {
            out.add(new SegmentScore(i, spans.get(i).kind(), spans.get(i).startS(), samples[i], right[i]));
        }
        return out;
    }

    private static void assertAccurate(String name, int rate, boolean noisy) {
        List<SegmentScore> scores = score(Scenarios.named(name), rate, noisy, 11);
        SegmentScore worst = scores.stream().min((a, b) -> Double.compare(a.share(), b.share())).orElseThrow();
        System.out.printf(Locale.ROOT, "activity %s at %d Hz%s: worst segment %s%n", name, rate,
                noisy ? " (noise, bias)" : "", worst);
        for (SegmentScore sc : scores) {
            assertTrue(sc.share() >= REQUIRED, name + " at " + rate + " Hz: " + sc + "; all: " + scores);
        }
    }

    @Test
    void walkingIsWalking() {
        assertAccurate("walking", 100, false);
    }

    @Test
    void joggingIsJogging() {
        assertAccurate("jogging", 100, false);
    }

    @Test
    void theBusIsAVehicle() {
        assertAccurate("bus", 100, false);
    }

    @Test
    void theDeskDayIsRightSegmentBySegment() {
        assertAccurate("desk-day", 100, false);
    }

    @Test
    void everyScenarioWithChipNoiseAndBias() {
        for (String name : Scenarios.names()) {
            assertAccurate(name, 100, true);
        }
    }

    @Test
    void lowestAndHighestSampleRates() {
        for (String name : List.of("walking", "jogging", "bus", "desk-day")) {
            assertAccurate(name, 25, true);
            assertAccurate(name, 1000, true);
        }
    }

    @Test
    void standingQuietlyIsStill() {
        Scenario s = Scenarios.named("standing");
        SimFeed feed = new SimFeed(s, 100, true, 3);
        ActivityClassifier cl = new ActivityClassifier(ActivityParams.DEFAULTS, 100, 2048, 164);
        int still = 0;
        int n = 0;
        while (feed.next()) {
            Activity a = cl.step(feed.tUs, feed.raw);
            if (feed.row().tS() > 26) { // the standing minute after the calibration
                n++;
                still += a == Activity.STILL ? 1 : 0;
            }
        }
        assertTrue(still >= 0.95 * n, still + " of " + n);
    }

    @Test
    void aSteadyWalkDoesNotFlickerAndTheHoldEndsIt() {
        Scenario s = Scenarios.named("walking");
        TimeWindow walk = s.steadyWindows().get(3);
        double walkEnd = s.spans().get(3).endS();
        SimFeed feed = new SimFeed(s, 100);
        ActivityClassifier cl = new ActivityClassifier(ActivityParams.DEFAULTS, 100, 2048, 164);
        Activity prev = null;
        int changes = 0;
        double lastWalking = 0;
        while (feed.next()) {
            Activity a = cl.step(feed.tUs, feed.raw);
            double t = feed.row().tS();
            if (walk.contains(t)) {
                if (prev != null && a != prev) {
                    changes++;
                }
                prev = a;
            }
            if (a == Activity.WALKING) {
                lastWalking = t;
            }
        }
        assertEquals(0, changes);
        // Steps fade during the 2 s slow-down; the label lasts the 2 s hold past the last step.
        assertTrue(lastWalking > walkEnd - 2 && lastWalking < walkEnd + 2.5, "last WALKING at " + lastWalking);
    }

    @Test
    void stepRateIsTheGaitsRate() {
        Scenario s = Scenarios.named("jogging"); // 2.7 Hz
        TimeWindow jog = s.steadyWindows().get(3);
        SimFeed feed = new SimFeed(s, 100);
        ActivityClassifier cl = new ActivityClassifier(ActivityParams.DEFAULTS, 100, 2048, 164);
        while (feed.next()) {
            cl.step(feed.tUs, feed.raw);
            if (jog.contains(feed.row().tS())) {
                assertTrue(cl.stepping());
                assertEquals(270, cl.stepRateCentiHz(), 8);
            }
        }
    }

    @Test
    void ordinalsAreThePostureStagesActivityCodes() {
        assertEquals(List.of("STILL", "LIGHT", "WALKING", "JOGGING", "VEHICLE"),
                java.util.Arrays.stream(Activity.values()).map(Enum::name).toList());
        assertTrue(Activity.VEHICLE.moving() && Activity.WALKING.moving() && !Activity.LIGHT.moving());
    }

    @Test
    void reconfiguringTheRateMidWalkKeepsWalking() {
        Scenario s = Scenarios.named("walking");
        TimeWindow walk = s.steadyWindows().get(3);
        SimFeed feed = new SimFeed(s, 100);
        ActivityClassifier cl = new ActivityClassifier(ActivityParams.DEFAULTS, 100, 2048, 164);
        double mid = (walk.startS() + walk.endS()) / 2;
        boolean switched = false;
        while (feed.next()) {
            double t = feed.row().tS();
            if (!switched && t >= mid) {
                // Same stream, new nominal rate: coefficients change, state carries on.
                cl.reconfigure(ActivityParams.DEFAULTS, 200, 2048, 164);
                switched = true;
            }
            Activity a = cl.step(feed.tUs, feed.raw);
            if (walk.contains(t)) {
                assertEquals(Activity.WALKING, a, "at " + t);
            }
        }
    }

    @Test
    void badParamsAreRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ActivityClassifier(ActivityParams.DEFAULTS, 10, 2048, 164));
        assertEquals("sample rate must be in [25, 1000] Hz, got 10", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ActivityParams(2.0, 0.5, 5.0, 1.0, 2.0, 0.04,
                3.0, 4, 1.6, 1.0, 4.0, 0.5, 0.45, 0.02, 15, 3, 0.01, 3, 10, 2, 1));
        assertEquals("jogRmsG must be above walkRmsG, got 0.45", e.getMessage());
    }

    @Test
    void stepAllocatesNothing() {
        Scenario s = Scenarios.named("desk-day");
        int n = 100_000;
        short[][] raws = new short[n][];
        long[] ts = new long[n];
        SimFeed feed = new SimFeed(s, 100);
        for (int i = 0; i < n && feed.next(); i++) {
            raws[i] = feed.raw.clone();
            ts[i] = feed.tUs;
        }
        ActivityClassifier cl = new ActivityClassifier(ActivityParams.DEFAULTS, 100, 2048, 164);
        UprightGate gate = new UprightGate(UprightGate.Params.DEFAULTS);
        long best = Long.MAX_VALUE;
        long offset = 0;
        for (int round = 0; round < 5 && best > 0; round++) {
            long before = Allocation.bytes();
            for (int i = 0; i < n; i++) {
                cl.step(ts[i] + offset, raws[i]);
                gate.step(ts[i] + offset, i % 9000);
            }
            best = Math.min(best, Allocation.bytes() - before);
            offset += ts[n - 1] + 10_000;
        }
        assertEquals(0, best);
    }
}
