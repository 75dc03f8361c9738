package dev.posture.device.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.posture.protocol.cli.CommandLines;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input to {@code replay}: one line naming what was wrong, exit code 1, no output files left half-written. */
class ReplayErrorsTest {
    private static final String HEADER = "t_s,acc_x,acc_y,acc_z,gyr_x,gyr_y,gyr_z\n";

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int replay(Path input, String... more) {
        String[] args = new String[6 + more.length];
        args[0] = "replay";
        args[1] = "--input=" + input;
        args[2] = "--samples";
        args[3] = dir.resolve("samples.csv").toString();
        args[4] = "--events";
        args[5] = dir.resolve("events.csv").toString();
        System.arraycopy(more, 0, args, 6, more.length);
        return CommandLines.run(new DeviceCommand(), new PrintWriter(out), new PrintWriter(err), args);
    }

    private Path still(int rows) throws Exception {
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 0; i < rows; i++) {
            csv.append(i / 100.0).append(",0,0,9.80665,0,0,0\n");
        }
        return Files.writeString(dir.resolve("still.csv"), csv);
    }

    private void assertOneLine(String expected) {
        assertEquals("posture-device replay: " + expected, err.toString().strip());
    }

    @Test
    void aCellThatIsNoNumberNamesRowAndColumn() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.csv"), HEADER + "0,0,0,9.8,0,0,0\n0.01,0,x,9.8,0,0,0\n");
        assertEquals(CommandLines.FAILED, replay(bad));
        assertOneLine(bad + ": line 3, column acc_y: not a number: \"x\"");
    }

    @Test
    void aMissingColumnIsNamed() throws Exception {
        Path bad = Files.writeString(dir.resolve("cols.csv"), "t_s,acc_x,acc_y,acc_z,gyr_x,gyr_y\n0,0,0,9.8,0,0\n");
        assertEquals(CommandLines.FAILED, replay(bad));
        assertOneLine(bad + ": line 1: missing required column gyr_z");
    }

    @Test
    void aMissingFileIsNamed() {
        Path nope = dir.resolve("nope.csv");
        assertEquals(CommandLines.FAILED, replay(nope));
        assertOneLine(nope + ": no such file");
    }

    @Test
    void aBackwardWindowIsRefused() throws Exception {
        assertEquals(CommandLines.FAILED, replay(still(300), "--neutral-window", "3:1"));
        assertOneLine("--neutral-window '3:1': the start must be before the end");
    }

    @Test
    void anOutOfRangeSettingIsRefused() throws Exception {
        assertEquals(CommandLines.FAILED, replay(still(300), "--set", "threshold_deg=99"));
        assertOneLine("--set: threshold_deg: 99 is out of range 5..45");
    }

    @Test
    void aStillTraceCalibratesInItsNeutralWindow() throws Exception {
        assertEquals(CommandLines.OK, replay(still(501), "--neutral-window", "0.5:3.5"));
        assertEquals("", err.toString());
        var events = Files.readAllLines(dir.resolve("events.csv"));
        assertEquals("t_s,type,forward_deg,duration_s", events.get(0));
        assertEquals(2, events.size(), events.toString());
        assertEquals("CALIBRATED", events.get(1).split(",")[1]);
        var samples = Files.readAllLines(dir.resolve("samples.csv"));
        assertEquals(502, samples.size());
        assertFalse(samples.get(501).endsWith(",UNCALIBRATED"), samples.get(501));
    }
}
