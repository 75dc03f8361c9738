package dev.posture.hardware.haptic;

import static dev.posture.hardware.ManualClock.ms;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posture.hardware.ManualClock;
import dev.posture.hardware.haptic.PatternPlayer.Priority;
import java.lang.management.ManagementFactory;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The pattern player stepped by hand with an injected clock. */
class PatternPlayerTest {
    private static final long T0 = ms(10_000);

    private final ManualClock clock = new ManualClock(T0);
    private final RecordingHaptic motor = new RecordingHaptic(clock);
    private final PatternPlayer player = new PatternPlayer(motor);

    /** A perfect runner: tick, then jump the clock to the next deadline, until idle. */
    private void runUntilIdle() {
        PerfectRunner.runUntilIdle(player, clock);
    }

    /** Like a perfect runner up to (not including) {@code untilNanos}; leaves the clock there. */
    private void runUntil(long untilNanos) {
        for (int i = 0; i < 1_000; i++) {
            player.tick(clock.getAsLong());
            long next = player.nextDeadlineNanos();
            if (next == PatternPlayer.NOW) {
                continue;
            }
            if (next >= untilNanos) {
                clock.set(untilNanos);
                return;
            }
            clock.set(next);
        }
        throw new AssertionError("too many ticks");
    }

    /** Ticks at every multiple of {@code periodMs} from {@code fromNanos} through {@code untilNanos}. */
    private void tickEvery(long periodMs, long fromNanos, long untilNanos) {
        for (long t = fromNanos; t <= untilNanos; t += ms(periodMs)) {
            clock.set(t);
            player.tick(t);
        }
    }

    @Nested
    class Timing {
        @Test
        void everyPatternSwitchesAtItsExactTimes() {
            Map<HapticPattern, List<String>> expected = new EnumMap<>(HapticPattern.class);
            expected.put(HapticPattern.SINGLE_PULSE, List.of("0:100", "150:0"));
            expected.put(HapticPattern.DOUBLE_PULSE, List.of("0:100", "150:0", "300:100", "450:0"));
            expected.put(HapticPattern.TRIPLE_PULSE,
                    List.of("0:100", "150:0", "300:100", "450:0", "600:100", "750:0"));
            expected.put(HapticPattern.LONG_PULSE, List.of("0:100", "600:0"));
            expected.put(HapticPattern.RAMP, List.of("0:20", "100:40", "200:60", "300:80", "400:100", "500:0"));
            expected.put(HapticPattern.RECALIBRATION_NEEDED,
                    List.of("0:100", "400:0", "550:100", "650:0", "750:100", "850:0"));
            expected.put(HapticPattern.DRILL_INHALE, List.of("0:30", "100:55", "200:80", "300:100", "400:0"));
            expected.put(HapticPattern.DRILL_HOLD, List.of("0:70", "200:0"));
            expected.put(HapticPattern.DRILL_EXHALE, List.of("0:100", "100:80", "200:55", "300:30", "400:0"));
            assertEquals(HapticPattern.values().length, expected.size(), "every pattern has expectations");

            for (HapticPattern pattern : HapticPattern.values()) {
                motor.clear();
                long start = clock.getAsLong() + ms(1_000);
                clock.set(start);
                player.play(pattern, 100);
                runUntilIdle();
                assertEquals(expected.get(pattern), motor.transitions(start), pattern.id());
                assertNull(player.playing());
            }
        }

        @Test
        void intensityScalesEveryStep() {
            player.play(HapticPattern.RAMP, 50);
            runUntilIdle();
            assertEquals(List.of("0:10", "100:20", "200:30", "300:40", "400:50", "500:0"), motor.transitions(T0));
        }

        @Test
        void fineLoopTicksDriveOnlyOnChanges() {
            player.play(HapticPattern.DOUBLE_PULSE, 80);
            tickEvery(1, T0, T0 + ms(1_000));
            assertEquals(List.of("0:80", "150:0", "300:80", "450:0"), motor.transitions(T0));
            assertEquals(4, motor.attempts);
        }

