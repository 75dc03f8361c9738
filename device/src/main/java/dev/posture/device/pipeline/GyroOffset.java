package dev.posture.device.pipeline;

/**
 * Coarse removal of the gyroscope's zero-rate offset, before the tilt estimator. The MPU-6050's
 * zero-rate output is only specified to +-20 deg/s (data sheet Table 6.1) and drifts 0.16 deg/s/C,
 * while the estimator's own bias estimation is VQF's, bounded to {@code biasClipDps} (2 deg/s) so
 * that slow real rotation is not taken for bias. This stage takes the bulk out; the estimator learns
 * the rest.
 *
 * <p>Rule: the samples are cut into windows of {@link #WINDOW_S}; a window is still when every
 * gyro axis spans at most {@link #STILL_SPREAD_DPS} (max - min: an offset does not count) and its
 * mean is within {@link #MAX_OFFSET_DPS}. The first still window sets the offset to its mean (and
 * {@link #step} reports it, so the estimator restarts from a clean state). Later windows do not
 * change it: a slow steady rotation (a forward drift of 1 deg/s) is as still as a rest by the gyro's
 * spread, and tracking it (tried: 1/8 per window) made the estimate lag such a drift by 2.8 deg and
 * overshoot by 4 deg afterwards. What remains (temperature drift, 0.16 deg/s/C) is the estimator's
 * own bias estimation's job, up to its 2 deg/s clip. {@link #reset} learns again. Integer arithmetic, nothing allocated per sample; the window length is in samples of
 * the nominal rate.
 */
public final class GyroOffset {
    /** Window length, s. */
    public static final double WINDOW_S = 1.0;
    /** Largest spread of a gyro axis in a still window, deg/s (a standing wearer sways 1-2.5). */
    public static final double STILL_SPREAD_DPS = 3.0;
    /** Largest offset taken, deg/s (the MPU-6050's tolerance plus temperature drift). */
    public static final double MAX_OFFSET_DPS = 30.0;

    // Coefficients (from the rate and scale).
    private int windowSamples;
    private int spreadCounts;
    private long maxOffset8;   // counts << 8

    // State.
    private final long[] sum = new long[3];
    private final int[] min = new int[3];
    private final int[] max = new int[3];
    private int count;
    private final long[] offset8 = new long[3]; // learned offset, counts << 8
    private final int[] offset = new int[3];    // rounded, counts
    private int offset0, offset1, offset2;      // the same as scalars (mirror())
    private boolean learned;

    public GyroOffset(ImuScale scale, double sampleRateHz) {
        configure(scale, sampleRateHz);
    }

    /** New rate or scale: coefficients rebuilt, the learned offset rescaled, the window restarted. */
    public void configure(ImuScale scale, double sampleRateHz) {
        double oldLsb = spreadCounts == 0 ? 0 : spreadCounts / STILL_SPREAD_DPS;
        windowSamples = Math.max(1, (int) Math.round(WINDOW_S * sampleRateHz));
        spreadCounts = (int) Math.round(STILL_SPREAD_DPS * scale.gyrLsbPerDps());
        maxOffset8 = Math.round(MAX_OFFSET_DPS * scale.gyrLsbPerDps() * 256);
        if (learned && oldLsb > 0) {
            for (int k = 0; k < 3; k++) {
                offset8[k] = Math.round(offset8[k] * (scale.gyrLsbPerDps() / oldLsb));
                offset[k] = (int) ((offset8[k] + 128) >> 8);
            }
        }
        mirror();
        count = 0;
    }

    /** Forgets the offset. */
    public void reset() {
        learned = false;
        count = 0;
        for (int k = 0; k < 3; k++) {
            offset8[k] = 0;
            offset[k] = 0;
        }
        mirror();
    }

    /**
     * Feeds one sample's raw counts (accel x, y, z, gyro x, y, z) and writes them to {@code out} with
     * the offset removed (saturated to int16). Returns true on the sample where the offset was first
     * learned.
     */
    public boolean step(short[] raw, short[] out) {
        // Once learned, later windows change nothing (see the class comment): skip their bookkeeping.
        boolean first = !learned && collect(raw);
        out[0] = raw[0];
        out[1] = raw[1];
        out[2] = raw[2];
        out[3] = subtract(raw[3], offset0);
        out[4] = subtract(raw[4], offset1);
        out[5] = subtract(raw[5], offset2);
        return first;
    }

    private static short subtract(short raw, int offset) {
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, raw - offset));
    }

    /** The rounded offset as scalars for {@link #step} (no array loads or bounds checks per sample). */
    private void mirror() {
        offset0 = offset[0];
        offset1 = offset[1];
        offset2 = offset[2];
    }

    private boolean collect(short[] raw) {
        for (int k = 0; k < 3; k++) {
            int g = raw[3 + k];
            if (count == 0) {
                sum[k] = 0;
                min[k] = g;
                max[k] = g;
            }
            sum[k] += g;
            min[k] = Math.min(min[k], g);
            max[k] = Math.max(max[k], g);
        }
        if (++count < windowSamples) {
            return false;
        }
        count = 0;
        for (int k = 0; k < 3; k++) {
            if (max[k] - min[k] > spreadCounts) {
                return false;
            }
        }
        long[] mean8 = sum; // reuse: the window's mean, counts << 8
        for (int k = 0; k < 3; k++) {
            mean8[k] = Math.round((double) (sum[k] << 8) / windowSamples);
            if (Math.abs(mean8[k]) > maxOffset8) {
                return false;
            }
        }
        if (learned) {
            return false;
        }
        for (int k = 0; k < 3; k++) {
            offset8[k] = mean8[k];
            offset[k] = (int) ((offset8[k] + 128) >> 8);
        }
        mirror();
        learned = true;
        return true;
    }

    /** True once a still window has set the offset. */
    public boolean learned() {
        return learned;
    }

    /** The offset removed, deg/s (telemetry and tests). */
    public double offsetDps(int axis, ImuScale scale) {
        return offset8[axis] / 256.0 / scale.gyrLsbPerDps();
    }
}
