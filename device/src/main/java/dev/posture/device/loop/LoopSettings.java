package dev.posture.device.loop;

import dev.posture.hardware.imu.ImuSettings;
import dev.posture.protocol.config.Config;

/**
 * The sampling loop's settings, in physical units.
 *
 * @param sampleRateHz        samples per second, 25..1000 ({@code sample_rate_hz}, default 100)
 * @param imu                 what the IMU is configured with; its rate must equal {@code sampleRateHz}
 * @param silencePeriods      periods without data-ready before a NO_DATA fault (default 5: 50 ms at 100 Hz)
 * @param errorsToFault       periods in a row whose IMU access threw before a fault (default 3: a
 *                            single NACK on a noisy bus is a glitch, not a fault)
 * @param minBackoffNanos     first wait before re-opening the IMU after a fault (default 20 ms)
 * @param maxBackoffNanos     longest wait between re-open attempts; the wait doubles up to it (default 2 s)
 * @param configureTimeoutNanos how long {@code configure} is retried on a freshly opened IMU (it is
 *                            busy resetting, 100 ms on the MPU-6050) before the IMU counts as
 *                            failed (default 1 s)
 * @param telemetryWindowUs   length of a {@link TelemetryWindow}, us (default 1 s)
 * @param stuckNanos          how long the six axes may stay bit-identical before a STUCK fault
 *                            (default 50 ms, and never fewer than 5 repeats); the drivers' own
 *                            check (100 samples) is kept as a second line
 * @param recoverySamples     good samples in a row, each differing from the one before (a live
 *                            sensor's noise sees to that, stuck data never does), before a fault
 *                            ends (default 10: 100 ms at 100 Hz)
 * @param cueIntensityPct     motor strength for the pipeline's patterns, 10..100 ({@code cue_intensity_pct}, default 70)
 */
public record LoopSettings(int sampleRateHz, ImuSettings imu, int silencePeriods, int errorsToFault,
        long minBackoffNanos, long maxBackoffNanos, long configureTimeoutNanos, long telemetryWindowUs,
        long stuckNanos, int recoverySamples, int cueIntensityPct) {

    public static final LoopSettings DEFAULTS = new LoopSettings(100, new ImuSettings(16, 2000, 100, 0, false),
            5, 3, 20_000_000L, 2_000_000_000L, 1_000_000_000L, 1_000_000L, 50_000_000L, 10, 70);

    public LoopSettings {
        if (sampleRateHz < 25 || sampleRateHz > 1000) {
            throw new IllegalArgumentException("sample rate must be 25..1000 Hz, got " + sampleRateHz);
        }
        if (imu.sampleRateHz() != sampleRateHz) {
            throw new IllegalArgumentException("IMU rate " + imu.sampleRateHz() + " Hz differs from the loop's "
                    + sampleRateHz + " Hz");
        }
        if (imu.useFifo()) {
            throw new IllegalArgumentException("the loop reads the data registers; FIFO mode is not supported");
        }
        if (silencePeriods < 1 || errorsToFault < 1 || recoverySamples < 1) {
            throw new IllegalArgumentException("silencePeriods, errorsToFault and recoverySamples must be >= 1");
        }
        if (minBackoffNanos <= 0 || maxBackoffNanos < minBackoffNanos || configureTimeoutNanos <= 0
                || telemetryWindowUs <= 0 || stuckNanos <= 0) {
            throw new IllegalArgumentException("backoff, configure timeout and telemetry window must be positive,"
                    + " max backoff >= min backoff");
        }
        if (cueIntensityPct < 0 || cueIntensityPct > 100) {
            throw new IllegalArgumentException("cue intensity must be 0..100 %, got " + cueIntensityPct);
        }
    }

    /** The period in ns (10 ms at 100 Hz; 1000/7 Hz rounds to the nearest ns). */
    public long periodNanos() {
        return Math.round(1e9 / sampleRateHz);
    }

    /** Repeats of an unchanged sample that count as stuck data at this rate (at least 5). */
    public int stuckRepeats() {
        return (int) Math.max(5, (stuckNanos + periodNanos() - 1) / periodNanos());
    }

    /** Rate and intensity from the device config; the IMU keeps its ranges and low-pass. */
    public LoopSettings withConfig(Config config) {
        int rate = config.sampleRateHz();
        ImuSettings i = new ImuSettings(imu.accelRangeG(), imu.gyroRangeDps(), rate, imu.lowPassHz(), imu.useFifo());
        return new LoopSettings(rate, i, silencePeriods, errorsToFault, minBackoffNanos, maxBackoffNanos,
                configureTimeoutNanos, telemetryWindowUs, stuckNanos, recoverySamples, config.cueIntensityPct());
    }
}
