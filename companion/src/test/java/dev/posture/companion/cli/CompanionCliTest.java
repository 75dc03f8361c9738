package dev.posture.companion.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posture.protocol.cli.CommandLines;
import dev.posture.protocol.trace.TraceCsvReader;
import dev.posture.protocol.trace.PhysicalSample;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The companion's commands as a user runs them: output, files and exit codes. */
class CompanionCliTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return CommandLines.run(new CompanionCommand(), new PrintWriter(out), new PrintWriter(err), args);
    }

    @Test
    void demoWalksEveryFormatAndLeavesItsFiles() throws Exception {
        assertEquals(0, run("demo", "--out", dir.toString()), err.toString());
        String text = out.toString();
        assertTrue(text.contains("OK threshold_deg=18 version=2"), text);
        assertTrue(text.contains("ERR INVALID_VALUE dwell_s: 9000 is out of range 1..600"), text);
        assertTrue(text.contains("ERR TOO_LONG line longer than 256 bytes"), text);
        assertTrue(text.contains("\"request_id\":\"req-1\",\"ok\":true,\"version\":3"), text);
        assertTrue(text.contains("{\"key\":\"treshold_deg\",\"message\":\"unknown key 'treshold_deg'\"}"), text);
        assertTrue(text.contains("chunk 11 is truncated"), text);
        assertTrue(text.contains("kept 2816 samples from the intact chunks"), text);
        assertTrue(Files.size(dir.resolve("device.properties")) > 0);
        long rows = 0;
        try (TraceCsvReader csv = TraceCsvReader.open(dir.resolve("recording.csv"))) {
            for (PhysicalSample s = csv.next(); s != null; s = csv.next()) {
                rows++;
            }
        }
        assertEquals(2816, rows);
        assertEquals("", err.toString());
    }

    @Test
    void traceInfoAndExportReadTheDemoRecording() throws Exception {
        assertEquals(0, run("demo", "--out", dir.toString()));
        out.getBuffer().setLength(0);
        Path trace = dir.resolve("recording.ptrace");

        assertEquals(CommandLines.FAILED, run("trace", "info", trace.toString()));
        assertTrue(out.toString().contains("device      demo-1, sensor MPU-6050"), out.toString());
        assertTrue(out.toString().contains("gyro        +-2000 deg/s, 16.4 LSB/(deg/s)"), out.toString());
        assertTrue(out.toString().contains("calibration neutral up (0.0000, 0.0000, 1.0000), forward not taught"),
                out.toString());
        assertTrue(out.toString().contains("samples     2816 over 28.150 s, 1 damaged chunk(s)"), out.toString());
        assertTrue(out.toString().contains("damaged: byte 39801: chunk 11 is truncated, the file ends after 1900"),
                out.toString());

        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        Path csv = dir.resolve("out.csv.gz");
        assertEquals(0, run("trace", "export", "--input", trace.toString(), "--out", csv.toString()));
        assertTrue(out.toString().startsWith(csv + ": 2816 samples of 20251125-000000, 1 damaged chunk(s) skipped"),
                out.toString());
        try (TraceCsvReader reader = TraceCsvReader.open(csv)) {
            PhysicalSample first = reader.next();
            assertEquals(9.80665, first.accZ(), 0.01);
        }
    }

    @Test
    void aMissingTraceIsOneLine() {
        assertEquals(CommandLines.FAILED, run("trace", "info", dir.resolve("nope.ptrace").toString()));
        assertEquals("posture-companion trace info: " + dir.resolve("nope.ptrace") + ": no such file",
                err.toString().strip());
    }

    @Test
    void aFileThatIsNoTraceIsOneLine() throws Exception {
        Path junk = Files.writeString(dir.resolve("junk.ptrace"), "hello, not a trace");
        assertEquals(CommandLines.FAILED, run("trace", "info", junk.toString()));
        String[] lines = err.toString().split("\\R");
        assertEquals(1, lines.length, err.toString());
        assertTrue(lines[0].startsWith("posture-companion trace info: "), lines[0]);
    }

    @Test
    void noCommandIsAUsageError() {
        assertEquals(CommandLines.USAGE, run());
        assertTrue(err.toString().startsWith("posture-companion: a command is required"), err.toString());
    }
}
