package dev.posture.device.pipeline.event;

import dev.posture.protocol.message.EventType;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A preallocated single-producer, single-consumer ring of primitive event records: the sampling loop
 * (producer) writes events without allocating or blocking, and the I/O thread (consumer) copies them
 * out one at a time into an {@link EventRecord} it owns and turns them into protocol messages there.
 *
 * <p>Each slot holds the event type (ordinal of {@link EventType}), the device time in microseconds,
 * a forward angle in centidegrees and four {@code long} detail fields; what the fields mean per type
 * is listed in {@link EventRecord}.
 *
 * <p><b>Sequence numbers.</b> The ring numbers the events it accepts, one by one, starting from the
 * number given to the constructor or to {@link #seedSequence(long)} (the runtime passes the next
 * number it persisted, so numbering continues across restarts as the protocol requires). A number
 * is assigned only when an event is accepted, so the numbers the consumer sees have no gaps.
 *
 * <p><b>Overflow: the newest event is dropped.</b> When the ring is full, {@link #offer} returns
 * false at once, counts the event in {@link #dropped()}, and the producer goes on; it never waits.
 * Dropping the oldest instead was rejected because (1) only the consumer moves the read position,
 * and letting the producer move it too would need compare-and-set and could tear a record the
 * consumer is copying right now; (2) older events are what later ones refer to: a RECOVERED names
 * the episode its first CUE opened, a CHECKIN_DONE answers a CHECKIN_DUE, and a log that keeps the
 * answers but loses the questions cannot be read; (3) a record that was numbered and then thrown
 * away would leave a gap in the published sequence, which receivers would take for a lost
 * message. The ring overflows only when the consumer has stalled for a long time (the pipeline
 * emits at most a few events a minute), and the drop count tells that story in telemetry.
 *
 * <p><b>Threads.</b> Exactly one thread may call the producer methods ({@link #offer},
 * {@link #nextSequence()}, {@link #seedSequence(long)}) and exactly one thread the consumer method
 * ({@link #poll}); {@link #dropped()} and {@link #size()} may be read from any thread. The producer
 * writes a slot with plain stores and then publishes it with a release store of the write position;
 * the consumer reads that position with an acquire load before it reads the slot, and releases the
 * slot with a release store of the read position, which the producer reads with an acquire load
 * before it reuses the slot. Each side caches the other side's position and reloads it only when
 * the ring looks full (producer) or empty (consumer).
 */
public final class EventRing {
    /** Capacity the runtime uses unless told otherwise: hours of events at the pipeline's rate. */
    public static final int DEFAULT_CAPACITY = 256;
    /** Largest sequence number the protocol carries (2^53 - 1). */
    public static final long MAX_SEQUENCE = (1L << 53) - 1;

    private static final EventType[] TYPES = EventType.values();

    private final int capacity;
    private final int mask;
    private final int[] types;
    private final long[] timesUs;
    private final int[] anglesCentiDeg;
    private final long[] detail0;
    private final long[] detail1;
    private final long[] detail2;
    private final long[] detail3;

    /** Number of the event at position 0; set before the first offer. */
    private long firstSequence;

    /** Next position the producer writes; written only by the producer (release). */
    private final AtomicLong writePosition = new AtomicLong();
    /** Next position the consumer reads; written only by the consumer (release). */
    private final AtomicLong readPosition = new AtomicLong();
    /** Events refused because the ring was full; written only by the producer. */
    private final AtomicLong dropped = new AtomicLong();

    /** Producer's last view of {@link #readPosition}. */
    private long readPositionCache;
    /** Consumer's last view of {@link #writePosition}. */
    private long writePositionCache;

    /**
     * @param capacity      slots, a power of two from 2 to 2^20
     * @param firstSequence number of the first event accepted, 0..{@link #MAX_SEQUENCE}
     */
    public EventRing(int capacity, long firstSequence) {
        if (capacity < 2 || capacity > (1 << 20) || Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("capacity must be a power of two in 2..2^20, got " + capacity);
        }
        checkSequence(firstSequence);
        this.capacity = capacity;
        this.mask = capacity - 1;
        this.types = new int[capacity];
        this.timesUs = new long[capacity];
        this.anglesCentiDeg = new int[capacity];
        this.detail0 = new long[capacity];
        this.detail1 = new long[capacity];
        this.detail2 = new long[capacity];
        this.detail3 = new long[capacity];
        this.firstSequence = firstSequence;
    }

    /** {@link #DEFAULT_CAPACITY} slots, numbering from 0. */
    public EventRing() {
        this(DEFAULT_CAPACITY, 0);
    }

    public int capacity() {
        return capacity;
    }

    /**
     * Sets the number of the next event, e.g. from the value the runtime persisted. Producer thread
     * only, and only before the first event is offered (the numbers already given out cannot change).
     *
     * @throws IllegalStateException after the first offer
     */
    public void seedSequence(long nextSequence) {
        checkSequence(nextSequence);
        if (writePosition.getPlain() != 0 || dropped.getPlain() != 0) {
            throw new IllegalStateException("the sequence can only be seeded before the first event");
        }
        firstSequence = nextSequence;
    }

    /** The number the next accepted event will get. Producer thread only. */
    public long nextSequence() {
        return firstSequence + writePosition.getPlain();
    }

    /**
     * Appends one event; never blocks and never allocates. Producer thread only.
     *
     * @return false when the ring was full: the event is dropped and counted in {@link #dropped()}
     */
    public boolean offer(EventType type, long tUs, int angleCentiDeg, long d0, long d1, long d2, long d3) {
        long position = writePosition.getPlain();
        if (position - readPositionCache >= capacity) {
            readPositionCache = readPosition.getAcquire();
            if (position - readPositionCache >= capacity) {
                dropped.setRelease(dropped.getPlain() + 1);
                return false;
            }
        }
        int slot = (int) position & mask;
        types[slot] = type.ordinal();
        timesUs[slot] = tUs;
        anglesCentiDeg[slot] = angleCentiDeg;
        detail0[slot] = d0;
        detail1[slot] = d1;
        detail2[slot] = d2;
        detail3[slot] = d3;
        writePosition.setRelease(position + 1);
        return true;
    }

    /** {@link #offer(EventType, long, int, long, long, long, long)} with no detail fields. */
    public boolean offer(EventType type, long tUs, int angleCentiDeg) {
        return offer(type, tUs, angleCentiDeg, 0, 0, 0, 0);
    }

    /**
     * Copies the oldest event into {@code out} and frees its slot. Consumer thread only; never
     * allocates.
     *
     * @return false when the ring is empty ({@code out} is left as it was)
     */
    public boolean poll(EventRecord out) {
        long position = readPosition.getPlain();
        if (position >= writePositionCache) {
            writePositionCache = writePosition.getAcquire();
            if (position >= writePositionCache) {
                return false;
            }
        }
        int slot = (int) position & mask;
        out.set(firstSequence + position, TYPES[types[slot]], timesUs[slot], anglesCentiDeg[slot],
                detail0[slot], detail1[slot], detail2[slot], detail3[slot]);
        readPosition.setRelease(position + 1);
        return true;
    }

    /** Events dropped because the ring was full, since construction. Any thread. */
    public long dropped() {
        return dropped.getAcquire();
    }

    /** Events waiting, as seen from the calling thread (exact on the producer or consumer thread when the other is idle). */
    public int size() {
        long read = readPosition.getAcquire();
        long written = writePosition.getAcquire();
        return (int) Math.max(0, Math.min(capacity, written - read));
    }

    private static void checkSequence(long sequence) {
        if (sequence < 0 || sequence > MAX_SEQUENCE) {
            throw new IllegalArgumentException("sequence must be in 0..2^53-1, got " + sequence);
        }
    }
}
