package dev.posture.device.pipeline.posture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posture.device.pipeline.posture.Bench.Ev;
import dev.posture.device.pipeline.posture.Bench.Pat;
import dev.posture.protocol.config.DailyWindow;
import dev.posture.protocol.message.EventType;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Check-ins every 10 minutes of wear time, 120 s to answer with a 5 s hold, margin 2 deg. */
class CheckinSchedulerTest {
    static final PostureParams TEN_MIN = PostureStateMachineTest.BASE.withCheckins(10, 120, 5);

    private static List<Long> list(long... samples) {
        List<Long> out = new java.util.ArrayList<>();
        for (long s : samples) {
            out.add(s);
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(ints = {25, 100, 1000})
    void dueAfterTheIntervalThenDoneAfterAFiveSecondHold(int rate) {
        long r = rate;
        Bench b = new Bench(TEN_MIN, rate);
        b.sitting(800).run(600); // 8 deg: judged, not in an episode, not retracted
        assertEquals(List.of(), b.events(EventType.CHECKIN_DUE));
        b.steps(1);
        long due = 600 * r; // wear time after sample k is k sample periods
        assertEquals(list(due), b.eventSamples(EventType.CHECKIN_DUE));
        assertEquals(List.of(new Pat(due, PatternRequest.DRILL_INHALE)), b.patterns);
        assertTrue(b.stage.checkins().pending());

        b.run(3);
        long holdStart = b.next;
        b.forward(-150).run(2);
        b.forward(-320).steps(1);
        b.forward(100).run(4);
        long done = holdStart + 5 * r;
        List<Ev> dones = b.events(EventType.CHECKIN_DONE);
        assertEquals(1, dones.size());
        assertEquals(done, dones.get(0).sample());
        assertEquals(5_000, dones.get(0).d0(), "hold_ms");
        assertEquals(-320, dones.get(0).angle(), "the deepest retraction");
        assertFalse(b.stage.checkins().pending());
        assertEquals(List.of(), b.events(EventType.CHECKIN_MISSED));

        // The wear time starts again at the answer: the next one is due 10 minutes later.
        b.forward(800).run(700);
        assertEquals(list(due, done + 600 * r), b.eventSamples(EventType.CHECKIN_DUE));
    }

    @Test
    void aBrokenHoldStartsAgain() {
        Bench b = new Bench(TEN_MIN, 100);
        b.sitting(800).run(600).steps(1);
        b.forward(0).run(4);
        b.in.activity = PostureInput.ACTIVITY_LIGHT; // fidgeting breaks it
        b.steps(1);
        b.in.activity = PostureInput.ACTIVITY_STILL;
        long holdStart = b.next;
        b.run(6);
        assertEquals(list(holdStart + 500), b.eventSamples(EventType.CHECKIN_DONE));
    }

    @ParameterizedTest
    @ValueSource(ints = {25, 100, 1000})
    void missedWhenTheWindowEndsWithoutAHold(int rate) {
        long r = rate;
        Bench b = new Bench(TEN_MIN, rate);
        b.sitting(800).run(600).steps(1);
        long due = 600 * r;
        b.run(130);
        List<Ev> missed = b.events(EventType.CHECKIN_MISSED);
        assertEquals(1, missed.size());
        assertEquals(due + 120 * r, missed.get(0).sample());
        assertEquals(120_000, missed.get(0).d0(), "pending_ms");
        assertEquals(List.of(), b.events(EventType.CHECKIN_DONE));
    }

    @Test
    void aHoldInProgressWhenTheWindowEndsMayFinish() {
        Bench b = new Bench(TEN_MIN, 100);
        b.sitting(800).run(600).steps(1);
        long due = 60_000;
        b.run(118);
        long holdStart = b.next;
        b.forward(0).run(10);
        assertEquals(due + 11_801, holdStart);
        assertEquals(list(holdStart + 500), b.eventSamples(EventType.CHECKIN_DONE));
        assertEquals(List.of(), b.events(EventType.CHECKIN_MISSED));
    }

    @Test
    void wearTimeStopsWhileUncalibratedSnoozedQuietOrFaulty() {
        Bench b = new Bench(TEN_MIN.withQuietHours(new DailyWindow(22 * 60, 7 * 60)), 100);
        b.sitting(800).run(120);
        b.in.calibrated = false;
        b.run(600);
        b.in.calibrated = true;
        b.in.sensorOk = false;
        b.run(600);
        b.in.sensorOk = true;
        b.in.needsRecalibration = true;
        b.run(600);
        b.in.needsRecalibration = false;
        b.stage.setLocalMinuteOfDay(23 * 60);
        b.run(600);
        b.stage.setLocalMinuteOfDay(12 * 60);
        b.stage.requestSnooze(10);
        b.run(600);
        assertEquals(List.of(), b.events(EventType.CHECKIN_DUE));
        assertEquals(120_000_000L - 10_000, b.stage.checkins().wearUs(), "only the first 120 s counted");
        long resume = b.next;
        b.run(500);
        // The first sample after each pause counts its period again, so the due sample is exact:
        assertEquals(list(resume + 48_000), b.eventSamples(EventType.CHECKIN_DUE));
    }

    @Test
    void walkingCountsAsWearButTheCheckinWaitsUntilTheWearerIsUpright() {
        Bench b = new Bench(TEN_MIN, 100);
        b.sitting(800).run(300);
        b.in.activity = PostureInput.ACTIVITY_WALKING;
        b.run(600);
        assertEquals(List.of(), b.events(EventType.CHECKIN_DUE));
        b.in.activity = PostureInput.ACTIVITY_STILL;
        b.in.upright = false; // bending over
        b.run(5);
        assertEquals(List.of(), b.events(EventType.CHECKIN_DUE));
        b.in.upright = true;
        long sit = b.next;
        b.run(1);
        assertEquals(list(sit), b.eventSamples(EventType.CHECKIN_DUE));
    }

    @Test
    void aForwardEpisodeDefersTheCheckinToTheRecovery() {
        Bench b = new Bench(TEN_MIN, 100);
        b.sitting(800).run(590);
        b.forward(2000).run(30); // cued at 600 s, still forward when the check-in falls due
        assertEquals(List.of(), b.events(EventType.CHECKIN_DUE));
        long recovery = b.next;
        b.forward(800).run(1);
        assertEquals(list(recovery), b.eventSamples(EventType.RECOVERED));
        assertEquals(list(recovery), b.eventSamples(EventType.CHECKIN_DUE));
    }

    @Test
    void snoozingAPendingCheckinMissesItAtOnce() {
        Bench b = new Bench(TEN_MIN, 100);
        b.sitting(800).run(600).steps(1);
        b.run(30);
        b.stage.requestSnooze(15);
        long snooze = b.next;
        b.run(200);
        List<Ev> missed = b.events(EventType.CHECKIN_MISSED);
        assertEquals(1, missed.size());
        assertEquals(snooze, missed.get(0).sample());
        assertEquals(30_000 + 10, missed.get(0).d0(), "pending_ms: 30.01 s after the due sample");
        assertEquals(list(snooze), b.eventSamples(EventType.SNOOZED));
    }

    @Test
    void offMeansNever() {
        Bench b = new Bench(PostureStateMachineTest.BASE, 100);
        b.sitting(0).run(3 * 3600);
        assertTrue(b.events.isEmpty());
    }

    @Test
    void switchingOffLetsAPendingCheckinFinishAndAShorterIntervalFallsDueAtOnce() {
        Bench b = new Bench(TEN_MIN, 100);
        b.sitting(800).run(600).steps(1);
        b.stage.reconfigure(PostureStateMachineTest.BASE);
        b.forward(0).run(6);
        assertEquals(1, b.events(EventType.CHECKIN_DONE).size());
        b.run(3600);
        assertEquals(1, b.events(EventType.CHECKIN_DUE).size());

        Bench c = new Bench(TEN_MIN.withCheckins(30, 120, 5), 100);
        c.sitting(800).run(900);
        c.stage.reconfigure(TEN_MIN);
        long next = c.next;
        c.run(1);
        assertEquals(list(next), c.eventSamples(EventType.CHECKIN_DUE), "15 min of wear kept, over the new 10");
    }

    @Test
    void theRetractionMustBeStillUprightAndNearNeutral() {
        PostureInput in = new PostureInput();
        in.sensorOk = true;
        in.calibrated = true;
        in.upright = true;
        in.activity = PostureInput.ACTIVITY_STILL;
        in.forwardCentiDeg = 200;
        assertTrue(in.retracted(200));
        in.forwardCentiDeg = 201;
        assertFalse(in.retracted(200));
        in.forwardCentiDeg = -500;
        assertTrue(in.retracted(200));
        in.activity = PostureInput.ACTIVITY_LIGHT;
        assertFalse(in.retracted(200));
        in.activity = PostureInput.ACTIVITY_STILL;
        in.upright = false;
        assertFalse(in.retracted(200));
        in.upright = true;
        in.needsRecalibration = true;
        assertFalse(in.retracted(200));
        in.needsRecalibration = false;
        in.calibrated = false;
        assertFalse(in.retracted(200));
        in.calibrated = true;
        in.sensorOk = false;
        assertFalse(in.retracted(200));
    }
}
