package dev.posture.companion.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.posture.companion.ingest.IngestHandler.Outcome;
import dev.posture.companion.store.Store;
import dev.posture.companion.store.StoreException;
import dev.posture.protocol.message.ConfigMessage;
import dev.posture.protocol.message.MessageCodec;
import dev.posture.protocol.mqtt.DeviceId;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The handler on its own: every topic kind, removal, and the warning budget, with a hand-driven clock. */
class IngestHandlerTest {
    private static final DeviceId DESK = new DeviceId("desk-07");

    @TempDir
    Path dir;

    private final AtomicLong clock = new AtomicLong(1_000);
    private final List<String> lines = new ArrayList<>();

    @Test
    void storesConfigSnapshotsOncePerVersionAndAnEmptyConfigRemovesTheDevice() throws Exception {
        try (Store store = Store.open(dir.resolve("posture.db"))) {
            IngestHandler handler = new IngestHandler(store, clock::get, lines::add);
            byte[] v7 = MessageCodec.encode(new ConfigMessage(DESK, 7, Map.of("dwell_s", 120)));
            byte[] v8 = MessageCodec.encode(new ConfigMessage(DESK, 8, Map.of("dwell_s", 90)));
            assertEquals(Outcome.STORED, handler.handle("posture/v1/desk-07/config", v7));
            assertEquals(Outcome.STORED, handler.handle("posture/v1/desk-07/config", v8));
            assertEquals(Outcome.STORED, handler.handle("posture/v1/desk-07/config", v8));
            assertEquals(List.of(7L, 8L), store.configVersions(DESK));
            assertEquals(8L, store.device(DESK).orElseThrow().configVersion());

            assertEquals(Outcome.IGNORED, handler.handle("posture/v1/desk-07/trace/20250114-093000", new byte[] {1}));
            assertEquals(Outcome.IGNORED, handler.handle("posture/v1/desk-07/cmd/result", new byte[0]));
            assertEquals(Outcome.REMOVED, handler.handle("posture/v1/desk-07/config", new byte[0]));
            assertEquals("removed", store.device(DESK).orElseThrow().state());
            assertEquals(Outcome.REJECTED, handler.handle("posture/v1/desk-07/telemetry",
                    "{}".getBytes(StandardCharsets.UTF_8)));
            assertEquals(1, handler.rejectedCount());
            assertTrue(lines.isEmpty(), "only events print lines");
        }
    }

    @Test
    void aStoreFailureIsThrownSoTheMessageIsNotAcknowledged() throws Exception {
        Store store = Store.open(dir.resolve("posture.db"));
        IngestHandler handler = new IngestHandler(store, clock::get, lines::add);
        store.close();
        byte[] event = MessageCodec.encode(MqttIngestTest.cue(DESK, 1));
        StoreException e = assertThrows(StoreException.class, () -> handler.handle("posture/v1/desk-07/event", event));
        assertTrue(e.getMessage().startsWith(dir.resolve("posture.db") + ": cannot store event desk-07 #1: "),
                e.getMessage());
        assertEquals(0, handler.rejectedCount(), "not the payload's fault");
    }

    @Test
    void aFloodOfBadPayloadsLogsTenLinesAMinute() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(IngestHandler.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try (Store store = Store.open(dir.resolve("posture.db"))) {
            IngestHandler handler = new IngestHandler(store, clock::get, lines::add);
            for (int i = 0; i < 25; i++) {
                assertEquals(Outcome.REJECTED, handler.handle("posture/v1/desk-07/event", new byte[] {'x'}));
            }
            assertEquals(10, appender.list.size());
            clock.addAndGet(60_000);
            assertEquals(Outcome.REJECTED, handler.handle("posture/x", new byte[0]));
            assertEquals(11, appender.list.size());
            String last = appender.list.get(10).getFormattedMessage();
            assertEquals("skipped a message: topic level 2 'x' must be 'v1' (and 15 similar lines held back before it)",
                    last);
            assertEquals(26, handler.rejectedCount());
            assertFalse(store.device(DESK).isPresent(), "nothing stored for bad payloads");
        } finally {
            logger.detachAppender(appender);
        }
    }
}
