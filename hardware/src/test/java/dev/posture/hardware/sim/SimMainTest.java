package dev.posture.hardware.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posture.protocol.cli.CommandLines;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimMainTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return CommandLines.run(new SimMain(), new PrintWriter(out), new PrintWriter(err), args);
    }

    @Test
    void listsScenarios() {
        assertEquals(CommandLines.OK, run("--list"));
        assertEquals(String.join(System.lineSeparator(), Scenarios.names()) + System.lineSeparator(), out.toString());
    }

    @Test
    void describesAScenarioWithItsPerActivitySummary() {
        assertEquals(CommandLines.OK, run("walking", "--seed", "3"));
        String text = out.toString();
        assertTrue(text.startsWith("scenario walking (seed 3): 89.0 s, 5 segments"), text);
        assertTrue(text.contains("  WALKING         |f| "), text);
        assertEquals("", err.toString());
    }

    @Test
    void writesATraceAndSaysWhat(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("walking.csv.gz");
        assertEquals(CommandLines.OK, run("walking", "--out", file.toString(), "--rate", "50", "--through", "mpu6050"));
        // the chip's first sample comes one period after it is configured at 0.1 s; the last before 89 s
        assertEquals(file + ": 4444 rows, 0.120..88.980 s at 50 Hz through mpu6050" + System.lineSeparator(),
                out.toString());
        assertEquals("", err.toString());
        assertTrue(Files.size(file) > 0);
    }

    @Test
    void badArgumentsAreOneLineEachWithExitCode2() {
        String[][] cases = {
            {},
            {"marathon"},
            {"walking", "--seed", "three"},
            {"walking", "--out", "x.csv", "--through", "bmi270"},
            {"walking", "--out", "x.csv", "--through", "icm42688", "--rate", "5000"},
            {"walking", "--out", "x.csv", "--rate", "0"},
            {"walking", "--rate", "200"},
            {"--list", "walking"},
        };
        String[] messages = {
            "scenario: name a SCENARIO, or --list",
            "scenario: unknown scenario 'marathon'; valid names: bending, bus, desk-day, drift, jogging, lying, phone, "
                    + "reach, reclip, second-monitor, sideways, standing, walking",
            "scenario: Invalid value for option '--seed': 'three' is not a long",
            "scenario: Invalid value for option '--through': expected one of [IDEAL, MPU6050, ICM42688] "
                    + "(case-insensitive) but was 'bmi270'",
            "scenario: --rate must be in 25..1000 Hz through icm42688, got 5000",
            "scenario: --rate must be in (0, 100000] Hz, got 0",
            "scenario: --rate and --through go with --out",
            "scenario: --list takes no scenario and no --out",
        };
        for (int i = 0; i < cases.length; i++) {
            out.getBuffer().setLength(0);
            err.getBuffer().setLength(0);
            assertEquals(CommandLines.USAGE, run(cases[i]), String.join(" ", cases[i]));
            String[] lines = err.toString().split("\\R");
            assertEquals(messages[i], lines[0]);
            assertEquals("Try 'scenario --help' for usage.", lines[1]);
            assertEquals(2, lines.length);
            assertEquals("", out.toString());
        }
    }

    @Test
    void aFileThatCannotBeWrittenIsOneLineWithExitCode1(@TempDir Path dir) {
        Path file = dir.resolve("missing").resolve("x.csv");
        assertEquals(CommandLines.FAILED, run("standing", "--out", file.toString()));
        assertEquals("scenario: cannot write " + file + ": no such directory" + System.lineSeparator(), err.toString());
    }
}
