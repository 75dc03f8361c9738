package dev.posture.device.pipeline.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posture.protocol.message.CalibrationStep;
import dev.posture.protocol.message.ChangeSource;
import dev.posture.protocol.message.EventDetail;
import dev.posture.protocol.message.EventType;
import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class EventRingTest {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Test
    void copiesEveryFieldOutInOrderWithSequenceNumbers() {
        EventRing ring = new EventRing(4, 41);
        assertTrue(ring.offer(EventType.CUE, 10_000_000, 1834, 10_000, 1, 2, 0));
        assertTrue(ring.offer(EventType.RECOVERED, 12_500_000, -120, 2_500, 1, 2, 12_500));
        assertEquals(2, ring.size());
        assertEquals(43, ring.nextSequence());

        EventRecord out = new EventRecord();
        assertTrue(ring.poll(out));
        assertEquals(41, out.sequence());
        assertEquals(EventType.CUE, out.type());
        assertEquals(10_000_000, out.tUs());
        assertEquals(1834, out.angleCentiDeg());
        assertEquals(10_000, out.d0());
        assertEquals(1, out.d1());
        assertEquals(2, out.d2());
        assertEquals(0, out.d3());
        assertEquals("#41 CUE t=10.000000s 18.34deg [10000, 1, 2, 0]", out.toString());

        assertTrue(ring.poll(out));
        assertEquals(42, out.sequence());
        assertEquals(EventType.RECOVERED, out.type());
        assertEquals(12_500, out.d3());
        assertEquals("#42 RECOVERED t=12.500000s -1.20deg [2500, 1, 2, 12500]", out.toString());

        assertFalse(ring.poll(out));
        assertEquals(42, out.sequence(), "an empty poll leaves the holder alone");
        assertEquals(0, ring.size());
    }

    @Test
    void aFullRingDropsTheNewestAndKeepsNumbersContiguous() {
        EventRing ring = new EventRing(2, 0);
        assertTrue(ring.offer(EventType.CUE, 1, 0, 100, 0, 0, 0));
        assertTrue(ring.offer(EventType.CUE, 2, 0, 101, 0, 0, 0));
        assertFalse(ring.offer(EventType.CUE, 3, 0, 102, 0, 0, 0));
        assertFalse(ring.offer(EventType.CUE, 4, 0, 103, 0, 0, 0));
        assertEquals(2, ring.dropped());
        assertEquals(2, ring.nextSequence(), "a dropped event takes no number");

        EventRecord out = new EventRecord();
        assertTrue(ring.poll(out));
        assertEquals(0, out.sequence());
        assertEquals(100, out.d0(), "the oldest survives");
        assertTrue(ring.offer(EventType.CUE, 5, 0, 104, 0, 0, 0));
        assertTrue(ring.poll(out));
        assertEquals(1, out.sequence());
        assertEquals(101, out.d0());
        assertTrue(ring.poll(out));
        assertEquals(2, out.sequence());
        assertEquals(104, out.d0());
        assertFalse(ring.poll(out));
    }

    @Test
    void seedingIsOnlyAllowedBeforeTheFirstEvent() {
        EventRing ring = new EventRing();
        assertEquals(EventRing.DEFAULT_CAPACITY, ring.capacity());
        ring.seedSequence(1_000);
        ring.seedSequence(EventRing.MAX_SEQUENCE);
        ring.seedSequence(7);
        ring.offer(EventType.BOOTED, 0, 0);
        assertThrows(IllegalStateException.class, () -> ring.seedSequence(9));
        EventRecord out = new EventRecord();
        assertNull(out.type());
        ring.poll(out);
        assertEquals(7, out.sequence());
        assertThrows(IllegalArgumentException.class, () -> new EventRing(8, -1));
        assertThrows(IllegalArgumentException.class, () -> new EventRing(8, EventRing.MAX_SEQUENCE + 1));
        assertThrows(IllegalArgumentException.class, () -> new EventRing(6, 0));
        assertThrows(IllegalArgumentException.class, () -> new EventRing(1, 0));
    }

    @Test
    void recordsBecomeProtocolDetails() {
        EventRing ring = new EventRing(16, 0);
        ring.offer(EventType.CUE, 1, 1850, 10_000, 3, 2, 0);
        ring.offer(EventType.RECOVERED, 2, 1190, 4_200, 3, 2, 74_200);
        ring.offer(EventType.CHECKIN_DUE, 3, 50);
        ring.offer(EventType.CHECKIN_DONE, 4, -230, 5_000, 0, 0, 0);
        ring.offer(EventType.CHECKIN_MISSED, 5, 900, 120_000, 0, 0, 0);
        ring.offer(EventType.DRILL_DONE, 6, 0, 4, 6, 0, 0);
        ring.offer(EventType.RECALIBRATION_NEEDED, 7, 2500);
        ring.offer(EventType.SNOOZED, 8, 0, 30, 0, 0, 0);
        ring.offer(EventType.CALIBRATED, 9, 0, CalibrationStep.LEAN.ordinal(), 0, 0, 0);
        ring.offer(EventType.SENSOR_RECOVERED, 10, 0, 1_500, 0, 0, 0);
        ring.offer(EventType.CONFIG_CHANGED, 11, 0, 12, ChangeSource.SERIAL.ordinal(), 0, 0);
        ring.offer(EventType.SENSOR_FAULT, 12, 0);
        EventDetail[] expected = {
            new EventDetail.Cue(18.5, 10_000, 3, 2),
            new EventDetail.Recovered(11.9, 4_200, 3, 2),
            new EventDetail.CheckinDue(),
            new EventDetail.CheckinDone(5_000, -2.3),
            new EventDetail.CheckinMissed(120_000),
            new EventDetail.DrillDone(4, 6),
            new EventDetail.RecalibrationNeeded(25),
            new EventDetail.Snoozed(30),
            new EventDetail.Calibrated(CalibrationStep.LEAN),
            new EventDetail.SensorRecovered(1_500),
            new EventDetail.ConfigChanged(12, ChangeSource.SERIAL),
        };
        EventRecord out = new EventRecord();
        for (EventDetail detail : expected) {
            assertTrue(ring.poll(out));
            assertEquals(detail, out.toDetail());
        }
        assertTrue(ring.poll(out));
        assertThrows(IllegalStateException.class, out::toDetail);
    }

    @Test
    void offerAndPollAllocateNothing() {
        EventRing ring = new EventRing(64, 0);
        EventRecord out = new EventRecord();
        long best = Long.MAX_VALUE;
        for (int round = 0; round < 5 && best > 0; round++) {
            long before = allocated();
            for (int i = 0; i < 100_000; i++) {
                ring.offer(EventType.CUE, i, i, i, 1, 2, 3);
                if ((i & 1) == 0) { // half the time the consumer lags, so the ring fills and drops too
                    ring.poll(out);
                }
                if ((i & 255) == 0) {
                    while (ring.poll(out)) {
                        // drain
                    }
                }
            }
            best = Math.min(best, allocated() - before);
        }
        assertEquals(0, best, "bytes allocated in the quietest round of 100000 offers");
        assertTrue(ring.dropped() > 0, "the loop exercised the full-ring path");
    }

    /**
     * One producer thread and one consumer thread. The producer retries a refused offer (a test-only
     * policy, so that every event must arrive): the consumer must see every event exactly once, in
     * order, with the payload it was written with and contiguous sequence numbers. Bounded by the
     * event count; the join timeout only keeps a broken ring from hanging the build.
     */
    @Test
    void twoThreadsEveryEventArrivesOnceInOrder() throws Exception {
        int count = 2_000_000;
        long seed = 5_000;
        EventRing ring = new EventRing(64, seed);
        AtomicReference<String> failure = new AtomicReference<>();
        long[] received = new long[1];
        Thread consumer = new Thread(() -> {
            EventRecord out = new EventRecord();
            long expected = 0;
            while (expected < count) {
                if (!ring.poll(out)) {
                    Thread.onSpinWait();
                    continue;
                }
                if (out.sequence() != seed + expected || out.tUs() != expected || out.d0() != expected
                        || out.d1() != ~expected || out.d2() != 3 * expected || out.d3() != -expected
                        || out.angleCentiDeg() != (int) expected || out.type() != type(expected)) {
                    failure.compareAndSet(null, "event " + expected + " arrived as " + out);
                    return;
                }
                expected++;
            }
            received[0] = expected;
        }, "ring-consumer");
        Thread producer = new Thread(() -> {
            for (long i = 0; i < count; i++) {
                while (!ring.offer(type(i), i, (int) i, i, ~i, 3 * i, -i)) {
                    Thread.onSpinWait();
                }
            }
        }, "ring-producer");
        consumer.start();
        producer.start();
        producer.join(120_000);
        consumer.join(120_000);
        assertFalse(producer.isAlive() || consumer.isAlive(), "threads did not finish");
        assertNull(failure.get());
        assertEquals(count, received[0]);
        assertEquals(0, ring.size());
    }

    /**
     * The same with a producer that never retries, as the sampling loop behaves: what arrives is an
     * in-order subsequence of what was offered, numbered without gaps, and arrived + dropped = offered.
     */
    @Test
    void twoThreadsDroppingProducerLosesOnlyCountedEvents() throws Exception {
        int count = 1_000_000;
        EventRing ring = new EventRing(8, 0);
        AtomicReference<String> failure = new AtomicReference<>();
        long[] received = new long[1];
        boolean[] consumerDone = new boolean[1];
        Thread producer = new Thread(() -> {
            for (long i = 0; i < count; i++) {
                ring.offer(EventType.CUE, i, 0, i, 0, 0, 0);
            }
        }, "ring-producer");
        Thread consumer = new Thread(() -> {
            EventRecord out = new EventRecord();
            long n = 0;
            long lastPayload = -1;
            while (true) {
                if (ring.poll(out)) {
                    if (out.sequence() != n || out.d0() <= lastPayload || out.tUs() != out.d0()) {
                        failure.compareAndSet(null, "after payload " + lastPayload + " event " + n + " arrived as " + out);
                        return;
                    }
                    lastPayload = out.d0();
                    n++;
                } else if (!producer.isAlive()) {
                    if (!ring.poll(out)) {
                        break;
                    }
                    if (out.sequence() != n || out.d0() <= lastPayload) {
                        failure.compareAndSet(null, "late event " + out);
                        return;
                    }
                    lastPayload = out.d0();
                    n++;
                } else {
                    Thread.onSpinWait();
                }
            }
            received[0] = n;
            consumerDone[0] = true;
        }, "ring-consumer");
        producer.start();
        consumer.start();
        producer.join(120_000);
        consumer.join(120_000);
        assertFalse(producer.isAlive() || consumer.isAlive(), "threads did not finish");
        assertNull(failure.get());
        assertTrue(consumerDone[0]);
        assertEquals(count, received[0] + ring.dropped());
    }

    private static final EventType[] TYPES = EventType.values();

    private static EventType type(long i) {
        return TYPES[(int) (i % TYPES.length)];
    }

    private static long allocated() {
        return THREADS.getThreadAllocatedBytes(Thread.currentThread().getId());
    }
}