        @Test
        void coarseLoopTicksQuantizeToTheLoopPeriod() {
            player.play(HapticPattern.SINGLE_PULSE, 100);                    // posted at T0
            tickEvery(7, T0 + ms(4), T0 + ms(500));                           // a ~143 Hz loop, 4 ms late
            // starts at the first tick; ends at the first tick at or after 4 + 150 ms
            assertEquals(List.of("4:100", "158:0"), motor.transitions(T0));
        }

        @Test
        void lateTicksSeeThePatternAsItIsAtThatTime() {
            player.play(HapticPattern.TRIPLE_PULSE, 100);
            player.tick(T0);
            clock.set(T0 + ms(320));                                           // missed 150 and 300
            player.tick(clock.getAsLong());
            clock.set(T0 + ms(2_000));
            player.tick(clock.getAsLong());
            assertEquals(List.of("0:100", "2000:0"), motor.transitions(T0));
            assertNull(player.playing());
        }

        @Test
        void defaultPrioritiesAndIds() {
            assertEquals(Priority.CUE, HapticPattern.DOUBLE_PULSE.defaultPriority());
            assertEquals(Priority.DRILL, HapticPattern.DRILL_HOLD.defaultPriority());
            assertEquals(Priority.ALERT, HapticPattern.RECALIBRATION_NEEDED.defaultPriority());
            assertSame(HapticPattern.RECALIBRATION_NEEDED, HapticPattern.byId("recalibration_needed"));
            assertNull(HapticPattern.byId("quadruple_pulse"));
            for (HapticPattern p : HapticPattern.values()) {
                assertSame(p, HapticPattern.byId(p.id()));
                assertEquals(p.name().toLowerCase(java.util.Locale.ROOT), p.id());
            }
            assertEquals(750, HapticPattern.TRIPLE_PULSE.totalMs());
        }
    }

    @Nested
    class Preemption {
        @Test
        void drillPreemptsACueAtOnce() {
            player.play(HapticPattern.TRIPLE_PULSE, 100);
            runUntil(T0 + ms(50));
            player.play(HapticPattern.DRILL_HOLD, 100);
            runUntilIdle();
            assertEquals(List.of("0:100", "50:70", "250:0"), motor.transitions(T0));
        }

        @Test
        void cueDuringADrillIsDroppedAndTheDrillContinues() {
            player.play(HapticPattern.DRILL_INHALE, 100);
            runUntil(T0 + ms(150));
            player.play(HapticPattern.SINGLE_PULSE, 100);
            runUntilIdle();
            assertEquals(List.of("0:30", "100:55", "200:80", "300:100", "400:0"), motor.transitions(T0));
            assertEquals(1, player.droppedRequests());
        }

        @Test
        void equalPriorityRestartsWithTheNewest() {
            player.play(HapticPattern.DRILL_INHALE, 100);
            runUntil(T0 + ms(400));
            player.play(HapticPattern.DRILL_HOLD, 100);                     // as the inhale ends
            runUntilIdle();
            assertEquals(List.of("0:30", "100:55", "200:80", "300:100", "400:70", "600:0"), motor.transitions(T0));
        }

        @Test
        void alertPreemptsADrillAndATestPreemptsEverything() {
            player.play(HapticPattern.DRILL_EXHALE, 100);
            player.tick(T0);
            clock.set(T0 + ms(100));
            player.play(HapticPattern.RECALIBRATION_NEEDED, 100);
            player.tick(clock.getAsLong());
            assertSame(HapticPattern.RECALIBRATION_NEEDED, player.playing());
            clock.set(T0 + ms(200));
            player.play(HapticPattern.SINGLE_PULSE, 40, Priority.TEST);
            runUntilIdle();
            assertEquals(List.of("0:100", "200:40", "350:0"), motor.transitions(T0));
        }

        @Test
        void aCueAfterTheDrillEndedIsNotDropped() {
            player.play(HapticPattern.DRILL_HOLD, 100);
            player.tick(T0);
            player.play(HapticPattern.SINGLE_PULSE, 100);                     // waits in the mailbox
            player.tick(T0 + ms(250));                                         // hold ended at 200
            assertSame(HapticPattern.SINGLE_PULSE, player.playing());
            assertEquals(0, player.droppedRequests());
        }

