package dev.posture.protocol.message;

import java.io.IOException;

/** Field order and reading of {@link StatusMessage}. */
final class StatusJson {
    private StatusJson() {
    }

    static void write(StatusMessage m, FieldWriter out) throws IOException {
        out.string("device_id", m.deviceId().value());
        out.string("state", m.state().wireName());
        out.string("firmware", m.firmware());
        out.optionalInteger("time_ms", m.timeMs());
        out.optionalInteger("uptime_ms", m.uptimeMs());
        out.optionalString("posture", m.posture() == null ? null : m.posture().wireName());
        out.optionalString("sensor", m.sensor() == null ? null : m.sensor().wireName());
        out.optionalInteger("config_version", m.configVersion());
        out.optionalInteger("battery_pct", m.batteryPct());
        out.optionalInteger("rssi_dbm", m.rssiDbm());
    }

    static StatusMessage read(FieldReader in) {
        return new StatusMessage(
                in.deviceId(),
                in.choice("state", ConnectionState.values(), ConnectionState::wireName),
                in.token("firmware", Token.FIRMWARE),
                in.optionalInteger("time_ms", 0, FieldCheck.MAX_INTEGER),
                in.optionalInteger("uptime_ms", 0, FieldCheck.MAX_INTEGER),
                in.optionalChoice("posture", PostureState.values(), PostureState::wireName),
                in.optionalChoice("sensor", SensorHealth.values(), SensorHealth::wireName),
                in.optionalInteger("config_version", 0, FieldCheck.MAX_INTEGER),
                in.optionalSmallInteger("battery_pct", 0, 100),
                in.optionalSmallInteger("rssi_dbm", StatusMessage.MIN_RSSI_DBM, 0));
    }
}
