package dev.posture.device.loop;

import java.util.concurrent.locks.LockSupport;

/**
 * Parks the thread until the next deadline with {@link LockSupport#parkNanos(long)}: no busy spin,
 * so the core sleeps between samples (a battery device, 2 % duty at 100 Hz).
 *
 * <p>Why {@code parkNanos}: on Linux it is a futex wait with a timeout, i.e. a high-resolution timer.
 * The wake-up is late by the kernel's timer slack (50 us by default for ordinary threads) plus the
 * scheduling latency, about 60-150 us on a Pi Zero 2 W, well inside the 200 us p99 target of
 * issue 5, without spinning. {@code Thread.sleep} has the same timer but cannot be woken early by
 * {@link AgentRunner#close()} without an interrupt; a spin or {@code Thread.onSpinWait} loop
 * keeps a core at 100 %. The wait is capped at {@link #MAX_PARK_NANOS} so that a deadline far away
 * (or none) still lets the runner notice a close within a second.
 */
public final class ParkingIdleStrategy implements IdleStrategy {
    /** Longest single park. */
    public static final long MAX_PARK_NANOS = 1_000_000_000L;

    @Override
    public void idle(long nowNanos, long deadlineNanos) {
        long wait = deadlineNanos - nowNanos;
        if (wait <= 0) {
            return;
        }
        LockSupport.parkNanos(Math.min(wait, MAX_PARK_NANOS));
    }
}
