package dev.posture.device.loop;

import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A latest-value slot of a few longs: one writer publishes without waiting or allocating, any
 * number of readers copy a consistent set. The sequence is odd while a write is under way; a reader
 * retries when it saw an odd sequence or the sequence changed while it copied (the pattern of
 * {@code StampedLock}'s optimistic read: acquire load, copy, load fence, validate).
 */
final class Seqlock {
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicLongArray values;

    Seqlock(int fields) {
        values = new AtomicLongArray(fields);
    }

    /** Writer: start a write (sequence odd). */
    void begin() {
        sequence.setOpaque(sequence.getPlain() + 1);
        VarHandle.storeStoreFence();   // the odd sequence is visible before any field changes
    }

    /** Writer, between begin and end. */
    void set(int field, long value) {
        values.setOpaque(field, value);
    }

    /** Writer: publish (sequence even again). */
    void end() {
        sequence.setRelease(sequence.getPlain() + 1);
    }

    /** Writes published so far (0: nothing published yet). Any thread. */
    long version() {
        return sequence.getAcquire() >>> 1;
    }

    /** Reader: copies a consistent set of fields into {@code out}; returns the version copied. */
    long read(long[] out) {
        for (;;) {
            long before = sequence.getAcquire();
            if ((before & 1) == 0) {
                for (int i = 0; i < out.length; i++) {
                    out[i] = values.getOpaque(i);
                }
                VarHandle.loadLoadFence();
                if (sequence.getOpaque() == before) {
                    return before >>> 1;
                }
            }
            Thread.onSpinWait();     // a write takes well under a microsecond
        }
    }
}
