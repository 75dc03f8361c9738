package dev.posture.protocol.message;

import dev.posture.protocol.mqtt.DeviceId;
import dev.posture.protocol.mqtt.RecordingId;
import java.io.IOException;
import java.util.Map;

/**
 * Field order and reading of {@link CommandRequest} and {@link CommandReply}. Only the arguments
 * the command takes are read; others in {@code args} are ignored like unknown fields.
 */
final class CommandJson {
    private CommandJson() {
    }

    static void write(CommandRequest m, FieldWriter out) throws IOException {
        out.optionalString("request_id", m.requestId());
        out.string("command", m.command().wireName());
        if (m.hasArgs()) {
            out.startObject("args");
            out.optionalString("pattern", m.pattern());
            out.optionalInteger("minutes", m.minutes());
            out.optionalString("recording_id", m.recordingId() == null ? null : m.recordingId().value());
            out.endObject();
        }
    }

    static CommandRequest readRequest(FieldReader in) {
        String requestId = in.optionalToken("request_id", Token.REQUEST_ID);
        Command command = in.choice("command", Command.values(), Command::wireName);
        boolean takesArgs = command == Command.CUE_TEST || command == Command.SNOOZE || command == Command.TRACE_GET;
        FieldReader args = takesArgs && in.has("args") ? in.object("args") : null;
        String pattern = null;
        Integer minutes = null;
        RecordingId recordingId = null;
        if (args != null) {
            switch (command) {
                case CUE_TEST:
                    pattern = args.optionalToken("pattern", Token.CODE);
                    break;
                case SNOOZE:
                    minutes = args.optionalSmallInteger("minutes", 0, EventDetail.MAX_SNOOZE_MIN);
                    break;
                default:
                    recordingId = args.optionalRecordingId("recording_id");
                    break;
            }
        }
        return new CommandRequest(requestId, command, pattern, minutes, recordingId);
    }

    static void write(CommandReply m, FieldWriter out) throws IOException {
        out.string("device_id", m.deviceId().value());
        out.optionalString("request_id", m.requestId());
        out.optionalString("command", m.command() == null ? null : m.command().wireName());
        out.bool("ok", m.ok());
        out.optionalString("error", m.error());
        if (!m.result().isEmpty()) {
            out.values("result", m.result());
        }
    }

    static CommandReply readReply(FieldReader in) {
        DeviceId deviceId = in.deviceId();
        String requestId = in.optionalToken("request_id", Token.REQUEST_ID);
        Command command = in.optionalChoice("command", Command.values(), Command::wireName);
        if (in.bool("ok")) {
            Map<String, Object> result = in.has("result") ? in.values("result", true) : Map.of();
            return CommandReply.done(deviceId, requestId, command, result);
        }
        return CommandReply.failed(deviceId, requestId, command, in.text("error", 1, CommandReply.MAX_ERROR));
    }
}
