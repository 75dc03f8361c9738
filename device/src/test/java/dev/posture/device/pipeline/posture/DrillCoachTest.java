package dev.posture.device.pipeline.posture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posture.device.pipeline.posture.Bench.Ev;
import dev.posture.device.pipeline.posture.Bench.Pat;
import dev.posture.hardware.haptic.HapticPattern;
import dev.posture.protocol.config.CuePattern;
import dev.posture.protocol.message.EventType;
import dev.posture.protocol.message.PostureState;
import java.util.List;
import java.util.function.LongPredicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Drills of 3 rounds: inhale 3 s, hold 3 s, exhale 3 s, grace 0.5 s; a round is 9 s, the drill 27 s. */
class DrillCoachTest {
    static final PostureParams DRILL3 = PostureStateMachineTest.BASE.withDrill(3, 3, 3, 3, 500);

    /** Steps {@code seconds} with the wearer retracted except on the samples (relative to {@code from}) that {@code away} names. */
    private static void run(Bench b, long from, double seconds, LongPredicate away) {
        long n = b.samples(seconds);
        for (long i = 0; i < n; i++) {
            b.forward(away.test(b.next - from) ? 800 : 0);
            b.step();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {25, 100, 1000})
    void aFullDrillIsPacedToTheSampleAndEveryRoundCounts(int rate) {
        long r = rate;
        Bench b = new Bench(DRILL3, rate);
        b.sitting(0).run(1);
        assertTrue(b.stage.requestDrillStart());
        assertFalse(b.stage.requestDrillStart(), "one drill at a time");
        long d = b.next;
        b.run(30);
        assertEquals(List.of(
                new Pat(d, PatternRequest.DRILL_INHALE), new Pat(d + 3 * r, PatternRequest.DRILL_HOLD),
                new Pat(d + 6 * r, PatternRequest.DRILL_EXHALE), new Pat(d + 9 * r, PatternRequest.DRILL_INHALE),
                new Pat(d + 12 * r, PatternRequest.DRILL_HOLD), new Pat(d + 15 * r, PatternRequest.DRILL_EXHALE),
                new Pat(d + 18 * r, PatternRequest.DRILL_INHALE), new Pat(d + 21 * r, PatternRequest.DRILL_HOLD),
                new Pat(d + 24 * r, PatternRequest.DRILL_EXHALE)), b.patterns);
        List<Ev> done = b.events(EventType.DRILL_DONE);
        assertEquals(1, done.size());
        assertEquals(d + 27 * r, done.get(0).sample());
        assertEquals(3, done.get(0).d0(), "rounds_done");
        assertEquals(3, done.get(0).d1(), "rounds_asked");
        assertFalse(b.stage.drill().active());
        assertEquals(0, b.stage.drill().round());
        assertTrue(b.stage.requestDrillStart(), "a new drill may start once it is over");
    }

    @ParameterizedTest
    @ValueSource(ints = {25, 100, 1000})
    void aRoundWithoutTheHoldDoesNotCount(int rate) {
        long r = rate;
        Bench b = new Bench(DRILL3, rate);
        b.sitting(0).run(1);
        b.stage.requestDrillStart();
        long d = b.next;
        run(b, d, 30, k -> k >= 12 * r && k < 15 * r); // forward through round 2's hold
        Ev done = b.events(EventType.DRILL_DONE).get(0);
        assertEquals(2, done.d0());
        assertEquals(3, done.d1());
    }

    @ParameterizedTest
    @ValueSource(ints = {25, 100})
    void theGraceForgivesAlateStartUpToHalfASecond(int rate) {
        long r = rate;
        for (double late : new double[] {0.4, 0.5, 0.6}) {
            if (late * r != Math.rint(late * r)) {
                continue; // 0.5 s is not a whole number of samples at 25 Hz
            }
            Bench b = new Bench(DRILL3.withDrill(1, 3, 3, 3, 500), rate);
            b.sitting(0).run(1);
            b.stage.requestDrillStart();
            long d = b.next;
            long lateSamples = Math.round(late * r);
            run(b, d, 10, k -> k < 3 * r + lateSamples); // not retracted until `late` into the hold
            assertEquals(late <= 0.5 ? 1 : 0, b.events(EventType.DRILL_DONE).get(0).d0(), "late " + late);
        }
    }

    @Test
    void stoppingEndsTheDrillWithTheRoundsDoneSoFar() {
        Bench b = new Bench(DRILL3, 100);
        assertFalse(b.stage.requestDrillStop(), "nothing to stop");
        b.sitting(0).run(1);
        b.stage.requestDrillStart();
        long d = b.next;
        b.run(16);
        assertTrue(b.stage.requestDrillStop());
        long stop = b.next;
        b.run(20);
        Ev done = b.events(EventType.DRILL_DONE).get(0);
        assertEquals(stop, done.sample());
        assertEquals(2, done.d0());
        assertEquals(3, done.d1());
        assertEquals(d + 1500, b.patterns.get(b.patterns.size() - 1).sample(), "no pattern after the stop");

        b.stage.requestDrillStart();
        assertTrue(b.stage.requestDrillStop(), "a start not yet begun is withdrawn");
        b.run(30);
        assertEquals(1, b.events(EventType.DRILL_DONE).size());
    }

    @Test
    void noPostureCueDuringADrillTheDueCueWaitsForItsEnd() {
        Bench b = new Bench(DRILL3, 100);
        b.sitting(0).run(1);
        long s = b.next;
        b.forward(2000).run(5);
        b.stage.requestDrillStart();
        long d = b.next;
        b.run(40);
        assertEquals(PostureState.DRIFTING, b.stateAt(d + 1000), "the dwell passed during the drill");
        List<Ev> cues = b.events(EventType.CUE);
        assertEquals(1, cues.size());
        assertEquals(d + 2700, cues.get(0).sample());
        assertEquals((d + 2700 - s) * 10, cues.get(0).d0(), "forward_ms");
        assertEquals(new Pat(d + 2700, PatternRequest.DOUBLE_PULSE), b.patterns.get(b.patterns.size() - 1));
        assertEquals(0, b.events(EventType.DRILL_DONE).get(0).d0());
    }

    @Test
    void aDrillRunsWhileSnoozedAndRestartsTheCheckinInterval() {
        Bench b = new Bench(DRILL3.withCheckins(10, 120, 5), 100);
        b.sitting(800).run(500);
        b.stage.requestSnooze(1);
        b.run(1);
        b.sitting(0);
        b.stage.requestDrillStart();
        long d = b.next;
        b.run(27);
        assertEquals(PostureState.SNOOZED, b.lastState());
        assertEquals(9, b.patterns.size(), "all pacing patterns played while snoozed");
        b.stage.requestSnooze(0);
        long end = d + 2700;
        b.sitting(800).run(700);
        assertEquals(List.of(end), b.eventSamples(EventType.DRILL_DONE));
        assertEquals(3, b.events(EventType.DRILL_DONE).get(0).d0());
        // 500 s of wear before the drill are forgotten: the next check-in is 10 minutes after it.
        assertEquals(List.of(end + 60_000), b.eventSamples(EventType.CHECKIN_DUE));
    }

    @Test
    void everyRequestNamesAMotorPattern() {
        for (PatternRequest request : PatternRequest.values()) {
            if (request == PatternRequest.NONE) {
                assertEquals(null, request.patternId());
                continue;
            }
            boolean found = false;
            for (HapticPattern pattern : HapticPattern.values()) {
                found |= pattern.id().equals(request.patternId());
            }
            assertTrue(found, request + " -> " + request.patternId());
        }
        for (CuePattern cue : CuePattern.values()) {
            assertEquals(cue.wireName(), PatternRequest.forCue(cue).patternId());
        }
    }
}
