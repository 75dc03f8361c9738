package dev.posture.device.pipeline.filter;

import java.util.Objects;

/**
 * The same section applied to several channels (3 for an accelerometer, 6 for accelerometer and
 * gyroscope) with one coefficient set: the arithmetic of {@link Biquad}, with the per-channel state
 * in preallocated arrays. Nothing is allocated after construction.
 */
public final class BiquadBank {
    private static final int SHIFT = BiquadCoefficients.FRACTION_BITS;
    private static final long HALF = 1L << (SHIFT - 1);

    private BiquadCoefficients c;
    private final int channels;
    private final int[] x1;
    private final int[] x2;
    private final int[] y1;
    private final int[] y2;
    private final long[] e1;
    private final long[] e2;

    public BiquadBank(BiquadCoefficients coefficients, int channels) {
        if (channels < 1 || channels > 64) {
            throw new IllegalArgumentException("channels must be in [1, 64], got " + channels);
        }
        this.c = Objects.requireNonNull(coefficients, "coefficients");
        this.channels = channels;
        x1 = new int[channels];
        x2 = new int[channels];
        y1 = new int[channels];
        y2 = new int[channels];
        e1 = new long[channels];
        e2 = new long[channels];
    }

    public int channels() {
        return channels;
    }

    /** Filters {@code in[0..channels)} into {@code out[0..channels)} (may be the same array). */
    public void step(int[] in, int[] out) {
        BiquadCoefficients k = c;
        for (int i = 0; i < channels; i++) {
            out[i] = stepChannel(k, i, in[i]);
        }
    }

    /**
     * Filters raw counts {@code raw[offset..offset+channels)} (e.g. the {@code short[6]} accel + gyro
     * sample) into {@code out[0..channels)}.
     */
    public void step(short[] raw, int offset, int[] out) {
        BiquadCoefficients k = c;
        for (int i = 0; i < channels; i++) {
            out[i] = stepChannel(k, i, raw[offset + i]);
        }
    }

    private int stepChannel(BiquadCoefficients k, int i, int x) {
        long acc = k.b0 * x + k.b1 * x1[i] + k.b2 * x2[i] - k.a1 * y1[i] - k.a2 * y2[i]
                - ((k.a1 * e1[i] + k.a2 * e2[i] + HALF) >> SHIFT);
        long y = (acc + HALF) >> SHIFT;
        long e = acc - (y << SHIFT);
        if (y > Integer.MAX_VALUE) {
            y = Integer.MAX_VALUE;
            e = 0;
        } else if (y < Integer.MIN_VALUE) {
            y = Integer.MIN_VALUE;
            e = 0;
        }
        x2[i] = x1[i];
        x1[i] = x;
        y2[i] = y1[i];
        y1[i] = (int) y;
        e2[i] = e1[i];
        e1[i] = e;
        return (int) y;
    }

    /** Every channel as if its input had been {@code levels[i]} forever (see {@link Biquad#reset}). */
    public void reset(int[] levels) {
        for (int i = 0; i < channels; i++) {
            x1[i] = levels[i];
            x2[i] = levels[i];
            y1[i] = c.passesDc() ? levels[i] : 0;
            y2[i] = y1[i];
            e1[i] = 0;
            e2[i] = 0;
        }
    }

    /** New coefficients; the state is kept (see {@link Biquad#setCoefficients}). */
    public void setCoefficients(BiquadCoefficients coefficients) {
        this.c = Objects.requireNonNull(coefficients, "coefficients");
    }

    public BiquadCoefficients coefficients() {
        return c;
    }
}
