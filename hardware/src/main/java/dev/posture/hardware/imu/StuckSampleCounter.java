package dev.posture.hardware.imu;

import java.util.Arrays;

/**
 * Notices sensor data that stopped changing. A live MEMS sensor's noise makes two fresh samples with
 * bit-identical data on all axes rare and a long run of them practically impossible, so a run of
 * {@code limit} unchanged fresh samples means the chip's data path is stuck. Allocates nothing per
 * sample; not thread-safe.
 */
public final class StuckSampleCounter {
    /** Unchanged fresh samples in a row that count as stuck; 0 = never. */
    private final int limit;
    /** The last sample that differed from its predecessor. */
    private final byte[] last;
    private boolean primed;
    /** Fresh samples in a row equal to {@link #last}. */
    private int unchanged;

    public StuckSampleCounter(int limit, int sampleBytes) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit < 0: " + limit);
        }
        this.limit = limit;
        this.last = new byte[sampleBytes];
    }

    /** Feeds the fresh sample {@code data[from..from + sampleBytes)}; true when the data now counts as stuck. */
    public boolean feed(byte[] data, int from) {
        int length = last.length;
        if (primed && Arrays.equals(data, from, from + length, last, 0, length)) {
            unchanged++;
        } else {
            System.arraycopy(data, from, last, 0, length);
            primed = true;
            unchanged = 0;
        }
        return limit > 0 && unchanged >= limit;
    }

    /** Fresh samples in a row that repeated the one before them. */
    public int unchanged() {
        return unchanged;
    }

    /** The problem in a driver's words, e.g. "data stuck: 100 fresh samples in a row unchanged". */
    public String problem() {
        return "data stuck: " + unchanged + " fresh samples in a row unchanged";
    }

    /** Forgets the history (after a reconfiguration or a FIFO reset). */
    public void reset() {
        primed = false;
        unchanged = 0;
    }
}
