package dev.posture.device.recorder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SampleRingTest {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Test
    void drainsInOrderWithTheCountsCopiedAtOfferTime() throws IOException {
        SampleRing ring = new SampleRing(4);
        short[] counts = {1, 2, 3, 4, 5, 6, 7};
        assertTrue(ring.offer(100, counts, 0));
        counts[0] = 99; // the ring copied the counts; the loop may reuse its array
        assertTrue(ring.offer(200, counts, 1));
        List<String> seen = new ArrayList<>();
        assertEquals(2, ring.drain((t, c, o) -> seen.add(t + ":" + c[o] + "," + c[o + 5]), 10));
        assertEquals(List.of("100:1,6", "200:2,7"), seen);
        assertEquals(0, ring.drain((t, c, o) -> seen.add("again"), 10));
        assertEquals(0, ring.size());
    }

    @Test
    void aFullRingDropsTheNewestCountsItAndReturnsAtOnce() throws IOException {
        SampleRing ring = new SampleRing(4);
        short[] counts = new short[6];
        for (int i = 0; i < 4; i++) {
            assertTrue(ring.offer(i, counts, 0));
        }
        for (int i = 4; i < 10; i++) {
            assertFalse(ring.offer(i, counts, 0), "full: refused, not waited for");
        }
        assertEquals(6, ring.dropped());
        assertEquals(4, ring.size());
        long[] times = new long[8];
        int[] n = {0};
        ring.drain((t, c, o) -> times[n[0]++] = t, 1);
        assertTrue(ring.offer(10, counts, 0), "a freed slot takes the next sample");
        ring.drain((t, c, o) -> times[n[0]++] = t, 10);
        assertArrayEquals(new long[] {0, 1, 2, 3, 10, 0, 0, 0}, times, "the oldest survive, then a gap");
    }

    @Test
    void aConsumerFailureStillFreesTheSlot() {
        SampleRing ring = new SampleRing(2);
        ring.offer(1, new short[6], 0);
        ring.offer(2, new short[6], 0);
        assertThrows(IOException.class, () -> ring.drain((t, c, o) -> {
            throw new IOException("disk");
        }, 10));
        assertEquals(1, ring.size(), "the failed sample is gone, the next one waits");
    }

    @Test
    void capacityMustBeAPowerOfTwo() {
        assertThrows(IllegalArgumentException.class, () -> new SampleRing(3));
        assertThrows(IllegalArgumentException.class, () -> new SampleRing(1));
    }

    @Test
    void offeringAllocatesNothing() throws IOException {
        SampleRing ring = new SampleRing(4096);
        short[] counts = {1, 2, 3, 4, 5, 6};
        SampleRing.Consumer ignore = (t, c, o) -> { };
        long tid = Thread.currentThread().getId();
        long best = Long.MAX_VALUE;
        long t = 0;
        for (int round = 0; round < 20; round++) {
            long before = THREADS.getThreadAllocatedBytes(tid);
            for (int i = 0; i < 8000; i++) { // the last 3904 overflow: dropping allocates nothing either
                ring.offer(t++, counts, 0);
            }
            best = Math.min(best, THREADS.getThreadAllocatedBytes(tid) - before);
            ring.drain(ignore, Integer.MAX_VALUE);
        }
        assertEquals(0, best, "bytes allocated in the best round of 8000 offers");
    }
}
