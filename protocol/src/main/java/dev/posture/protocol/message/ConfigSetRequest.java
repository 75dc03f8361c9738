package dev.posture.protocol.message;

import dev.posture.protocol.mqtt.TopicKind;
import java.util.Map;

/**
 * A request on {@code posture/v1/{id}/config/set} to change some configuration values. The device
 * applies all of them or none, and answers with a {@link ConfigSetReply}. The topic names the
 * device, so the request does not.
 *
 * @param requestId an id chosen by the requester and echoed in the reply, or null; the MQTT 5
 *                  correlation data is the primary way to match a reply, this is for logs and
 *                  for clients without MQTT 5
 * @param values    key to new value, at least one
 */
public record ConfigSetRequest(String requestId, Map<String, Object> values) implements Message {
    public ConfigSetRequest {
        FieldCheck.tokenOrNull(requestId, Token.REQUEST_ID, "request_id");
        values = ValueMap.copy(values, "values", false);
        if (values.isEmpty()) {
            throw FieldCheck.fail("values", "must not be empty");
        }
    }

    @Override
    public TopicKind kind() {
        return TopicKind.CONFIG_SET;
    }
}
