package dev.posture.device.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posture.device.runtime.Firmware;
import dev.posture.device.runtime.SimFirmware;
import dev.posture.hardware.sim.Scenarios;
import dev.posture.protocol.message.CommandReply;
import dev.posture.protocol.message.ConfigSetReply;
import dev.posture.protocol.message.EventMessage;
import dev.posture.protocol.message.EventType;
import dev.posture.protocol.message.MessageCodec;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole firmware (emulated chips, sped up) with its MQTT link against the embedded broker over
 * TCP: events arrive in order, config/set and cmd round trips, the broker stopped and restarted and
 * the device restarted mid-run with every event arriving exactly once after de-duplication.
 */
class FirmwareMqttTest {
    @TempDir
    Path dir;

    private static SimFirmware withLink(Path state, String url, double speed, AtomicReference<MqttLink> link)
            throws Exception {
        return new SimFirmware(Scenarios.named("drift"), state, speed, Map.of("device_id", "desk-7"),
                fw -> link.set(start(fw, state, url)));
    }

    private static MqttLink start(Firmware fw, Path state, String url) {
        try {
            MqttLink l = new MqttLink(MqttSettings.from(fw.config(), Optional.empty(), state).withBrokerUrl(url), fw,
                    Clock.systemUTC());
            l.start();
            return l;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void eventsConfigAndCommandsOverTheEmbeddedBroker() throws Exception {
        AtomicReference<MqttLink> link = new AtomicReference<>();
        try (EmbeddedBroker broker = EmbeddedBroker.start(dir.resolve("broker"));
             Companion companion = Companion.connect(broker.url(), "c7", "posture/v1/+/event", "posture/v1/+/status",
                     "companion/c7/replies");
             SimFirmware sim = withLink(dir.resolve("state"), broker.url(), 20, link)) {
            Companion.Received cue = companion.await(r -> r.topic().endsWith("/event") && event(r).type() == EventType.CUE,
                    Await.LONG);
            assertEquals("posture/v1/desk-7/event", cue.topic());
            try (Companion late = Companion.connect(broker.url(), "late", "posture/v1/+/status")) {
                // A companion that connects later still learns at once that the device is online (retained).
                Companion.Received status = late.await(r -> r.topic().equals("posture/v1/desk-7/status"), Await.LONG);
                assertTrue(status.retained());
                assertEquals(dev.posture.protocol.message.ConnectionState.ONLINE,
                        MessageCodec.decodeStatus(status.payload()).state());
            }

            companion.request("posture/v1/desk-7/config/set",
                    "{\"schema\":1,\"request_id\":\"r1\",\"values\":{\"threshold_deg\":18,\"dwell_s\":12}}",
                    "companion/c7/replies", new byte[] {1, 2, 3});
            Companion.Received reply = companion.await(r -> r.topic().equals("companion/c7/replies"), Await.LONG);
            ConfigSetReply set = MessageCodec.decodeConfigSetReply(reply.payload());
            assertTrue(set.ok(), set.toString());
            assertEquals(sim.firmware.config().version(), set.version());
            assertEquals("18", sim.firmware.config().text(dev.posture.protocol.config.ConfigKey.THRESHOLD_DEG));
            companion.await(r -> r.topic().endsWith("/event") && event(r).type() == EventType.CONFIG_CHANGED,
                    Await.LONG);

            companion.request("posture/v1/desk-7/cmd",
                    "{\"schema\":1,\"request_id\":\"r2\",\"command\":\"snooze\",\"args\":{\"minutes\":5}}",
                    "companion/c7/replies", new byte[] {4});
            Companion.Received done = companion.await(r -> r.topic().equals("companion/c7/replies")
                    && r.correlationData() != null && r.correlationData().length == 1, Await.LONG);
            CommandReply cmd = MessageCodec.decodeCommandReply(done.payload());
            assertTrue(cmd.ok(), cmd.toString());
            companion.await(r -> r.topic().endsWith("/event") && event(r).type() == EventType.SNOOZED, Await.LONG);
        } finally {
            if (link.get() != null) {
                link.get().close();
            }
        }
    }

    @Test
    void brokerOutageAndDeviceRestartLoseNothing() throws Exception {
        Path state = dir.resolve("state");
        AtomicReference<MqttLink> link = new AtomicReference<>();
        long lastSeq;
        try (EmbeddedBroker broker = EmbeddedBroker.start(dir.resolve("broker"), true);
             Companion companion = Companion.connect(broker.url(), "logger", true, "posture/v1/+/event")) {
            try (SimFirmware sim = withLink(state, broker.url(), 10, link)) {
                sim.await(e -> e.detail() instanceof dev.posture.protocol.message.EventDetail.Calibrated);
                broker.stop();                                     // the network goes away for a while
                sim.await(EventType.CUE);                          // events keep being raised meanwhile
                broker.startAgain();
                sim.await(EventType.RECOVERED);
                sim.close();              // the firmware stops first: its last events still reach the outbox
                Await.until("the outbox delivered", () -> link.get().stats().outboxPending() == 0);
                link.get().close();
            }
            // The device restarts on the same state directory: numbers continue, the outbox resends.
            try (SimFirmware again = withLink(state, broker.url(), 10, link)) {
                EventMessage booted = again.await(EventType.BOOTED);
                again.close();
                lastSeq = again.events().get(again.events().size() - 1).seq();
                assertTrue(booted.seq() > 0, "numbers continue after the restart");
                Await.until("the outbox delivered", () -> link.get().stats().outboxPending() == 0);
                link.get().close();
            }
            assertTrue(lastSeq > 0);
            long expected = lastSeq + 1;
            // The logger's own Paho client reconnects on Paho's schedule (up to minutes after an outage).
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(180);
            while (companion.matching(r -> true).stream().map(r -> event(r).seq()).distinct().count() < expected
                    && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            List<Companion.Received> got = companion.matching(r -> true);
            TreeMap<Long, EventMessage> bySeq = new TreeMap<>();
            List<Long> order = new ArrayList<>();
            for (Companion.Received r : got) {
                EventMessage e = event(r);
                order.add(e.seq());
                bySeq.putIfAbsent(e.seq(), e);
            }
            assertEquals(lastSeq + 1, bySeq.size(), "every event once after de-duplication: " + order);
            assertEquals(0L, bySeq.firstKey());
            assertEquals(lastSeq, bySeq.lastKey().longValue());
        } finally {
            if (link.get() != null) {
                link.get().close();
            }
        }
    }

    private static EventMessage event(Companion.Received r) {
        try {
            return MessageCodec.decodeEvent(r.payload());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
