package dev.posture.device.pipeline.calibration;

import dev.posture.device.pipeline.gate.ActivityClassifier;
import dev.posture.device.pipeline.gate.ActivityParams;
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
    private static final int N = DeskDayRecording.N;
    private short[][] raws;
    private int[][] ups;
    private long[] ts;
    private GeometryStage stage;
    private ActivityClassifier classifier;
    private final GeometryOutput out = new GeometryOutput();
    private int i;
    private long offset;

    @Setup
    public void setUp() {
        DeskDayRecording day = new DeskDayRecording();
        raws = day.raws;
        ups = day.ups;
        ts = day.ts;
        stage = day.stage;
        classifier = new ActivityClassifier(ActivityParams.DEFAULTS, 100, 2048, 164);
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
