package dev.posture.device.pipeline.posture;

import dev.posture.device.pipeline.event.EventRecord;
import dev.posture.device.pipeline.event.EventRing;
import dev.posture.protocol.config.DailyWindow;
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
 * Cost of one {@link PostureStage#step} on a scripted 20-minute wearer cycle at 100 Hz (desk work
 * with forward episodes and repeats, walking, bending, a re-clip, a fault, then alternating forward
 * and upright minutes that keep check-ins and the exposure window busy), events drained from the
 * ring on the same thread. One invocation is {@value #BATCH} samples; JMH reports per sample.
 *
 * <p>Run: see {@code device/docs/posture.md} ("Cost").
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PostureStageBenchmark {
    static final int BATCH = 1024;
    static final int RATE = 100;
    static final int CYCLE = 1200 * RATE;

    /** Dwell rule or exposure rule. */
    @Param({"false", "true"})
    public boolean exposureMode;

    private final int[] forward = new int[CYCLE];
    private final byte[] activity = new byte[CYCLE];
    private final byte[] flags = new byte[CYCLE]; // bit 0 sensorOk, 1 upright, 2 needsRecalibration
    private final PostureInput in = new PostureInput();
    private final EventRecord out = new EventRecord();
    private EventRing ring;
    private PostureStage stage;
    private int next;
    private long sample;

    @Setup
    public void setup() {
        for (int i = 0; i < CYCLE; i++) {
            int s = i / RATE;
            int f = 0;
            int act = PostureInput.ACTIVITY_STILL;
            boolean ok = true;
            boolean upright = true;
            boolean reclip = false;
            if (s >= 100 && s < 200) {
                f = 2000;
            } else if (s >= 260 && s < 320) {
                act = PostureInput.ACTIVITY_WALKING;
                f = 500;
            } else if (s >= 320 && s < 330) {
                upright = false;
            } else if (s >= 330 && s < 340) {
                reclip = true;
            } else if (s >= 400 && s < 500) {
                act = PostureInput.ACTIVITY_LIGHT;
                f = 1800;
            } else if (s >= 500 && s < 510) {
                ok = false;
            } else if (s >= 600) {
                f = (s % 60) < 40 ? 2000 : -100;
            }
            forward[i] = f;
            activity[i] = (byte) act;
            flags[i] = (byte) ((ok ? 1 : 0) | (upright ? 2 : 0) | (reclip ? 4 : 0));
        }
        ring = new EventRing(256, 0);
        PostureParams params = PostureParams.DEFAULTS.withCheckins(10, 120, 5)
                .withQuietHours(new DailyWindow(22 * 60, 7 * 60)).withExposure(exposureMode, 5, 30);
        stage = new PostureStage(params, ring);
        stage.setLocalMinuteOfDay(12 * 60);
        in.calibrated = true;
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int step() {
        PostureStage st = stage;
        PostureInput x = in;
        int i = next;
        int acc = 0;
        for (int k = 0; k < BATCH; k++) {
            int fl = flags[i];
            x.tUs = 1_000_000 + sample * (1_000_000 / RATE);
            x.forwardCentiDeg = forward[i];
            x.activity = activity[i];
            x.sensorOk = (fl & 1) != 0;
            x.upright = (fl & 2) != 0;
            x.needsRecalibration = (fl & 4) != 0;
            st.step(x);
            acc += st.pattern().ordinal();
            while (ring.poll(out)) {
                acc += out.angleCentiDeg();
            }
            sample++;
            if (++i == CYCLE) {
                i = 0;
            }
        }
        next = i;
        return acc;
    }
}
