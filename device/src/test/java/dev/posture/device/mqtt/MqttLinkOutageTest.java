package dev.posture.device.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posture.protocol.message.MessageCodec;
import dev.posture.protocol.mqtt.Topics;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Events survive a broker outage and a device restart: each arrives at least once, in seq order. */
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

    @Test
    void eventsQueuedWhileTheBrokerWasUnreachableArriveAfterADeviceRestartAndATornTail() throws Exception {
        EmbeddedBroker broker = EmbeddedBroker.start(dir.resolve("broker"));
        open.add(broker);
        Path outbox = dir.resolve("outbox");
        FakeDeviceControl device = new FakeDeviceControl("desk-12");
        Topics topics = Topics.of(device.deviceId());
        Companion early = Companion.connect(broker.url(), "early-12", topics.event().name());
        open.add(early);

        // Run 1: connected, 0..4 delivered and acknowledged.
        MqttLink first = new MqttLink(MqttLinkTest.settings(broker.url(), "desk-12", outbox), device, Clock.systemUTC());
        first.start();
        Await.until("first link connected", () -> first.stats().connected());
        for (long seq = 0; seq < 5; seq++) {
            device.emit(seq);
        }
        Await.until("0..4 acknowledged", () -> first.stats().eventsPublished() == 5);
        first.close();

        // Run 2: the broker is unreachable (a port nobody listens on); 5..9 wait in the outbox.
        String nowhere = "tcp://127.0.0.1:" + EmbeddedBroker.freePort();
        FakeDeviceControl offline = new FakeDeviceControl("desk-12");
        MqttLink second = new MqttLink(MqttLinkTest.settings(nowhere, "desk-12", outbox), offline, Clock.systemUTC());
        second.start();
        for (long seq = 5; seq < 10; seq++) {
            offline.emit(seq);
        }
        assertEquals(5, second.stats().outboxPending());
        Await.until("a failed connect counted", () -> second.stats().connectFailures() >= 1);
        second.close();   // returns though the broker was never reached

        // Power cut mid-append: half a record at the end of the newest segment.
        Path newest;
        try (Stream<Path> files = Files.list(outbox)) {
            newest = files.filter(p -> p.toString().endsWith(EventOutbox.SEGMENT_SUFFIX)).sorted()
                    .reduce((a, b) -> b).orElseThrow();
        }
        appendTornRecord(newest);

        // Run 3: reachable again. 5..9 arrive (0..4 were acknowledged and are not resent), then new ones.
        Companion companion = Companion.connect(broker.url(), "logger-12", topics.event().name());
        open.add(companion);
        FakeDeviceControl restarted = new FakeDeviceControl("desk-12");
        MqttLink third = new MqttLink(MqttLinkTest.settings(broker.url(), "desk-12", outbox), restarted,
                Clock.systemUTC());
        open.add(third::close);
        third.start();
        for (long seq = 10; seq < 13; seq++) {
            restarted.emit(seq);
        }
        Await.until("5..12 delivered", () -> distinctSeqs(companion) == 8);
        assertEquals(range(5, 13), deduped(companion.matching(r -> true)));
        assertEquals(range(0, 5), deduped(early.matching(r -> true)).subList(0, 5));
    }

    private static void appendTornRecord(Path segment) throws IOException {
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ByteBuffer torn = ByteBuffer.allocate(12);
            torn.putInt(200).putInt(0x12345678).putInt(0x7b227363).flip();   // says 200 bytes, has 4
            channel.write(torn);
        }
    }
}
