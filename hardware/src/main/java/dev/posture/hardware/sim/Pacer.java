package dev.posture.hardware.sim;

import java.util.Objects;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * Calls a consumer once per sample at the sample rate, in real time ({@code speed = 1}), faster
 * ({@code speed = 10}: ten simulated seconds per wall second) or as fast as it can go
 * ({@code speed = +infinity}). Sample {@code k} is due at wall time
 * {@code start + k / (rate * speed)}; the pacer sleeps until then, never busy-spins, and when the
 * consumer falls behind it delivers the late samples at once instead of skipping them (the
 * simulation stays complete; {@link #run} reports how many were late). The wall clock and the
 * sleeper are injected, so tests step them by hand and never sleep.
 */
public final class Pacer {
    /** Sleeps for a number of wall-clock nanoseconds. */
    @FunctionalInterface
    public interface Sleeper {
        void sleepNanos(long nanos) throws InterruptedException;
    }

    /** Receives each sample's index and its simulated time (ns since the scenario started). */
    @FunctionalInterface
    public interface Tick {
        /** Returns false to stop early. */
        boolean onSample(long index, long simNanos);
    }

    private final LongSupplier wallNanos;
    private final Sleeper sleeper;

    /** A pacer over an injected monotonic clock (ns) and sleeper. */
    public Pacer(LongSupplier wallNanos, Sleeper sleeper) {
        this.wallNanos = Objects.requireNonNull(wallNanos, "wall clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    /** A pacer on {@link System#nanoTime()} that parks the thread between samples. */
    public static Pacer realTime() {
        return new Pacer(System::nanoTime, nanos -> {
            LockSupport.parkNanos(nanos);
            if (Thread.interrupted()) {
                throw new InterruptedException("pacer interrupted");
            }
        });
    }

    /**
     * Delivers {@code samples} samples at {@code sampleRateHz}, {@code speed} times faster than real
     * time. Returns the number of samples delivered more than one sample period (wall time) late.
     */
    public long run(double sampleRateHz, double speed, long samples, Tick tick) throws InterruptedException {
        if (!(sampleRateHz > 0 && sampleRateHz <= 100_000)) {
            throw new IllegalArgumentException("sample rate must be in (0, 100000] Hz, got " + sampleRateHz);
        }
        if (!(speed > 0)) {
            throw new IllegalArgumentException("speed must be > 0 (infinity = as fast as possible), got " + speed);
        }
        if (samples < 0) {
            throw new IllegalArgumentException("sample count must be >= 0, got " + samples);
        }
        double simPeriodNanos = 1e9 / sampleRateHz;
        double wallPeriodNanos = simPeriodNanos / speed; // 0 when speed is infinite
        long start = wallNanos.getAsLong();
        long late = 0;
        for (long k = 0; k < samples; k++) {
            if (wallPeriodNanos > 0) {
                long due = start + Math.round(k * wallPeriodNanos);
                long now = wallNanos.getAsLong();
                if (now - due > wallPeriodNanos) {
                    late++;
                }
                while (now < due) { // a sleep may end early (parkNanos can return spuriously)
                    sleeper.sleepNanos(due - now);
                    now = wallNanos.getAsLong();
                }
            }
            if (!tick.onSample(k, Math.round(k * simPeriodNanos))) {
                break;
            }
        }
        return late;
    }
}
