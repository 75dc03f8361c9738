package dev.posture.device.mqtt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hivemq.extension.sdk.api.packets.publish.AckReasonCode;
import dev.posture.device.control.CalibrationOutcome;
import dev.posture.device.control.ControlException;
import dev.posture.device.store.ChangeOrigin;
import dev.posture.protocol.ProtocolException;
import dev.posture.protocol.message.CalibrationStep;
import dev.posture.protocol.message.CommandReply;
import dev.posture.protocol.message.ConfigMessage;
import dev.posture.protocol.message.ConfigSetReply;
import dev.posture.protocol.message.ConnectionState;
import dev.posture.protocol.message.MessageCodec;
import dev.posture.protocol.message.PostureState;
import dev.posture.protocol.message.StatusMessage;
import dev.posture.protocol.message.TelemetryMessage;
import dev.posture.protocol.mqtt.DeviceId;
import dev.posture.protocol.mqtt.Topics;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The link against a real (embedded HiveMQ CE) broker, with a Paho v5 companion on the other end. */
class MqttLinkTest {
    private static final Duration WAIT = Await.LONG;

    @TempDir
    static Path brokerDir;
    private static EmbeddedBroker broker;

    @TempDir
    Path state;
    private final List<AutoCloseable> open = new CopyOnWriteArrayList<>();

    /** Event publishes of desk-09 the broker refuses with PUBACK 0x87 (not authorised) before letting them through. */
    private static final AtomicInteger REFUSALS_LEFT = new AtomicInteger(3);
    private static final List<Long> REFUSED_SEQS = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startBroker() throws Exception {
        broker = EmbeddedBroker.start(brokerDir, false, (input, output) -> {
            if (input.getPublishPacket().getTopic().equals("posture/v1/desk-09/event")
                    && REFUSALS_LEFT.getAndDecrement() > 0) {
                ByteBuffer payload = input.getPublishPacket().getPayload().orElseThrow();
                byte[] bytes = new byte[payload.remaining()];
                payload.duplicate().get(bytes);
                try {
                    REFUSED_SEQS.add(MessageCodec.decodeEvent(bytes).seq());
                } catch (ProtocolException e) {
                    throw new AssertionError(e);
                }
                output.preventPublishDelivery(AckReasonCode.NOT_AUTHORIZED);
            }
        });
    }

