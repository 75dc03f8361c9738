package dev.posture.device.pipeline.calibration;

import dev.posture.device.pipeline.fixed.FixedMath;
import dev.posture.device.pipeline.gate.Activity;
import dev.posture.device.pipeline.gate.ActivityClassifier;
import dev.posture.device.pipeline.gate.UprightGate;
import java.util.Objects;

/**
 * From the up vector and the raw counts of one sample to what the posture stage needs: calibrated or
 * not, forward / sideways / tilt angles, activity, upright, re-clip pending. One instance per device,
 * one thread; nothing is allocated after construction (a config change builds coefficients once).
 *
 * <p>Per sample ({@link #step}), in order:
 * <ol>
 *   <li>classify the activity from the raw counts ({@link ActivityClassifier});</li>
 *   <li>feed a pending calibration window, and judge it when it closes;</li>
 *   <li>on every {@code floor(rate / 25)}-th sample (~25 Hz): feed the
 *       walking learner; if the calibration is trusted, look for a re-clip; if a re-clip is pending
 *       (or there never was a calibration), learn from walking or see whether the old neutral fits
 *       again;</li>
 *   <li>measure the angles in the calibrated frame ({@link PostureFrame}: forward on every sample,
 *       sideways and tilt at about 25 Hz) and run the upright gate.</li>
 * </ol>
 *
 * <p>Inputs: {@code up} is the estimator's unit up vector in the sensor frame (Q2.30), {@code raw} the
 * sample's counts (accel x, y, z, gyro x, y, z), {@code tUs} device time. Calibration requests come
 * from outside (button, console, replay windows) with a duration; the window closes on the first
 * sample at or after its end. Not thread-safe: call everything from the sampling thread (queue
 * requests from the console or MQTT into it).
 */
public final class GeometryStage {
    /** Sideways angle and tilt (so the upright gate too) run at this rate from 50 Hz up, Hz; forward per sample. */
    static final int SIDEWAYS_TILT_RATE_HZ = 25;
    /**
     * The walking learner and the re-clip watch run on every {@code floor(rate / 25)}-th sample
     * (about 25 Hz): gait correlations at 1.5-2.5 Hz steps and orientation paths over seconds need no
     * more. Their timing comes from the timestamps.
     */
    static final int SLOW_RATE_HZ = 25;

    private GeometryParams params;
    private CalibrationWindow.Limits limits;
    private int leanMinCenti;
    private int leanMaxCenti;
    private int leanOffWalkingCenti;
    private int keepForwardCenti;

    private final ActivityClassifier classifier;
    private final UprightGate upright;
    private final PostureFrame frame = new PostureFrame();
    private final CalibrationWindow window = new CalibrationWindow();
    private final WalkingLearner learner = new WalkingLearner();
    private final ReclipDetector reclip = new ReclipDetector();
    private final CalibrationReport report = new CalibrationReport();

    private int slowEvery = 1;   // samples per learner / re-clip sample
    private int slowSkip;        // samples to pass over before the next one
    private boolean needsRecalibration;
    private boolean reclipSinceNeutral;   // the taught forward axis belongs to another mount
    private CalibrationStatus pendingEvent = CalibrationStatus.NONE;
    private final int[] tmpA = new int[3];
    private final int[] tmpB = new int[3];
    private final int[] tmpC = new int[3];
    private final int[] tmpD = new int[3];

    /**
     * @param sampleRateHz     nominal sample rate, 25..1000 Hz (config {@code sample_rate_hz})
     * @param accelLsbPerG     accelerometer counts per g (ImuInfo; MPU-6050 at 16 g: 2048)
     * @param gyroLsbPerDpsX10 gyroscope counts per deg/s times 10 (ImuInfo; MPU-6050 at 2000 dps: 164)
     */
    public GeometryStage(GeometryParams params, int sampleRateHz, int accelLsbPerG, int gyroLsbPerDpsX10) {
        this.classifier = new ActivityClassifier(params.activity(), sampleRateHz, accelLsbPerG, gyroLsbPerDpsX10);
        this.upright = new UprightGate(params.upright());
        configure(params, sampleRateHz, accelLsbPerG, gyroLsbPerDpsX10);
    }

