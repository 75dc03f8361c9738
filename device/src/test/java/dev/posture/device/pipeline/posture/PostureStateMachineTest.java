package dev.posture.device.pipeline.posture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posture.device.pipeline.event.EventRing;
import dev.posture.device.pipeline.posture.Bench.Ev;
import dev.posture.device.pipeline.posture.Bench.Pat;
import dev.posture.protocol.config.Config;
import dev.posture.protocol.config.CuePattern;
import dev.posture.protocol.config.DailyWindow;
import dev.posture.protocol.message.EventType;
import dev.posture.protocol.message.PostureState;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The posture state machine stepped sample by sample (through {@link PostureStage}, check-ins off)
 * at 25, 100 and 1000 Hz. Defaults: threshold 15 deg, hysteresis 3 deg, dwell 10 s, repeat 60 s,
 * cap 3, double pulse. Every expectation names the exact sample.
 */
class PostureStateMachineTest {
    /** The defaults with check-ins off, so only the posture machine speaks. */
    static final PostureParams BASE = PostureParams.DEFAULTS.withCheckins(0, 120, 5);

    private static List<Long> list(long... samples) {
        List<Long> out = new java.util.ArrayList<>();
        for (long s : samples) {
            out.add(s);
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(ints = {25, 100, 1000})
    void dwellExpiryCuesOnExactlyTheSampleWhereTheDwellExpires(int rate) {
        Bench b = new Bench(BASE, rate);
        b.sitting(0).run(2);
        long start = b.next;
        b.forward(1800).run(30);
        long cue = start + 10L * rate;

        assertEquals(list(cue), b.eventSamples(EventType.CUE));
        assertEquals(List.of(new Pat(cue, PatternRequest.DOUBLE_PULSE)), b.patterns);
        Ev e = b.events(EventType.CUE).get(0);
        assertEquals(b.timeOf(cue), e.tUs());
        assertEquals(1800, e.angle());
        assertEquals(10_000, e.d0(), "forward_ms");
        assertEquals(1, e.d1(), "episode");
        assertEquals(1, e.d2(), "cue");
        assertEquals(0, e.sequence());
        assertEquals(PostureState.UPRIGHT, b.stateAt(start - 1));
        assertEquals(PostureState.DRIFTING, b.stateAt(start));
        assertEquals(PostureState.DRIFTING, b.stateAt(cue - 1));
        assertEquals(PostureState.FORWARD, b.stateAt(cue));
        assertEquals(PostureState.FORWARD, b.lastState());
        assertEquals(1, b.events.size());
    }

    @Test
    void thresholdAndExitAnglesAreExact() {
        Bench b = new Bench(BASE, 100);
        b.forward(1499).run(60);
        assertTrue(b.events.isEmpty());
        assertEquals(PostureState.UPRIGHT, b.lastState());
        long start = b.next;
        b.forward(1500).run(1);
        assertEquals(PostureState.DRIFTING, b.stateAt(start));
        b.forward(1200).run(1); // threshold - hysteresis: still in the episode
        assertEquals(PostureState.DRIFTING, b.lastState());
        b.forward(1199).steps(1); // below it: the episode ends
        assertEquals(PostureState.UPRIGHT, b.lastState());
        assertTrue(b.events.isEmpty(), "an episode without a cue ends without RECOVERED");
    }

    @ParameterizedTest
    @ValueSource(ints = {25, 100, 1000})
    void dipsIntoTheHysteresisBandNeitherResetNorPauseTheDwell(int rate) {
        Bench b = new Bench(BASE, rate);
        b.run(1);
        long start = b.next;
        b.forward(1800).run(4);
        b.forward(1300).run(2); // between 12 and 15 deg
        assertEquals(PostureState.DRIFTING, b.lastState());
        b.forward(1800).run(10);
        assertEquals(list(start + 10L * rate), b.eventSamples(EventType.CUE));
    }

    @ParameterizedTest
    @ValueSource(ints = {25, 100, 1000})
    void oneSampleBelowThresholdMinusHysteresisRestartsTheDwell(int rate) {
        Bench b = new Bench(BASE, rate);
        b.run(1);
        b.forward(1800).run(9);
        b.forward(1199).steps(1);
        assertEquals(PostureState.UPRIGHT, b.lastState());
        long restart = b.next;
        b.forward(1800).run(15);
        assertEquals(list(restart + 10L * rate), b.eventSamples(EventType.CUE));
    }

    @ParameterizedTest
    @ValueSource(ints = {25, 100, 1000})
    void aReachShorterThanTheDwellIsNotCued(int rate) {
        Bench b = new Bench(BASE, rate);
        b.run(1);
        b.forward(2500).steps(10L * rate); // ends one sample before the dwell would expire
        assertEquals(PostureState.DRIFTING, b.lastState());
        b.forward(0).run(60);
        assertTrue(b.events.isEmpty());
        assertTrue(b.patterns.isEmpty());
        assertEquals(PostureState.UPRIGHT, b.lastState());
    }

    @Test
    void sidewaysLeanDoesNotCountAsForward() {
        Bench b = new Bench(BASE, 100);
        b.in.forwardCentiDeg = 150;
        b.in.sidewaysCentiDeg = 3000;
        b.in.tiltCentiDeg = 3004;
        b.run(120);
        b.in.sidewaysCentiDeg = -3000;
        b.run(120);
        assertTrue(b.events.isEmpty());
        assertEquals(PostureState.UPRIGHT, b.lastState());
    }

    static Stream<Arguments> gates() {
        return Stream.of(
                Arguments.of("sensor fault", (Consumer<PostureInput>) in -> in.sensorOk = false, PostureState.FAULT),
                Arguments.of("uncalibrated", (Consumer<PostureInput>) in -> in.calibrated = false,
                        PostureState.UNCALIBRATED),
                Arguments.of("re-clip", (Consumer<PostureInput>) in -> in.needsRecalibration = true,
                        PostureState.RECLIP),
                Arguments.of("walking", (Consumer<PostureInput>) in -> in.activity = PostureInput.ACTIVITY_WALKING,
                        PostureState.MOVING),
                Arguments.of("jogging", (Consumer<PostureInput>) in -> in.activity = PostureInput.ACTIVITY_JOGGING,
                        PostureState.MOVING),
                Arguments.of("vehicle", (Consumer<PostureInput>) in -> in.activity = PostureInput.ACTIVITY_VEHICLE,
                        PostureState.MOVING),
                Arguments.of("unknown activity", (Consumer<PostureInput>) in -> in.activity = 9, PostureState.MOVING),
                Arguments.of("lying or bending", (Consumer<PostureInput>) in -> in.upright = false,
                        PostureState.NOT_UPRIGHT));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gates")
    void eachGateSuppressesCuesAndResetsTheDwell(String name, Consumer<PostureInput> close, PostureState state) {
        for (int rate : new int[] {25, 100, 1000}) {
            Bench b = new Bench(BASE, rate);
            b.run(1);
            close.accept(b.in);
            b.forward(2500).run(120);
            assertEquals(List.of(), b.eventSamples(EventType.CUE), name + " at " + rate + " Hz");
            assertEquals(List.of(), b.patternSamples(PatternRequest.DOUBLE_PULSE), name);
            for (long k = b.samples(1); k < b.next; k++) {
                assertEquals(state, b.stateAt(k), name + " sample " + k);
            }

            // The gate opens with the wearer still forward: a whole new dwell.
            b.sitting(2500);
            long open = b.next;
            b.run(15);
            assertEquals(list(open + 10L * rate), b.eventSamples(EventType.CUE), name);

            // A gate for a single sample inside a dwell restarts it.
            Bench c = new Bench(BASE, rate);
            c.run(1);
            c.forward(2500).run(5);
            close.accept(c.in);
            c.steps(1);
            assertEquals(state, c.lastState());
            c.sitting(2500);
            long reopen = c.next;
            c.run(15);
            assertEquals(list(reopen + 10L * rate), c.eventSamples(EventType.CUE), name);
        }
    }

    @Test
    void gatesReportInTheProtocolsOrder() {
        Bench b = new Bench(BASE.withQuietHours(new DailyWindow(0, 23 * 60)), 100);
        b.stage.setLocalMinuteOfDay(60);
        b.stage.requestSnooze(10);
        b.in.sensorOk = false;
        b.in.calibrated = false;
        b.in.needsRecalibration = true;
        b.in.activity = PostureInput.ACTIVITY_WALKING;
        b.in.upright = false;
        b.steps(1);
        assertEquals(PostureState.FAULT, b.lastState());
        b.in.sensorOk = true;
        b.steps(1);
        assertEquals(PostureState.UNCALIBRATED, b.lastState());
        b.in.calibrated = true;
        b.steps(1);
        assertEquals(PostureState.RECLIP, b.lastState());
        b.in.needsRecalibration = false;
        b.steps(1);
        assertEquals(PostureState.QUIET, b.lastState());
        b.stage.setLocalMinuteOfDay(23 * 60);
        b.steps(1);
        assertEquals(PostureState.SNOOZED, b.lastState());
        b.stage.requestSnooze(0);
        b.steps(1);
        assertEquals(PostureState.MOVING, b.lastState());
        b.in.activity = PostureInput.ACTIVITY_LIGHT;
        b.steps(1);
        assertEquals(PostureState.NOT_UPRIGHT, b.lastState());
        b.in.upright = true;
        b.steps(1);
        assertEquals(PostureState.UPRIGHT, b.lastState());
    }

    @ParameterizedTest
    @ValueSource(ints = {25, 100, 1000})
    void repeatsEveryCueRepeatUpToTheCap(int rate) {
        Bench b = new Bench(BASE, rate);
        b.run(1);
        long start = b.next;
        b.forward(2000).run(600);
        long r = rate;
        assertEquals(list(start + 10 * r, start + 70 * r, start + 130 * r), b.eventSamples(EventType.CUE));
        assertEquals(b.eventSamples(EventType.CUE), b.patternSamples(PatternRequest.DOUBLE_PULSE));
        List<Ev> cues = b.events(EventType.CUE);
        for (int i = 0; i < 3; i++) {
            assertEquals(10_000 + 60_000 * i, cues.get(i).d0(), "forward_ms");
            assertEquals(1, cues.get(i).d1(), "episode");
            assertEquals(i + 1, cues.get(i).d2(), "cue");
        }
        assertEquals(PostureState.FORWARD, b.lastState(), "silent after the cap, still forward");
    }

    @Test
    void anotherIntervalAndCap() {
        Bench b = new Bench(BASE.withCues(5, 20, 5), 100);
        long start = b.next;
        b.forward(2000).run(300);
        assertEquals(list(start + 500, start + 2500, start + 4500, start + 6500, start + 8500),
                b.eventSamples(EventType.CUE));
    }

    @ParameterizedTest
    @ValueSource(ints = {25, 100, 1000})
    void recoveredCarriesTheTimeToCorrectAndTheEpisodeLength(int rate) {
        Bench b = new Bench(BASE, rate);
        b.run(1);
        long start = b.next;
        b.forward(2000).run(75);
        long recovery = b.next;
        b.forward(500).run(5);
        assertEquals(list(start + 10L * rate, start + 70L * rate), b.eventSamples(EventType.CUE));
        List<Ev> recovered = b.events(EventType.RECOVERED);
        assertEquals(1, recovered.size());
        Ev e = recovered.get(0);
        assertEquals(recovery, e.sample());
        assertEquals(500, e.angle());
        assertEquals(65_000, e.d0(), "correct_ms: from the first cue");
        assertEquals(1, e.d1(), "episode");
        assertEquals(2, e.d2(), "cues");
        assertEquals(75_000, e.d3(), "episode_ms: from the episode's start");
        assertEquals(PostureState.UPRIGHT, b.stateAt(recovery));

        // The next cued episode is number 2 and starts its cue count again.
        long second = b.next;
        b.forward(2000).run(12);
        Ev cue = b.events(EventType.CUE).get(2);
        assertEquals(second + 10L * rate, cue.sample());
        assertEquals(2, cue.d1());
        assertEquals(1, cue.d2());
        assertEquals(List.of(0L, 1L, 2L, 3L), b.events.stream().map(Ev::sequence).toList());
    }

    @Test
    void anEpisodeEndedByAGateHasNoRecovered() {
        Bench b = new Bench(BASE, 100);
        b.forward(2000).run(15);
        b.in.activity = PostureInput.ACTIVITY_WALKING;
        b.run(5);
        b.sitting(0).run(5);
        assertEquals(1, b.events(EventType.CUE).size());
        assertEquals(List.of(), b.events(EventType.RECOVERED));
        long again = b.next;
        b.forward(2000).run(12);
        assertEquals(2, b.events(EventType.CUE).get(1).d1(), "a new episode number");
        assertEquals(again + 1000, b.events(EventType.CUE).get(1).sample());
    }

    @ParameterizedTest
    @ValueSource(ints = {25, 100, 1000})
    void snoozeSilencesForItsMinutesThenANewDwellStarts(int rate) {
        Bench b = new Bench(BASE, rate);
        b.run(1);
        b.forward(2000).run(5);
        b.stage.requestSnooze(2);
        long snooze = b.next;
        b.run(135);
        List<Ev> snoozed = b.events(EventType.SNOOZED);
        assertEquals(1, snoozed.size());
        assertEquals(snooze, snoozed.get(0).sample());
        assertEquals(2, snoozed.get(0).d0(), "minutes");
        assertEquals(2000, snoozed.get(0).angle());
        long end = snooze + 120L * rate; // first sample at or after the snooze's end
        assertEquals(PostureState.SNOOZED, b.stateAt(snooze));
        assertEquals(PostureState.SNOOZED, b.stateAt(end - 1));
        assertEquals(PostureState.DRIFTING, b.stateAt(end));
        assertEquals(list(end + 10L * rate), b.eventSamples(EventType.CUE));
    }

    @Test
    void snoozeZeroEndsASnoozeAndTheDefaultLengthIsSnoozeMin() {
        Bench b = new Bench(BASE, 100);
        b.stage.requestSnooze();
        b.forward(2000).run(10 * 60);
        assertEquals(30, b.events(EventType.SNOOZED).get(0).d0());
        assertEquals(PostureState.SNOOZED, b.lastState());
        b.stage.requestSnooze(0);
        long end = b.next;
        b.run(11);
        assertEquals(PostureState.DRIFTING, b.stateAt(end));
        assertEquals(list(end + 1000), b.eventSamples(EventType.CUE));
        assertEquals(1, b.events(EventType.SNOOZED).size(), "ending a snooze raises no event");
        assertThrows(IllegalArgumentException.class, () -> b.stage.requestSnooze(1441));
        assertThrows(IllegalArgumentException.class, () -> b.stage.requestSnooze(-1));
    }

    @Test
    void quietHoursWrappingMidnight() {
        Bench b = new Bench(BASE.withQuietHours(new DailyWindow(22 * 60, 7 * 60)), 100);
        b.forward(2000);
        for (int minute : new int[] {22 * 60, 23 * 60 + 59, 0, 3 * 60, 6 * 60 + 59}) {
            b.stage.setLocalMinuteOfDay(minute);
            b.run(30);
            assertEquals(PostureState.QUIET, b.lastState(), "minute " + minute);
        }
        assertTrue(b.events.isEmpty());
        b.stage.setLocalMinuteOfDay(7 * 60);
        long open = b.next;
        b.run(11);
        assertEquals(PostureState.DRIFTING, b.stateAt(open));
        assertEquals(list(open + 1000), b.eventSamples(EventType.CUE));

        // Quiet hours start in a cued episode: it ends silently, no cue, no RECOVERED.
        b.stage.setLocalMinuteOfDay(21 * 60 + 59);
        b.run(100);
        assertEquals(2, b.events(EventType.CUE).size());
        b.stage.setLocalMinuteOfDay(22 * 60);
        b.run(100);
        assertEquals(2, b.events(EventType.CUE).size());
        assertEquals(List.of(), b.events(EventType.RECOVERED));
        assertEquals(PostureState.QUIET, b.lastState());
    }

    @Test
    void quietHoursWithinADayAndAnUnknownClock() {
        Bench b = new Bench(BASE.withQuietHours(new DailyWindow(12 * 60, 13 * 60)), 100);
        b.forward(2000).run(1);
        assertEquals(PostureState.DRIFTING, b.lastState(), "clock unknown: quiet hours cannot apply");
        b.stage.setLocalMinuteOfDay(12 * 60);
        b.run(1);
        assertEquals(PostureState.QUIET, b.lastState());
        b.stage.setLocalMinuteOfDay(12 * 60 + 59);
        b.run(1);
        assertEquals(PostureState.QUIET, b.lastState());
        b.stage.setLocalMinuteOfDay(13 * 60);
        b.run(1);
        assertEquals(PostureState.DRIFTING, b.lastState());
        b.stage.setLocalMinuteOfDay(11 * 60 + 59);
        b.run(1);
        assertEquals(PostureState.DRIFTING, b.lastState());
        b.stage.setLocalMinuteOfDay(-1);
        assertThrows(IllegalArgumentException.class, () -> b.stage.setLocalMinuteOfDay(1440));
    }

    /**
     * Exposure mode, window 5 min, share 50 %: 150 forward seconds in the last 300 closed seconds.
     * Forward 0-100 s, upright 100-160 s, forward from 160 s: the 150th forward second closes at
     * 210 s. Repeats 60 s apart, cap 3; after a recovery a new episode waits for the 60 s spacing.
     */
    @ParameterizedTest
    @ValueSource(ints = {25, 100, 1000})
    void exposureModeCuesOnTheShareOfTheWindowInsteadOfTheDwell(int rate) {
        Bench b = new Bench(BASE.withExposure(true, 5, 50), rate);
        long r = rate;
        b.forward(2000).run(100);
        assertTrue(b.events.isEmpty(), "no dwell cue in exposure mode");
        b.forward(0).run(60);
        b.forward(2000).run(180);
        assertEquals(list(210 * r, 270 * r, 330 * r), b.eventSamples(EventType.CUE));
        Ev first = b.events(EventType.CUE).get(0);
        assertEquals(50_000, first.d0(), "forward_ms: the episode's age, not the exposure");
        assertEquals(1, first.d1());
        b.forward(0).run(5); // recovered at 340 s
        assertEquals(list(340 * r), b.eventSamples(EventType.RECOVERED));
        b.forward(2000).run(60); // from 345 s: share still over 50 %, but the last cue was at 330 s
        assertEquals(list(210 * r, 270 * r, 330 * r, 390 * r), b.eventSamples(EventType.CUE));
        assertEquals(2, b.events(EventType.CUE).get(3).d1(), "a new episode");
        assertEquals(180 + 59, b.stage.posture().exposureForwardSeconds(), "buckets 160-339 and 345-403");
        assertEquals(300, b.stage.posture().exposureWindowSeconds());
    }

    @Test
    void exposureWindowCountsTheWholeWindowFromTheStart() {
        Bench b = new Bench(BASE.withExposure(true, 5, 50), 100);
        b.forward(2000).run(200);
        assertEquals(list(150 * 100), b.eventSamples(EventType.CUE));
    }

    @Test
    void anExposureSecondIsForwardWhenMostOfItsSamplesAre() {
        Bench b = new Bench(BASE.withExposure(true, 5, 50), 100);
        for (int s = 0; s < 10; s++) {
            b.forward(2000).steps(51);
            b.forward(0).steps(49);
        }
        b.steps(1);
        assertEquals(10, b.stage.posture().exposureForwardSeconds());
        for (int s = 0; s < 10; s++) {
            b.forward(2000).steps(50);
            b.forward(0).steps(50);
        }
        b.steps(1);
        assertEquals(10, b.stage.posture().exposureForwardSeconds(), "exactly half is not forward");
    }

    @Test
    void exposureGapsCountAsNotForwardAndGatedTimeToo() {
        Bench b = new Bench(BASE.withExposure(true, 5, 50), 100);
        b.forward(2000).run(20);
        b.in.activity = PostureInput.ACTIVITY_WALKING;
        b.run(20);
        b.in.activity = PostureInput.ACTIVITY_STILL;
        b.next += 100 * 100; // 100 s without samples
        b.run(1);
        assertEquals(20, b.stage.posture().exposureForwardSeconds());
        b.next += 400 * 100; // longer than the window
        b.run(2);
        assertEquals(1, b.stage.posture().exposureForwardSeconds());
    }

    @ParameterizedTest
    @ValueSource(ints = {25, 100, 1000})
    void reconfigureMidEpisodeKeepsTheEpisodeAndAppliesFromTheNextSample(int rate) {
        long r = rate;
        Bench b = new Bench(BASE, rate);
        b.run(1);
        long start = b.next;
        b.forward(1800).run(5);
        b.stage.reconfigure(BASE.withCues(30, 60, 3));
        b.run(40);
        assertEquals(list(start + 30 * r), b.eventSamples(EventType.CUE), "a longer dwell counts from the start");

        Bench c = new Bench(BASE.withCues(30, 60, 3), rate);
        c.run(1);
        long start2 = c.next;
        c.forward(1800).run(20);
        c.stage.reconfigure(BASE);
        c.run(1);
        assertEquals(list(start2 + 20 * r), c.eventSamples(EventType.CUE), "a dwell already passed cues on the next sample");

        // A higher threshold ends the cued episode on the next sample (RECOVERED); no new one at 18 deg.
        c.stage.reconfigure(BASE.withThreshold(2500, 300));
        long next = c.next;
        c.run(30);
        assertEquals(list(next), c.eventSamples(EventType.RECOVERED));
        assertEquals(PostureState.UPRIGHT, c.lastState());
        assertEquals(1, c.events(EventType.CUE).size());
    }

    @Test
    void reconfigureLoweringTheCapStopsRepeatsAndAThresholdInsideTheBandKeepsTheEpisode() {
        Bench b = new Bench(BASE, 100);
        long start = b.next;
        b.forward(1800).run(80);
        assertEquals(2, b.events(EventType.CUE).size());
        PostureParams capOne = BASE.withCues(10, 60, 1);
        b.stage.reconfigure(capOne);
        b.run(100);
        assertEquals(2, b.events(EventType.CUE).size());
        b.stage.reconfigure(capOne.withThreshold(2000, 300)); // exit 17: 18 deg stays in the episode
        b.run(10);
        assertEquals(PostureState.FORWARD, b.lastState());
        assertEquals(List.of(), b.events(EventType.RECOVERED));
        b.stage.reconfigure(capOne.withThreshold(2000, 200)); // exit 18: still in
        b.run(1);
        assertEquals(PostureState.FORWARD, b.lastState());
        b.stage.reconfigure(capOne.withThreshold(2000, 100)); // exit 19: out
        b.run(1);
        assertEquals(PostureState.UPRIGHT, b.lastState());
        Ev rec = b.events(EventType.RECOVERED).get(0);
        assertEquals(start + 19_100, rec.sample());
        assertEquals(2, rec.d2());
    }

    @Test
    void reconfigureFromAConfigChangesThePatternAndTheDwell() throws Exception {
        Bench b = new Bench(BASE, 100);
        long start = b.next;
        b.forward(1800).run(5);
        Config config = Config.fromJsonValues(Map.of("dwell_s", 7, "cue_pattern", "triple_pulse",
                "threshold_deg", new BigDecimal("15.5"), "checkin_interval_min", "off"));
        b.stage.reconfigure(config);
        assertEquals(1550, b.stage.params().thresholdCentiDeg());
        assertEquals(CuePattern.TRIPLE_PULSE, b.stage.params().cuePattern());
        assertEquals(0, b.stage.params().checkinIntervalMin());
        b.run(5);
        assertEquals(List.of(new Pat(start + 700, PatternRequest.TRIPLE_PULSE)), b.patterns);
    }

    @Test
    void recalibrationNeededRaisesTheEventAndTheAlertOncePerDetection() {
        Bench b = new Bench(BASE.withQuietHours(new DailyWindow(22 * 60, 7 * 60)), 100);
        b.forward(2000).run(5);
        long edge = b.next;
        b.in.needsRecalibration = true;
        b.in.forwardCentiDeg = 2500;
        b.run(30);
        assertEquals(list(edge), b.eventSamples(EventType.RECALIBRATION_NEEDED));
        assertEquals(2500, b.events(EventType.RECALIBRATION_NEEDED).get(0).angle());
        assertEquals(List.of(new Pat(edge, PatternRequest.RECALIBRATION_NEEDED)), b.patterns);
        assertEquals(PostureState.RECLIP, b.lastState());
        b.sitting(0).run(5);
        assertEquals(PostureState.UPRIGHT, b.lastState());

        b.stage.setLocalMinuteOfDay(23 * 60); // in quiet hours: the event, but no buzz
        long edge2 = b.next;
        b.in.needsRecalibration = true;
        b.run(1);
        assertEquals(list(edge, edge2), b.eventSamples(EventType.RECALIBRATION_NEEDED));
        assertEquals(1, b.patterns.size());
        assertEquals(List.of(), b.events(EventType.CUE));
    }

    @Test
    void aGapInTheTimestampsLongerThanOneSecondBreaksTheEpisode() {
        Bench b = new Bench(BASE, 100);
        long start = b.next;
        b.forward(2000).run(5);
        b.next += 50; // 0.5 s without samples: tolerated
        b.run(6);
        assertEquals(list(start + 1000), b.eventSamples(EventType.CUE));

        Bench c = new Bench(BASE, 100);
        c.forward(2000).run(5);
        c.next += 101; // 1.01 s without samples
        long after = c.next;
        c.run(12);
        assertEquals(list(after + 1000), c.eventSamples(EventType.CUE));
    }

    /**
     * Time comes from the timestamps, not from counting samples: with every 7th sample lost and the
     * rest jittered by up to +-3 ms, the cue still comes on the first sample at or after start + dwell.
     */
    @Test
    void droppedAndJitteredSamplesDoNotStretchTheDwell() {
        EventRing ring = new EventRing(64, 0);
        PostureStage stage = new PostureStage(BASE, ring);
        PostureInput in = new PostureInput();
        in.sensorOk = true;
        in.calibrated = true;
        in.upright = true;
        in.forwardCentiDeg = 2000;
        long startUs = -1;
        long cueUs = -1;
        int stepped = 0;
        for (int k = 0; k < 1500 && cueUs < 0; k++) {
            if (k % 7 == 3) {
                continue; // lost in a FIFO overflow
            }
            long jitter = ((k * 7919L) % 7 - 3) * 1000; // -3..+3 ms, deterministic
            in.tUs = 2_000_000 + k * 10_000L + jitter;
            stage.step(in);
            stepped++;
            if (startUs < 0) {
                startUs = in.tUs;
            }
            if (stage.pattern() == PatternRequest.DOUBLE_PULSE) {
                cueUs = in.tUs;
            }
        }
        assertTrue(cueUs - startUs >= 10_000_000, "not before the dwell: " + (cueUs - startUs));
        assertTrue(cueUs - startUs < 10_000_000 + 2 * 10_000 + 6_000, "on the first sample after it: " + (cueUs - startUs));
        assertTrue(stepped < 1000, "fewer than 10 s worth of samples were stepped: " + stepped);
    }

    @Test
    void paramsComeFromTheConfigDefaults() {
        assertEquals(PostureParams.DEFAULTS, PostureParams.fromConfig(Config.defaults()));
        assertThrows(IllegalArgumentException.class, () -> BASE.withThreshold(1500, 1500));
        assertEquals(1550, PostureParams.centiDeg(new dev.posture.protocol.config.FixedDecimal(155, 1)));
        assertEquals(-1235, PostureParams.centiDeg(new dev.posture.protocol.config.FixedDecimal(-12345, 3)));
        assertEquals(1500, PostureParams.centiDeg(new dev.posture.protocol.config.FixedDecimal(15, 0)));
        assertFalse(PostureParams.DEFAULTS.exposureMode());
    }
}
