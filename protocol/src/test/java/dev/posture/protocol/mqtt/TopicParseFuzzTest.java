package dev.posture.protocol.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.posture.protocol.ProtocolException;

/**
 * The topic parser, given any string, either returns a topic that prints back as the same string or
 * throws ProtocolException with a one-line message; so does the response topic check.
 */
class TopicParseFuzzTest {
    private static final String[] STARTS = {"", "posture/v1/", "posture/v1/desk-07/", "posture/v1/desk-07/trace/"};

    @FuzzTest
    void parsesOrRejectsCleanly(FuzzedDataProvider data) {
        String name = STARTS[data.consumeInt(0, STARTS.length - 1)] + data.consumeRemainingAsString();
        try {
            Topic topic = Topic.parse(name);
            assertEquals(name, topic.name());
            assertEquals(topic, Topic.parse(topic.name()));
            assertTrue(TopicFilter.allDevices(topic.kind()).matches(name));
            assertTrue(TopicFilter.everything().matches(name));
        } catch (ProtocolException e) {
            assertOneLine(e);
        }
        Topic cmd = Topic.of(new DeviceId("desk-07"), TopicKind.CMD);
        try {
            String reply = cmd.replyTopic(name);
            assertFalse(reply.contains("+") || reply.contains("#"));
        } catch (ProtocolException e) {
            assertOneLine(e);
        }
    }

    private static void assertOneLine(ProtocolException e) {
        assertFalse(e.getMessage().contains("\n") || e.getMessage().contains("\r"), e.getMessage());
        assertTrue(e.getMessage().length() < 300, e.getMessage());
    }
}
