package dev.posture.protocol.message;

import dev.posture.protocol.mqtt.DeviceId;
import dev.posture.protocol.mqtt.TopicKind;
import java.util.List;
import java.util.Map;

/**
 * The answer to a {@link ConfigSetRequest}, sent to the request's MQTT 5 response topic with its
 * correlation data, or to {@code posture/v1/{id}/config/result} when it named none. Either every
 * value was applied ({@code ok} true, with the new version and the values as now in effect), or
 * none was ({@code ok} false, with one error per refused value).
 *
 * @param deviceId  the device that answers
 * @param requestId the request's id, echoed, or null
 * @param ok        whether the values were applied
 * @param version   the configuration version after the change; null unless ok
 * @param applied   the applied values as now in effect; empty unless ok
 * @param errors    why the request was refused, at least one; empty if ok
 */
public record ConfigSetReply(DeviceId deviceId, String requestId, boolean ok, Long version,
        Map<String, Object> applied, List<ConfigError> errors) implements Message {
    /** Most errors in one reply. */
    public static final int MAX_ERRORS = 256;

    public ConfigSetReply {
        FieldCheck.present(deviceId, "device_id");
        FieldCheck.tokenOrNull(requestId, Token.REQUEST_ID, "request_id");
        applied = ValueMap.copy(applied == null ? Map.of() : applied, "applied", false);
        errors = errors == null ? List.of() : errors;
        for (int i = 0; i < errors.size(); i++) {
            FieldCheck.present(errors.get(i), "errors[" + i + "]");
        }
        errors = List.copyOf(errors);
        if (ok) {
            FieldCheck.between(FieldCheck.present(version, "version"), 0, FieldCheck.MAX_INTEGER, "version");
            if (!errors.isEmpty()) {
                throw FieldCheck.fail("errors", "does not apply when ok is true");
            }
        } else {
            FieldCheck.absent(version, "version", "when ok is false");
            if (!applied.isEmpty()) {
                throw FieldCheck.fail("applied", "does not apply when ok is false");
            }
            if (errors.isEmpty()) {
                throw FieldCheck.fail("errors", "must not be empty when ok is false");
            }
            if (errors.size() > MAX_ERRORS) {
                throw FieldCheck.fail("errors", "has more than " + MAX_ERRORS + " entries");
            }
        }
    }

    /** Every value applied; the configuration is now at version. */
    public static ConfigSetReply applied(DeviceId deviceId, String requestId, long version,
            Map<String, Object> applied) {
        return new ConfigSetReply(deviceId, requestId, true, version, applied, List.of());
    }

    /** Nothing applied, for these reasons. */
    public static ConfigSetReply refused(DeviceId deviceId, String requestId, List<ConfigError> errors) {
        return new ConfigSetReply(deviceId, requestId, false, null, Map.of(), errors);
    }

    @Override
    public TopicKind kind() {
        return TopicKind.CONFIG_RESULT;
    }
}
