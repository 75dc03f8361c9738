package dev.posture.hardware.i2c;

import java.lang.management.ManagementFactory;

/**
 * Bytes allocated on the calling thread, from HotSpot's per-thread allocation counter.
 *
 * <p>The JVM itself allocates a few hundred bytes now and then while code warms up (JIT compilation,
 * deoptimisation re-creating objects that escape analysis had removed), at moments that depend on
 * machine speed. So {@link #leastBytesPerRound} runs the body in rounds and reports the quietest
 * round: code that allocates on every call allocates in every round, so a round of exactly 0 bytes is
 * proof that the body allocates nothing, whatever the machine.
 */
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
     * Runs {@code body} {@code runsPerRound} times per round for up to {@code rounds} rounds and
     * returns the fewest bytes any round allocated (stopping at the first round with none).
     */
    public static long leastBytesPerRound(int rounds, int runsPerRound, Body body) throws Exception {
        long overhead = -allocatedBytes() + allocatedBytes();
        long least = Long.MAX_VALUE;
        for (int round = 0; round < rounds && least > 0; round++) {
            long before = allocatedBytes();
            for (int i = 0; i < runsPerRound; i++) {
                body.run();
            }
            least = Math.min(least, allocatedBytes() - before - overhead);
        }
        return least;
    }
}