    /** New params, rate or scale: coefficients are rebuilt; calibration, re-clip state and learning are kept. */
    public void reconfigure(GeometryParams params, int sampleRateHz, int accelLsbPerG, int gyroLsbPerDpsX10) {
        classifier.reconfigure(params.activity(), sampleRateHz, accelLsbPerG, gyroLsbPerDpsX10);
        upright.configure(params.upright());
        configure(params, sampleRateHz, accelLsbPerG, gyroLsbPerDpsX10);
    }

    private void configure(GeometryParams p, int sampleRateHz, int accelLsbPerG, int gyroLsbPerDpsX10) {
        this.params = Objects.requireNonNull(p, "params");
        limits = new CalibrationWindow.Limits(p.window(), accelLsbPerG, gyroLsbPerDpsX10);
        leanMinCenti = (int) Math.round(p.lean().minDeg() * 100);
        leanMaxCenti = (int) Math.round(p.lean().maxDeg() * 100);
        leanOffWalkingCenti = (int) Math.round(p.lean().maxOffWalkingDeg() * 100);
        keepForwardCenti = (int) Math.round(p.lean().keepForwardWithinDeg() * 100);
        frame.setSidewaysTiltPeriodUs(sampleRateHz < 2 * SIDEWAYS_TILT_RATE_HZ ? 0 : 1_000_000 / SIDEWAYS_TILT_RATE_HZ);
        slowEvery = Math.max(1, sampleRateHz / SLOW_RATE_HZ);
        slowSkip = Math.min(slowSkip, slowEvery - 1);
        double slowRateHz = sampleRateHz / (double) slowEvery;
        learner.configure(p.relearn(), slowRateHz);
        reclip.configure(p.reclip(), slowRateHz);
    }

    public GeometryParams params() {
        return params;
    }

    // ---- calibration requests (from the button, the console or replay windows) ----

    /** Starts a neutral window ("stand tall and hold still") at {@code tUs} lasting {@code durationUs}. */
    public void requestNeutral(long tUs, long durationUs) {
        start(CalibrationWindow.Kind.NEUTRAL, tUs, durationUs);
    }

    /** Starts a lean window ("lean forward from the hips and hold") at {@code tUs} lasting {@code durationUs}. */
    public void requestLean(long tUs, long durationUs) {
        start(CalibrationWindow.Kind.LEAN, tUs, durationUs);
    }

    /** Drops a pending window; the next sample reports {@link CalibrationStatus#CANCELLED}. */
    public void cancelCalibration() {
        if (window.active()) {
            window.cancel();
            report.set(CalibrationStatus.CANCELLED, 0, 0, 0, -1);
            pendingEvent = CalibrationStatus.CANCELLED;
        }
    }

    private void start(CalibrationWindow.Kind kind, long tUs, long durationUs) {
        if (durationUs < 0) {
            throw new IllegalArgumentException("calibration window duration must be >= 0, got " + durationUs + " us");
        }
        cancelCalibration();
        window.start(kind, tUs, durationUs);
    }

    /** True while a calibration window is collecting. */
    public boolean calibrating() {
        return window.active();
    }

    /**
     * A calibration kept from before (persisted across restarts, from {@link #frame()}): neutral and,
     * if known, forward (any vector with a component orthogonal to neutral; null for none), Q2.30.
     *
     * @throws IllegalArgumentException when the neutral vector is zero
     */
    public void restore(int[] neutral, int[] forwardOrNull) {
        if (!AngleMath.normalise(neutral[0], neutral[1], neutral[2], tmpA)) {
            throw new IllegalArgumentException("neutral vector must not be zero");
        }
        frame.setNeutral(tmpA, false);
        if (forwardOrNull != null) {
            frame.setForwardFrom(forwardOrNull);
        }
        needsRecalibration = false;
        reclipSinceNeutral = false;
        reclip.reset();
        upright.reset();
    }

