package dev.posture.companion.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posture.companion.export.TestTraces;
import dev.posture.companion.store.Store;
import dev.posture.protocol.cli.CommandLines;
import dev.posture.protocol.message.EventDetail;
import dev.posture.protocol.message.EventMessage;
import dev.posture.protocol.message.MessageCodec;
import dev.posture.protocol.mqtt.DeviceId;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code export}: a store's events in the BIDS export, damage on stderr, and one-line errors with exit 1. */
class ExportCommandTest {
    private static final DeviceId DESK = new DeviceId(TestTraces.DEVICE);
    private static final String EVENTS = "sub-desk07/motion/sub-desk07_task-posture_tracksys-imu_events.tsv";

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return CommandLines.run(new CompanionCommand(), new PrintWriter(out), new PrintWriter(err), args);
    }

    private Path store() throws Exception {
        Path db = dir.resolve("posture.db");
        long t0 = TestTraces.START_MS;
        try (Store store = Store.open(db)) {
            for (EventMessage e : List.of(
                    new EventMessage(DESK, 1, t0 - 60_000, 1000, new EventDetail.Booted("0.1.0")),
                    new EventMessage(DESK, 2, t0 + 105, 2000, new EventDetail.Cue(21.5, 121_500, 3, 1)),
                    new EventMessage(DESK, 3, t0 + 60_000, 3000, new EventDetail.Recovered(11.75, 4500, 3, 1)))) {
                store.addEvent(e, new String(MessageCodec.encode(e), StandardCharsets.UTF_8), t0);
            }
        }
        return db;
    }

    @Test
    void bidsWithTheStoreTakesTheEventsDuringTheRecording() throws Exception {
        Path trace = TestTraces.write(dir.resolve("rec.ptrace"));
        Path bids = dir.resolve("bids");
        assertEquals(0, run("export", "--trace", trace.toString(), "--format", "bids", "--out", bids.toString(),
                "--db", store().toString()), err.toString());
        assertTrue(out.toString().startsWith(bids + ": 20 samples of r42, 1 event(s)"), out.toString());
        List<String> rows = Files.readAllLines(bids.resolve(EVENTS));
        assertEquals(2, rows.size(), rows.toString());
        assertTrue(rows.get(1).startsWith("0.100000\t0\tCUE\t2\t"), rows.get(1));
        assertEquals("", err.toString());
    }

    @Test
    void csvOfADamagedTracePrintsTheDefectAndSucceeds() throws Exception {
        Path trace = TestTraces.writeCut(dir.resolve("cut.ptrace"));
        assertEquals(0, run("export", "--trace", trace.toString(), "--format", "csv", "--out", dir.resolve("o").toString()),
                err.toString());
        assertTrue(err.toString().matches("damaged: byte \\d+: chunk 2 is truncated, .*\\R"), err.toString());
        assertTrue(out.toString().contains("16 samples of r42, 1 damaged chunk(s) skipped"), out.toString());
        assertTrue(Files.exists(dir.resolve("o/cut.json")));
    }

    @Test
    void errorsAreOneLineWithExitOne() throws Exception {
        Path trace = TestTraces.write(dir.resolve("rec.ptrace"));
        Path o = dir.resolve("o");

        assertError("posture-companion export: " + dir.resolve("missing.ptrace") + ": no such file",
                "--trace", dir.resolve("missing.ptrace").toString(), "--format", "csv", "--out", o.toString());

        Path text = Files.writeString(dir.resolve("x.ptrace"), "hello, not a trace");
        assertError("posture-companion export: " + text + ": byte 0: not a trace file (magic 68 65 6c 6c, expected 50 54 52 43 \"PTRC\")",
                "--trace", text.toString(), "--format", "bids", "--out", o.toString());

        assertError("posture-companion export: " + dir.resolve("none.db") + ": no such file (serve creates it)",
                "--trace", trace.toString(), "--format", "bids", "--out", o.toString(), "--db", dir.resolve("none.db").toString());
        assertError("posture-companion export: --db, --device, --subject and --task are for --format bids",
                "--trace", trace.toString(), "--format", "csv", "--out", o.toString(), "--task", "walk");

        Path db = store();
        assertError("posture-companion export: no device 'other-1' in " + db,
                "--trace", trace.toString(), "--format", "bids", "--out", o.toString(), "--db", db.toString(),
                "--device", "other-1");
        assertFalse(Files.exists(o), "nothing written after an error");

        Path plain = Files.writeString(dir.resolve("plain"), "x");
        assertError("posture-companion export: " + plain + ": not a directory",
                "--trace", trace.toString(), "--format", "csv", "--out", plain.toString());

        assertEquals(0, run("export", "--trace", trace.toString(), "--format", "csv", "--out", o.toString()));
        assertError("posture-companion export: " + o.resolve("rec.csv") + ": already exists (use --force to overwrite)",
                "--trace", trace.toString(), "--format", "csv", "--out", o.toString());
        assertEquals(0, run("export", "--trace", trace.toString(), "--format", "csv", "--out", o.toString(), "--force"));
    }

    private void assertError(String line, String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        String[] full = new String[args.length + 1];
        full[0] = "export";
        System.arraycopy(args, 0, full, 1, args.length);
        assertEquals(CommandLines.FAILED, run(full), err.toString());
        assertEquals(line + System.lineSeparator(), err.toString());
        assertEquals("", out.toString());
    }
}
