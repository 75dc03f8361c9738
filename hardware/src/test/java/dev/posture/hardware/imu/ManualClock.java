package dev.posture.hardware.imu;

import java.util.function.LongSupplier;

/** A clock that only moves when a test moves it. */
public final class ManualClock implements LongSupplier {
    private long nowNanos;

    @Override
    public long getAsLong() {
        return nowNanos;
    }

    public void advanceNanos(long nanos) {
        nowNanos += nanos;
    }

    public void advanceMillis(long millis) {
        nowNanos += millis * 1_000_000L;
    }
}
