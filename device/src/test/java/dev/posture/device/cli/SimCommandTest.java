package dev.posture.device.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posture.hardware.sim.ScenarioTrace;
import dev.posture.hardware.sim.Scenarios;
import dev.posture.protocol.cli.CommandLines;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sim} end to end through its command line: the firmware on emulated chips, sped up. */
class SimCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return CommandLines.run(new DeviceCommand(), new PrintWriter(out), new PrintWriter(err), args);
    }

    private List<String> lines() {
        return Arrays.asList(out.toString().split("\\R"));
    }

    @Test
    void driftScenarioCuesTwiceAndMissesNoSample() {
        assertEquals(0, run("sim", "--scenario", "drift", "--speed", "200", "--state-dir", dir.toString()),
                err::toString);
        List<String> lines = lines();
        assertEquals(2, lines.stream().filter(l -> l.startsWith("* EVENT") && l.contains(" CUE ")).count(),
                out::toString);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("* CALIBRATION NEUTRAL ok")), out::toString);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("* CALIBRATION LEAN ok")), out::toString);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("* MOTOR t=")), out::toString);
        String summary = lines.stream().filter(l -> l.startsWith("sim: 354")).findFirst().orElse(out.toString());
        assertTrue(lines.get(lines.size() - 1).startsWith("loop: period deviation p50 "), out::toString);
        assertTrue(summary.matches("sim: 354\\.\\d s simulated in .* samples, 0 missed, \\d+ events, 2 cues"), summary);
        assertTrue(Files.exists(dir.resolve("device.properties")), "the state directory was used");
    }

    @Test
    void aRecordedTracePlaysBackWithTheGivenWindows() throws Exception {
        Path trace = dir.resolve("phone.csv");
        ScenarioTrace.write(Scenarios.named("phone"), trace, 100, ScenarioTrace.Through.IDEAL);
        var s = Scenarios.named("phone");
        String neutral = s.neutralWindow().startS() + ":" + s.neutralWindow().endS();
        String lean = s.leanWindow().startS() + ":" + s.leanWindow().endS();
        assertEquals(0, run("sim", "--trace", trace.toString(), "--speed", "200", "--neutral-window", neutral,
                "--lean-window", lean, "--device-id", "desk-7"), err::toString);
        assertTrue(out.toString().contains("\"device_id\":\"desk-7\""), out::toString);
        assertTrue(lines().stream().filter(l -> l.contains(" CUE ")).count() >= 2, out::toString);
    }

    @Test
    void badArgumentsGetOneLine() {
        assertEquals(1, run("sim", "--scenario", "flying"));
        assertTrue(err.toString().startsWith("posture-device sim: --scenario 'flying': no such scenario"),
                err::toString);
        assertEquals(1, err.toString().split("\\R").length);

        err.getBuffer().setLength(0);
        assertEquals(1, run("sim", "--trace", dir.resolve("none.csv").toString()));
        assertTrue(err.toString().contains("none.csv: no such file"), err::toString);

        err.getBuffer().setLength(0);
        assertEquals(1, run("sim", "--speed", "0"));
        assertTrue(err.toString().contains("--speed 0.0: must be 0.1..1000"), err::toString);

        err.getBuffer().setLength(0);
        assertEquals(1, run("sim", "--set", "threshold_deg=99"));
        assertTrue(err.toString().contains("threshold_deg"), err::toString);

        err.getBuffer().setLength(0);
        assertEquals(2, run("sim", "--scenario", "drift", "--trace", "x.csv"));
        assertTrue(err.toString().contains("mutually exclusive"), err::toString);
    }
}
