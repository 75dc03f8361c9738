package dev.posture.device.mqtt;

import dev.posture.protocol.MosquittoBroker;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posture.device.store.ChangeOrigin;
import dev.posture.protocol.config.Config;
import dev.posture.protocol.message.CommandReply;
import dev.posture.protocol.message.ConfigSetReply;
import dev.posture.protocol.message.ConnectionState;
import dev.posture.protocol.message.MessageCodec;
import dev.posture.protocol.message.StatusMessage;
import dev.posture.protocol.mqtt.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Interoperability: the same link against a real mosquitto process. */
class MqttLinkMosquittoTest {
    private static final Duration WAIT = Await.LONG;

    @TempDir
    Path dir;
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    @Test
    void eventsRequestsAndTheLastWillThroughMosquitto() throws Exception {
        MosquittoBroker mosquitto = MosquittoBroker.start(dir);
        open.add(mosquitto);
        FakeDeviceControl device = new FakeDeviceControl("desk-21");
        Topics topics = Topics.of(device.deviceId());
        Companion companion = Companion.connect(mosquitto.url(), "companion-21", topics.event().name(),
                topics.status().name(), "companion/c21/replies");
        open.add(companion);
        MqttLink link = new MqttLink(MqttLinkTest.settings(mosquitto.url(), "desk-21", dir.resolve("outbox")), device,
                Clock.systemUTC());
        open.add(link::close);
        link.start();
        Await.until("link subscribed", () -> link.stats().subscribed());

        companion.await(r -> r.topic().equals(topics.status().name()) && state(r) == ConnectionState.ONLINE, WAIT);
        for (long seq = 0; seq < 25; seq++) {
            device.emit(seq);
        }
        List<Companion.Received> events = companion.awaitCount(r -> r.topic().equals(topics.event().name()), 25, WAIT);
        List<Long> seqs = new ArrayList<>();
        for (Companion.Received r : events) {
            seqs.add(MessageCodec.decodeEvent(r.payload()).seq());
        }
        List<Long> expected = new ArrayList<>();
        for (long seq = 0; seq < 25; seq++) {
            expected.add(seq);
        }
        assertEquals(expected, seqs);

        byte[] correlation = {1, 2, 3, 4};
        companion.request(topics.configSet().name(), "{\"schema\":1,\"values\":{\"threshold_deg\":50}}",
                "companion/c21/replies", correlation);
        Companion.Received reply = companion.await(r -> r.topic().equals("companion/c21/replies"), WAIT);
        assertArrayEquals(correlation, reply.correlationData());
        ConfigSetReply refused = MessageCodec.decodeConfigSetReply(reply.payload());
        assertFalse(refused.ok());
        assertEquals("threshold_deg", refused.errors().get(0).key());
        assertEquals(7, device.config().version(), "nothing applied");

        byte[] second = {9};
        companion.request(topics.cmd().name(), "{\"schema\":1,\"request_id\":\"r-1\",\"command\":\"trace_start\"}",
                "companion/c21/replies", second);
        Companion.Received cmd = companion.await(r -> Arrays.equals(r.correlationData(), second), WAIT);
        CommandReply started = MessageCodec.decodeCommandReply(cmd.payload());
        assertTrue(started.ok());
        assertEquals(FakeDeviceControl.RECORDING.value(), started.result().get("recording_id"));

        link.abort();
        Companion.Received will = companion.await(r -> r.topic().equals(topics.status().name())
                && state(r) == ConnectionState.OFFLINE, WAIT);
        assertEquals(StatusMessage.lastWill(device.deviceId(), FakeDeviceControl.FIRMWARE),
                MessageCodec.decodeStatus(will.payload()));
    }

    private static ConnectionState state(Companion.Received r) {
        try {
            return MessageCodec.decodeStatus(r.payload()).state();
        } catch (Exception e) {
            return null;
        }
    }

