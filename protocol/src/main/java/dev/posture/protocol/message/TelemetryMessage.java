package dev.posture.protocol.message;

import dev.posture.protocol.mqtt.DeviceId;
import dev.posture.protocol.mqtt.TopicKind;

/**
 * A summary of one window of samples (normally one second) on {@code posture/v1/{id}/telemetry},
 * QoS 0: a lost one is simply replaced by the next.
 *
 * <p>The three angles come together: all present when the window has calibrated samples, all
 * absent otherwise (uncalibrated, sensor fault, no samples). They satisfy min &lt;= mean &lt;= max.
 *
 * @param deviceId the device
 * @param timeMs   wall-clock time at the start of the window, ms since the Unix epoch (UTC)
 * @param uptimeMs uptime at the start of the window, ms
 * @param windowMs window length, 1..60000 ms
 * @param posture  the posture state at the end of the window
 * @param samples  samples taken in the window
 * @param missed   samples due in the window that the sensor did not deliver
 * @param minDeg   lowest forward angle, degrees, or null
 * @param meanDeg  mean forward angle, degrees, or null
 * @param maxDeg   highest forward angle, degrees, or null
 */
public record TelemetryMessage(DeviceId deviceId, long timeMs, long uptimeMs, int windowMs, PostureState posture,
        int samples, int missed, Double minDeg, Double meanDeg, Double maxDeg) implements Message {
    /** Longest window, ms. */
    public static final int MAX_WINDOW_MS = 60_000;
    /** Most samples in a window: 60 s at 1 kHz. */
    public static final int MAX_SAMPLES = 60_000;

    public TelemetryMessage {
        FieldCheck.present(deviceId, "device_id");
        FieldCheck.between(timeMs, 0, FieldCheck.MAX_INTEGER, "time_ms");
        FieldCheck.between(uptimeMs, 0, FieldCheck.MAX_INTEGER, "uptime_ms");
        FieldCheck.between(windowMs, 1, MAX_WINDOW_MS, "window_ms");
        FieldCheck.present(posture, "posture");
        FieldCheck.between(samples, 0, MAX_SAMPLES, "samples");
        FieldCheck.between(missed, 0, MAX_SAMPLES, "missed");
        minDeg = FieldCheck.angleOrNull(minDeg, "min_deg");
        meanDeg = FieldCheck.angleOrNull(meanDeg, "mean_deg");
        maxDeg = FieldCheck.angleOrNull(maxDeg, "max_deg");
        if (minDeg != null || meanDeg != null || maxDeg != null) {
            FieldCheck.present(minDeg, "min_deg");
            FieldCheck.present(meanDeg, "mean_deg");
            FieldCheck.present(maxDeg, "max_deg");
            if (posture == PostureState.UNCALIBRATED) {
                throw FieldCheck.fail("min_deg", "does not apply while UNCALIBRATED");
            }
            if (samples == 0) {
                throw FieldCheck.fail("min_deg", "does not apply without samples");
            }
            if (minDeg > meanDeg || meanDeg > maxDeg) {
                throw FieldCheck.fail("mean_deg", "must lie between min_deg and max_deg");
            }
        }
    }

    /** A window with calibrated samples. */
    public static TelemetryMessage withAngles(DeviceId deviceId, long timeMs, long uptimeMs, int windowMs,
            PostureState posture, int samples, int missed, double minDeg, double meanDeg, double maxDeg) {
        return new TelemetryMessage(deviceId, timeMs, uptimeMs, windowMs, posture, samples, missed, minDeg, meanDeg,
                maxDeg);
    }

    /** A window without a forward angle (uncalibrated, faulty sensor, no samples). */
    public static TelemetryMessage withoutAngles(DeviceId deviceId, long timeMs, long uptimeMs, int windowMs,
            PostureState posture, int samples, int missed) {
        return new TelemetryMessage(deviceId, timeMs, uptimeMs, windowMs, posture, samples, missed, null, null, null);
    }

    /** True when the window carries angles. */
    public boolean hasAngles() {
        return meanDeg != null;
    }

    @Override
    public TopicKind kind() {
        return TopicKind.TELEMETRY;
    }
}
