package dev.posture.protocol.message;

import dev.posture.protocol.mqtt.DeviceId;
import dev.posture.protocol.mqtt.TopicKind;
import java.util.Map;

/**
 * The answer to a {@link CommandRequest}, sent like a {@link ConfigSetReply}: to the response topic
 * with the correlation data, else to {@code posture/v1/{id}/cmd/result}.
 *
 * @param deviceId  the device that answers
 * @param requestId the request's id, echoed, or null
 * @param command   the command answered, or null when the request could not be read
 * @param ok        whether the command was carried out (or, for trace_get, started)
 * @param error     what went wrong, for a person (1..256 printable characters); null if ok
 * @param result    a small map of results, e.g. {@code recording_id} after trace_start or
 *                  {@code recordings} (a list of ids) after trace_list; empty unless ok. Values are
 *                  String, Integer, Long, BigDecimal, Boolean or a list of those
 */
public record CommandReply(DeviceId deviceId, String requestId, Command command, boolean ok, String error,
        Map<String, Object> result) implements Message {
    /** Longest error message, in UTF-16 units. */
    public static final int MAX_ERROR = 256;

    public CommandReply {
        FieldCheck.present(deviceId, "device_id");
        FieldCheck.tokenOrNull(requestId, Token.REQUEST_ID, "request_id");
        result = ValueMap.copy(result == null ? Map.of() : result, "result", true);
        if (ok) {
            FieldCheck.absent(error, "error", "when ok is true");
        } else {
            FieldCheck.text(error, 1, MAX_ERROR, "error");
            if (!result.isEmpty()) {
                throw FieldCheck.fail("result", "does not apply when ok is false");
            }
        }
    }

    /** The command was carried out; result may be empty. */
    public static CommandReply done(DeviceId deviceId, String requestId, Command command, Map<String, Object> result) {
        return new CommandReply(deviceId, requestId, command, true, null, result);
    }

    /** The command failed or was refused. */
    public static CommandReply failed(DeviceId deviceId, String requestId, Command command, String error) {
        return new CommandReply(deviceId, requestId, command, false, error, Map.of());
    }

    @Override
    public TopicKind kind() {
        return TopicKind.CMD_RESULT;
    }
}
