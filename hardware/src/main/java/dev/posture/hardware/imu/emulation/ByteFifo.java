package dev.posture.hardware.imu.emulation;

/** A chip's FIFO memory: a ring of bytes. The chip model decides what happens when it is full. */
public final class ByteFifo {
    private final byte[] ring;
    private int head;
    private int count;

    public ByteFifo(int capacity) {
        ring = new byte[capacity];
    }

    public int capacity() {
        return ring.length;
    }

    /** Bytes queued. */
    public int count() {
        return count;
    }

    /** Bytes still free. */
    public int free() {
        return ring.length - count;
    }

    /** Appends a byte; the caller has made room. */
    public void push(int value) {
        if (count == ring.length) {
            throw new IllegalStateException("FIFO full");
        }
        ring[(head + count) % ring.length] = (byte) value;
        count++;
    }

    /** Removes and returns the oldest byte, 0..255; the FIFO must not be empty. */
    public int pop() {
        if (count == 0) {
            throw new IllegalStateException("FIFO empty");
        }
        int value = ring[head] & 0xFF;
        head = (head + 1) % ring.length;
        count--;
        return value;
    }

    /** Discards the {@code n} oldest bytes. */
    public void dropOldest(int n) {
        int drop = Math.min(n, count);
        head = (head + drop) % ring.length;
        count -= drop;
    }

    public void clear() {
        head = 0;
        count = 0;
    }
}
