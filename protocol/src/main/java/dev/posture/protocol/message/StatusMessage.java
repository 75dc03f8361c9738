package dev.posture.protocol.message;

import dev.posture.protocol.mqtt.DeviceId;
import dev.posture.protocol.mqtt.TopicKind;

/**
 * The device's health, retained on {@code posture/v1/{id}/status}. The device publishes it online
 * when it connects and whenever a field changes (not on every uptime tick). The broker publishes
 * the last will, the offline form built by {@link #lastWill}, if the device vanishes.
 *
 * <p>Online, every field but the battery and signal strength is present. Offline, only the
 * device id and firmware are required: the last will is fixed when the device connects, so it can
 * say nothing true about the moment it is published. A device that disconnects cleanly publishes
 * an offline status with the other fields filled in as they were.
 *
 * @param deviceId      the device
 * @param state         online or offline
 * @param firmware      firmware version, {@code [0-9A-Za-z.+_-]{1,32}}
 * @param timeMs        wall-clock time, ms since the Unix epoch (UTC); required online
 * @param uptimeMs      ms since the firmware started; required online
 * @param posture       the posture state now; required online
 * @param sensor        whether the sensor works; required online
 * @param configVersion version of the configuration in effect; required online
 * @param batteryPct    battery charge 0..100 %, or null without a fuel gauge (mains power, no gauge)
 * @param rssiDbm       Wi-Fi signal strength -127..0 dBm, or null when unknown
 */
public record StatusMessage(DeviceId deviceId, ConnectionState state, String firmware, Long timeMs, Long uptimeMs,
        PostureState posture, SensorHealth sensor, Long configVersion, Integer batteryPct, Integer rssiDbm)
        implements Message {
    public static final int MIN_RSSI_DBM = -127;

    public StatusMessage {
        FieldCheck.present(deviceId, "device_id");
        FieldCheck.present(state, "state");
        FieldCheck.token(firmware, Token.FIRMWARE, "firmware");
        if (state == ConnectionState.ONLINE) {
            FieldCheck.present(timeMs, "time_ms");
            FieldCheck.present(uptimeMs, "uptime_ms");
            FieldCheck.present(posture, "posture");
            FieldCheck.present(sensor, "sensor");
            FieldCheck.present(configVersion, "config_version");
        }
        FieldCheck.betweenOrNull(timeMs, 0, FieldCheck.MAX_INTEGER, "time_ms");
        FieldCheck.betweenOrNull(uptimeMs, 0, FieldCheck.MAX_INTEGER, "uptime_ms");
        FieldCheck.betweenOrNull(configVersion, 0, FieldCheck.MAX_INTEGER, "config_version");
        FieldCheck.betweenOrNull(batteryPct, 0, 100, "battery_pct");
        FieldCheck.betweenOrNull(rssiDbm, MIN_RSSI_DBM, 0, "rssi_dbm");
    }

    /** The status a running device publishes; battery and signal may be null. */
    public static StatusMessage online(DeviceId deviceId, String firmware, long timeMs, long uptimeMs,
            PostureState posture, SensorHealth sensor, long configVersion, Integer batteryPct, Integer rssiDbm) {
        return new StatusMessage(deviceId, ConnectionState.ONLINE, firmware, timeMs, uptimeMs, posture, sensor,
                configVersion, batteryPct, rssiDbm);
    }

    /** The last will: registered at connect, published retained by the broker if the device vanishes. */
    public static StatusMessage lastWill(DeviceId deviceId, String firmware) {
        return new StatusMessage(deviceId, ConnectionState.OFFLINE, firmware, null, null, null, null, null, null,
                null);
    }

    /** This status marked offline with everything else kept: for a clean disconnect. */
    public StatusMessage goingOffline() {
        return new StatusMessage(deviceId, ConnectionState.OFFLINE, firmware, timeMs, uptimeMs, posture, sensor,
                configVersion, batteryPct, rssiDbm);
    }

    @Override
    public TopicKind kind() {
        return TopicKind.STATUS;
    }
}
