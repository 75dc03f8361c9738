package dev.posture.hardware.haptic;

import java.util.function.LongSupplier;

/** A clock the test moves by hand, in nanoseconds. */
final class ManualClock implements LongSupplier {
    private long nanos;

    ManualClock(long startNanos) {
        this.nanos = startNanos;
    }

    @Override
    public long getAsLong() {
        return nanos;
    }

    void set(long nanos) {
        this.nanos = nanos;
    }

    void advanceMillis(long millis) {
        nanos += millis * 1_000_000L;
    }

    static long ms(long millis) {
        return millis * 1_000_000L;
    }
}
