package dev.posture.companion.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posture.companion.store.Store;
import dev.posture.protocol.cli.CommandLines;
import dev.posture.protocol.message.EventDetail;
import dev.posture.protocol.message.EventMessage;
import dev.posture.protocol.message.MessageCodec;
import dev.posture.protocol.message.PostureState;
import dev.posture.protocol.message.SensorHealth;
import dev.posture.protocol.message.StatusMessage;
import dev.posture.protocol.mqtt.DeviceId;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code devices} and {@code events} on a real store: tables, CSV, filters and one-line errors. */
class StoreCommandsTest {
    private static final DeviceId DESK = new DeviceId("desk-07");
    private static final long T0 = Instant.parse("2025-01-14T09:30:00Z").toEpochMilli();

    @TempDir
    Path dir;

    private Path db;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return CommandLines.run(new CompanionCommand(), new PrintWriter(out), new PrintWriter(err), args);
    }

    private static void add(Store store, EventMessage e) throws Exception {
        store.addEvent(e, new String(MessageCodec.encode(e), StandardCharsets.UTF_8), T0);
    }

    @BeforeEach
    void fillStore() throws Exception {
        db = dir.resolve("posture.db");
        try (Store store = Store.open(db)) {
            store.updateStatus(StatusMessage.online(DESK, "0.1.0", T0, 3_600_000, PostureState.UPRIGHT,
                    SensorHealth.OK, 7, 82, -61), T0);
            add(store, new EventMessage(DESK, 1, T0 - 86_400_000, 1000, new EventDetail.Booted("0.1.0")));
            add(store, new EventMessage(DESK, 2, T0 + 12_345, 3_612_345, new EventDetail.Cue(21.5, 121_500, 3, 1)));
            add(store, new EventMessage(DESK, 3, T0 + 16_845, 3_616_845,
                    new EventDetail.Recovered(11.75, 4500, 3, 1)));
        }
    }

    @Test
    void devicesListsTheLastStatus() {
        assertEquals(0, run("devices", "--db", db.toString()), err.toString());
        String[] lines = out.toString().split("\\R");
        assertEquals(2, lines.length, out.toString());
        assertTrue(lines[0].startsWith("device   state   firmware  posture  sensor  config"), lines[0]);
        assertTrue(lines[1].matches("desk-07  online  0\\.1\\.0 +UPRIGHT +ok +7 +82 +-61 +2025-01-14T09:30:00Z .* 3"),
                lines[1]);
    }

    @Test
    void devicesAsCsv() {
        assertEquals(0, run("devices", "--db", db.toString(), "--csv"), err.toString());
        assertEquals("device,state,firmware,posture,sensor,config,battery_pct,rssi_dbm,status_time,first_seen,"
                + "last_seen,events", out.toString().split("\\R")[0]);
        assertEquals("desk-07,online,0.1.0,UPRIGHT,ok,7,82,-61,2025-01-14T09:30:00Z,2025-01-14T09:30:00Z,"
                + "2025-01-14T09:30:00Z,3", out.toString().split("\\R")[1]);
    }

    @Test
    void eventsInSeqOrderWithFilters() {
        assertEquals(0, run("events", "--device", "desk-07", "--db", db.toString()), err.toString());
        String text = out.toString();
        assertTrue(text.contains("1    2025-01-13T09:30:00Z      1.000     BOOTED     firmware=0.1.0"), text);
        assertTrue(text.contains("2    2025-01-14T09:30:12.345Z  3612.345  CUE        fwd=21.5 forward_ms=121500"
                + " episode=3 cue=1"), text);
        assertEquals(4, text.split("\\R").length, text);

        out.getBuffer().setLength(0);
        assertEquals(0, run("events", "--device", "desk-07", "--db", db.toString(), "--since", "2025-01-14",
                "--type", "recovered"), err.toString());
        String[] lines = out.toString().split("\\R");
        assertEquals(2, lines.length, out.toString());
        assertTrue(lines[1].startsWith("3    2025-01-14T09:30:16.845Z"), lines[1]);

        out.getBuffer().setLength(0);
        assertEquals(0, run("events", "--device", "desk-07", "--db", db.toString(), "--since",
                "2025-01-14T10:30:15+01:00", "--csv"), err.toString());
        lines = out.toString().split("\\R");
        assertEquals(2, lines.length, out.toString());
        assertEquals("desk-07,3,2025-01-14T09:30:16.845Z,1736847016845,3616845,RECOVERED,\"{\"\"schema\"\":1,"
                + "\"\"device_id\"\":\"\"desk-07\"\",\"\"seq\"\":3,\"\"type\"\":\"\"RECOVERED\"\",\"\"time_ms\"\":"
                + "1736847016845,\"\"uptime_ms\"\":3616845,\"\"forward_deg\"\":11.75,\"\"correct_ms\"\":4500,"
                + "\"\"episode\"\":3,\"\"cues\"\":1}\"", lines[1]);
    }

    @Test
    void aMalformedDateIsOneLine() {
        assertEquals(CommandLines.FAILED, run("events", "--device", "desk-07", "--db", db.toString(),
                "--since", "14/01/2025"));
        assertEquals("posture-companion events: --since: '14/01/2025' is not a date or time; use 2025-01-14, "
                + "2025-01-14T09:30 or 2025-01-14T09:30:00Z (UTC unless an offset is given)", err.toString().strip());
    }

    @Test
    void anUnknownDeviceIsOneLine() {
        assertEquals(CommandLines.FAILED, run("events", "--device", "desk-99", "--db", db.toString()));
        assertEquals("posture-companion events: no device 'desk-99' in " + db, err.toString().strip());
    }

    @Test
    void anInvalidDeviceIdIsOneLine() {
        assertEquals(CommandLines.FAILED, run("events", "--device", "Desk 7", "--db", db.toString()));
        assertEquals("posture-companion events: device id 'Desk 7' must match [a-z0-9-]{1,32}", err.toString().strip());
    }

    @Test
    void anUnknownTypeIsOneLine() {
        assertEquals(CommandLines.FAILED, run("events", "--device", "desk-07", "--db", db.toString(), "--type", "CUES"));
        assertTrue(err.toString().strip().startsWith("posture-companion events: --type: unknown event type 'CUES'; "
                + "one of CUE, RECOVERED, "), err.toString());
        assertEquals(1, err.toString().strip().split("\\R").length);
    }

    @Test
    void aMissingDatabaseIsOneLineAndIsNotCreated() {
        Path missing = dir.resolve("nope.db");
        assertEquals(CommandLines.FAILED, run("devices", "--db", missing.toString()));
        assertEquals("posture-companion devices: " + missing + ": no such file (serve creates it)", err.toString().strip());
        assertTrue(!missing.toFile().exists());
    }
}
