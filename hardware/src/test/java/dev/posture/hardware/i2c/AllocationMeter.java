package dev.posture.hardware.i2c;

import java.lang.management.ManagementFactory;

/** Bytes allocated on the calling thread, from HotSpot's per-thread allocation counter. */
public final class AllocationMeter {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private AllocationMeter() {
    }

    /** Bytes this thread has allocated so far. */
    public static long allocatedBytes() {
        return THREADS.getCurrentThreadAllocatedBytes();
    }

    /** A body that may throw a checked exception. */
    @FunctionalInterface
    public interface Body {
        void run() throws Exception;
    }

    /**
     * Runs {@code body} {@code warmup} times, then {@code runs} times, and returns the bytes allocated
     * during the measured runs, minus what the meter itself costs.
     */
    public static long bytesAllocatedBy(int warmup, int runs, Body body) throws Exception {
        for (int i = 0; i < warmup; i++) {
            body.run();
        }
        long empty0 = allocatedBytes();
        long empty1 = allocatedBytes();
        long overhead = empty1 - empty0;
        long before = allocatedBytes();
        for (int i = 0; i < runs; i++) {
            body.run();
        }
        long after = allocatedBytes();
        return after - before - overhead;
    }
}
