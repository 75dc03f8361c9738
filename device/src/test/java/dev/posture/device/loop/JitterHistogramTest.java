package dev.posture.device.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JitterHistogramTest {
    @Test
    void smallValuesAreExact() {
        JitterHistogram h = new JitterHistogram();
        for (int v = 0; v < 64; v++) {
            h.record(v);
        }
        assertEquals(64, h.count());
        assertEquals(63, h.max());
        assertEquals(31, h.percentile(50));
        assertEquals(63, h.percentile(100));
        assertEquals(0, h.percentile(0));
    }

    @Test
    void percentilesAreNeverBelowTheTruthAndWithinOneBucket() {
        JitterHistogram h = new JitterHistogram();
        Random r = new Random(5);
        long[] values = new long[20_000];
        for (int i = 0; i < values.length; i++) {
            values[i] = (long) Math.abs(r.nextGaussian() * 80_000) + r.nextInt(1000);
            h.record(values[i]);
        }
        Arrays.sort(values);
        for (double p : new double[] {50, 90, 99, 99.9, 100}) {
            long truth = values[(int) Math.ceil(p / 100 * values.length) - 1];
            long got = h.percentile(p);
            assertTrue(got >= truth && got <= truth + truth / 64 + 1, p + ": " + got + " vs " + truth);
        }
        assertEquals(values[values.length - 1], h.max());
    }

    @Test
    void bucketsTileTheRangeWithoutGaps() {
        for (long v = 0; v < 1 << 16; v++) {
            int i = JitterHistogram.indexOf(v);
            assertTrue(v <= JitterHistogram.highestInBucket(i), "value " + v);
            assertTrue(i == 0 || v > JitterHistogram.highestInBucket(i - 1), "value " + v);
        }
        assertEquals(JitterHistogram.MAX_VALUE, JitterHistogram.highestInBucket(JitterHistogram.indexOf(JitterHistogram.MAX_VALUE)));
    }

    @Test
    void outOfRangeValuesAreClamped() {
        JitterHistogram h = new JitterHistogram();
        h.record(-5);
        h.record(Long.MAX_VALUE);
        assertEquals(2, h.count());
        assertEquals(0, h.percentile(50));
        assertEquals(JitterHistogram.MAX_VALUE, h.percentile(100));
        assertThrows(IllegalArgumentException.class, () -> h.percentile(101));
    }
}
