package dev.posture.protocol.message;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.posture.protocol.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Newer senders may add fields: a decoder ignores fields it does not know, and fields that belong
 * to another type or state of the message, at the top level and inside nested objects.
 */
class UnknownFieldsTest {
    private static final String EXTRA = "\"zz_new\":{\"a\":[1,2.5,{\"b\":null}],\"c\":\"\u00e9\"},\"n\":null,\"t\":true";

    private static final String EXTRA_AT_END = "\"zz_2\":[[[]]],\"n2\":-0.0e-5,\"t2\":false";

    private static byte[] withExtraFields(byte[] golden) {
        String text = new String(golden, StandardCharsets.UTF_8);
        String front = "{" + EXTRA + "," + text.substring(1);
        String both = front.substring(0, front.length() - 1) + "," + EXTRA_AT_END + "}";
        return both.getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.posture.protocol.message.GoldenFilesTest#examples")
    void unknownFieldsAreIgnoredInEveryMessage(String file, Message message) throws ProtocolException {
        assertEquals(message, MessageCodec.decode(message.kind(), withExtraFields(MessageExamples.golden(file))));
    }

    private static <T> T decode(String json, Class<T> type) throws ProtocolException {
        Message message;
        byte[] bytes = json.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
        if (type == EventMessage.class) {
            message = MessageCodec.decodeEvent(bytes);
        } else if (type == CommandRequest.class) {
            message = MessageCodec.decodeCommandRequest(bytes);
        } else if (type == ConfigSetReply.class) {
            message = MessageCodec.decodeConfigSetReply(bytes);
        } else if (type == CommandReply.class) {
            message = MessageCodec.decodeCommandReply(bytes);
        } else {
            message = MessageCodec.decodeStatus(bytes);
        }
        return type.cast(message);
    }

    @Test
    void fieldsOfOtherEventTypesAreIgnored() throws ProtocolException {
        EventMessage event = decode("{'schema':1,'device_id':'d','seq':1,'type':'CHECKIN_DUE','time_ms':1,"
                + "'uptime_ms':1,'forward_deg':'not even a number','rounds_done':-4}", EventMessage.class);
        assertEquals(new EventDetail.CheckinDue(), event.detail());
    }

    @Test
    void argumentsACommandDoesNotTakeAreIgnored() throws ProtocolException {
        assertEquals(CommandRequest.of("r", Command.STATUS),
                decode("{'schema':1,'request_id':'r','command':'status','args':{'minutes':5}}", CommandRequest.class));
        assertEquals(CommandRequest.of(null, Command.TRACE_STOP),
                decode("{'schema':1,'command':'trace_stop','args':'whatever'}", CommandRequest.class));
        assertEquals(CommandRequest.snooze(null, 10),
                decode("{'schema':1,'command':'snooze','args':{'minutes':10,'pattern':'x','recording_id':'Y'}}",
                        CommandRequest.class));
    }

    @Test
    void fieldsOfTheOtherReplyOutcomeAreIgnored() throws ProtocolException {
        assertEquals(ConfigSetReply.applied(new dev.posture.protocol.mqtt.DeviceId("d"), null, 3, Map.of("a", 1)),
                decode("{'schema':1,'device_id':'d','ok':true,'version':3,'applied':{'a':1},'errors':7}",
                        ConfigSetReply.class));
        assertEquals(CommandReply.failed(new dev.posture.protocol.mqtt.DeviceId("d"), null, null, "busy"),
                decode("{'schema':1,'device_id':'d','ok':false,'error':'busy','result':{'a':1}}", CommandReply.class));
        assertEquals(CommandReply.done(new dev.posture.protocol.mqtt.DeviceId("d"), null, null, Map.of()),
                decode("{'schema':1,'device_id':'d','ok':true,'error':17}", CommandReply.class));
    }

    @Test
    void nullCountsAsAbsent() throws ProtocolException {
        assertEquals(StatusMessage.lastWill(new dev.posture.protocol.mqtt.DeviceId("d"), "1"),
                decode("{'schema':1,'device_id':'d','state':'offline','firmware':'1','time_ms':null,'posture':null}",
                        StatusMessage.class));
    }
}
