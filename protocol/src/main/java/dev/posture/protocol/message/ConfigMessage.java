package dev.posture.protocol.message;

import dev.posture.protocol.mqtt.DeviceId;
import dev.posture.protocol.mqtt.TopicKind;
import java.util.Map;

/**
 * The configuration in effect, retained on {@code posture/v1/{id}/config} and republished after
 * every change. The protocol carries the values as an ordered map without interpreting them; the
 * configuration model owns the keys, types and ranges.
 *
 * @param deviceId the device
 * @param version  the configuration version; the device increments it on every change
 * @param values   key to value, in the device's order; String, Integer, Long, BigDecimal or Boolean
 */
public record ConfigMessage(DeviceId deviceId, long version, Map<String, Object> values) implements Message {
    public ConfigMessage {
        FieldCheck.present(deviceId, "device_id");
        FieldCheck.between(version, 0, FieldCheck.MAX_INTEGER, "version");
        values = ValueMap.copy(values, "values", false);
    }

    @Override
    public TopicKind kind() {
        return TopicKind.CONFIG;
    }
}