        @Test
        void mailboxKeepsTheHigherPriorityOfTwoRequestsBeforeATick() {
            player.play(HapticPattern.DRILL_HOLD, 100);
            player.play(HapticPattern.DOUBLE_PULSE, 100);                     // lower: dropped at once
            player.tick(T0);
            assertSame(HapticPattern.DRILL_HOLD, player.playing());
            assertEquals(1, player.droppedRequests());

            player.stop();
            player.tick(T0);
            player.play(HapticPattern.SINGLE_PULSE, 100);
            player.play(HapticPattern.LONG_PULSE, 100);                              // equal: the later wins
            player.tick(T0);
            assertSame(HapticPattern.LONG_PULSE, player.playing());
        }

        @Test
        void stopTurnsTheMotorOffAtTheNextTick() {
            player.play(HapticPattern.LONG_PULSE, 100);
            player.tick(T0);
            clock.set(T0 + ms(100));
            player.stop();
            assertEquals(100, motor.lastLevel());                               // nothing until the tick
            player.tick(clock.getAsLong());
            assertEquals(List.of("0:100", "100:0"), motor.transitions(T0));
            assertEquals(PatternPlayer.NO_DEADLINE, player.nextDeadlineNanos());
        }

        @Test
        void aRequestAfterStopWinsOverIt() {
            player.play(HapticPattern.LONG_PULSE, 100);
            player.tick(T0);
            player.stop();
            player.play(HapticPattern.SINGLE_PULSE, 60);
            clock.set(T0 + ms(10));
            player.tick(clock.getAsLong());
            assertSame(HapticPattern.SINGLE_PULSE, player.playing());
            assertEquals(List.of("0:100", "10:60"), motor.transitions(T0));
        }
    }

    @Nested
    class SafetyCap {
        private final PatternPlayer capped = new PatternPlayer(motor, ms(300));

        private void runCappedUntilIdle() {
            PerfectRunner.runUntilIdle(capped, clock);
        }

        @Test
        void cutsALongPatternAtTheCap() {
            capped.play(HapticPattern.LONG_PULSE, 100);
            runCappedUntilIdle();
            assertEquals(List.of("0:100", "300:0"), motor.transitions(T0));
            assertEquals(1, capped.safetyCutoffs());
        }

        @Test
        void countsOnTimeAcrossStepsAndPatterns() {
            capped.play(HapticPattern.LONG_PULSE, 100);
            capped.tick(T0);
            clock.set(T0 + ms(250));
            capped.play(HapticPattern.LONG_PULSE, 100);                              // restarts, motor stays on
            runCappedUntilIdle();
            assertEquals(List.of("0:100", "300:0"), motor.transitions(T0));   // not 250 + 300
            assertEquals(1, capped.safetyCutoffs());
        }

        @Test
        void offStepsResetTheStretch() {
            capped.play(HapticPattern.TRIPLE_PULSE, 100);                      // 150 ms stretches
            runCappedUntilIdle();
            assertEquals(6, motor.count());
            assertEquals(0, capped.safetyCutoffs());
        }

        @Test
        void theDefaultCapIsAboveEveryBuiltInStretch() {
            for (HapticPattern p : HapticPattern.values()) {
                long stretch = 0;
                for (int i = 0; i < p.steps(); i++) {
                    stretch = p.levelPct(i) > 0 ? stretch + p.durationMs(i) : 0;
                    assertTrue(ms(stretch) < PatternPlayer.DEFAULT_MAX_ON_NANOS, p.id());
                }
            }
        }
    }

    @Nested
    class MotorErrors {
        @Test
        void aFailedDriveIsCountedAndRetriedNotThrown() {
            motor.failNext = 1;
            player.play(HapticPattern.LONG_PULSE, 100);
            player.tick(T0);                                                    // does not throw
            assertEquals(1, player.motorErrors());
            assertSame(motor.failure(), player.lastMotorError());
            assertEquals(T0 + PatternPlayer.RETRY_NANOS, player.nextDeadlineNanos());
            runUntilIdle();
            assertEquals(List.of("50:100", "600:0"), motor.transitions(T0));
        }

