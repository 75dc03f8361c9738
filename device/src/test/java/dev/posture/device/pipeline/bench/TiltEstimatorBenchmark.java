package dev.posture.device.pipeline.bench;

import dev.posture.device.pipeline.ImuScale;
import dev.posture.device.pipeline.broad.BroadTrial;
import dev.posture.device.pipeline.tilt.TiltEstimator;
import dev.posture.device.pipeline.tilt.TiltParams;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of one {@link TiltEstimator#update} on recorded BROAD data (raw counts at 16 g / 2000 dps),
 * cycling through the whole trial so rest, slow and fast motion and shocks all occur. One
 * invocation is {@value #BATCH} samples; JMH reports per sample.
 *
 * <p>Run: see {@code device/docs/estimator.md} ("Cost").
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TiltEstimatorBenchmark {
    static final int BATCH = 1024;

    /** Which trial feeds the estimator. */
    @Param({"06_undisturbed_fast_rotation_A.csv.gz", "01_undisturbed_slow_rotation_A.csv.gz", "24_disturbed_tapping_A.csv.gz"})
    public String trial;

    /**
     * Declared sample rate: "trial" (285.7 Hz, pairs of samples) or a number; below 100 Hz every
     * sample runs the whole filter, so "50" measures that path (on the same data).
     */
    @Param({"trial"})
    public String rate;

    private short[] samples; // gx gy gz ax ay az per sample
    private int n;
    private int next;
    private TiltEstimator estimator;

    @Setup
    public void setup() throws IOException {
        BroadTrial t = BroadTrial.read(BroadTrial.dataDir().resolve(trial));
        ImuScale s = ImuScale.MPU6050_16G_2000DPS;
        n = t.size();
        samples = new short[6 * n];
        for (int i = 0; i < n; i++) {
            samples[6 * i] = s.gyrCounts(t.gyrX[i]);
            samples[6 * i + 1] = s.gyrCounts(t.gyrY[i]);
            samples[6 * i + 2] = s.gyrCounts(t.gyrZ[i]);
            samples[6 * i + 3] = s.accCounts(t.accX[i]);
            samples[6 * i + 4] = s.accCounts(t.accY[i]);
            samples[6 * i + 5] = s.accCounts(t.accZ[i]);
        }
        estimator = new TiltEstimator(TiltParams.DEFAULTS, s, rate.equals("trial") ? t.sampleRateHz() : Double.parseDouble(rate));
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int update() {
        TiltEstimator e = estimator;
        short[] d = samples;
        int i = next;
        int acc = 0;
        for (int k = 0; k < BATCH; k++) {
            int o = 6 * i;
            e.update(d[o], d[o + 1], d[o + 2], d[o + 3], d[o + 4], d[o + 5]);
            acc += e.upZ();
            if (++i == n) {
                i = 0;
            }
        }
        next = i;
        return acc;
    }
}
