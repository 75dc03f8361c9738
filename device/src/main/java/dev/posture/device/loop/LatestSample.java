package dev.posture.device.loop;

import dev.posture.protocol.message.PostureState;

/**
 * The loop's latest per-sample output for the I/O threads (console STREAM, STATUS): published by
 * the loop every period, read by anyone into a {@link View} the reader owns. Nothing is queued: a
 * reader that is slower than the loop sees the newest sample and skips the rest, which is what a
 * live stream wants.
 */
public final class LatestSample {
    private static final PostureState[] STATES = PostureState.values();
    static final int T_US = 0;
    static final int FORWARD = 1;
    static final int STATE = 2;
    static final int FLAGS = 3;        // bit 0 calibrated, bit 1 sensor ok, bit 2 forward direction known
    static final int SAMPLES = 4;
    private static final int FIELDS = 5;

    private final Seqlock slot = new Seqlock(FIELDS);

    /** The one writer only (the loop thread; a test's fake device). */
    public void publish(long tUs, int forwardCentiDeg, PostureState state, boolean calibrated, boolean forwardKnown,
            boolean sensorOk, long samples) {
        slot.begin();
        slot.set(T_US, tUs);
        slot.set(FORWARD, forwardCentiDeg);
        slot.set(STATE, state.ordinal());
        slot.set(FLAGS, (calibrated ? 1 : 0) | (sensorOk ? 2 : 0) | (forwardKnown ? 4 : 0));
        slot.set(SAMPLES, samples);
        slot.end();
    }

    /** Copies the latest sample into {@code out}; returns how many were published so far (0: none yet). */
    public long read(View out) {
        return slot.read(out.fields);
    }

    /** Samples published so far (the version), without copying. */
    public long version() {
        return slot.version();
    }

    /** A reader's own copy. */
    public static final class View {
        final long[] fields = new long[FIELDS];

        /** Device monotonic time of the sample, us. */
        public long tUs() {
            return fields[T_US];
        }

        /** Forward angle from neutral, 0.01 deg. */
        public int forwardCentiDeg() {
            return (int) fields[FORWARD];
        }

        public PostureState state() {
            return STATES[(int) fields[STATE]];
        }

        public boolean calibrated() {
            return (fields[FLAGS] & 1) != 0;
        }

        public boolean sensorOk() {
            return (fields[FLAGS] & 2) != 0;
        }

        /** A forward direction is known (lean calibration or learned from walking). */
        public boolean forwardKnown() {
            return (fields[FLAGS] & 4) != 0;
        }

        /** Good samples taken by the loop up to this one. */
        public long samples() {
            return fields[SAMPLES];
        }
    }
}
