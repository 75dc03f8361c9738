package dev.posture.hardware.haptic;

import dev.posture.hardware.HardwareException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * A motor that records each level it accepts with the clock's time into preallocated arrays (so it
 * allocates nothing itself), and can be told to fail.
 */
final class RecordingHaptic implements Haptic {
    private static final int CAPACITY = 4096;

    private final LongSupplier clock;
    private final long[] times = new long[CAPACITY];
    private final int[] levels = new int[CAPACITY];
    private final HardwareException failure =
            new HardwareException("i2c bus 1 addr 0x5A reg 0x02 RTP_INPUT: write: NACK (EREMOTEIO)");
    private int count;
    int attempts;
    int failNext;                 // drive() calls left that throw the HardwareException
    RuntimeException runtimeFailure; // thrown instead when set
    boolean closed;

    RecordingHaptic(LongSupplier clock) {
        this.clock = clock;
    }

    @Override
    public void drive(int intensityPct) throws HardwareException {
        attempts++;
        if (runtimeFailure != null) {
            throw runtimeFailure;
        }
        if (failNext > 0) {
            failNext--;
            throw failure;
        }
        times[count % CAPACITY] = clock.getAsLong();
        levels[count % CAPACITY] = intensityPct;
        count++;
    }

    @Override
    public void close() {
        closed = true;
    }

    int count() {
        return count;
    }

    int lastLevel() {
        return count == 0 ? 0 : levels[(count - 1) % CAPACITY];
    }

    HardwareException failure() {
        return failure;
    }

    /** "ms:level" per accepted drive, times relative to {@code originNanos} (in ns when not whole ms). */
    List<String> transitions(long originNanos) {
        List<String> out = new ArrayList<>();
        for (int i = Math.max(0, count - CAPACITY); i < count; i++) {
            long dt = times[i % CAPACITY] - originNanos;
            String when = dt % 1_000_000 == 0 ? Long.toString(dt / 1_000_000) : dt + "ns";
            out.add(when + ":" + levels[i % CAPACITY]);
        }
        return out;
    }

    void clear() {
        count = 0;
        attempts = 0;
    }
}
