package dev.posture.device.pipeline.filter;

import dev.posture.protocol.config.Config;

/**
 * The IMU low-pass filter's tuning, in physical units.
 *
 * @param cutoffHz     -3 dB corner, Hz (config {@code lowpass_cutoff_hz}, default 5)
 * @param sampleRateHz nominal sample rate, Hz (config {@code sample_rate_hz}, default 100); the filter
 *                     is designed for this rate, so timing jitter of a few percent moves the corner by
 *                     the same few percent, which a smoothing filter does not notice
 */
public record LowPassParams(double cutoffHz, int sampleRateHz) {
    public LowPassParams {
        if (!(cutoffHz > 0 && cutoffHz < sampleRateHz / 2.0)) {
            throw new IllegalArgumentException("lowpass cutoff " + cutoffHz + " Hz must be above 0 and below half of "
                    + sampleRateHz + " Hz");
        }
    }

    /** The config's {@code lowpass_cutoff_hz} and {@code sample_rate_hz}. */
    public static LowPassParams from(Config config) {
        return new LowPassParams(config.lowpassCutoffHz().doubleValue(), config.sampleRateHz());
    }
}
