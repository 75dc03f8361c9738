package dev.posture.protocol;

import java.lang.management.ManagementFactory;

/** HotSpot's count of the bytes the calling thread has allocated, for the no-garbage tests. */
public final class ThreadAllocation {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private ThreadAllocation() {
    }

    /** Bytes this thread has allocated so far; the difference of two calls is what ran between them. */
    public static long bytes() {
        return THREADS.getCurrentThreadAllocatedBytes();
    }
}
