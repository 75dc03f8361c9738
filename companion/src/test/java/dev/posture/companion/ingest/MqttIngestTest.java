package dev.posture.companion.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posture.companion.broker.EmbeddedBroker;
import dev.posture.companion.store.EventRow;
import dev.posture.companion.store.Store;
import dev.posture.protocol.message.EventDetail;
import dev.posture.protocol.message.EventMessage;
import dev.posture.protocol.message.MessageCodec;
import dev.posture.protocol.message.PostureState;
import dev.posture.protocol.message.SensorHealth;
import dev.posture.protocol.message.StatusMessage;
import dev.posture.protocol.message.TelemetryMessage;
import dev.posture.protocol.mqtt.DeviceId;
import dev.posture.protocol.mqtt.ShareGroup;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ingest end to end over TCP: embedded HiveMQ, a Paho client playing the device, a real SQLite file. */
class MqttIngestTest {
    @TempDir
    static Path brokerDir;

    @TempDir
    Path dir;

    private static EmbeddedBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = EmbeddedBroker.start(brokerDir, "127.0.0.1", EmbeddedBroker.freePort(), false);
    }

    @AfterAll
    static void stopBroker() throws Exception {
        broker.close();
    }

    static EventMessage cue(DeviceId id, long seq) {
        return new EventMessage(id, seq, 1_736_847_000_000L + seq * 1000, 3_600_000 + seq * 1000,
                new EventDetail.Cue(21.5, 121_500, 3, (int) seq + 1));
    }

    @Test
    void logsStatusEventsTelemetryAndConfigDropsDuplicatesAndSurvivesBadPayloads() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        try (Store store = Store.open(dir.resolve("posture.db"));
             MqttIngest ingest = MqttIngest.connect(
                     MqttIngest.Options.of(broker.url(), "companion-e2e", null),
                     new IngestHandler(store, System::currentTimeMillis, lines::add));
             TestDevice device = TestDevice.connect(broker.url(), "desk-07")) {
            DeviceId id = device.id;
            device.publish(StatusMessage.online(id, "0.1.0", 1_736_847_000_000L, 3_600_000, PostureState.UPRIGHT,
                    SensorHealth.OK, 7, 82, -61));
            Poll.until("online status stored", () -> store.device(id).map(d -> "online".equals(d.state())).orElse(false));

            String eventTopic = device.topics.event().name();
            device.publish(cue(id, 0));
            device.publish(cue(id, 1));
            device.publish(cue(id, 1));                      // a QoS 1 redelivery
            device.publish(eventTopic, "{\"schema\":1,".getBytes(StandardCharsets.UTF_8), 1, false);
            device.publish(eventTopic, new byte[0], 1, false);
            device.publish("posture/v1/Desk-07/event", MessageCodec.encode(cue(id, 9)), 1, false);
            device.publish(eventTopic, MessageCodec.encode(cue(new DeviceId("desk-08"), 8)), 1, false);
            device.publish(TelemetryMessage.withAngles(id, 1_736_847_001_000L, 3_601_000, 1000,
                    PostureState.DRIFTING, 50, 0, 17.875, 19.2, 20.0));
            device.publish(cue(id, 2));
            device.publish(cue(id, 0));                      // an old one again
            device.publish(cue(id, 3));
            Poll.until("event 3 stored", () -> store.events(id, null, null).size() == 4);

            assertEquals(List.of(0L, 1L, 2L, 3L), store.events(id, null, null).stream().map(EventRow::seq).toList());
            assertEquals(2, ingest.handler().duplicateCount());
            assertEquals(4, ingest.handler().rejectedCount());
            assertEquals(List.of("desk-07 #0 CUE fwd=21.5 forward_ms=121500 episode=3 cue=1",
                    "desk-07 #1 CUE fwd=21.5 forward_ms=121500 episode=3 cue=2",
                    "desk-07 #2 CUE fwd=21.5 forward_ms=121500 episode=3 cue=3",
                    "desk-07 #3 CUE fwd=21.5 forward_ms=121500 episode=3 cue=4"), lines);
            assertEquals(1, store.telemetryCount(id));
            assertTrue(store.device(new DeviceId("desk-08")).isEmpty(), "a payload for another device is refused");

            device.vanish();
            Poll.until("the last will marks desk-07 offline",
                    () -> "offline".equals(store.device(id).orElseThrow().state()));
            assertEquals("UPRIGHT", store.device(id).orElseThrow().posture(), "the will keeps the last posture");
            assertTrue(ingest.isConnected());
        }
    }

    @Test
    void anEmptyRetainedStatusRemovesTheDevice() throws Exception {
        try (Store store = Store.open(dir.resolve("posture.db"));
             TestDevice device = TestDevice.connect(broker.url(), "desk-09")) {
            DeviceId id = device.id;
            device.publish(StatusMessage.online(id, "0.1.0", 1, 1, PostureState.UPRIGHT, SensorHealth.OK, 1, null,
                    null));
            // connect after the retained status: the broker hands it over on subscribe
            try (MqttIngest ingest = MqttIngest.connect(MqttIngest.Options.of(broker.url(), "companion-retire", null),
                    new IngestHandler(store, System::currentTimeMillis, line -> { }))) {
                Poll.until("retained status seen", () -> store.device(id).isPresent());
                assertEquals("online", store.device(id).orElseThrow().state());
                device.publish(device.topics.status().name(), new byte[0], 1, true);
                Poll.until("device removed", () -> "removed".equals(store.device(id).orElseThrow().state()));
                assertEquals(0, ingest.handler().rejectedCount());
            }
        }
    }

    @Test
    void twoCompanionsInAShareGroupSplitTheEventsWithNothingLostOrDoubled() throws Exception {
        // HiveMQ gives a shared subscription's messages to a member while it keeps up, so the
        // split itself is its choice; losing or doubling none, and the hand-over, are not.
        shareGroupSplitsEvents(broker.url(), dir, "desk-10", false);
    }

    /**
     * Two ingest instances in group g on one database: 100 events while both run, then A leaves
     * the group (session expiry 0) and B alone takes the next 100. Also run against mosquitto.
     *
     * @param bothTakeSome whether the broker is known to spread a group's messages (mosquitto: round robin)
     */
    static void shareGroupSplitsEvents(String url, Path dir, String deviceId, boolean bothTakeSome) throws Exception {
        int half = 100;
        Path db = dir.resolve("shared.db");
        ShareGroup group = new ShareGroup("g");
        AtomicInteger linesA = new AtomicInteger();
        AtomicInteger linesB = new AtomicInteger();
        try (Store storeA = Store.open(db); Store storeB = Store.open(db);
             MqttIngest b = MqttIngest.connect(MqttIngest.Options.of(url, "companion-b", group),
                     new IngestHandler(storeB, System::currentTimeMillis, line -> linesB.incrementAndGet()));
             TestDevice device = TestDevice.connect(url, deviceId)) {
            DeviceId id = device.id;
            try (MqttIngest a = MqttIngest.connect(new MqttIngest.Options(url, "companion-a", group, null, null, 0, 10),
                    new IngestHandler(storeA, System::currentTimeMillis, line -> linesA.incrementAndGet()))) {
                device.publish(StatusMessage.online(id, "0.1.0", 1, 1, PostureState.UPRIGHT, SensorHealth.OK, 1,
                        null, null));
                for (long seq = 0; seq < half; seq++) {
                    device.publish(cue(id, seq));
                }
                Poll.until(half + " events stored", () -> storeA.events(id, null, null).size() == half);
                // status is not shared: both instances store it (an idempotent update)
                Poll.until("both saw the status", () -> online(storeA, id) && online(storeB, id));
                assertEquals(0, a.handler().duplicateCount() + b.handler().duplicateCount(), "no event went to both");
                // one line per newly stored event: together exactly the events sent
                assertEquals(half, linesA.get() + linesB.get());
                if (bothTakeSome) {
                    assertTrue(linesA.get() > 0 && linesB.get() > 0,
                            "each instance took some events: " + linesA.get() + " / " + linesB.get());
                }
            }
            int bBefore = linesB.get();
            for (long seq = half; seq < 2 * half; seq++) {
                device.publish(cue(id, seq));
            }
            Poll.until(2 * half + " events stored", () -> storeB.events(id, null, null).size() == 2 * half);
            assertEquals(LongStream.range(0, 2 * half).boxed().toList(),
                    storeB.events(id, null, null).stream().map(EventRow::seq).toList());
            assertEquals(half, linesB.get() - bBefore, "B took everything after A left");
            assertEquals(0, b.handler().duplicateCount());
        }
    }

    private static boolean online(Store store, DeviceId id) throws Exception {
        return store.device(id).map(d -> "online".equals(d.state())).orElse(false);
    }
}
