package dev.posture.device.pipeline.bench;

import dev.posture.device.pipeline.ImuScale;
import dev.posture.device.pipeline.Pipeline;
import dev.posture.device.pipeline.PipelineParams;
import dev.posture.device.pipeline.event.EventRecord;
import dev.posture.device.pipeline.event.EventRing;
import dev.posture.hardware.sim.RowCursor;
import dev.posture.hardware.sim.Scenario;
import dev.posture.hardware.sim.Scenarios;
import dev.posture.hardware.sim.SimRow;
import dev.posture.protocol.config.Config;
import java.util.ArrayList;
import java.util.List;
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
 * Cost of one {@link Pipeline#step} (gyro offset, estimator, geometry and gates, posture stage,
 * events drained on the same thread) on a simulator scenario at 100 Hz as 16 g / 2000 deg/s counts,
 * calibrated once in the setup, then cycled with time moving on. One invocation is {@value #BATCH}
 * samples; JMH reports per sample. Run: see {@code device/README.md} ("Signal pipeline").
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PipelineBenchmark {
    static final int BATCH = 1024;

    @Param({"desk-day"})
    public String scenario;

    private short[][] raw;
    private long[] tUs;
    private int n;
    private int next;
    private long offsetUs;
    private Pipeline pipeline;
    private EventRing ring;
    private final EventRecord event = new EventRecord();

    @Setup
    public void setup() {
        Scenario s = Scenarios.named(scenario);
        ImuScale scale = ImuScale.MPU6050_16G_2000DPS;
        List<short[]> r = new ArrayList<>();
        List<Long> t = new ArrayList<>();
        RowCursor rows = s.rows(100);
        while (rows.next()) {
            SimRow row = rows.row();
            t.add(Math.round(row.tS() * 1e6));
            r.add(new short[] {scale.accCounts(row.acc(0)), scale.accCounts(row.acc(1)), scale.accCounts(row.acc(2)),
                    scale.gyrCounts(row.gyr(0)), scale.gyrCounts(row.gyr(1)), scale.gyrCounts(row.gyr(2))});
        }
        n = r.size();
        raw = r.toArray(short[][]::new);
        tUs = new long[n];
        for (int i = 0; i < n; i++) {
            tUs[i] = t.get(i);
        }
        ring = new EventRing(1024, 1);
        pipeline = new Pipeline(PipelineParams.fromConfig(Config.defaults(), scale, 100), ring);
        boolean neutral = false;
        boolean lean = false;
        for (int i = 0; i < n; i++) {
            double ts = tUs[i] / 1e6;
            if (!neutral && ts >= s.neutralWindow().startS()) {
                pipeline.requestNeutral(Math.round((s.neutralWindow().endS() - ts) * 1e6));
                neutral = true;
            }
            if (!lean && ts >= s.leanWindow().startS()) {
                pipeline.requestLean(Math.round((s.leanWindow().endS() - ts) * 1e6));
                lean = true;
            }
            pipeline.step(tUs[i], raw[i]);
            while (ring.poll(event)) {
                // drain
            }
        }
        offsetUs = tUs[n - 1] + 10_000;
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int step() {
        Pipeline p = pipeline;
        int i = next;
        int acc = 0;
        for (int k = 0; k < BATCH; k++) {
            p.step(offsetUs + tUs[i], raw[i]);
            acc += p.forwardCentiDeg();
            while (ring.poll(event)) {
                acc++;
            }
            if (++i == n) {
                i = 0;
                offsetUs += tUs[n - 1] + 10_000;
            }
        }
        next = i;
        return acc;
    }
}
