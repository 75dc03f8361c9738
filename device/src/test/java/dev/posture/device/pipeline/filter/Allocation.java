package dev.posture.device.pipeline.filter;

import java.lang.management.ManagementFactory;

/** Bytes this thread has allocated so far (com.sun.management.ThreadMXBean). */
public final class Allocation {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private Allocation() {
    }

    public static long bytes() {
        if (!THREADS.isThreadAllocatedMemorySupported() || !THREADS.isThreadAllocatedMemoryEnabled()) {
            throw new IllegalStateException("per-thread allocation counting is not available");
        }
        return THREADS.getThreadAllocatedBytes(Thread.currentThread().getId());
    }
}
