package dev.posture.device.mqtt;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Poll with a generous deadline: tests never fail because the machine is slow. */
final class Await {
    static final Duration LONG = Duration.ofSeconds(30);

    private Await() {
    }

    static void until(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + LONG.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + LONG + ": " + what);
            }
            Thread.sleep(20);
        }
    }

    /** For a test's own actor thread (e.g. a calibration that completes later), not for synchronisation. */
    static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
