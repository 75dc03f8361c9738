package dev.posture.hardware.haptic;

import dev.posture.hardware.ManualClock;

/** A runner with perfect timing, for tests: tick, then jump the clock to the next deadline, until idle. */
final class PerfectRunner {
    private PerfectRunner() {
    }

    static void runUntilIdle(PatternPlayer player, ManualClock clock) {
        for (int i = 0; i < 1_000; i++) {
            player.tick(clock.getAsLong());
            long next = player.nextDeadlineNanos();
            if (next == PatternPlayer.NO_DEADLINE) {
                return;
            }
            if (next != PatternPlayer.NOW) {
                clock.set(next);
            }
        }
        throw new AssertionError("player never went idle");
    }
}