    @Test
    void tlsWithTheCredentialsFileCaAndPasswordAndAWrongPasswordIsRetriedNotThrown() throws Exception {
        Path brokerDir = Files.createDirectories(dir.resolve("broker"));
        MosquittoBroker mosquitto = MosquittoBroker.startTls(brokerDir, "wearer", "s3cret");
        open.add(mosquitto);
        String url = "ssl://127.0.0.1:" + mosquitto.port();
        Config config = Config.fromJsonValues(Map.of("device_id", "desk-22", "broker_url", url,
                "broker_username", "wearer"), 1);
        Path credentials = dir.resolve("mqtt.credentials");
        Files.writeString(credentials, "password=s3cret\nca_file=broker/ca.pem\n");
        FakeDeviceControl device = new FakeDeviceControl("desk-22");
        MqttSettings settings = MqttSettings.from(config, Optional.of(credentials), dir.resolve("state"));
        MqttLink link = new MqttLink(settings, device, Clock.systemUTC());
        open.add(link::close);
        link.start();
        Await.until("connected over TLS", () -> link.stats().subscribed());
        device.emit(0);
        Await.until("event acknowledged over TLS", () -> link.stats().eventsPublished() == 1);

        Files.writeString(credentials, "password=wrong\nca_file=broker/ca.pem\n");
        FakeDeviceControl other = new FakeDeviceControl("desk-23");
        MqttLink refused = new MqttLink(MqttSettings.from(config, Optional.of(credentials), dir.resolve("state2")),
                other, Clock.systemUTC());
        open.add(refused::close);
        refused.start();
        other.emit(0);   // stored, not thrown back at the firmware
        Await.until("refusals counted", () -> refused.stats().connectFailures() >= 2);
        assertFalse(refused.stats().connected());
        assertEquals(1, refused.stats().outboxPending());
    }

    @Test
    void aNewBrokerUrlInTheConfigMovesTheLinkWithItsEvents() throws Exception {
        MosquittoBroker first = MosquittoBroker.start(Files.createDirectories(dir.resolve("a")));
        open.add(first);
        MosquittoBroker second = MosquittoBroker.start(Files.createDirectories(dir.resolve("b")));
        open.add(second);
        FakeDeviceControl device = new FakeDeviceControl("desk-24");
        Topics topics = Topics.of(device.deviceId());
        Companion onFirst = Companion.connect(first.url(), "companion-24a", topics.status().name(),
                topics.event().name());
        open.add(onFirst);
        Companion onSecond = Companion.connect(second.url(), "companion-24b", topics.status().name(),
                topics.event().name(), topics.config().name());
        open.add(onSecond);
        MqttLink link = new MqttLink(MqttLinkTest.settings(first.url(), "desk-24", dir.resolve("outbox")), device,
                Clock.systemUTC());
        open.add(link::close);
        link.start();
        Await.until("connected to the first broker", () -> link.stats().subscribed());
        device.emit(0);
        onFirst.await(r -> r.topic().equals(topics.event().name()), WAIT);
        Await.until("event 0 acknowledged", () -> link.stats().eventsPublished() == 1);

        device.changeConfig(Map.of("broker_url", second.url()), ChangeOrigin.serial());
        Companion.Received offline = onFirst.await(r -> r.topic().equals(topics.status().name())
                && state(r) == ConnectionState.OFFLINE, WAIT);
        assertTrue(MessageCodec.decodeStatus(offline.payload()).timeMs() != null, "a clean goodbye, not the will");
        onSecond.await(r -> r.topic().equals(topics.status().name()) && state(r) == ConnectionState.ONLINE, WAIT);
        Companion.Received config = onSecond.await(r -> r.topic().equals(topics.config().name()), WAIT);
        assertEquals(second.url(), MessageCodec.decodeConfig(config.payload()).values().get("broker_url"));
        Await.until("subscribed on the second broker", () -> link.stats().subscribed());
        device.emit(1);
        Companion.Received event = onSecond.await(r -> r.topic().equals(topics.event().name()), WAIT);
        assertEquals(1, MessageCodec.decodeEvent(event.payload()).seq(), "acknowledged events are not resent");
        assertEquals(1, onFirst.matching(r -> r.topic().equals(topics.event().name())).size());
    }
}
