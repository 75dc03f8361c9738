package dev.posture.device.pipeline.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posture.hardware.sim.Mount;
import dev.posture.hardware.sim.Scenario;
import dev.posture.hardware.sim.Scenarios;
import dev.posture.hardware.sim.Segment;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Re-clip detection, resolution by recalibration, relearning from walking and dismissal, on the
 * wearer simulator (TRUE up vector as Q2.30; counts with chip noise and bias where noted).
 */
class ReclipTest {
    record Event(double tS, CalibrationStatus status, int measured) {
    }

    static List<Event> run(Scenario s, boolean noisy, List<long[]> requests, GeometryRun.Visitor also) {
        List<Event> out = new ArrayList<>();
        GeometryRun.run(s, 100, noisy, requests, (row, o, st) -> {
            if (o.calibrationEvent != CalibrationStatus.NONE) {
                out.add(new Event(row.tS(), o.calibrationEvent, st.report().measured()));
            }
            also.sample(row, o, st);
        });
        return out;
    }

    private static List<Event> only(List<Event> events, CalibrationStatus status) {
        return events.stream().filter(e -> e.status() == status).toList();
    }

    @Test
    void theReclipScenarioIsCaughtAndTheNewCalibrationResolvesIt() {
        Scenario s = Scenarios.named("reclip");
        double clipOn = s.offBodyWindows().get(0).endS();  // 49.5
        double secondNeutral = s.calibrations().get(1).neutral().endS();
        double secondLean = s.calibrations().get(1).lean().endS();
        double[] flagged = {Double.NaN};
        double[] worst = new double[1];
        List<Event> ev = run(s, true, GeometryRun.requests(s), (row, o, st) -> {
            double t = row.tS();
            if (t < s.offBodyWindows().get(0).startS()) {
                assertFalse(o.needsRecalibration, "before the re-clip, at " + t);
            }
            if (o.needsRecalibration && Double.isNaN(flagged[0])) {
                flagged[0] = t;
            }
            if (t > clipOn && Double.isNaN(flagged[0])) {
                assertFalse(o.upright, "clipped on 90 deg turned, not yet flagged: the gate must be closed at " + t);
            }
            if (!Double.isNaN(flagged[0]) && t < secondNeutral) {
                assertTrue(o.needsRecalibration, "still pending at " + t);
            }
            if (t >= secondNeutral) {
                assertFalse(o.needsRecalibration, "resolved at " + t);
            }
            if (t > secondLean && row.gateOpen()) {
                worst[0] = Math.max(worst[0], Math.abs(o.forwardCentiDeg / 100.0 - row.forwardDeg()));
            }
        });
        List<Event> suspected = only(ev, CalibrationStatus.RECLIP_SUSPECTED);
        assertEquals(1, suspected.size(), ev.toString());
        assertTrue(suspected.get(0).tS() > clipOn && suspected.get(0).tS() < secondNeutral, ev.toString());
        assertEquals(90, suspected.get(0).measured() / 100.0, 2); // turned 90 deg about forward
        assertTrue(worst[0] < 0.5, "forward after recalibrating: worst " + worst[0]);
        System.out.printf(Locale.ROOT, "reclip: clip on at %.2f s, flagged at %.2f s, resolved at %.2f s%n", clipOn,
                suspected.get(0).tS(), secondNeutral);
    }

    @Test
    void theDeskDaysReclipIsCaughtBeforeItsRecalibration() {
        Scenario s = Scenarios.named("desk-day");
        List<Event> ev = run(s, true, GeometryRun.requests(s), (row, o, st) -> { });
        List<Event> suspected = only(ev, CalibrationStatus.RECLIP_SUSPECTED);
        assertEquals(1, suspected.size(), ev.toString());
        assertTrue(suspected.get(0).tS() > 945.5 && suspected.get(0).tS() < 957.75, ev.toString());
    }

    @Test
    void noReclipIsSuspectedWhenTheClipStaysPut() {
        for (String name : Scenarios.names()) {
            if (name.equals("reclip") || name.equals("desk-day")) {
                continue;
            }
            for (long k = 1; k <= 3; k++) {
                long seed = k;
                Scenario s = Scenarios.named(name, seed);
                List<Event> ev = run(s, seed == 2, GeometryRun.requests(s), (row, o, st) -> {
                    assertFalse(o.needsRecalibration, name + " seed " + seed + " at " + row.tS());
                });
                assertTrue(only(ev, CalibrationStatus.RECLIP_SUSPECTED).isEmpty(), name + " " + seed + ": " + ev);
            }
        }
    }

    /**
     * Calibrated on one mount, re-clipped to {@code to} while sitting, no recalibration: a few minutes
     * later the wearer walks for 80 s, then types, drifts forward and leans sideways.
     */
    static Scenario reclipThenWalk(Mount to, long seed) {
        return Scenario.builder("reclip-walk", seed).mount(Mount.CLIP_TILTED).calibrate()
                .then(new Segment.DeskTyping(20), new Segment.Reclip(6, to), new Segment.DeskTyping(10),
                        new Segment.Walk(80, 1.9, 1.3, 90), new Segment.DeskTyping(10),
                        new Segment.ForwardDrift(60, 22, 20, 3), new Segment.DeskTyping(10),
                        new Segment.LeanSideways(12, 20), new Segment.Sitting(5))
                .build();
    }

