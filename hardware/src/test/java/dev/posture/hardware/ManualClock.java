package dev.posture.hardware;

import java.util.function.LongSupplier;

/** A monotonic clock in nanoseconds that only moves when a test moves it. */
public final class ManualClock implements LongSupplier {
    private long nanos;

    /** Starts at 0. */
    public ManualClock() {
        this(0);
    }

    public ManualClock(long startNanos) {
        this.nanos = startNanos;
    }

    @Override
    public long getAsLong() {
        return nanos;
    }

    public void set(long newNanos) {
        this.nanos = newNanos;
    }

    public void advanceNanos(long delta) {
        nanos += delta;
    }

    public void advanceMillis(long millis) {
        nanos += ms(millis);
    }

    /** Milliseconds in nanoseconds. */
    public static long ms(long millis) {
        return millis * 1_000_000L;
    }
}
