package dev.posture.protocol.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posture.protocol.ProtocolException;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class TopicTest {
    private static final DeviceId DESK = new DeviceId("desk-07");
    private static final RecordingId REC = new RecordingId("20250114-093000");

    private static Topic topic(TopicKind kind) {
        return kind == TopicKind.TRACE ? Topic.trace(DESK, REC) : Topic.of(DESK, kind);
    }

    @ParameterizedTest
    @CsvSource({
        "STATUS, posture/v1/desk-07/status, 1, true, FROM_DEVICE",
        "EVENT, posture/v1/desk-07/event, 1, false, FROM_DEVICE",
        "TELEMETRY, posture/v1/desk-07/telemetry, 0, false, FROM_DEVICE",
        "CONFIG, posture/v1/desk-07/config, 1, true, FROM_DEVICE",
        "CONFIG_SET, posture/v1/desk-07/config/set, 1, false, TO_DEVICE",
        "CONFIG_RESULT, posture/v1/desk-07/config/result, 1, false, FROM_DEVICE",
        "CMD, posture/v1/desk-07/cmd, 1, false, TO_DEVICE",
        "CMD_RESULT, posture/v1/desk-07/cmd/result, 1, false, FROM_DEVICE",
        "TRACE, posture/v1/desk-07/trace/20250114-093000, 1, false, FROM_DEVICE",
    })
    void everyKindHasItsNameQosAndRetainFlag(TopicKind kind, String name, int qos, boolean retained,
            Direction direction) {
        Topic topic = topic(kind);
        assertEquals(name, topic.name());
        assertEquals(name, topic.toString());
        assertEquals(qos, topic.qos());
        assertEquals(retained, topic.retained());
        assertEquals(direction, kind.direction());
    }

    @ParameterizedTest
    @EnumSource(TopicKind.class)
    void everyKindParsesBackToItself(TopicKind kind) throws ProtocolException {
        Topic topic = topic(kind);
        assertEquals(topic, Topic.parse(topic.name()));
    }

    @Test
    void parseGivesDeviceKindAndRecording() throws ProtocolException {
        Topic trace = Topic.parse("posture/v1/a/trace/b-1");
        assertEquals(new DeviceId("a"), trace.deviceId());
        assertEquals(TopicKind.TRACE, trace.kind());
        assertEquals(new RecordingId("b-1"), trace.recordingId());
        assertNull(Topic.parse("posture/v1/a/event").recordingId());
        assertEquals(Topic.of(new DeviceId("x".repeat(32)), TopicKind.CMD),
                Topic.parse("posture/v1/" + "x".repeat(32) + "/cmd"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "posture|topic level 2 (v1) is missing",
        "Posture/v1/desk-07/event|topic level 1 'Posture' must be 'posture'",
        "$share/g/posture/v1/desk-07/event|topic level 1 '$share' must be 'posture'",
        "/posture/v1/desk-07/event|topic level 1 '' must be 'posture'",
        "posture/v2/desk-07/event|topic level 2 'v2' must be 'v1'",
        "posture/v1|topic level 3 (device id) is missing",
        "posture/v1/|topic level 3 (device id) '' must match [a-z0-9-]{1,32}",
        "posture/v1//event|topic level 3 (device id) '' must match [a-z0-9-]{1,32}",
        "posture/v1/+/event|topic level 3 (device id) '+' must match [a-z0-9-]{1,32}",
        "posture/v1/#|topic level 3 (device id) '#' must match [a-z0-9-]{1,32}",
        "posture/v1/Desk-07/event|topic level 3 (device id) 'Desk-07' must match [a-z0-9-]{1,32}",
        "posture/v1/abcdefghijklmnopqrstuvwxyz0123456/event|topic level 3 (device id) 'abcdefghijklmnopqrstuvwxyz0123456' must match [a-z0-9-]{1,32}",
        "posture/v1/d\u00e9sk/event|topic level 3 (device id) 'd\\u00e9sk' must match [a-z0-9-]{1,32}",
        "posture/v1/desk-07|topic level 4 (kind) is missing",
        "posture/v1/desk-07/|topic level 4 (kind) '' must be one of status, event, telemetry, config, cmd, trace",
        "posture/v1/desk-07/events|topic level 4 (kind) 'events' must be one of status, event, telemetry, config, cmd, trace",
        "posture/v1/desk-07/EVENT|topic level 4 (kind) 'EVENT' must be one of status, event, telemetry, config, cmd, trace",
        "posture/v1/desk-07/+|topic level 4 (kind) '+' must be one of status, event, telemetry, config, cmd, trace",
        "posture/v1/desk-07/status/|topic level 5 '' is not expected after 'status'",
        "posture/v1/desk-07/event/x|topic level 5 'x' is not expected after 'event'",
        "posture/v1/desk-07/telemetry/#|topic level 5 '#' is not expected after 'telemetry'",
        "posture/v1/desk-07/config/get|topic level 5 'get' must be 'set' or 'result'",
        "posture/v1/desk-07/config/|topic level 5 '' must be 'set' or 'result'",
        "posture/v1/desk-07/config/set/x|topic level 6 'x' is not expected after 'config/set'",
        "posture/v1/desk-07/cmd/set|topic level 5 'set' must be 'result'",
        "posture/v1/desk-07/cmd/result/|topic level 6 '' is not expected after 'cmd/result'",
        "posture/v1/desk-07/trace|topic level 5 (recording id) is missing",
        "posture/v1/desk-07/trace/|topic level 5 (recording id) '' must match [a-z0-9-]{1,64}",
        "posture/v1/desk-07/trace/+|topic level 5 (recording id) '+' must match [a-z0-9-]{1,64}",
        "posture/v1/desk-07/trace/A1|topic level 5 (recording id) 'A1' must match [a-z0-9-]{1,64}",
        "posture/v1/desk-07/trace/a/b|topic level 6 'b' is not expected after 'trace/a'",
    })
    void parseNamesTheFirstBadLevel(String name, String expected) {
        assertEquals(expected, assertThrows(ProtocolException.class, () -> Topic.parse(name)).getMessage());
    }

    @Test
    void emptyTopicIsRejected() {
        assertEquals("topic is empty", assertThrows(ProtocolException.class, () -> Topic.parse("")).getMessage());
        assertEquals("topic is empty", assertThrows(ProtocolException.class, () -> Topic.parse(null)).getMessage());
    }

    @Test
    void controlCharactersInABadLevelAreEscaped() {
        ProtocolException e = assertThrows(ProtocolException.class, () -> Topic.parse("posture/v1/a\u0000'\\/event"));
        assertEquals("topic level 3 (device id) 'a\\u0000\\u0027\\u005c' must match [a-z0-9-]{1,32}", e.getMessage());
    }

    @Test
    void escapedGarbageIsCutShortToo() {
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> Topic.parse("posture/v1/" + "\u0000".repeat(1000) + "/event"));
        assertEquals("topic level 3 (device id) '" + "\\u0000".repeat(7) + "...' must match [a-z0-9-]{1,32}",
                e.getMessage());
    }

    @Test
    void aRecordingIdBelongsToTraceTopicsOnly() {
        assertThrows(IllegalArgumentException.class, () -> Topic.of(DESK, TopicKind.TRACE));
        assertThrows(IllegalArgumentException.class, () -> new Topic(DESK, TopicKind.EVENT, REC));
    }

    @Test
    void requestsHaveDefaultReplyKinds() {
        assertEquals(Optional.of(TopicKind.CONFIG_RESULT), TopicKind.CONFIG_SET.replyKind());
        assertEquals(Optional.of(TopicKind.CMD_RESULT), TopicKind.CMD.replyKind());
        Set<TopicKind> requests = EnumSet.noneOf(TopicKind.class);
        for (TopicKind kind : TopicKind.values()) {
            if (kind.isRequest()) {
                requests.add(kind);
            }
        }
        assertEquals(EnumSet.of(TopicKind.CONFIG_SET, TopicKind.CMD), requests);
    }

    @Test
    void replyGoesToTheResponseTopicOrTheDefaultResultTopic() throws ProtocolException {
        Topic cmd = Topic.of(DESK, TopicKind.CMD);
        assertEquals("companion/7f3a/replies", cmd.replyTopic("companion/7f3a/replies"));
        assertEquals("posture/v1/desk-07/cmd/result", cmd.replyTopic(null));
        assertEquals("posture/v1/desk-07/cmd/result", cmd.replyTopic(""));
        assertEquals("posture/v1/desk-07/config/result", Topic.of(DESK, TopicKind.CONFIG_SET).replyTopic(null));
        assertEquals("r/\ud83d\ude00", cmd.replyTopic("r/\ud83d\ude00"));
    }

    @Test
    void badResponseTopicsAreRefused() {
        Topic cmd = Topic.of(DESK, TopicKind.CMD);
        assertEquals("response topic must not contain '+' or '#'",
                assertThrows(ProtocolException.class, () -> cmd.replyTopic("replies/+")).getMessage());
        assertEquals("response topic must not contain '+' or '#'",
                assertThrows(ProtocolException.class, () -> cmd.replyTopic("replies/#")).getMessage());
        assertEquals("response topic must not start with '$'",
                assertThrows(ProtocolException.class, () -> cmd.replyTopic("$SYS/x")).getMessage());
        assertEquals("response topic must not contain control characters",
                assertThrows(ProtocolException.class, () -> cmd.replyTopic("a\u0000b")).getMessage());
        assertEquals("response topic is not valid Unicode",
                assertThrows(ProtocolException.class, () -> cmd.replyTopic("a\ud800b")).getMessage());
        assertEquals("response topic is longer than 65535 bytes",
                assertThrows(ProtocolException.class, () -> cmd.replyTopic("\u00e9".repeat(40_000))).getMessage());
        assertThrows(IllegalStateException.class, () -> Topic.of(DESK, TopicKind.EVENT).replyTopic(null));
    }

    @Test
    void onlyStatusAndConfigAreRetained() {
        for (TopicKind kind : TopicKind.values()) {
            assertEquals(kind == TopicKind.STATUS || kind == TopicKind.CONFIG, kind.retained(), kind.name());
            assertTrue(kind.qos() == 0 || kind.qos() == 1);
        }
        assertFalse(TopicKind.TELEMETRY.qos() == 1);
    }
}
