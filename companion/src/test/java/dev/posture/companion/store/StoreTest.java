package dev.posture.companion.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posture.protocol.message.ChangeSource;
import dev.posture.protocol.message.ConfigMessage;
import dev.posture.protocol.message.EventDetail;
import dev.posture.protocol.message.EventMessage;
import dev.posture.protocol.message.EventType;
import dev.posture.protocol.message.MessageCodec;
import dev.posture.protocol.message.PostureState;
import dev.posture.protocol.message.SensorHealth;
import dev.posture.protocol.message.StatusMessage;
import dev.posture.protocol.message.TelemetryMessage;
import dev.posture.protocol.mqtt.DeviceId;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SQLite log on real files: migrations, reopening, de-duplication, order. */
class StoreTest {
    private static final DeviceId DESK = new DeviceId("desk-07");

    @TempDir
    Path dir;

    static EventMessage cue(DeviceId device, long seq, long timeMs) {
        return new EventMessage(device, seq, timeMs, 1000 + seq, new EventDetail.Cue(21.5, 121_500, 3, 1));
    }

    static String json(EventMessage e) {
        return new String(MessageCodec.encode(e), StandardCharsets.UTF_8);
    }

    @Test
    void migratesAnEmptyFileAndReopensWithoutMigrating() throws Exception {
        Path file = dir.resolve("posture.db");
        try (Store store = Store.open(file)) {
            assertEquals(0, store.openedAtVersion());
            assertEquals(Migrations.latest(), store.schemaVersion());
            assertTrue(store.addEvent(cue(DESK, 1, 5000), json(cue(DESK, 1, 5000)), 42));
        }
        try (Store store = Store.open(file)) {
            assertEquals(Migrations.latest(), store.openedAtVersion());
            assertEquals(1, store.events(DESK, null, null).size());
        }
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement st = db.createStatement()) {
            try (ResultSet rs = st.executeQuery("PRAGMA journal_mode")) {
                assertEquals("wal", rs.getString(1));
            }
            try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM schema_version")) {
                assertEquals(Migrations.latest(), rs.getInt(1), "one row per applied migration");
            }
        }
    }

    @Test
    void refusesADatabaseFromANewerCompanion() throws Exception {
        Path file = dir.resolve("newer.db");
        Store.open(file).close();
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement st = db.createStatement()) {
            st.execute("INSERT INTO schema_version (version) VALUES (99)");
        }
        StoreException e = assertThrows(StoreException.class, () -> Store.open(file));
        assertEquals(file + ": schema version 99 is newer than this companion's (" + Migrations.latest() + ")",
                e.getMessage());
    }

    @Test
    void dropsDuplicatesByDeviceAndSeqAndListsInSeqOrder() throws Exception {
        DeviceId other = new DeviceId("desk-08");
        try (Store store = Store.open(dir.resolve("posture.db"))) {
            // seq order differs from wall-clock order: the device's clock was set back between them
            assertTrue(store.addEvent(cue(DESK, 5, 9_000), json(cue(DESK, 5, 9_000)), 1));
            assertTrue(store.addEvent(cue(DESK, 3, 10_000), json(cue(DESK, 3, 10_000)), 2));
            assertFalse(store.addEvent(cue(DESK, 5, 9_000), json(cue(DESK, 5, 9_000)), 3), "duplicate");
            assertTrue(store.addEvent(cue(other, 5, 9_000), json(cue(other, 5, 9_000)), 4), "same seq, other device");
            EventMessage booted = new EventMessage(DESK, 4, 8_000, 0, new EventDetail.Booted("0.1.0"));
            assertTrue(store.addEvent(booted, json(booted), 5));

            List<EventRow> rows = store.events(DESK, null, null);
            assertEquals(List.of(3L, 4L, 5L), rows.stream().map(EventRow::seq).toList());
            assertEquals(2, rows.get(0).receivedMs(), "the first copy is kept");
            assertEquals(List.of(3L), store.events(DESK, 10_000L, null).stream().map(EventRow::seq).toList());
            assertEquals(List.of(4L), store.events(DESK, null, EventType.BOOTED).stream().map(EventRow::seq).toList());
            assertEquals(3, store.device(DESK).orElseThrow().events());
            assertEquals(1, store.device(other).orElseThrow().events());
        }
    }

    @Test
    void tracksStatusConfigAndRemoval() throws Exception {
        try (Store store = Store.open(dir.resolve("posture.db"))) {
            store.updateStatus(StatusMessage.online(DESK, "0.1.0", 1_000, 500, PostureState.UPRIGHT, SensorHealth.OK,
                    7, 82, -61), 100);
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("dwell_s", 90);
            ConfigMessage config = new ConfigMessage(DESK, 8, values);
            store.addConfig(config, new String(MessageCodec.encode(config), StandardCharsets.UTF_8), 200);
            store.addConfig(config, new String(MessageCodec.encode(config), StandardCharsets.UTF_8), 250);
            store.addTelemetry(TelemetryMessage.withAngles(DESK, 2_000, 1_500, 1000, PostureState.DRIFTING, 50, 0,
                    17.875, 19.2, 20.0), 260);
            // the last will: offline, only firmware; the other fields keep their last values
            store.updateStatus(StatusMessage.lastWill(DESK, "0.1.0"), 300);

            DeviceRow d = store.device(DESK).orElseThrow();
            assertEquals("offline", d.state());
            assertEquals("UPRIGHT", d.posture());
            assertEquals(82, d.batteryPct());
            assertEquals(8L, d.configVersion());
            assertEquals(100, d.firstSeenMs());
            assertEquals(300, d.lastSeenMs());
            assertEquals(List.of(8L), store.configVersions(DESK));
            assertEquals(1, store.telemetryCount(DESK));

            store.markRemoved(DESK, 400);
            assertEquals("removed", store.device(DESK).orElseThrow().state());
            assertTrue(store.device(new DeviceId("nobody")).isEmpty());
            assertEquals(-61, store.devices().get(0).rssiDbm(), "the will carries no rssi: the last one is kept");
        }
    }

    @Test
    void twoStoresOnOneFileShareTheUniqueKey() throws Exception {
        Path file = dir.resolve("shared.db");
        try (Store a = Store.open(file); Store b = Store.open(file)) {
            EventMessage e = new EventMessage(DESK, 1, 1, 1,
                    new EventDetail.ConfigChanged(8, ChangeSource.MQTT));
            assertTrue(a.addEvent(e, json(e), 1));
            assertFalse(b.addEvent(e, json(e), 2));
            assertEquals(1, b.events(DESK, null, null).size());
        }
    }
}