    /** The calibrated frame (neutral and forward vectors, for persisting; the last sample's angles). */
    public PostureFrame frame() {
        return frame;
    }

    /** The last calibration decision with its numbers ({@link CalibrationReport#message()} allocates). */
    public CalibrationReport report() {
        return report;
    }

    /** The activity classifier (read-outs for diagnostics). */
    public ActivityClassifier classifier() {
        return classifier;
    }

    // ---- per sample ----

    /** One sample; fills {@code out}. */
    public void step(long tUs, int[] up, short[] raw, boolean sensorOk, GeometryOutput out) {
        CalibrationStatus event = pendingEvent;
        if (event != CalibrationStatus.NONE) {
            pendingEvent = CalibrationStatus.NONE; // a reference store (GC barrier) only when needed
        }
        Activity activity = sensorOk ? classifier.step(tUs, raw) : classifier.activity();
        boolean walking = sensorOk && activity == Activity.WALKING && classifier.stepping();
        if (window.active() && window.add(tUs, up, raw, accelMagnitude(raw), sensorOk)) {
            event = finishWindow(tUs);
        }
        if (sensorOk && slowSample()) {
            learner.step(tUs, up, raw, walking);
            if (!window.active()) {
                CalibrationStatus decided = watchCalibration(tUs, up, activity, walking);
                if (decided != CalibrationStatus.NONE) {
                    event = decided;
                }
            }
        }
        frame.step(tUs, up);
        out.tUs = tUs;
        out.sensorOk = sensorOk;
        out.calibrated = frame.hasNeutral();
        out.forwardKnown = frame.hasForward();
        out.forwardCentiDeg = frame.forwardCentiDeg();
        out.sidewaysCentiDeg = frame.sidewaysCentiDeg();
        out.tiltCentiDeg = frame.tiltCentiDeg();
        if (frame.sidewaysTiltFresh() && frame.hasNeutral()) {
            upright.step(tUs, frame.tiltCentiDeg()); // with the tilt, at ~25 Hz
        }
        out.upright = !frame.hasNeutral() || upright.upright();
        out.activity = activity.ordinal();
        out.needsRecalibration = needsRecalibration;
        if (out.calibrationEvent != event) {
            out.calibrationEvent = event; // a reference store (GC barrier) only on a change
        }
    }

    /** True on every {@link #slowEvery}-th call (sensor-ok samples only). */
    private boolean slowSample() {
        if (slowSkip > 0) {
            slowSkip--;
            return false;
        }
        slowSkip = slowEvery - 1;
        return true;
    }

    /** |a| of this sample, counts, exact floor (the classifier computes it only on its 50 Hz samples). */
    private static int accelMagnitude(short[] raw) {
        long ax = raw[0];
        long ay = raw[1];
        long az = raw[2];
        return (int) FixedMath.isqrt(ax * ax + ay * ay + az * az);
    }

