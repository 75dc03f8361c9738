package dev.posture.device.recorder;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A preallocated single-producer, single-consumer ring of raw samples (a time in microseconds and six
 * int16 counts: accelerometer x, y, z then gyroscope x, y, z), held in primitive arrays. The sampling
 * loop offers into it without allocating or blocking; the recorder thread drains it into the trace
 * writer, which may wait seconds on the SD card.
 *
 * <p><b>Overflow: the newest sample is dropped and counted.</b> Only the consumer moves the read
 * position, so the producer never races the consumer for a slot, and the trace keeps a clean prefix
 * followed by a visible gap (the timestamps show it) rather than holes scattered through it.
 *
 * <p><b>Threads.</b> One producer thread calls {@link #offer}; one consumer thread calls {@link #drain}.
 * The producer fills a slot with plain stores and publishes it with a release store of the write
 * position; the consumer reads that position with an acquire load and frees slots with a release store
 * of the read position. Each side caches the other's position and reloads it only when the ring looks
 * full (producer) or empty (consumer), as {@code EventRing} does.
 */
public final class SampleRing {
    /** Counts per sample: accelerometer x, y, z, gyroscope x, y, z. */
    public static final int AXES = 6;
    /** 8192 samples: 8 s at 1000 Hz, 82 s at 100 Hz of SD card stall; 160 KiB. */
    public static final int DEFAULT_CAPACITY = 8192;

    /** Receives drained samples; {@code counts[offset..offset+5]} is valid only during the call. */
    @FunctionalInterface
    public interface Consumer {
        void accept(long tUs, short[] counts, int offset) throws IOException;
    }

    private final int capacity;
    private final int mask;
    private final long[] timesUs;
    private final short[] counts;

    /** Next position the producer writes; written only by the producer (release). */
    private final AtomicLong writePosition = new AtomicLong();
    /** Next position the consumer reads; written only by the consumer (release). */
    private final AtomicLong readPosition = new AtomicLong();
    /** Samples refused because the ring was full; written only by the producer. */
    private final AtomicLong dropped = new AtomicLong();

    /** Producer's last view of {@link #readPosition}. */
    private long readPositionCache;
    /** Consumer's last view of {@link #writePosition}. */
    private long writePositionCache;

    /** @param capacity samples, a power of two from 2 to 2^20 */
    public SampleRing(int capacity) {
        if (capacity < 2 || capacity > (1 << 20) || Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("capacity must be a power of two in 2..2^20, got " + capacity);
        }
        this.capacity = capacity;
        this.mask = capacity - 1;
        this.timesUs = new long[capacity];
        this.counts = new short[capacity * AXES];
    }

    public int capacity() {
        return capacity;
    }

    /**
     * Appends {@code counts[offset..offset+5]} stamped {@code tUs}; never blocks, never allocates.
     * Producer thread only.
     *
     * @return false when the ring was full: the sample is dropped and counted in {@link #dropped()}
     */
    public boolean offer(long tUs, short[] sample, int offset) {
        long position = writePosition.getPlain();
        if (position - readPositionCache >= capacity) {
            readPositionCache = readPosition.getAcquire();
            if (position - readPositionCache >= capacity) {
                dropped.setRelease(dropped.getPlain() + 1);
                return false;
            }
        }
        int slot = (int) position & mask;
        timesUs[slot] = tUs;
        System.arraycopy(sample, offset, counts, slot * AXES, AXES);
        writePosition.setRelease(position + 1);
        return true;
    }

    /**
     * Hands up to {@code limit} of the oldest samples to {@code consumer}, freeing each slot after its
     * call returns (or throws: a sample the consumer failed on is not offered again). Consumer thread
     * only; allocates nothing.
     *
     * @return samples handed over
     */
    public int drain(Consumer consumer, int limit) throws IOException {
        long position = readPosition.getPlain();
        long available = writePositionCache - position;
        if (available < limit) {
            writePositionCache = writePosition.getAcquire();
            available = writePositionCache - position;
        }
        int n = (int) Math.min(available, limit);
        for (int i = 0; i < n; i++) {
            int slot = (int) (position + i) & mask;
            try {
                consumer.accept(timesUs[slot], counts, slot * AXES);
            } finally {
                readPosition.setRelease(position + i + 1);
            }
        }
        return n;
    }

    /** Samples dropped because the ring was full, since construction. Any thread. */
    public long dropped() {
        return dropped.getAcquire();
    }

    /** Samples waiting, as seen from the calling thread. */
    public int size() {
        long read = readPosition.getAcquire();
        long written = writePosition.getAcquire();
        return (int) Math.max(0, Math.min(capacity, written - read));
    }
}
