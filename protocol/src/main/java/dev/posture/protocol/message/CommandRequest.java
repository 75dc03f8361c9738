package dev.posture.protocol.message;

import dev.posture.protocol.mqtt.RecordingId;
import dev.posture.protocol.mqtt.TopicKind;

/**
 * A command on {@code posture/v1/{id}/cmd}, answered by a {@link CommandReply}. Arguments travel in
 * an {@code args} object; each command takes the arguments its {@link Command} constant lists and
 * no others.
 *
 * @param requestId   an id echoed in the reply, or null (see {@link ConfigSetRequest})
 * @param command     what to do
 * @param pattern     cue_test: the cue pattern to play, {@code [a-z0-9_]{1,32}}, or null for the configured one
 * @param minutes     snooze: minutes, 0..1440 (0 ends a snooze); required for snooze
 * @param recordingId trace_get: the recording to publish; required for trace_get
 */
public record CommandRequest(String requestId, Command command, String pattern, Integer minutes,
        RecordingId recordingId) implements Message {
    public CommandRequest {
        FieldCheck.tokenOrNull(requestId, Token.REQUEST_ID, "request_id");
        FieldCheck.present(command, "command");
        String forCommand = "to command " + command.wireName();
        if (command == Command.CUE_TEST) {
            FieldCheck.tokenOrNull(pattern, Token.CODE, "args.pattern");
        } else {
            FieldCheck.absent(pattern, "args.pattern", forCommand);
        }
        if (command == Command.SNOOZE) {
            FieldCheck.between(FieldCheck.present(minutes, "args.minutes"), 0, EventDetail.MAX_SNOOZE_MIN,
                    "args.minutes");
        } else {
            FieldCheck.absent(minutes, "args.minutes", forCommand);
        }
        if (command == Command.TRACE_GET) {
            FieldCheck.present(recordingId, "args.recording_id");
        } else {
            FieldCheck.absent(recordingId, "args.recording_id", forCommand);
        }
    }

    /** A command without arguments (or cue_test with the configured pattern). */
    public static CommandRequest of(String requestId, Command command) {
        return new CommandRequest(requestId, command, null, null, null);
    }

    /** Play a cue now, with this pattern or, if null, the configured one. */
    public static CommandRequest cueTest(String requestId, String pattern) {
        return new CommandRequest(requestId, Command.CUE_TEST, pattern, null, null);
    }

    /** Snooze cues for minutes (0 ends a snooze). */
    public static CommandRequest snooze(String requestId, int minutes) {
        return new CommandRequest(requestId, Command.SNOOZE, null, minutes, null);
    }

    /** Publish a stored recording's chunks. */
    public static CommandRequest traceGet(String requestId, RecordingId recordingId) {
        return new CommandRequest(requestId, Command.TRACE_GET, null, null, recordingId);
    }

    /** True if the request has an argument to put in {@code args}. */
    public boolean hasArgs() {
        return pattern != null || minutes != null || recordingId != null;
    }

    @Override
    public TopicKind kind() {
        return TopicKind.CMD;
    }
}
