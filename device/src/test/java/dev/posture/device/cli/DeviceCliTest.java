package dev.posture.device.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posture.protocol.cli.CommandLines;
import dev.posture.protocol.config.Config;
import dev.posture.protocol.config.ConfigFile;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The device's command line as an installer runs it: output, exit codes, one-line errors. */
class DeviceCliTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return CommandLines.run(new DeviceCommand(), new PrintWriter(out), new PrintWriter(err), args);
    }

    @Test
    void defaultsPrintsTheDefaultConfigFile() {
        assertEquals(0, run("config", "defaults"));
        assertEquals(ConfigFile.format(Config.defaults()), out.toString());
    }

    @Test
    void checkAcceptsTheDefaultsAndNamesOverrides() throws Exception {
        Path file = Files.writeString(dir.resolve("device.properties"), ConfigFile.format(Config.defaults()));
        assertEquals(0, run("config", "check", file.toString(), "--set", "threshold_deg=18", "--set", "dwell_s=20"));
        assertEquals(file + ": ok, version 1, 2 set: threshold_deg=18 dwell_s=20", out.toString().strip());
        assertEquals("", err.toString());
    }

    @Test
    void checkListsEveryProblemOnItsOwnLine() throws Exception {
        Path file = Files.writeString(dir.resolve("bad.properties"), "threshold_deg=50\nhysteresis_deg=x\nbogus=1\n");
        assertEquals(CommandLines.FAILED, run("config", "check", file.toString()));
        assertEquals(String.join(System.lineSeparator(),
                file + ": line 1: threshold_deg: 50 is out of range 5..45",
                file + ": line 2: hysteresis_deg: 'x' is not a number",
                file + ": line 3: unknown key 'bogus'"), err.toString().strip());
        assertEquals("", out.toString());
    }

    @Test
    void checkRefusesABadOverride() throws Exception {
        Path file = Files.writeString(dir.resolve("device.properties"), "dwell_s=30\n");
        assertEquals(CommandLines.FAILED, run("config", "check", file.toString(), "--set", "dwell_s"));
        assertTrue(err.toString().startsWith(file + ": "), err.toString());
        assertEquals(1, err.toString().strip().split("\\R").length, err.toString());
    }

    @Test
    void aMissingFileIsOneLine() {
        assertEquals(CommandLines.FAILED, run("config", "check", dir.resolve("nope").toString()));
        assertEquals("posture-device config check: " + dir.resolve("nope") + ": no such file", err.toString().strip());
    }

    @Test
    void helpListsTheCommands() {
        assertEquals(0, run("--help"));
        assertTrue(out.toString().contains("config"), out.toString());
    }
}
