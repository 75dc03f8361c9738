package dev.posture.device.pipeline.calibration;

import dev.posture.device.pipeline.gate.ActivityClassifier;
import dev.posture.device.pipeline.gate.ActivityParams;
import dev.posture.device.pipeline.gate.SimFeed;
import dev.posture.hardware.sim.Scenario;
import dev.posture.hardware.sim.Scenarios;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost per sample of the geometry stage (classifier, calibration watch, angles, upright gate) and of
 * the classifier alone, over a desk day at 100 Hz (calibrated, so every sample measures angles).
 * Run: see device/docs/geometry.md.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class GeometryStageBenchmark {
    private static final int N = 1 << 16;
    private final short[][] raws = new short[N][];
    private final int[][] ups = new int[N][];
    private final long[] ts = new long[N];
    private GeometryStage stage;
    private ActivityClassifier classifier;
    private final GeometryOutput out = new GeometryOutput();
    private int i;
    private long offset;

    @Setup
    public void setUp() {
        Scenario s = Scenarios.named("desk-day");
        SimFeed feed = new SimFeed(s, 100, true, 1);
        for (int k = 0; k < N && feed.next(); k++) {
            raws[k] = feed.raw.clone();
            ups[k] = feed.up.clone();
            ts[k] = feed.tUs;
        }
        stage = new GeometryStage(GeometryParams.DEFAULTS, 100, 2048, 164);
        classifier = new ActivityClassifier(ActivityParams.DEFAULTS, 100, 2048, 164);
        for (long[] r : GeometryRun.requests(s).subList(0, 2)) {
            GeometryOutput o = new GeometryOutput();
            if (r[2] == 0) {
                stage.requestNeutral(r[0], r[1]);
            } else {
                stage.requestLean(r[0], r[1]);
            }
            for (int k = 0; k < N && ts[k] <= r[0] + r[1]; k++) {
                if (ts[k] >= r[0]) {
                    stage.step(ts[k], ups[k], raws[k], true, o);
                }
            }
        }
        offset = ts[N - 1] + 10_000;
    }

    @Benchmark
    public int geometryStage() {
        int k = i++ & (N - 1);
        if (k == N - 1) {
            offset += ts[N - 1] + 10_000;
        }
        stage.step(ts[k] + offset, ups[k], raws[k], true, out);
        return out.forwardCentiDeg;
    }

    @Benchmark
    public Object activityClassifier() {
        int k = i++ & (N - 1);
        if (k == N - 1) {
            offset += ts[N - 1] + 10_000;
        }
        return classifier.step(ts[k] + offset, raws[k]);
    }
}
