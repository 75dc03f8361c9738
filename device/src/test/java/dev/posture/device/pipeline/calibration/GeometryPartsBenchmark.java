package dev.posture.device.pipeline.calibration;

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
    private static final int N = 1 << 16;
    private final short[][] raws = new short[N][];
    private final int[][] ups = new int[N][];
    private final long[] ts = new long[N];
    private GeometryStage stage;
    private PostureFrame frame;
    private final WalkingLearner learner = new WalkingLearner();
    private final ReclipDetector reclip = new ReclipDetector();
    private int i;

    @Setup
    public void setUp() {
        Scenario s = Scenarios.named("desk-day");
        SimFeed feed = new SimFeed(s, 100, true, 1);
        for (int k = 0; k < N && feed.next(); k++) {
            raws[k] = feed.raw.clone();
            ups[k] = feed.up.clone();
            ts[k] = feed.tUs;
        }
        // Calibrated on the desk day's own first neutral and lean windows, as GeometryStageBenchmark.
        stage = new GeometryStage(GeometryParams.DEFAULTS, 100, 2048, 164);
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
