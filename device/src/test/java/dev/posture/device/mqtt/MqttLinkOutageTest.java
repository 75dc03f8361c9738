package dev.posture.device.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posture.protocol.message.MessageCodec;
import dev.posture.protocol.mqtt.Topics;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Events survive a broker outage: each arrives at least once, in seq order (device restarts: MqttLinkTest). */
class MqttLinkOutageTest {
    @TempDir
    Path dir;
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    /** First arrivals of each seq, in arrival order: what a receiver keeps after dropping duplicates. */
    private static List<Long> deduped(List<Companion.Received> events) throws Exception {
        Set<Long> seen = new LinkedHashSet<>();
        for (Companion.Received r : events) {
            seen.add(MessageCodec.decodeEvent(r.payload()).seq());
        }
        return new ArrayList<>(seen);
    }

    private static List<Long> range(long from, long to) {
        List<Long> seqs = new ArrayList<>();
        for (long seq = from; seq < to; seq++) {
            seqs.add(seq);
        }
        return seqs;
    }

    private static long distinctSeqs(Companion companion) {
        try {
            return deduped(companion.matching(r -> true)).size();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void brokerStoppedAndRestartedWhileEventsKeepComing() throws Exception {
        EmbeddedBroker broker = EmbeddedBroker.start(dir.resolve("broker"), true);
        open.add(broker);
        FakeDeviceControl device = new FakeDeviceControl("desk-11");
        Topics topics = Topics.of(device.deviceId());
        Companion companion = Companion.connect(broker.url(), "logger-11", true, topics.event().name());
        open.add(companion);
        MqttLink link = new MqttLink(MqttLinkTest.settings(broker.url(), "desk-11", dir.resolve("outbox")), device,
                Clock.systemUTC());
        open.add(link::close);
        link.start();
        Await.until("link connected", () -> link.stats().connected());

        for (long seq = 0; seq < 20; seq++) {
            device.emit(seq);
        }
        Await.until("first 20 delivered", () -> distinctSeqs(companion) == 20);
        broker.stop();
        Await.until("link sees the outage", () -> !link.stats().connected());
        for (long seq = 20; seq < 45; seq++) {
            device.emit(seq);   // the firmware does not wait for the broker
        }
        assertEquals(25, link.stats().outboxPending());
        broker.startAgain();
        for (long seq = 45; seq < 60; seq++) {
            device.emit(seq);
        }
        Await.until("all 60 delivered", () -> distinctSeqs(companion) == 60);
        assertEquals(range(0, 60), deduped(companion.matching(r -> true)), "every seq once after dedupe, in order");
        Await.until("outbox drained", () -> link.stats().outboxPending() == 0);
        assertTrue(link.stats().reconnects() >= 1);
        assertEquals(0, link.stats().outboxDropped());
    }

}
