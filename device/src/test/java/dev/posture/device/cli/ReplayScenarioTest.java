package dev.posture.device.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posture.hardware.sim.Scenario;
import dev.posture.hardware.sim.ScenarioTrace;
import dev.posture.hardware.sim.Scenarios;
import dev.posture.hardware.sim.TimeWindow;
import dev.posture.protocol.cli.CommandLines;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The wearer scenarios end to end: each simulator scenario is written as a trace through the
 * MPU-6050 emulator and its driver (100 Hz asked; datasheet offsets, noise, bias walk, low-pass,
 * 16 g / 2000 deg/s as the driver's defaults report them), then run through the {@code replay}
 * command with threshold 15 deg, hysteresis 3 deg, dwell 10 s and the scenario's calibration windows
 * (every calibration its script asks for: a re-clip scenario recalibrates after the re-clip, so both
 * windows are passed, which {@code replay} allows by repeating the options).
 *
 * <p>Pass: every sustained forward episode of the reference rule ({@link Scenario#expectedCues()})
 * gets a CUE within 1 s of its dwell expiring, before or after: the estimated angle crosses the
 * threshold a little before or after the true one (desk-day: 0.3 and 0.8 s early, 0.9 s late, an
 * angle error of about 0.5-2 deg on a drift of about 1 deg/s); and every CUE lies in an expected window
 * (from 1 s before its start to 30 ms after its end, the reference's 20 ms grid): no cue while walking, jogging, on
 * the bus, bending, lying, leaning sideways, at a second monitor, below the threshold, or after a
 * re-clip before the recalibration.
 */
class ReplayScenarioTest {
    static final double RATE_HZ = 100;
    /** How far from the dwell's expiry a cue may come, s. */
    static final double TOLERANCE_S = 1.0;

    @TempDir
    Path dir;

    static List<String> names() {
        return Scenarios.names();
    }

    @ParameterizedTest
    @MethodSource("names")
    void cuesEveryForwardEpisodeAndNothingElse(String name) throws Exception {
        Scenario scenario = Scenarios.named(name);
        Files.createDirectories(Path.of("target", "scenarios"));
        Path trace = dir.resolve(name + ".csv");
        ScenarioTrace.write(scenario, trace, RATE_HZ, ScenarioTrace.Through.MPU6050);
        List<Double> cues = replayCues(scenario, trace, dir);
        List<TimeWindow> expected = scenario.expectedCues();
        String report = name + ": expected " + expected + ", cues " + cues;
        Files.writeString(Path.of("target", "scenarios", name + ".txt"), report + "\n");
        for (TimeWindow w : expected) {
            boolean cued = false;
            for (double c : cues) {
                cued |= c >= w.startS() - TOLERANCE_S && c <= w.startS() + TOLERANCE_S;
            }
            assertTrue(cued, name + ": no cue within 1 s of " + w + "; " + report);
        }
        for (double c : cues) {
            boolean inside = false;
            for (TimeWindow w : expected) {
                inside |= c >= w.startS() - TOLERANCE_S && c <= w.endS() + 0.03;
            }
            assertTrue(inside, name + ": cue at " + c + " s outside every expected window; " + report);
        }
    }

    /** Runs replay on {@code trace} as a user would; returns the CUE times, s. */
    static List<Double> replayCues(Scenario scenario, Path trace, Path dir) throws IOException {
        Path samples = dir.resolve(scenario.name() + ".samples.csv");
        Path events = dir.resolve(scenario.name() + ".events.csv");
        List<String> args = new ArrayList<>(List.of("replay", "--input", trace.toString(),
                "--samples", samples.toString(), "--events", events.toString(),
                "--set", "threshold_deg=15", "--set", "hysteresis_deg=3", "--set", "dwell_s=10"));
        for (Scenario.Calibration c : scenario.calibrations()) {
            args.add("--neutral-window");
            args.add(c.neutral().startS() + ":" + c.neutral().endS());
            args.add("--lean-window");
            args.add(c.lean().startS() + ":" + c.lean().endS());
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = CommandLines.run(new DeviceCommand(), new PrintWriter(out), new PrintWriter(err),
                args.toArray(String[]::new));
        assertEquals(CommandLines.OK, code, err.toString());
        Files.writeString(Path.of("target", "scenarios", scenario.name() + ".replay.txt"), out.toString());
        List<Double> cues = new ArrayList<>();
        for (String line : Files.readAllLines(events)) {
            String[] f = line.split(",", -1);
            if (f[1].equals("CUE")) {
                cues.add(Double.parseDouble(f[0]));
            }
        }
        return cues;
    }
}
