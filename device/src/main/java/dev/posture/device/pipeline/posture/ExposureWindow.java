package dev.posture.device.pipeline.posture;

/**
 * The forward share of a sliding window, one bit per second: the exposure rule's memory.
 *
 * <p>Time is cut into one-second buckets on a grid that starts at the first sample
 * ({@code [t0 + k s, t0 + (k+1) s)}). Within a bucket the window counts samples and forward samples;
 * when a sample arrives at or after the bucket's end, the bucket is closed into one bit, set when
 * more than half of its samples were forward, and seconds without any sample (a gap) close as not
 * forward. The share is over the last {@code windowSeconds} closed buckets, always the whole window
 * length (before the device has run that long, the missing seconds count as not forward), so the
 * rule asks for {@code share x window} forward seconds, not a share of whatever has been seen.
 *
 * <p>The bit ring is preallocated for the longest window, 240 minutes (14400 bits, 1.8 KB), so a
 * change of the window length never allocates: the ring always holds the last 240 minutes, and a new
 * length only recounts the bits it now covers. Per sample this costs a compare and two increments;
 * closing a bucket, a few bit operations once a second.
 */
final class ExposureWindow {
    static final int MAX_SECONDS = PostureParams.MAX_EXPOSURE_WINDOW_MIN * 60;
    private static final long BUCKET_US = 1_000_000;

    // Coefficients.
    /** Seconds in the window, 60..14400. */
    private int windowSeconds;

    // State.
    /** Bit per closed second, a ring of MAX_SECONDS bits; bit set = forward. */
    private final long[] bits = new long[(MAX_SECONDS + 63) / 64];
    /** Ring index the next closed second is written to. */
    private int head;
    /** Set bits among the last windowSeconds closed seconds. */
    private int forwardSeconds;
    /** Whether the bucket grid has been anchored to a first sample. */
    private boolean started;
    /** End of the open bucket, device microseconds. */
    private long bucketEndUs;
    /** Samples in the open bucket. */
    private int samples;
    /** Forward samples in the open bucket. */
    private int forwardSamples;

    ExposureWindow(int windowMin) {
        setWindowMinutes(windowMin);
    }

    /** Changes the window length; keeps the history and recounts it (setup path, not per sample). */
    void setWindowMinutes(int windowMin) {
        if (windowMin < 1 || windowMin > PostureParams.MAX_EXPOSURE_WINDOW_MIN) {
            throw new IllegalArgumentException("window must be 1..240 min, got " + windowMin);
        }
        windowSeconds = windowMin * 60;
        int count = 0;
        for (int k = 1; k <= windowSeconds; k++) {
            count += bit(index(head - k));
        }
        forwardSeconds = count;
    }

    /** Closes every bucket that ends at or before {@code tUs}; call before {@link #add} for that sample. */
    void advance(long tUs) {
        if (!started) {
            started = true;
            bucketEndUs = tUs + BUCKET_US;
            return;
        }
        if (tUs < bucketEndUs) {
            return;
        }
        push(2 * forwardSamples > samples);
        samples = 0;
        forwardSamples = 0;
        bucketEndUs += BUCKET_US;
        if (tUs < bucketEndUs) {
            return;
        }
        long empty = (tUs - bucketEndUs) / BUCKET_US + 1; // seconds without samples
        if (empty >= MAX_SECONDS) {
            clear();
        } else {
            for (long k = 0; k < empty; k++) {
                push(false);
            }
        }
        bucketEndUs += empty * BUCKET_US;
    }

    /** Counts one sample into the open bucket. */
    void add(boolean forward) {
        samples++;
        if (forward) {
            forwardSamples++;
        }
    }

    /** Whether the forward seconds of the window reach {@code sharePct} % of its length. */
    boolean reached(int sharePct) {
        return (long) forwardSeconds * 100 >= (long) sharePct * windowSeconds;
    }

    /** Forward seconds among the last window's closed seconds. */
    int forwardSeconds() {
        return forwardSeconds;
    }

    int windowSeconds() {
        return windowSeconds;
    }

    private void push(boolean forward) {
        int newBit = forward ? 1 : 0;
        forwardSeconds += newBit - bit(index(head - windowSeconds)); // the second that leaves the window
        int word = head >>> 6;
        long mask = 1L << (head & 63);
        bits[word] = forward ? bits[word] | mask : bits[word] & ~mask;
        head = index(head + 1);
    }

    private void clear() {
        java.util.Arrays.fill(bits, 0);
        forwardSeconds = 0;
    }

    private int bit(int index) {
        return (int) (bits[index >>> 6] >>> (index & 63)) & 1;
    }

    private static int index(int i) {
        return Math.floorMod(i, MAX_SECONDS);
    }
}
