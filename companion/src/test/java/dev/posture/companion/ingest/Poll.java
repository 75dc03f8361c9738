package dev.posture.companion.ingest;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.concurrent.Callable;

/** Waits for a condition with a generous deadline: tests never fail because the machine is slow. */
public final class Poll {
    public static final long DEADLINE_MS = 30_000;

    private Poll() {
    }

    public static void until(String what, Callable<Boolean> condition) throws Exception {
        long end = System.nanoTime() + DEADLINE_MS * 1_000_000;
        while (!condition.call()) {
            if (System.nanoTime() > end) {
                fail("not within " + DEADLINE_MS + " ms: " + what);
            }
            Thread.sleep(20);
        }
    }
}