    @AfterAll
    static void stopBroker() throws Exception {
        broker.close();
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    static MqttSettings settings(String url, String clientId, Path outbox) {
        return new MqttSettings(url, clientId, Optional.empty(), Optional.empty(), Optional.empty(), 10,
                Duration.ofSeconds(1), Duration.ofSeconds(2), outbox, 1 << 20, 8, Duration.ofSeconds(15));
    }

    private MqttLink startLink(FakeDeviceControl device) throws Exception {
        MqttLink link = new MqttLink(settings(broker.url(), device.deviceId().value(), state.resolve("outbox")),
                device, Clock.systemUTC());
        open.add(link::close);
        link.start();
        Await.until("link connected and subscribed", () -> link.stats().subscribed());
        return link;
    }

    private Companion companion(String... filters) throws Exception {
        Companion companion = Companion.connect(broker.url(), "companion-" + System.nanoTime(), filters);
        open.add(0, companion);
        return companion;
    }

    private static List<Long> seqs(List<Companion.Received> events) throws Exception {
        List<Long> seqs = new ArrayList<>();
        for (Companion.Received r : events) {
            seqs.add(MessageCodec.decodeEvent(r.payload()).seq());
        }
        return seqs;
    }

    @Test
    void connectPublishesRetainedOnlineStatusAndConfigThenEventsInOrder() throws Exception {
        FakeDeviceControl device = new FakeDeviceControl("desk-01");
        Topics topics = Topics.of(device.deviceId());
        Companion events = companion(topics.event().name());
        MqttLink link = startLink(device);
        for (long seq = 0; seq < 30; seq++) {
            device.emit(seq);
        }
        List<Companion.Received> got = events.awaitCount(r -> true, 30, WAIT);
        List<Long> expected = new ArrayList<>();
        for (long seq = 0; seq < 30; seq++) {
            expected.add(seq);
        }
        assertEquals(expected, seqs(got));
        Await.until("all acknowledged",
                () -> link.stats().outboxPending() == 0 && link.stats().eventsPublished() == 30);

        // A companion that connects later sees the retained status and config at once.
        Companion late = companion(topics.status().name(), topics.config().name());
        Companion.Received status = late.await(r -> r.topic().equals(topics.status().name()), WAIT);
        assertTrue(status.retained());
        StatusMessage online = MessageCodec.decodeStatus(status.payload());
        assertEquals(ConnectionState.ONLINE, online.state());
        assertEquals(new DeviceId("desk-01"), online.deviceId());
        Companion.Received config = late.await(r -> r.topic().equals(topics.config().name()), WAIT);
        assertTrue(config.retained());
        ConfigMessage configMessage = MessageCodec.decodeConfig(config.payload());
        assertEquals(7, configMessage.version());
        assertEquals("desk-01", configMessage.values().get("device_id"));
    }

    @Test
    void configSetAppliesAndRepliesOnTheResponseTopicWithTheCorrelationData() throws Exception {
        FakeDeviceControl device = new FakeDeviceControl("desk-02");
        Topics topics = Topics.of(device.deviceId());
        Companion companion = companion("companion/c7/replies", topics.config().name(), topics.configResult().name());
        startLink(device);
        byte[] correlation = {0x5f, 0x1c, 0x2a, 0x00, (byte) 0xff};
        companion.request(topics.configSet().name(),
                "{\"schema\":1,\"request_id\":\"c0ffee-01\",\"values\":{\"threshold_deg\":18.0,\"dwell_s\":90}}",
                "companion/c7/replies", correlation);
        Companion.Received reply = companion.await(r -> r.topic().equals("companion/c7/replies"), WAIT);
        assertArrayEquals(correlation, reply.correlationData());
        ConfigSetReply ok = MessageCodec.decodeConfigSetReply(reply.payload());
        assertTrue(ok.ok(), reply.text());
        assertEquals("c0ffee-01", ok.requestId());
        assertEquals(8L, ok.version());
        // The codec reads a decimal without fraction digits back as an integer.
        assertEquals("{threshold_deg=18, dwell_s=90}", ok.applied().toString());
        assertEquals(List.of(ChangeOrigin.mqtt("companion-test")), device.origins);
        assertEquals(8, device.config().version());
        Companion.Received config = companion.await(r -> r.topic().equals(topics.config().name())
                && decodeConfigVersion(r) == 8, WAIT);
        assertEquals("18", String.valueOf(MessageCodec.decodeConfig(config.payload()).values().get("threshold_deg")));

        // Every error, nothing applied; a string where a number belongs is an error too. (This reply
        // also shows the link stayed put: the fake's config names another broker_url than the one
        // the link was given, and only a change of that value may move it.)
        companion.request(topics.configSet().name(),
                "{\"schema\":1,\"request_id\":\"c0ffee-02\",\"values\":{\"threshold_deg\":99,\"volume\":1,"
                        + "\"dwell_s\":\"90\"}}", "companion/c7/replies", new byte[] {2});
        Companion.Received refused = companion.await(r -> r.topic().equals("companion/c7/replies")
                && Arrays.equals(r.correlationData(), new byte[] {2}), WAIT);
        ConfigSetReply error = MessageCodec.decodeConfigSetReply(refused.payload());
        assertFalse(error.ok());
        assertEquals("c0ffee-02", error.requestId());
        assertEquals(3, error.errors().size(), refused.text());
        List<String> keys = new ArrayList<>();
        error.errors().forEach(e -> keys.add(e.key()));
        assertTrue(keys.containsAll(List.of("threshold_deg", "volume", "dwell_s")), keys.toString());
        assertEquals(8, device.config().version());
        assertEquals(1, device.origins.size(), "changeConfig is not even called");

        // Undecodable, with a response topic: ok:false and the decoder's message.
        companion.request(topics.configSet().name(), "{\"schema\":1,\"values\":", "companion/c7/replies",
                new byte[] {3});
        Companion.Received bad = companion.await(r -> Arrays.equals(r.correlationData(), new byte[] {3}), WAIT);
        ConfigSetReply badReply = MessageCodec.decodeConfigSetReply(bad.payload());
        assertFalse(badReply.ok());
        assertNull(badReply.errors().get(0).key());
        assertTrue(badReply.errors().get(0).message().startsWith("config/set: malformed JSON"),
                badReply.errors().get(0).message());

        // No response topic: the reply goes to config/result.
        companion.request(topics.configSet().name(), "{\"schema\":1,\"values\":{\"dwell_s\":60}}", null, null);
        Companion.Received result = companion.await(r -> r.topic().equals(topics.configResult().name()), WAIT);
        assertEquals(9L, MessageCodec.decodeConfigSetReply(result.payload()).version());
    }

    private static long decodeConfigVersion(Companion.Received r) {
        try {
            return MessageCodec.decodeConfig(r.payload()).version();
        } catch (Exception e) {
            return -1;
        }
    }

    @Test
    void commandsRoundTripIncludingTraceChunksAndCalibration() throws Exception {
        FakeDeviceControl device = new FakeDeviceControl("desk-03");
        Topics topics = Topics.of(device.deviceId());
        String replies = "companion/c8/replies";
        Companion companion = companion(replies, topics.trace(FakeDeviceControl.RECORDING).name());
        startLink(device);

        CommandReply snooze = command(companion, topics, "{\"schema\":1,\"request_id\":\"r-17\",\"command\":\"snooze\","
                + "\"args\":{\"minutes\":30}}", 1);
        assertTrue(snooze.ok());
        assertEquals("r-17", snooze.requestId());
        assertTrue(device.calls.contains("snooze 30"));

        CommandReply cue = command(companion, topics,
                "{\"schema\":1,\"command\":\"cue_test\",\"args\":{\"pattern\":\"nope\"}}", 2);
        assertFalse(cue.ok());
        assertEquals("unknown cue pattern 'nope'", cue.error());

        CommandReply list = command(companion, topics, "{\"schema\":1,\"command\":\"trace_list\"}", 3);
        assertEquals(List.of(FakeDeviceControl.RECORDING.value()), list.result().get("recordings"));

        CommandReply get = command(companion, topics, "{\"schema\":1,\"command\":\"trace_get\","
                + "\"args\":{\"recording_id\":\"" + FakeDeviceControl.RECORDING.value() + "\"}}", 4);
        assertTrue(get.ok(), String.valueOf(get.error()));
        List<Companion.Received> chunks = companion.matching(r -> r.topic().startsWith(topics.trace(
                FakeDeviceControl.RECORDING).name()));
        assertEquals(4, chunks.size(), "header and three chunks, all acknowledged before the reply");
        byte[] joined = new byte[FakeDeviceControl.TRACE.length];
        int at = 0;
        for (Companion.Received chunk : chunks) {
            System.arraycopy(chunk.payload(), 0, joined, at, chunk.payload().length);
            at += chunk.payload().length;
        }
        assertArrayEquals(FakeDeviceControl.TRACE, joined);

        CompletableFuture<CalibrationOutcome> later = new CompletableFuture<>();
        device.calibration(later);
        new Thread(() -> {
            Await.sleepQuietly(300);
            later.complete(CalibrationOutcome.rejected(CalibrationStep.LEAN, ControlException.Reason.NOT_NOW,
                    "calibrate neutral first"));
        }).start();
        CommandReply lean = command(companion, topics, "{\"schema\":1,\"command\":\"calibrate_lean\"}", 5);
        assertFalse(lean.ok());
        assertEquals("calibrate neutral first", lean.error());
        assertTrue(device.calls.contains("calibrate lean"));

        CommandReply status = command(companion, topics, "{\"schema\":1,\"command\":\"status\"}", 6);
        assertEquals("online", status.result().get("state"));
        assertEquals(7, status.result().get("config_version"));

        CommandReply garbage = command(companion, topics, "{\"schema\":1,\"command\":\"reboot\"}", 7);
        assertFalse(garbage.ok());
        assertNull(garbage.command());
    }

    private static CommandReply command(Companion companion, Topics topics, String json, int id) throws Exception {
        byte[] correlation = {(byte) id};
        companion.request(topics.cmd().name(), json, "companion/c8/replies", correlation);
        Companion.Received reply = companion.await(r -> r.topic().equals("companion/c8/replies")
                && Arrays.equals(r.correlationData(), correlation), WAIT);
        return MessageCodec.decodeCommandReply(reply.payload());
    }

    @Test
    void statusFollowsPostureAndTelemetryGoesOutOncePerWindow() throws Exception {
        FakeDeviceControl device = new FakeDeviceControl("desk-04");
        Topics topics = Topics.of(device.deviceId());
        Companion companion = companion(topics.status().name(), topics.telemetry().name());
        startLink(device);
        companion.await(r -> r.topic().equals(topics.status().name()), WAIT);
        device.posture(PostureState.FORWARD);
        Companion.Received forward = companion.await(r -> r.topic().equals(topics.status().name())
                && statusPosture(r) == PostureState.FORWARD, WAIT);
        assertEquals(new DeviceId("desk-04"), MessageCodec.decodeStatus(forward.payload()).deviceId());
        TelemetryMessage window = TelemetryMessage.withoutAngles(device.deviceId(), 1_736_843_401_000L, 1000, 1000,
                PostureState.UNCALIBRATED, 49, 1);
        device.telemetry(window);
        Companion.Received telemetry = companion.await(r -> r.topic().equals(topics.telemetry().name()), WAIT);
        assertEquals(window, MessageCodec.decodeTelemetry(telemetry.payload()));
        Await.sleepQuietly(600);   // two ticks and more: a repeat would have gone out by now
        assertEquals(1, companion.matching(r -> r.topic().equals(topics.telemetry().name())).size(),
                "the same window is not sent twice");
    }

    private static PostureState statusPosture(Companion.Received r) {
        try {
            return MessageCodec.decodeStatus(r.payload()).posture();
        } catch (Exception e) {
            return null;
        }
    }

    @Test
    void lastWillWhenTheLinkVanishesAndOfflineStatusOnCleanClose() throws Exception {
        FakeDeviceControl device = new FakeDeviceControl("desk-05");
        Topics topics = Topics.of(device.deviceId());
        Companion companion = companion(topics.status().name());
        MqttLink link = startLink(device);
        companion.await(r -> statusState(r) == ConnectionState.ONLINE, WAIT);
        link.abort();
        Companion.Received will = companion.await(r -> statusState(r) == ConnectionState.OFFLINE, WAIT);
        StatusMessage lastWill = MessageCodec.decodeStatus(will.payload());
        assertEquals(StatusMessage.lastWill(device.deviceId(), FakeDeviceControl.FIRMWARE), lastWill);

        // A new link (restart) goes online; a clean close says offline with the last known values.
        FakeDeviceControl again = new FakeDeviceControl("desk-05");
        MqttLink second = new MqttLink(settings(broker.url(), "desk-05", state.resolve("outbox")), again,
                Clock.systemUTC());
        second.start();
        Await.until("second link connected", () -> second.stats().connected());
        companion.await(r -> statusState(r) == ConnectionState.ONLINE && companion.matching(
                x -> statusState(x) == ConnectionState.ONLINE).size() == 2, WAIT);
        second.close();
        List<Companion.Received> offline =
                companion.awaitCount(r -> statusState(r) == ConnectionState.OFFLINE, 2, WAIT);
        StatusMessage clean = MessageCodec.decodeStatus(offline.get(1).payload());
        assertNotNull(clean.timeMs(), "a clean close carries the last known values");
        assertEquals(PostureState.UPRIGHT, clean.posture());
        Companion late = companion(topics.status().name());
        Companion.Received retained = late.await(r -> true, WAIT);
        assertTrue(retained.retained());
        assertEquals(clean, MessageCodec.decodeStatus(retained.payload()));
    }

    private static ConnectionState statusState(Companion.Received r) {
        try {
            return MessageCodec.decodeStatus(r.payload()).state();
        } catch (Exception e) {
            return null;
        }
    }

    @Test
    void aRequestFloodOfGarbageWithoutResponseTopicIsLoggedNotAnswered() throws Exception {
        FakeDeviceControl device = new FakeDeviceControl("desk-06");
        Topics topics = Topics.of(device.deviceId());
        Companion companion = companion(topics.cmdResult().name());
        MqttLink link = startLink(device);
        companion.publish(topics.cmd().name(), "\u0000\u00ff garbage".getBytes(StandardCharsets.ISO_8859_1), 1, false);
        companion.request(topics.cmd().name(), "{\"schema\":1,\"command\":\"snooze\",\"args\":{\"minutes\":5}}",
                null, null);
        Companion.Received reply = companion.await(r -> true, WAIT);
        assertTrue(MessageCodec.decodeCommandReply(reply.payload()).ok(), "only the good request is answered");
        assertEquals(1, companion.matching(r -> true).size());
        assertTrue(link.stats().connected(), "garbage does not drop the link");
    }

    @Test
    void eventsTheBrokerRefusesAreSentAgainUntilAcknowledged() throws Exception {
        FakeDeviceControl device = new FakeDeviceControl("desk-09");
        Topics topics = Topics.of(device.deviceId());
        Companion companion = companion(topics.event().name());
        MqttLink link = startLink(device);
        for (long seq = 0; seq < 12; seq++) {
            device.emit(seq);
        }
        Await.until("all 12 acknowledged", () -> link.stats().outboxPending() == 0);
        assertEquals(List.of(0L, 1L, 2L), REFUSED_SEQS, "the first three publishes were refused");
        Await.until("every seq received", () -> {
            try {
                return new TreeSet<>(seqs(companion.matching(r -> true))).size() == 12;
            } catch (Exception e) {
                return false;
            }
        });
        assertEquals(12, new TreeSet<>(seqs(companion.matching(r -> true))).last() + 1);
        assertTrue(link.stats().connected(), "a refusal is not a reason to drop the connection");
    }

    @Test
    void aFirmwareThatThrowsDoesNotStopTheLink() throws Exception {
        FakeDeviceControl device = new FakeDeviceControl("desk-10");
        device.failReads(true);
        Topics topics = Topics.of(device.deviceId());
        Companion companion = companion(topics.event().name());
        MqttLink link = startLink(device);
        for (long seq = 0; seq < 3; seq++) {
            device.emit(seq);
        }
        assertEquals(List.of(0L, 1L, 2L), seqs(companion.awaitCount(r -> true, 3, WAIT)));
        Await.sleepQuietly(600);   // a few ticks whose telemetry and snapshot reads throw
        device.emit(3);
        assertEquals(3L, seqs(companion.awaitCount(r -> true, 4, WAIT)).get(3), "the tick survived its exceptions");
        assertTrue(link.stats().connected());
    }
    @Test
    void eventsQueuedWhileTheBrokerWasUnreachableArriveAfterADeviceRestartAndATornTail() throws Exception {
        Path outbox = state.resolve("outbox");
        FakeDeviceControl device = new FakeDeviceControl("desk-12");
        Topics topics = Topics.of(device.deviceId());
        Companion early = companion(topics.event().name());

        // Run 1: connected, 0..4 delivered and acknowledged.
        MqttLink first = new MqttLink(settings(broker.url(), "desk-12", outbox), device, Clock.systemUTC());
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
        Companion companion = companion(topics.event().name());
        FakeDeviceControl restarted = new FakeDeviceControl("desk-12");
        MqttLink third = new MqttLink(MqttLinkTest.settings(broker.url(), "desk-12", outbox), restarted,
                Clock.systemUTC());
        open.add(third::close);
        third.start();
        for (long seq = 10; seq < 13; seq++) {
            restarted.emit(seq);
        }
        Await.until("5..12 delivered", () -> firstArrivals(companion.matching(r -> true)).size() == 8);
        assertEquals(range(5, 13), firstArrivals(companion.matching(r -> true)));
        assertEquals(range(0, 5), firstArrivals(early.matching(r -> true)).subList(0, 5));
    }

    /** First arrivals of each seq, in arrival order: what a receiver keeps after dropping duplicates. */
    private static List<Long> firstArrivals(List<Companion.Received> events) {
        try {
            return new ArrayList<>(new LinkedHashSet<>(seqs(events)));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static List<Long> range(long from, long to) {
        List<Long> seqs = new ArrayList<>();
        for (long seq = from; seq < to; seq++) {
            seqs.add(seq);
        }
        return seqs;
    }

    private static void appendTornRecord(Path segment) throws IOException {
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ByteBuffer torn = ByteBuffer.allocate(12);
            torn.putInt(200).putInt(0x12345678).putInt(0x7b227363).flip();   // says 200 bytes, has 4
            channel.write(torn);
        }
    }
}
