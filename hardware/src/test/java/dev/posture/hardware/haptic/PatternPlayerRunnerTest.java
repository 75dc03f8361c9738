package dev.posture.hardware.haptic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posture.hardware.HardwareException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The runner on a real thread and the real clock. Exact timing is {@link PatternPlayerTest}'s job;
 * here only the order of levels and that the caller never waits. Latch timeouts only guard a hang.
 */
class PatternPlayerRunnerTest {
    private static final long GUARD_SECONDS = 10;

    /** Records levels; signals when a level arrives; can block inside drive() like a stuck bus. */
    private static final class SlowMotor implements Haptic {
        final List<Integer> levels = new CopyOnWriteArrayList<>();
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        volatile boolean blockFirst;
        volatile CountDownLatch seen = new CountDownLatch(0);

        @Override
        public void drive(int intensityPct) throws HardwareException {
            if (blockFirst) {
                blockFirst = false;
                entered.countDown();
                try {
                    release.await(GUARD_SECONDS, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            levels.add(intensityPct);
            seen.countDown();
        }

        @Override
        public void close() {
        }
    }

    @Test
    void playsAPatternInOrderAndGoesIdle() throws Exception {
        SlowMotor motor = new SlowMotor();
        motor.seen = new CountDownLatch(4);
        PatternPlayer player = new PatternPlayer(motor);
        PatternPlayerRunner runner = new PatternPlayerRunner(player);
        try {
            player.play(HapticPattern.DOUBLE_PULSE, 70);
            assertTrue(motor.seen.await(GUARD_SECONDS, TimeUnit.SECONDS));
            assertEquals(List.of(70, 0, 70, 0), motor.levels);
        } finally {
            runner.close();
        }
    }

    @Test
    void playReturnsWhileTheMotorIsStuck() throws Exception {
        SlowMotor motor = new SlowMotor();
        motor.blockFirst = true;
        PatternPlayer player = new PatternPlayer(motor);
        PatternPlayerRunner runner = new PatternPlayerRunner(player);
        try {
            player.play(HapticPattern.LONG_PULSE, 100);
            assertTrue(motor.entered.await(GUARD_SECONDS, TimeUnit.SECONDS));  // runner is inside drive()
            assertTimeoutPreemptively(Duration.ofSeconds(GUARD_SECONDS), () -> {
                for (int i = 0; i < 10_000; i++) {
                    player.play(HapticPattern.SINGLE_PULSE, 50, PatternPlayer.Priority.TEST);
                }
            });
            motor.seen = new CountDownLatch(2);
            motor.release.countDown();
            assertTrue(motor.seen.await(GUARD_SECONDS, TimeUnit.SECONDS));
            assertEquals(100, motor.levels.get(0));                             // the stuck call completes
            assertEquals(50, motor.levels.get(1));                              // then the newest request
        } finally {
            runner.close();
        }
    }

    @Test
    void closeLeavesTheMotorOff() throws Exception {
        SlowMotor motor = new SlowMotor();
        motor.seen = new CountDownLatch(1);
        PatternPlayer player = new PatternPlayer(motor);
        PatternPlayerRunner runner = new PatternPlayerRunner(player);
        player.play(HapticPattern.LONG_PULSE, 100);
        assertTrue(motor.seen.await(GUARD_SECONDS, TimeUnit.SECONDS));
        runner.close();
        assertEquals(List.of(100, 0), motor.levels);
    }
}
