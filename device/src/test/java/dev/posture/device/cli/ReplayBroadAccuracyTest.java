package dev.posture.device.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posture.device.pipeline.broad.BroadTrial;
import dev.posture.device.pipeline.broad.TiltScore;
import dev.posture.protocol.cli.CommandLines;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Accuracy on BROAD through the {@code replay} command itself: each of the six trials in
 * {@code shared/data/broad} (FAILS if the folder is absent) is replayed in-process with the defaults
 * (16 g, 2000 deg/s, the trial's own rate), the samples file is scored with the Java port of
 * {@code tilt_score.py}, and the mean must be at most 0.60 deg. The samples files stay in
 * {@code device/target/replay-broad/} for {@code tilt_score.py}.
 */
class ReplayBroadAccuracyTest {
    @Test
    void meanInclinationErrorThroughReplayIsAtMost060Deg() throws Exception {
        Path data = BroadTrial.dataDir();
        Path outDir = Files.createDirectories(Path.of("target", "replay-broad"));
        double sum = 0;
        StringBuilder table = new StringBuilder();
        for (String name : BroadTrial.SIX) {
            Path trialFile = data.resolve(name);
            String base = name.replace(".csv.gz", "");
            Path samples = outDir.resolve(base + ".samples.csv");
            Path events = outDir.resolve(base + ".events.csv");
            StringWriter err = new StringWriter();
            int code = CommandLines.run(new DeviceCommand(), new PrintWriter(new StringWriter()), new PrintWriter(err),
                    "replay", "--input", trialFile.toString(), "--samples", samples.toString(),
                    "--events", events.toString());
            assertEquals(CommandLines.OK, code, err.toString());
            BroadTrial trial = BroadTrial.read(trialFile);
            List<String> lines = Files.readAllLines(samples);
            assertEquals("t_s,up_x,up_y,up_z,forward_deg,state", lines.get(0));
            assertEquals(trial.size(), lines.size() - 1, name + ": one samples row per trial row");
            double[] x = new double[trial.size()];
            double[] y = new double[trial.size()];
            double[] z = new double[trial.size()];
            for (int i = 0; i < trial.size(); i++) {
                String[] f = lines.get(i + 1).split(",", -1);
                x[i] = Double.parseDouble(f[1]);
                y[i] = Double.parseDouble(f[2]);
                z[i] = Double.parseDouble(f[3]);
            }
            double rmse = TiltScore.rmseDeg(trial, x, y, z);
            sum += rmse;
            table.append(String.format("%s %.3f%n", name, rmse));
        }
        double mean = sum / BroadTrial.SIX.size();
        table.append(String.format("mean %.3f%n", mean));
        Files.writeString(outDir.resolve("scores.txt"), table);
        assertTrue(mean <= 0.60, "mean inclination RMSE " + mean + " deg > 0.60\n" + table);
    }
}