    /** Re-clip watch while trusted; relearning or dismissal while a re-clip is pending or never calibrated. */
    private CalibrationStatus watchCalibration(long tUs, int[] up, Activity activity, boolean walking) {
        if (needsRecalibration || !frame.hasNeutral()) {
            if (learner.ready() && learner.result(tmpA, tmpB)) {
                frame.setNeutral(tmpA, false);
                frame.setForwardFrom(tmpB);
                needsRecalibration = false;
                reclipSinceNeutral = false;
                reclip.reset();
                upright.reset();
                report.set(CalibrationStatus.LEARNED_FROM_WALKING, tUs, (int) (learner.walkingUs() / 1000), 0, -1);
                return CalibrationStatus.LEARNED_FROM_WALKING;
            }
            if (needsRecalibration && reclip.stepSuspected(tUs, walking, frame, learner)) {
                needsRecalibration = false;
                reclip.reset();
                report.set(CalibrationStatus.RECLIP_DISMISSED, tUs, reclip.measuredCentiDeg(), 0, -1);
                return CalibrationStatus.RECLIP_DISMISSED;
            }
            return CalibrationStatus.NONE;
        }
        if (reclip.step(tUs, up, activity.moving(), walking, frame, learner)) {
            needsRecalibration = true;
            reclipSinceNeutral = true;
            if (reclip.keepFromSeq() >= 0) {
                learner.keepFrom(reclip.keepFromSeq());
            } else {
                learner.reset();
            }
            int off = reclip.measuredCentiDeg();
            reclip.reset();
            report.set(CalibrationStatus.RECLIP_SUSPECTED, tUs, off, 0, -1);
            return CalibrationStatus.RECLIP_SUSPECTED;
        }
        return CalibrationStatus.NONE;
    }

    private CalibrationStatus finishWindow(long tUs) {
        CalibrationWindow.Kind kind = window.kind();
        if (kind == CalibrationWindow.Kind.LEAN && (!frame.hasNeutral() || needsRecalibration)) {
            window.cancel();
            report.set(CalibrationStatus.REJECTED_NO_NEUTRAL, tUs, 0, 0, -1);
            return CalibrationStatus.REJECTED_NO_NEUTRAL;
        }
        int[] mean = tmpA;
        if (!window.finish(tUs, limits, mean, report)) {
            return report.status();
        }
        return kind == CalibrationWindow.Kind.NEUTRAL ? acceptNeutral(tUs, mean) : acceptLean(tUs, mean);
    }

    private CalibrationStatus acceptNeutral(long tUs, int[] neutral) {
        int held = report.measured();
        boolean keepForward = false;
        if (frame.hasNeutral() && frame.hasForward() && !reclipSinceNeutral) {
            frame.neutral(tmpB);
            keepForward = AngleMath.angleCenti(tmpB, neutral) <= keepForwardCenti;
        }
        frame.setNeutral(neutral, keepForward);
        needsRecalibration = false;
        reclipSinceNeutral = false;
        reclip.reset();
        upright.reset();
        report.set(CalibrationStatus.NEUTRAL_SET, tUs, held, 0, -1);
        return CalibrationStatus.NEUTRAL_SET;
    }

    private CalibrationStatus acceptLean(long tUs, int[] leanUp) {
        int lean = frame.tiltOf(leanUp);
        if (lean < leanMinCenti) {
            report.set(CalibrationStatus.REJECTED_LEAN_TOO_SMALL, tUs, lean, leanMinCenti, -1);
            return CalibrationStatus.REJECTED_LEAN_TOO_SMALL;
        }
        if (lean > leanMaxCenti) {
            report.set(CalibrationStatus.REJECTED_LEAN_TOO_LARGE, tUs, lean, leanMaxCenti, -1);
            return CalibrationStatus.REJECTED_LEAN_TOO_LARGE;
        }
        frame.neutral(tmpB);
        if (learner.ready() && AngleMath.orthogonalUnit(leanUp, tmpB, tmpC) && learner.direction(tmpB, tmpD)) {
            int off = AngleMath.angleCenti(tmpC, tmpD);
            if (off > leanOffWalkingCenti) {
                report.set(CalibrationStatus.REJECTED_LEAN_SIDEWAYS, tUs, off, leanOffWalkingCenti, -1);
                return CalibrationStatus.REJECTED_LEAN_SIDEWAYS;
            }
        }
        frame.setForwardFrom(leanUp);
        reclip.resetDirection();
        report.set(CalibrationStatus.LEAN_SET, tUs, lean, 0, -1);
        return CalibrationStatus.LEAN_SET;
    }
}
