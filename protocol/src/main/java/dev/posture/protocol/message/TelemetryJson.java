package dev.posture.protocol.message;

import java.io.IOException;

/** Field order and reading of {@link TelemetryMessage}. */
final class TelemetryJson {
    private TelemetryJson() {
    }

    static void write(TelemetryMessage m, FieldWriter out) throws IOException {
        out.string("device_id", m.deviceId().value());
        out.integer("time_ms", m.timeMs());
        out.integer("uptime_ms", m.uptimeMs());
        out.integer("window_ms", m.windowMs());
        out.string("posture", m.posture().wireName());
        out.integer("samples", m.samples());
        out.integer("missed", m.missed());
        out.optionalAngle("min_deg", m.minDeg());
        out.optionalAngle("mean_deg", m.meanDeg());
        out.optionalAngle("max_deg", m.maxDeg());
    }

    static TelemetryMessage read(FieldReader in) {
        return new TelemetryMessage(
                in.deviceId(),
                in.integer("time_ms", 0, FieldCheck.MAX_INTEGER),
                in.integer("uptime_ms", 0, FieldCheck.MAX_INTEGER),
                in.smallInteger("window_ms", 1, TelemetryMessage.MAX_WINDOW_MS),
                in.choice("posture", PostureState.values(), PostureState::wireName),
                in.smallInteger("samples", 0, TelemetryMessage.MAX_SAMPLES),
                in.smallInteger("missed", 0, TelemetryMessage.MAX_SAMPLES),
                in.optionalAngle("min_deg"),
                in.optionalAngle("mean_deg"),
                in.optionalAngle("max_deg"));
    }
}
