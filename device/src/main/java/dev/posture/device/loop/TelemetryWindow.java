package dev.posture.device.loop;

import dev.posture.protocol.message.PostureState;

/**
 * A one-second summary for telemetry, accumulated on the loop without allocation and published once
 * per window: min, mean and max forward angle over the window's good samples, the state at the end,
 * samples taken and missed in the window, and whether the sensor was faulty at the end.
 */
public final class TelemetryWindow {
    private static final PostureState[] STATES = PostureState.values();
    static final int START_US = 0;
    static final int END_US = 1;
    static final int SAMPLES = 2;
    static final int MISSED = 3;
    static final int MIN = 4;
    static final int MEAN = 5;
    static final int MAX = 6;
    static final int STATE = 7;
    static final int FAULT = 8;
    private static final int FIELDS = 9;

    private final Seqlock slot = new Seqlock(FIELDS);

    // loop-thread accumulator
    private long startUs = -1;
    private long samples;
    private long missed;
    private long sum;
    private int min;
    private int max;

    /** Loop thread: a good sample's forward angle. */
    void addSample(long tUs, int forwardCentiDeg) {
        start(tUs);
        if (samples == 0) {
            min = forwardCentiDeg;
            max = forwardCentiDeg;
        } else {
            min = Math.min(min, forwardCentiDeg);
            max = Math.max(max, forwardCentiDeg);
        }
        sum += forwardCentiDeg;
        samples++;
    }

    /** Loop thread: periods without a sample (missed deadlines, no data, sensor fault). */
    void addMissed(long tUs, long periods) {
        start(tUs);
        missed += periods;
    }

    /** Loop thread: publishes and restarts when the window is {@code windowUs} old at {@code tUs}. */
    void maybePublish(long tUs, long windowUs, PostureState state, boolean fault) {
        start(tUs);
        if (tUs - startUs < windowUs) {
            return;
        }
        slot.begin();
        slot.set(START_US, startUs);
        slot.set(END_US, tUs);
        slot.set(SAMPLES, samples);
        slot.set(MISSED, missed);
        slot.set(MIN, samples == 0 ? 0 : min);
        slot.set(MEAN, samples == 0 ? 0 : Math.round((double) sum / samples));
        slot.set(MAX, samples == 0 ? 0 : max);
        slot.set(STATE, state.ordinal());
        slot.set(FAULT, fault ? 1 : 0);
        slot.end();
        startUs = tUs;
        samples = 0;
        missed = 0;
        sum = 0;
    }

    private void start(long tUs) {
        if (startUs < 0) {
            startUs = tUs;
        }
    }

    /** Copies the last published window into {@code out}; returns the number of windows published (0: none). */
    public long read(View out) {
        return slot.read(out.fields);
    }

    public long version() {
        return slot.version();
    }

    /** A reader's own copy. */
    public static final class View {
        final long[] fields = new long[FIELDS];

        public long startUs() {
            return fields[START_US];
        }

        public long endUs() {
            return fields[END_US];
        }

        /** Good samples in the window. */
        public long samples() {
            return fields[SAMPLES];
        }

        /** Periods in the window without a good sample. */
        public long missed() {
            return fields[MISSED];
        }

        /** Forward angle, 0.01 deg (0 when the window had no good sample). */
        public int minForwardCentiDeg() {
            return (int) fields[MIN];
        }

        public int meanForwardCentiDeg() {
            return (int) fields[MEAN];
        }

        public int maxForwardCentiDeg() {
            return (int) fields[MAX];
        }

        /** The state at the end of the window. */
        public PostureState state() {
            return STATES[(int) fields[STATE]];
        }

        public boolean sensorFault() {
            return fields[FAULT] != 0;
        }
    }
}