        @Test
        void offIsRetriedUntilTheMotorAcceptsIt() {
            player.play(HapticPattern.SINGLE_PULSE, 100);
            player.tick(T0);
            motor.failNext = 3;
            runUntilIdle();
            assertEquals(List.of("0:100", "300:0"), motor.transitions(T0));   // 150, 200, 250 failed
            assertEquals(3, player.motorErrors());
        }

        @Test
        void givesUpAfterMaxRetriesUntilTheNextRequest() {
            player.play(HapticPattern.SINGLE_PULSE, 100);
            player.tick(T0);
            motor.failNext = 1_000;
            runUntilIdle();
            assertEquals(PatternPlayer.MAX_RETRIES, player.motorErrors());
            assertEquals(PatternPlayer.NO_DEADLINE, player.nextDeadlineNanos());
            motor.failNext = 0;
            player.play(HapticPattern.SINGLE_PULSE, 100);
            runUntilIdle();
            assertEquals(0, motor.lastLevel());
        }

        @Test
        void stopAfterGivingUpTriesOffAgain() {
            player.play(HapticPattern.SINGLE_PULSE, 100);
            player.tick(T0);
            motor.failNext = PatternPlayer.MAX_RETRIES;
            runUntilIdle();                                                     // gave up on "off"
            assertEquals(100, motor.lastLevel());
            player.stop();
            runUntilIdle();
            assertEquals(0, motor.lastLevel());
        }

        @Test
        void runtimeExceptionsFromAProviderAreCountedToo() {
            motor.runtimeFailure = new com.pi4j.io.exception.IOException("sysfs write failed");
            player.play(HapticPattern.SINGLE_PULSE, 100);
            player.tick(T0);
            assertEquals(1, player.motorErrors());
            assertSame(motor.runtimeFailure, player.lastMotorError());
        }
    }

    @Nested
    class NonBlocking {
        private final com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

        private long allocatedBytes() {
            return threads.getThreadAllocatedBytes(Thread.currentThread().getId());
        }

        @Test
        void playOnlyPostsTheRequest() {
            int[] wakeups = new int[1];
            player.setWakeup(() -> wakeups[0]++);
            player.play(HapticPattern.TRIPLE_PULSE, 100);
            player.play(HapticPattern.RECALIBRATION_NEEDED, 100);
            assertEquals(0, motor.attempts);                                    // the motor is untouched
            assertEquals(2, wakeups[0]);
            assertEquals(PatternPlayer.NOW, player.nextDeadlineNanos());
        }

        /**
         * Bytes allocated by {@code work} on this thread, the least over up to five rounds after a
         * warm-up round: a per-call allocation would show in every round (100 000 calls, megabytes),
         * while the JVM itself now and then charges a few dozen bytes to a thread in one round
         * (observed: 80 and 184 bytes in single rounds of a full suite run), which a quiet round
         * rules out.
         */
        private long leastAllocated(Runnable work) {
            threads.setThreadAllocatedMemoryEnabled(true);
            work.run();
            long least = Long.MAX_VALUE;
            for (int round = 0; round < 5 && least > 0; round++) {
                long before = allocatedBytes();
                work.run();
                least = Math.min(least, allocatedBytes() - before);
            }
            return least;
        }

        @Test
        void playAllocatesNothing() {
            HapticPattern[] patterns = HapticPattern.values();
            Priority[] priorities = Priority.values();
            long bytes = leastAllocated(() -> {
                for (int i = 0; i < 100_000; i++) {
                    player.play(patterns[i % patterns.length], i % 101, priorities[i % priorities.length]);
                    player.stop();
                }
            });
            assertEquals(0, bytes, "bytes allocated by 100 000 play() + stop() calls");
        }

        @Test
        void tickAllocatesNothingInSteadyState() {
            HapticPattern[] patterns = HapticPattern.values();
            long[] t = {T0};
            long bytes = leastAllocated(() -> {
                for (int i = 0; i < 2_000; i++) {
                    player.play(patterns[i % patterns.length], 100, Priority.TEST);
                    for (int k = 0; k < 50; k++) {
                        t[0] += ms(20);
                        clock.set(t[0]);
                        player.tick(t[0]);
                    }
                }
            });
            assertEquals(0, bytes, "bytes allocated by 100 000 ticks playing every pattern");
            assertTrue(motor.count() > 10_000);
        }
    }
}
