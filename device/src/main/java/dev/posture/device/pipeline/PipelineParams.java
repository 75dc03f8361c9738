package dev.posture.device.pipeline;

import dev.posture.device.pipeline.calibration.GeometryParams;
import dev.posture.device.pipeline.posture.PostureParams;
import dev.posture.device.pipeline.tilt.TiltParams;
import dev.posture.protocol.config.Config;
import java.util.Objects;

/**
 * Everything the {@link Pipeline} is tuned by, in physical units (STYLE item 1: parameters; the
 * stages derive their coefficients from these once, at setup and on {@link Pipeline#reconfigure}).
 *
 * @param sampleRateHz     nominal sample rate, Hz, 25..1000 (config {@code sample_rate_hz}; the
 *                         replay uses the trace's own rate)
 * @param scale            scale factors of the raw counts (accelerometer full scale at most 16 g)
 * @param tilt             the tilt estimator's tuning ({@link TiltParams#DEFAULTS})
 * @param geometry         calibration, re-clip and gate tuning ({@link GeometryParams#DEFAULTS})
 * @param posture          state machine, check-ins and drills (from the config keys)
 * @param calibrationHoldS length of a calibration window asked for by the button or the console
 *                         ({@code CALIBRATE NEUTRAL|LEAN}), s (3)
 */
public record PipelineParams(double sampleRateHz, ImuScale scale, TiltParams tilt, GeometryParams geometry,
                             PostureParams posture, double calibrationHoldS) {
    /** Default length of a requested calibration window, s. */
    public static final double DEFAULT_CALIBRATION_HOLD_S = 3;

    public PipelineParams {
        if (!(sampleRateHz >= 25 && sampleRateHz <= 1000)) {
            throw new IllegalArgumentException("sample rate must be 25..1000 Hz, got " + sampleRateHz);
        }
        Objects.requireNonNull(scale, "scale");
        Objects.requireNonNull(tilt, "tilt");
        Objects.requireNonNull(geometry, "geometry");
        Objects.requireNonNull(posture, "posture");
        if (!(calibrationHoldS >= 1 && calibrationHoldS <= 60)) {
            throw new IllegalArgumentException("calibration hold must be 1..60 s, got " + calibrationHoldS);
        }
    }

    /**
     * The device's parameters: the config's keys (rate, posture rules) and every stage's defaults.
     *
     * @param scale the IMU's scale factors as configured (accel_range_g, gyro_range_dps)
     */
    public static PipelineParams fromConfig(Config config, ImuScale scale) {
        return fromConfig(config, scale, config.sampleRateHz());
    }

    /** As {@link #fromConfig(Config, ImuScale)} with another rate (replay: the trace's own). */
    public static PipelineParams fromConfig(Config config, ImuScale scale, double sampleRateHz) {
        return new PipelineParams(sampleRateHz, scale, TiltParams.DEFAULTS, GeometryParams.DEFAULTS,
                PostureParams.fromConfig(config), DEFAULT_CALIBRATION_HOLD_S);
    }

    /** These parameters with the config's keys taken over (rate and scale kept). */
    public PipelineParams withConfig(Config config) {
        return new PipelineParams(sampleRateHz, scale, tilt, geometry, posture.withConfig(config), calibrationHoldS);
    }

    public PipelineParams withPosture(PostureParams p) {
        return new PipelineParams(sampleRateHz, scale, tilt, geometry, p, calibrationHoldS);
    }

    public PipelineParams withSampleRate(double hz) {
        return new PipelineParams(hz, scale, tilt, geometry, posture, calibrationHoldS);
    }
}
