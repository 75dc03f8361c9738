package dev.posture.device.pipeline;

import dev.posture.device.pipeline.calibration.CalibrationStatus;
import dev.posture.device.pipeline.calibration.GeometryOutput;
import dev.posture.device.pipeline.calibration.GeometryStage;
import dev.posture.device.pipeline.event.EventRing;
import dev.posture.device.pipeline.posture.PatternRequest;
import dev.posture.device.pipeline.posture.PostureInput;
import dev.posture.device.pipeline.posture.PostureStage;
import dev.posture.device.pipeline.tilt.TiltEstimator;
import dev.posture.protocol.config.Config;
import dev.posture.protocol.message.CalibrationStep;
import dev.posture.protocol.message.EventType;
import dev.posture.protocol.message.PostureState;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The whole signal pipeline, one sample in: raw counts -> tilt estimator (up vector, Q2.30) ->
 * geometry (calibration, forward angle, re-clip, activity and upright gates) -> posture stage
 * (state machine, check-ins, drills) -> at most one haptic pattern and a few events in the
 * {@link EventRing}. One instance per device, stepped by one thread (the sampling loop); nothing
 * is allocated per sample after construction.
 *
 * <p>Per sample ({@link #step}), in order:
 * <ol>
 *   <li>{@code removeGyroOffset}: the coarse gyro zero-rate offset ({@link GyroOffset}; the MPU-6050's
 *       is specified only to +-20 deg/s, the estimator's bias estimation covers 2 deg/s);</li>
 *   <li>{@code takeRequests}: calibration requests posted from other threads (console
 *       {@code CALIBRATE NEUTRAL|LEAN}, the button's long press) start a window at this sample, or
 *       at the first sample after the gyro offset is learned (the first still second after power-up);</li>
 *   <li>the tilt estimator (skipped while the sensor is not OK: the up vector holds; on the first
 *       sample of a pair the step ends here, see "Pairs");</li>
 *   <li>{@code measureGeometry}: the geometry stage fills its output;</li>
 *   <li>{@code reportCalibration}: NEUTRAL_SET / LEAN_SET (and a neutral and forward learned from
 *       walking) become CALIBRATED events. The geometry stage only sets {@code needsRecalibration};
 *       the posture stage raises RECALIBRATION_NEEDED on its rising edge (posture.md);</li>
 *   <li>{@code judgePosture}: the geometry output is copied into the {@link PostureInput} and the
 *       posture stage steps.</li>
 * </ol>
 *
 * <p>Pairs: from {@link TiltEstimator#PAIR_MIN_RATE_HZ} up the estimator runs its filters on pairs
 * of samples (estimator.md), and so do the geometry and posture stages: the first sample of a pair
 * only removes the gyro offset and turns the up vector by its gyro step; the second runs every step
 * above. So posture is judged at half the sample rate (50 Hz at 100 Hz): a cue, a calibration event
 * or a state change comes at most one sample (10 ms at 100 Hz) later than on every sample, far
 * inside the second that every timing rule is stated in. On the first sample of a pair
 * {@link #pattern()} is NONE, the geometry output's calibration event NONE, and the angles and the
 * state hold. Below 100 Hz, and on every sample while the sensor is not OK, all steps run.
 *
 * <p>Time: the estimator works at the nominal rate ({@link PipelineParams#sampleRateHz}), the
 * geometry stage (activity classifier, calibration, gates) at the judged rate (half of it from
 * 100 Hz); calibration windows and every posture rule use the samples' timestamps.
 */
public final class Pipeline {
    private PipelineParams params;
    private TiltEstimator estimator;
    private final GeometryStage geometry;
    private final PostureStage posture;
    private final EventRing events;

    private final GeometryOutput geo = new GeometryOutput();
    private final PostureInput input = new PostureInput();
    private final int[] up = new int[3];
    private final GyroOffset gyroOffset;
    private final short[] counts = new short[6]; // raw counts, gyro offset removed
    private boolean judged = true;                // the last sample ran the geometry and posture stages
    private boolean upDue;                        // up[] lags the estimator's output (first sample of a pair)

    /** Pending calibration requests from other threads: window length in us, or -1 for none. */
    private final AtomicLong neutralRequestUs = new AtomicLong(-1);
    private final AtomicLong leanRequestUs = new AtomicLong(-1);
    private final AtomicLong cancelRequest = new AtomicLong(0);

    public Pipeline(PipelineParams params, EventRing events) {
        this.params = Objects.requireNonNull(params, "params");
        this.events = Objects.requireNonNull(events, "events");
        this.estimator = new TiltEstimator(params.tilt(), params.scale(), params.sampleRateHz());
        this.geometry = new GeometryStage(params.geometry(), rateForGates(params), accelLsbPerG(params.scale()),
                gyroLsbPerDpsX10(params.scale()));
        this.posture = new PostureStage(params.posture(), events);
        this.gyroOffset = new GyroOffset(params.scale(), params.sampleRateHz());
        up[2] = 1 << 30;
    }

    /**
     * New configuration keys (posture rules, sample rate): coefficients are rebuilt, calibration and
     * the episode in progress are kept. A new sample rate (or scale) restarts the estimator, which
     * settles again within a few seconds (its filters are designed for one rate).
     */
    public void reconfigure(Config config) {
        PipelineParams next = params.withConfig(config);
        if (config.sampleRateHz() != Math.round(params.sampleRateHz())) {
            next = next.withSampleRate(config.sampleRateHz());
        }
        reconfigure(next);
    }

    /** New parameters: see {@link #reconfigure(Config)}. */
    public void reconfigure(PipelineParams next) {
        Objects.requireNonNull(next, "params");
        if (next.sampleRateHz() != params.sampleRateHz() || !next.scale().equals(params.scale())
                || !next.tilt().equals(params.tilt())) {
            if (upDue) {
                copyUp(); // the old estimator's last output, before it goes
            }
            estimator = new TiltEstimator(next.tilt(), next.scale(), next.sampleRateHz());
            gyroOffset.configure(next.scale(), next.sampleRateHz());
        }
        geometry.reconfigure(next.geometry(), rateForGates(next), accelLsbPerG(next.scale()),
                gyroLsbPerDpsX10(next.scale()));
        posture.reconfigure(next.posture());
        params = next;
    }

    public PipelineParams params() {
        return params;
    }

    // ---- requests from other threads: they take effect on the next sample ----

    /** Neutral calibration ("stand tall"), a window of {@link PipelineParams#calibrationHoldS} from the next sample. */
    public void requestNeutral() {
        requestNeutral(Math.round(params.calibrationHoldS() * 1e6));
    }

    /** Neutral calibration over a window of {@code durationUs} from the next sample. */
    public void requestNeutral(long durationUs) {
        neutralRequestUs.set(checkDuration(durationUs));
    }

    /** Lean calibration ("lean forward and hold"), a window of {@link PipelineParams#calibrationHoldS}. */
    public void requestLean() {
        requestLean(Math.round(params.calibrationHoldS() * 1e6));
    }

    /** Lean calibration over a window of {@code durationUs} from the next sample. */
    public void requestLean(long durationUs) {
        leanRequestUs.set(checkDuration(durationUs));
    }

    /** Drops a pending or running calibration window. */
    public void cancelCalibration() {
        cancelRequest.set(1);
    }

    /** Loop thread only: the wall clock's local minute of day, 0..1439, or -1 while unknown. */
    public void setLocalMinuteOfDay(int minuteOfDay) {
        posture.setLocalMinuteOfDay(minuteOfDay);
    }

    // ---- per sample ----

    /** One sample from a working sensor: {@code raw} = accel x, y, z then gyro x, y, z counts. */
    public void step(long tUs, short[] raw) {
        step(tUs, raw, true);
    }

    /** One sample; with {@code sensorOk} false the estimator holds and the posture stage shows FAULT. */
    public void step(long tUs, short[] raw, boolean sensorOk) {
        takeRequests(tUs);
        if (sensorOk) {
            removeGyroOffset(raw);
            estimator.update(counts[3], counts[4], counts[5], counts[0], counts[1], counts[2]);
            if (estimator.midPair()) {
                upDue = true; // read from the estimator only if asked for (upX): nothing here needs it
                holdJudgement();
                return;
            }
            copyUp();
        } else if (upDue) {
            copyUp();
        }
        judged = true;
        geometry.step(tUs, up, counts, sensorOk, geo);
        reportCalibration(tUs);
        judgePosture();
    }

    /** First sample of a pair: the stages wait for the second; what they said holds, nothing new is reported. */
    private void holdJudgement() {
        judged = false;
        if (geo.calibrationEvent != CalibrationStatus.NONE) {
            geo.calibrationEvent = CalibrationStatus.NONE;
        }
    }

    private void takeRequests(long tUs) {
        if (cancelRequest.get() != 0 && cancelRequest.getAndSet(0) != 0) {
            geometry.cancelCalibration();
        }
        if (!gyroOffset.learned()) {
            return;     // a window waits for the offset: raw rates off by up to 20 deg/s would reject it
        }
        long neutral = neutralRequestUs.get() >= 0 ? neutralRequestUs.getAndSet(-1) : -1;
        if (neutral >= 0) {
            geometry.requestNeutral(tUs, neutral);
        }
        long lean = leanRequestUs.get() >= 0 ? leanRequestUs.getAndSet(-1) : -1;
        if (lean >= 0) {
            geometry.requestLean(tUs, lean);
        }
    }

    /** Coarse gyro zero-rate offset ({@link GyroOffset}); the estimator restarts when it is first learned. */
    private void removeGyroOffset(short[] raw) {
        if (gyroOffset.step(raw, counts)) {
            estimator.reset();
        }
    }

    private void copyUp() {
        upDue = false;
        up[0] = estimator.upX();
        up[1] = estimator.upY();
        up[2] = estimator.upZ();
    }

    private void reportCalibration(long tUs) {
        CalibrationStatus status = geo.calibrationEvent;
        if (status == CalibrationStatus.NEUTRAL_SET || status == CalibrationStatus.LEARNED_FROM_WALKING) {
            events.offer(EventType.CALIBRATED, tUs, 0, CalibrationStep.NEUTRAL.ordinal(), 0, 0, 0);
        }
        if (status == CalibrationStatus.LEAN_SET || status == CalibrationStatus.LEARNED_FROM_WALKING) {
            events.offer(EventType.CALIBRATED, tUs, 0, CalibrationStep.LEAN.ordinal(), 0, 0, 0);
        }
    }

    private void judgePosture() {
        PostureInput in = input;
        in.tUs = geo.tUs;
        in.calibrated = geo.calibrated;
        in.forwardCentiDeg = geo.forwardCentiDeg;
        in.sidewaysCentiDeg = geo.sidewaysCentiDeg;
        in.tiltCentiDeg = geo.tiltCentiDeg;
        in.activity = geo.activity;
        in.upright = geo.upright;
        in.needsRecalibration = geo.needsRecalibration;
        in.sensorOk = geo.sensorOk;
        posture.step(in);
    }

    // ---- per-sample outputs (valid after step) ----

    /** Up vector (away from the Earth), sensor frame, Q2.30. */
    public int upX() {
        if (upDue) {
            copyUp();
        }
        return up[0];
    }

    public int upY() {
        if (upDue) {
            copyUp();
        }
        return up[1];
    }

    public int upZ() {
        if (upDue) {
            copyUp();
        }
        return up[2];
    }

    /** A neutral posture is known, so {@link #forwardCentiDeg()} means something. */
    public boolean calibrated() {
        return geo.calibrated;
    }

    /** Signed forward angle from neutral, 0.01 deg (unsigned tilt until a forward axis is known). */
    public int forwardCentiDeg() {
        return geo.forwardCentiDeg;
    }

    /** The last sample's posture state. */
    public PostureState state() {
        return posture.state();
    }

    /** The haptic pattern the last sample asks for, or {@link PatternRequest#NONE}. */
    public PatternRequest pattern() {
        return judged ? posture.pattern() : PatternRequest.NONE;
    }

    /** True when the last sample ran the geometry and posture stages (false on the first sample of a pair). */
    public boolean judged() {
        return judged;
    }

    /** The geometry stage's full output of the last sample (activity, upright, calibration event). */
    public GeometryOutput geometryOutput() {
        return geo;
    }

    /** The input the posture stage saw on the last sample. */
    public PostureInput postureInput() {
        return input;
    }

    public GyroOffset gyroOffset() {
        return gyroOffset;
    }

    public TiltEstimator estimator() {
        return estimator;
    }

    public GeometryStage geometry() {
        return geometry;
    }

    public PostureStage posture() {
        return posture;
    }

    public EventRing events() {
        return events;
    }

    private static long checkDuration(long durationUs) {
        if (durationUs < 0) {
            throw new IllegalArgumentException("calibration window must be >= 0 us, got " + durationUs);
        }
        return durationUs;
    }

    /**
     * The rate the geometry stage is stepped at: the sample rate, halved from
     * {@link TiltEstimator#PAIR_MIN_RATE_HZ} (pairs); the activity classifier takes an integer rate,
     * so a trace's rate (e.g. 285.7 Hz) is rounded.
     */
    static int rateForGates(PipelineParams p) {
        double rate = p.sampleRateHz();
        return (int) Math.round(rate >= TiltEstimator.PAIR_MIN_RATE_HZ ? rate / 2 : rate);
    }

    static int accelLsbPerG(ImuScale scale) {
        return (int) Math.round(scale.accLsbPerG());
    }

    static int gyroLsbPerDpsX10(ImuScale scale) {
        return (int) Math.round(scale.gyrLsbPerDps() * 10);
    }
}
