package dev.posture.protocol.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TopicFilterTest {
    private static final DeviceId DESK = new DeviceId("desk-07");

    @Test
    void filtersForEveryDeviceAndForOne() {
        assertEquals(new TopicFilter("posture/v1/+/event", 1), TopicFilter.allDevices(TopicKind.EVENT));
        assertEquals(new TopicFilter("posture/v1/+/telemetry", 0), TopicFilter.allDevices(TopicKind.TELEMETRY));
        assertEquals(new TopicFilter("posture/v1/+/trace/+", 1), TopicFilter.allDevices(TopicKind.TRACE));
        assertEquals(new TopicFilter("posture/v1/desk-07/config/set", 1),
                TopicFilter.device(DESK, TopicKind.CONFIG_SET));
        assertEquals(new TopicFilter("posture/v1/desk-07/trace/+", 1), TopicFilter.device(DESK, TopicKind.TRACE));
        assertEquals(new TopicFilter("posture/v1/#", 1), TopicFilter.everything());
    }

    @Test
    void sharedSubscriptionForm() {
        TopicFilter shared = TopicFilter.allDevices(TopicKind.EVENT).shared(new ShareGroup("loggers"));
        assertEquals("$share/loggers/posture/v1/+/event", shared.filter());
        assertEquals(1, shared.qos());
        assertTrue(shared.isShared());
        assertFalse(TopicFilter.allDevices(TopicKind.EVENT).isShared());
        assertThrows(IllegalStateException.class, () -> shared.shared(new ShareGroup("again")));
        assertTrue(shared.matches("posture/v1/desk-07/event"));
        assertFalse(shared.matches("posture/v1/desk-07/status"));
    }

    @Test
    void matchingFollowsMqttRules() {
        TopicFilter events = TopicFilter.allDevices(TopicKind.EVENT);
        assertTrue(events.matches("posture/v1/desk-07/event"));
        assertFalse(events.matches("posture/v1/desk-07/event/x"));
        assertFalse(events.matches("posture/v1/desk-07"));
        assertFalse(events.matches("posture/v1/desk-07/status"));
        assertFalse(events.matches(""));
        assertFalse(events.matches(null));
        TopicFilter all = TopicFilter.everything();
        assertTrue(all.matches("posture/v1"));
        assertTrue(all.matches("posture/v1/a/trace/b"));
        assertFalse(all.matches("posture/v2/a"));
        assertFalse(new TopicFilter("#", 0).matches("$SYS/broker/uptime"));
        assertFalse(new TopicFilter("+/v1/#", 0).matches("$SYS/v1/x"));
        assertTrue(new TopicFilter("$SYS/#", 0).matches("$SYS/broker/uptime"));
        assertTrue(new TopicFilter("#", 0).matches("posture/v1/a/event"));
        TopicFilter trace = TopicFilter.device(DESK, TopicKind.TRACE);
        assertTrue(trace.matches(Topics.of(DESK).trace(new RecordingId("r1")).name()));
        assertFalse(trace.matches("posture/v1/other/trace/r1"));
    }

    @Test
    void malformedFiltersAreRefused() {
        for (String bad : new String[] {"", "a/#/b", "a/b#", "a+/b", "$share/Bad/x", "$share/g", "$share//x"}) {
            assertThrows(IllegalArgumentException.class, () -> new TopicFilter(bad, 1), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> new TopicFilter("a", 3));
        assertThrows(IllegalArgumentException.class, () -> new TopicFilter("a", -1));
    }

    @Test
    void deviceAndCompanionSubscriptions() {
        Topics topics = Topics.of(DESK);
        assertEquals(List.of(new TopicFilter("posture/v1/desk-07/config/set", 1),
                new TopicFilter("posture/v1/desk-07/cmd", 1)), topics.deviceSubscriptions());
        assertEquals(List.of("posture/v1/+/status", "posture/v1/+/event", "posture/v1/+/telemetry",
                "posture/v1/+/config", "posture/v1/+/config/result", "posture/v1/+/cmd/result",
                "posture/v1/+/trace/+"),
                Topics.companionSubscriptions().stream().map(TopicFilter::filter).collect(Collectors.toList()));
    }

    @Test
    void everyTopicTheDevicePublishesReachesTheCompanion() {
        Topics topics = Topics.of(DESK);
        List<Topic> published = List.of(topics.status(), topics.event(), topics.telemetry(), topics.config(),
                topics.configResult(), topics.cmdResult(), topics.trace(new RecordingId("r")));
        for (Topic topic : published) {
            assertEquals(Direction.FROM_DEVICE, topic.kind().direction());
            assertEquals(1, Topics.companionSubscriptions().stream().filter(f -> f.matches(topic.name())).count(),
                    topic.name());
            assertTrue(topics.deviceSubscriptions().stream().noneMatch(f -> f.matches(topic.name())), topic.name());
        }
        for (Topic request : List.of(topics.configSet(), topics.cmd())) {
            assertEquals(Direction.TO_DEVICE, request.kind().direction());
            assertTrue(topics.deviceSubscriptions().stream().anyMatch(f -> f.matches(request.name())));
            assertTrue(Topics.companionSubscriptions().stream().noneMatch(f -> f.matches(request.name())));
        }
        assertFalse(topics.deviceSubscriptions().get(0).matches("posture/v1/other/config/set"));
        assertEquals("posture/v1/desk-07/", topics.toString());
        assertEquals(DESK, topics.deviceId());
    }
}
