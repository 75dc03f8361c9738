package dev.posture.companion.ingest;

import dev.posture.protocol.MosquittoBroker;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.posture.companion.store.EventRow;
import dev.posture.companion.store.Store;
import dev.posture.protocol.message.PostureState;
import dev.posture.protocol.message.SensorHealth;
import dev.posture.protocol.message.StatusMessage;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same ingest against mosquitto: any MQTT 5 broker, not just the embedded one. */
class MosquittoIngestTest {
    @TempDir
    static Path brokerDir;

    @TempDir
    Path dir;

    private static MosquittoBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = MosquittoBroker.start(brokerDir);
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void logsEventsOnceAndTheLastWill() throws Exception {
        try (Store store = Store.open(dir.resolve("posture.db"));
             MqttIngest ingest = MqttIngest.connect(MqttIngest.Options.of(broker.url(), "companion-m", null),
                     new IngestHandler(store, System::currentTimeMillis, line -> { }))) {
            TestDevice device = TestDevice.connect(broker.url(), "desk-20");
            device.publish(StatusMessage.online(device.id, "0.1.0", 1, 1, PostureState.UPRIGHT, SensorHealth.OK, 1,
                    null, null));
            device.publish(MqttIngestTest.cue(device.id, 0));
            device.publish(MqttIngestTest.cue(device.id, 0));
            device.publish(MqttIngestTest.cue(device.id, 1));
            Poll.until("events stored", () -> store.events(device.id, null, null).size() == 2);
            assertEquals(List.of(0L, 1L), store.events(device.id, null, null).stream().map(EventRow::seq).toList());
            device.vanish();
            Poll.until("the last will marks desk-20 offline",
                    () -> "offline".equals(store.device(device.id).orElseThrow().state()));
            assertEquals(1, ingest.handler().duplicateCount());
        }
    }

    @Test
    void twoCompanionsInAShareGroupSplitTheEvents() throws Exception {
        MqttIngestTest.shareGroupSplitsEvents(broker.url(), dir, "desk-21", true);
    }
}
