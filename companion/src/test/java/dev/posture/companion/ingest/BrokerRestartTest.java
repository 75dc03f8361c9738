package dev.posture.companion.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posture.companion.broker.EmbeddedBroker;
import dev.posture.companion.store.EventRow;
import dev.posture.companion.store.Store;
import dev.posture.protocol.mqtt.DeviceId;
import java.nio.file.Path;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The broker goes away and comes back; the device sends again what it could not confirm; nothing is doubled. */
class BrokerRestartTest {
    @TempDir
    static Path brokerDir;

    @TempDir
    Path dir;

    private static EmbeddedBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = EmbeddedBroker.start(brokerDir, "127.0.0.1", EmbeddedBroker.freePort(), true);
    }

    @AfterAll
    static void stopBroker() throws Exception {
        broker.close();
    }

    @Test
    void eventsResentAfterABrokerRestartAreStoredOnce() throws Exception {
        try (Store store = Store.open(dir.resolve("posture.db"));
             MqttIngest ingest = MqttIngest.connect(
                     new MqttIngest.Options(broker.url(), "companion-restart", null, null, null, 3600, 1),
                     new IngestHandler(store, System::currentTimeMillis, line -> { }))) {
            DeviceId id = new DeviceId("desk-11");
            try (TestDevice device = TestDevice.connect(broker.url(), id.value())) {
                for (long seq = 0; seq < 5; seq++) {
                    device.publish(MqttIngestTest.cue(id, seq));
                }
                Poll.until("events 0..4 stored", () -> store.events(id, null, null).size() == 5);
                broker.stop();
            } catch (org.eclipse.paho.mqttv5.common.MqttException e) {
                // the device's clean disconnect fails: its broker is gone
            }
            Poll.until("the ingest notices the outage", () -> !ingest.isConnected());
            broker.startAgain();
            Poll.until("the ingest reconnects and subscribes again", ingest::isSubscribed);

            // The device never saw acknowledgements for 3 and 4 (say), so it sends them again.
            try (TestDevice device = TestDevice.connect(broker.url(), id.value())) {
                for (long seq = 3; seq < 8; seq++) {
                    device.publish(MqttIngestTest.cue(id, seq));
                }
                Poll.until("events up to 7 stored", () -> store.events(id, null, null).size() == 8);
            }
            assertEquals(LongStream.range(0, 8).boxed().toList(),
                    store.events(id, null, null).stream().map(EventRow::seq).toList());
            // 3 and 4 came twice; the durable broker may also redeliver what was in flight at the stop
            long duplicates = ingest.handler().duplicateCount();
            assertTrue(duplicates >= 2, "duplicates dropped: " + duplicates);
        }
    }
}
