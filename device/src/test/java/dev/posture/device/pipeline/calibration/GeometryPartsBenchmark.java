package dev.posture.device.pipeline.calibration;

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
 * Where the geometry stage's time goes: the angles ({@link PostureFrame#measure}: all three;
 * {@link PostureFrame#step}: as the stage runs them), one atan2, one
 * exact square root, the walking learner and the re-clip detector, each per sample.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class GeometryPartsBenchmark {
    private static final int N = DeskDayRecording.N;
    private short[][] raws;
    private int[][] ups;
    private long[] ts;
    private GeometryStage stage;
    private PostureFrame frame;
    private final WalkingLearner learner = new WalkingLearner();
    private final ReclipDetector reclip = new ReclipDetector();
    private int i;

    @Setup
    public void setUp() {
        DeskDayRecording day = new DeskDayRecording();
        raws = day.raws;
        ups = day.ups;
        ts = day.ts;
        stage = day.stage;
        frame = stage.frame(); // step(): sideways and tilt every 40 ms (every 4th sample), as the stage runs them
        learner.configure(GeometryParams.Relearn.DEFAULTS, 100); // per call: the stage calls them at ~25 Hz
        reclip.configure(GeometryParams.Reclip.DEFAULTS, 100);
    }

    @Benchmark
    public int measure() {
        int k = i++ & (N - 1);
        frame.measure(ups[k]);
        return frame.forwardCentiDeg();
    }

    /** What the stage runs per sample: forward every time, sideways and tilt every 4th sample at 100 Hz. */
    @Benchmark
    public int measureStep() {
        int k = i++ & (N - 1);
        frame.step((long) i * 10_000, ups[k]); // 100 Hz of device time
        return frame.forwardCentiDeg();
    }

    @Benchmark
    public int atan2() {
        int k = i++ & (N - 1);
        return AngleMath.atan2Centi(ups[k][0], ups[k][2]);
    }

    @Benchmark
    public long isqrt() {
        int k = i++ & (N - 1);
        long x = ups[k][0];
        return dev.posture.device.pipeline.fixed.FixedMath.isqrt(x * x + 12345);
    }

    @Benchmark
    public boolean learner() {
        int k = i++ & (N - 1);
        learner.step(ts[k] + (long) i * 10000, ups[k], raws[k], false);
        return learner.ready();
    }

    @Benchmark
    public boolean reclip() {
        int k = i++ & (N - 1);
        return reclip.step((long) i * 10000, ups[k], false, false, frame, learner);
    }
}
