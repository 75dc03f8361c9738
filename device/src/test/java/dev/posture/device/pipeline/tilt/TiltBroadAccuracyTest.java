package dev.posture.device.pipeline.tilt;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posture.device.pipeline.ImuScale;
import dev.posture.device.pipeline.broad.BroadTrial;
import dev.posture.device.pipeline.broad.TiltScore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Accuracy on the six BROAD trials in {@code shared/data/broad}: the benchmark's inclination RMSE of
 * the double twin and of the fixed-point estimator, and their difference on the same raw counts.
 * Fails (never skips) when the trials cannot be found. Writes the fixed-point samples to
 * {@code target/tilt-samples/*.up.csv} for {@code shared/tools/tilt_score.py}.
 */
class TiltBroadAccuracyTest {
    /** Measured inclination RMSE per trial (deg), fixed point, defaults, 16 g / 2000 dps counts. */
    private static final double[] MEASURED = {0.446, 0.601, 0.800, 0.307, 0.583, 0.568};
    /** Allowed regression per trial over MEASURED, deg. */
    private static final double PER_TRIAL_SLACK = 0.02;
    /** The issue's target for the mean over the six, deg. */
    private static final double MEAN_TARGET = 0.60;
    /** Fixed point vs twin: the issue allows 0.05 deg of RMSE; the angle between them is held far tighter. */
    private static final double FIXED_VS_TWIN_RMSE = 0.05;
    private static final double FIXED_VS_TWIN_ANGLE_RMS = 0.001;

    private static final List<BroadTrial> TRIALS = new ArrayList<>();

    @BeforeAll
    static void readTrials() throws IOException {
        Path dir = BroadTrial.dataDir();
        for (String name : BroadTrial.SIX) {
            TRIALS.add(BroadTrial.read(dir.resolve(name)));
        }
    }

    @Test
    void fixedPointAndTwinMeetTheAccuracyTargetOnTheSixTrials() throws IOException {
        Path out = Path.of("target", "tilt-samples");
        Files.createDirectories(out);
        TiltParams p = TiltParams.DEFAULTS;
        double sumFixed = 0, sumTwin = 0, sumRawTwin = 0;
        StringBuilder report = new StringBuilder();
        for (int i = 0; i < TRIALS.size(); i++) {
            BroadTrial t = TRIALS.get(i);
            TiltRuns.Counts counts = TiltRuns.counts(t, ImuScale.MPU6050_16G_2000DPS);
            TiltRuns.Ups fixed = TiltRuns.runFixed(counts, p, t.sampleRateHz());
            TiltRuns.Ups twin = TiltRuns.runTwin(counts, p, t.sampleRateHz());
            TiltRuns.Ups rawTwin = TiltRuns.runTwin(t, p);
            TiltRuns.writeSamples(out.resolve(t.name.replace(".csv.gz", ".up.csv")), t.t, fixed);
            double rFixed = TiltScore.rmseDeg(t, fixed.x(), fixed.y(), fixed.z());
            double rTwin = TiltScore.rmseDeg(t, twin.x(), twin.y(), twin.z());
            double rRaw = TiltScore.rmseDeg(t, rawTwin.x(), rawTwin.y(), rawTwin.z());
            double angle = TiltRuns.rmsAngleDeg(fixed, twin);
            report.append(String.format(Locale.ROOT, "%-52s fixed %.3f twin %.3f twin(unquantised) %.3f fixed-vs-twin %.5f deg%n",
                    t.name, rFixed, rTwin, rRaw, angle));
            assertTrue(rFixed <= MEASURED[i] + PER_TRIAL_SLACK, t.name + ": fixed-point RMSE " + rFixed);
            assertTrue(rTwin <= MEASURED[i] + PER_TRIAL_SLACK, t.name + ": twin RMSE " + rTwin);
            assertTrue(Math.abs(rFixed - rTwin) <= FIXED_VS_TWIN_RMSE, t.name + ": fixed " + rFixed + " vs twin " + rTwin);
            assertTrue(angle <= FIXED_VS_TWIN_ANGLE_RMS, t.name + ": fixed vs twin angle " + angle);
            sumFixed += rFixed;
            sumTwin += rTwin;
            sumRawTwin += rRaw;
        }
        int n = TRIALS.size();
        report.append(String.format(Locale.ROOT, "mean: fixed %.3f twin %.3f twin(unquantised) %.3f%n", sumFixed / n, sumTwin / n, sumRawTwin / n));
        System.out.print(report);
        assertTrue(sumFixed / n <= MEAN_TARGET, "fixed-point mean RMSE " + sumFixed / n);
        assertTrue(sumTwin / n <= MEAN_TARGET, "twin mean RMSE " + sumTwin / n);
        assertTrue(sumRawTwin / n <= MEAN_TARGET, "unquantised twin mean RMSE " + sumRawTwin / n);
    }
}