    @Test
    void aMinuteOfWalkingRelearnsNeutralAndForwardAfterAReclip() {
        List<Mount> mounts = new ArrayList<>(List.of(Mount.ROTATED_90_ABOUT_FORWARD, Mount.UPSIDE_DOWN,
                Mount.FACING_BACKWARD, Mount.axisAngleDeg(0, 0, 1, 40), Mount.axisAngleDeg(1, 0, 0, 30)));
        for (long k = 1; k <= 6; k++) {
            mounts.add(Mount.random(100 + k));
        }
        double worstAll = 0;
        double[] learnedRange = {Double.MAX_VALUE, 0};
        double latestFlag = 0;
        for (Mount to : mounts) {
            Scenario s = reclipThenWalk(to, 3);
            double walkStart = s.spans().get(6).startS();
            double walkEnd = s.spans().get(6).endS();
            double[] worst = new double[1];
            double[] learnedAt = {Double.NaN};
            List<Event> ev = run(s, true, GeometryRun.requests(s), (row, o, st) -> {
                if (o.calibrationEvent == CalibrationStatus.LEARNED_FROM_WALKING) {
                    learnedAt[0] = row.tS();
                }
                if (!Double.isNaN(learnedAt[0]) && row.gateOpen()) {
                    assertFalse(o.needsRecalibration);
                    worst[0] = Math.max(worst[0], Math.abs(o.forwardCentiDeg / 100.0 - row.forwardDeg()));
                }
            });
            String what = to + ": " + ev;
            List<Event> suspected = only(ev, CalibrationStatus.RECLIP_SUSPECTED);
            assertEquals(1, suspected.size(), what);
            assertTrue(suspected.get(0).tS() < walkStart + 25, what);
            assertEquals(1, only(ev, CalibrationStatus.LEARNED_FROM_WALKING).size(), what);
            // At least a minute of steps (they start ~3 s into the segment), and before the walk ends.
            assertTrue(learnedAt[0] >= walkStart + 62 && learnedAt[0] <= walkEnd, what);
            assertTrue(worst[0] < 2, what + ": forward after relearning off by " + worst[0]);
            worstAll = Math.max(worstAll, worst[0]);
            learnedRange[0] = Math.min(learnedRange[0], learnedAt[0] - walkStart);
            learnedRange[1] = Math.max(learnedRange[1], learnedAt[0] - walkStart);
            latestFlag = Math.max(latestFlag, suspected.get(0).tS() - walkStart);
        }
        System.out.printf(Locale.ROOT, "relearned from walking (%d mounts): forward within %.3f deg of truth%n",
                mounts.size(), worstAll);
        System.out.printf(Locale.ROOT, "relearned %.1f-%.1f s after the walk began; latest flag %.1f s into the walk%n",
                learnedRange[0], learnedRange[1], latestFlag);
    }

    @Test
    void anUncalibratedWearerIsCalibratedByWalking() {
        Scenario s = Scenario.builder("walk-first", 4).mount(Mount.random(9))
                .then(new Segment.Sitting(10), new Segment.Walk(75, 1.8, 1.2, -90), new Segment.DeskTyping(10),
                        new Segment.ForwardDrift(60, 22, 20, 3), new Segment.DeskTyping(5))
                .build();
        double[] worst = new double[1];
        List<Event> ev = run(s, true, List.of(), (row, o, st) -> {
            if (o.calibrated && row.gateOpen()) {
                assertTrue(o.forwardKnown);
                worst[0] = Math.max(worst[0], Math.abs(o.forwardCentiDeg / 100.0 - row.forwardDeg()));
            }
        });
        assertEquals(List.of(CalibrationStatus.LEARNED_FROM_WALKING), ev.stream().map(Event::status).toList());
        assertTrue(worst[0] < 2, "worst " + worst[0]);
    }

    @Test
    void walkingThatFitsTheOldNeutralDismissesASuspicion() {
        // Off and back on turned, then off again and back as before: the old calibration fits again.
        Scenario s = Scenario.builder("reclip-back", 6).mount(Mount.CLIP_TILTED).calibrate()
                .then(new Segment.DeskTyping(10), new Segment.Reclip(6, Mount.ROTATED_90_ABOUT_FORWARD),
                        new Segment.DeskTyping(10), new Segment.Reclip(6, Mount.CLIP_TILTED), new Segment.DeskTyping(5),
                        new Segment.Walk(30, 1.9, 1.3, 0), new Segment.DeskTyping(10),
                        new Segment.ForwardDrift(50, 22, 20, 3))
                .build();
        double walkStart = s.spans().get(7).startS();
        double[] dismissedAt = {Double.NaN};
        double[] worst = new double[1];
        List<Event> ev = run(s, false, GeometryRun.requests(s), (row, o, st) -> {
            if (o.calibrationEvent == CalibrationStatus.RECLIP_DISMISSED) {
                dismissedAt[0] = row.tS();
            }
            if (!Double.isNaN(dismissedAt[0]) && row.gateOpen()) {
                worst[0] = Math.max(worst[0], Math.abs(o.forwardCentiDeg / 100.0 - row.forwardDeg()));
            }
        });
        assertEquals(1, only(ev, CalibrationStatus.RECLIP_SUSPECTED).size(), ev.toString());
        assertTrue(dismissedAt[0] > walkStart + 10 && dismissedAt[0] < walkStart + 25, ev.toString());
        assertTrue(worst[0] < 0.5, "worst " + worst[0]);
    }
}
