package dev.posture.device.loop;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A fixed-size log-linear histogram of non-negative values (the loop uses nanoseconds): values below
 * 64 have a bucket each; above, every power of two is split into 64 equal buckets, so a bucket is at
 * most 1/64 (1.6 %) of its value wide, i.e. about two significant digits, HdrHistogram's layout
 * with {@code numberOfSignificantValueDigits = 2}. Values above {@link #MAX_VALUE} (2^40 ns, 18
 * minutes) count in the top bucket.
 *
 * <p>Why not HdrHistogram: it is not a dependency of the device, its {@code recordValue} is
 * allocation-free too but its readers on another thread need a Recorder (interval histograms, two
 * instances swapped), and the loop needs one thing only: "p99 of the period deviation since start"
 * for STATUS and the benchmark. This is 80 lines, 2,240 preallocated buckets (18 KB).
 *
 * <p><b>Threads.</b> One writer ({@link #record}); any thread may read. Buckets are an
 * {@link AtomicLongArray} written with release stores (a single writer needs no compare-and-set, and
 * the 64-bit values cannot tear even on a 32-bit ARM JVM); a reader sees each bucket whole, but a
 * percentile computed while the loop records may mix counts from consecutive samples, which is off
 * by at most a sample or two.
 */
public final class JitterHistogram {
    /** Buckets per power of two, as a number of bits. */
    private static final int SUB_BITS = 6;
    private static final int SUB = 1 << SUB_BITS;
    /** Largest value with its own bucket. */
    public static final long MAX_VALUE = (1L << 40) - 1;
    private static final int GROUPS = 40 - SUB_BITS + 1;

    private final AtomicLongArray buckets = new AtomicLongArray(GROUPS * SUB);
    private volatile long count;
    private volatile long max;
    private volatile long sum;

    /** Counts {@code value} (negative counts as 0). Writer thread only; allocates nothing. */
    public void record(long value) {
        long v = Math.max(0, Math.min(MAX_VALUE, value));
        int i = indexOf(v);
        buckets.setRelease(i, buckets.getPlain(i) + 1);
        sum = sum + v;
        if (v > max) {
            max = v;
        }
        count = count + 1;
    }

    public long count() {
        return count;
    }

    /** The largest value recorded (exact), 0 when empty. */
    public long max() {
        return max;
    }

    /** Mean of the values recorded, 0 when empty. */
    public double mean() {
        long n = count;
        return n == 0 ? 0 : (double) sum / n;
    }

    /**
     * The smallest bucket bound that at least {@code percentile} % of the values are at or below:
     * the upper end of that bucket, so the answer is never below the true percentile and at most
     * 1.6 % above it. 0 when empty.
     */
    public long percentile(double percentile) {
        if (!(percentile >= 0 && percentile <= 100)) {
            throw new IllegalArgumentException("percentile must be 0..100, got " + percentile);
        }
        long total = 0;
        for (int i = 0; i < buckets.length(); i++) {
            total += buckets.getAcquire(i);
        }
        if (total == 0) {
            return 0;
        }
        long target = Math.max(1, (long) Math.ceil(percentile / 100.0 * total));
        long seen = 0;
        for (int i = 0; i < buckets.length(); i++) {
            seen += buckets.getAcquire(i);
            if (seen >= target) {
                return Math.min(highestInBucket(i), max);
            }
        }
        return max;
    }

    static int indexOf(long v) {
        if (v < SUB) {
            return (int) v;
        }
        int exponent = 63 - Long.numberOfLeadingZeros(v);          // SUB_BITS..39
        int shift = exponent - SUB_BITS;
        return (shift + 1) * SUB + (int) ((v >>> shift) - SUB);
    }

    /** The largest value that lands in bucket {@code i}. */
    static long highestInBucket(int i) {
        int group = i / SUB;
        int sub = i % SUB;
        if (group == 0) {
            return sub;
        }
        return ((long) (sub + SUB + 1) << (group - 1)) - 1;
    }
}
