package dev.posture.hardware.haptic;

import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread that ticks a {@link PatternPlayer} for real use. It sleeps until the player's next
 * deadline (a step boundary, the safety cap or a retry) and parks indefinitely when nothing plays,
 * so an idle motor costs no wake-ups; {@link PatternPlayer#play} unparks it. No busy spinning and no
 * allocation per tick. The clock must tick like {@link System#nanoTime()}, which {@code parkNanos}
 * sleeps by.
 */
public final class PatternPlayerRunner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PatternPlayerRunner.class);

    private final PatternPlayer player;
    private final LongSupplier clock;
    private final Thread thread;
    private volatile boolean running = true;

    /** Starts ticking {@code player} on a daemon thread named "haptic-player" with System.nanoTime. */
    public PatternPlayerRunner(PatternPlayer player) {
        this(player, System::nanoTime);
    }

    public PatternPlayerRunner(PatternPlayer player, LongSupplier clockNanos) {
        this.player = player;
        this.clock = clockNanos;
        this.thread = new Thread(this::run, "haptic-player");
        thread.setDaemon(true);
        Thread runner = thread;
        player.setWakeup(() -> LockSupport.unpark(runner));
        thread.start();
    }

    private void run() {
        while (running) {
            try {
                player.tick(clock.getAsLong());
            } catch (RuntimeException e) {        // tick catches motor errors; this is a bug guard
                LOG.error("haptic player tick failed", e);
            }
            long next = player.nextDeadlineNanos();
            if (next == PatternPlayer.NO_DEADLINE) {
                LockSupport.park(this);
            } else if (next != PatternPlayer.NOW) {
                long delay = next - clock.getAsLong();
                if (delay > 0) {
                    LockSupport.parkNanos(this, delay);
                }
            }
        }
        player.stop();                           // leave the motor off
        player.tick(clock.getAsLong());
    }

    /** Stops the thread after switching the motor off; waits up to 2 s for it. */
    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        player.setWakeup(null);
    }
}
