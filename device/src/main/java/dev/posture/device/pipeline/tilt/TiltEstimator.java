package dev.posture.device.pipeline.tilt;

import dev.posture.device.pipeline.ImuScale;
import dev.posture.device.pipeline.fixed.FixedMath;
import dev.posture.device.pipeline.fixed.Q;

/**
 * Fixed-point tilt estimator: the "up" unit vector (away from the Earth) in the sensor frame, from raw
 * gyroscope and accelerometer counts. Integer arithmetic only in {@link #update}, no allocation after
 * construction, any sample rate from 25 to 1000 Hz. Its plain {@code double} twin is
 * {@code DoubleTiltEstimator} in the tests.
 *
 * <p>The algorithm follows VQF (Laidig &amp; Seel, Information Fusion 2023) in its 6D, inclination-only
 * form, with VQF's motion bias estimator replaced by a cheaper drift state in the low-pass. One
 * update is the list of steps below; {@code device/docs/estimator.md} explains each and gives the
 * measured accuracy and cost.
 * <ol>
 *   <li>{@code lowPassGyro}: first-order low-pass of the gyro (the bias measurement at rest).</li>
 *   <li>{@code stepAngle}, {@code stepMatrix}, {@code rotateStates}: the I-frame ("almost
 *       inertial", gyro-integrated frame) vectors, the low-pass states, are kept in sensor
 *       coordinates and turned by the inverse of this step's rotation (gyro - bias), so they stay
 *       fixed in the I frame.</li>
 *   <li>{@code limitShock}: the accelerometer's innovation against the gravity estimate, limited to
 *       the shock limit.</li>
 *   <li>{@code detectRest}: gyro near its low-pass and accelerometer near the gravity estimate for
 *       restMinS.</li>
 *   <li>{@code estimateBiasAtRest}: at rest, a scalar Kalman filter pulls the gyro bias toward the
 *       gyro low-pass.</li>
 *   <li>{@code lowPassAcc}: 2nd-order Butterworth low-pass in the I frame with an extra integrating
 *       state that absorbs a steady drift of the I frame (gyro bias and scale errors in motion).</li>
 *   <li>{@code normalizeUp}: up = y / |y|.</li>
 *   <li>{@code predictOutput}: optional extrapolation of up by a known sensor latency.</li>
 * </ol>
 * From {@link #PAIR_MIN_RATE_HZ} up, the low-pass runs on pairs of samples (filter period Tf = 2 Ts),
 * which nearly halves the cost: the first sample of a pair is only kept and turns the output by its
 * gyro step ({@code firstOfPair}; computed when the output is first read, {@code turnOutput}); the
 * second turns the states by the sum of both steps, feeds the pair's mean acc and gyro to the
 * low-passes and detects rest on both samples
 * ({@code combineSteps}, {@code pairInput}, {@code lowPassGyroPair}).
 *
 * <p>Internal formats (each field says its own): rates and angles per sample "theta" in rad per
 * sample, Q.38 in a long; accelerometer "acc units" = counts &lt;&lt; accShift, so that 1 g is in
 * (2^26, 2^27]; gains, rotation matrix and unit vectors in Q2.30. The bounds that rule out overflow
 * are given where products are formed.
 */
public final class TiltEstimator {
    /** Fractional bits of the per-sample angle unit (rad per sample). */
    static final int THETA_FRAC = 38;
    /** Extra fractional bits of the drift state z over acc units. */
    static final int Z_FRAC = 12;
    /** Acc units: 1 g is at most 2^ACC_G_BITS units. */
    static final int ACC_G_BITS = 27;
    /** Below this low-passed specific force (free fall, no data) up holds, g. */
    static final double MIN_NORM_G = 0.25;
    /** The rest bias Kalman filter runs at about this rate, Hz. */
    static final double BIAS_RATE_HZ = 25;

    /** Filter steps per bias update at a filter step rate. */
    static int biasEvery(double stepRateHz) {
        return Math.max(1, (int) Math.round(stepRateHz / BIAS_RATE_HZ));
    }

    /** From this rate up, the low-pass runs on pairs of samples, Hz. */
    public static final double PAIR_MIN_RATE_HZ = 100;
    /** Bound of one filter step's rotation per axis, rad (46 deg: 1146 deg/s at 25 Hz). */
    static final double MAX_STEP_RAD = 0.8;
    private static final long MAX_STEP = Q.toQ30(MAX_STEP_RAD);

    // sin(t)/t ~ 1 - t^2/6 and (1 - cos t)/t^2 ~ 1/2 - t^2/24, Q2.30
    private static final long A1 = Q.toQ30(-1.0 / 6), B1 = Q.toQ30(-1.0 / 24);

    private final TiltParams params;
    private final ImuScale scale;
    private final double sampleRateHz;

    // ---- coefficients (derived once from params, scale and sample rate) ----
    private final long gyrToTheta;      // theta per gyro count, rad/sample Q.38
    private final int accShift;         // acc units = counts << accShift
    private final boolean paired;       // the low-pass runs on pairs of samples (rate >= PAIR_MIN_RATE_HZ)
    private final int stepSamples;      // samples per filter step: 2 if paired, else 1
    private final long kAcc;            // acc low-pass step gain omega_c Tf, Q2.30 (omega_c = sqrt2 / tauAcc)
    private final long kAccSqrt2;       // sqrt2 kAcc, Q2.30
    private final long kDrift;          // drift state gain kAcc Tf / driftTime, Q.42 (z has Z_FRAC more bits)
    private final long driftClip;       // bound of z per axis: biasClip Tf g, acc units << Z_FRAC
    private final long kRest;           // gyro low-pass step gain Tf / restFilterTau, Q2.30
    private final long restThGyr2;      // squared gyro deviation bound, (counts * 16)^2
    private final long restThAcc2;      // squared acc deviation bound, (acc units >> 10)^2
    private final int restMinSamples;   // samples within bounds before rest is declared
    private final long biasClipCounts;  // bias bound for the gyro low-pass, counts << 16
    private final long biasClipTheta;   // bound of the bias and of one bias measurement, rad/sample Q.38
    private final long biasP0;          // bias variance at start, (0.01 deg/s)^2 Q.20
    private final int biasEvery;        // filter steps per bias update (about BIAS_RATE_HZ updates per second)
    private final long biasV;           // bias variance growth per update, (0.01 deg/s)^2 Q.20
    private final long biasRestW;       // variance of one rest measurement, (0.01 deg/s)^2 Q.20
    private final long shock;           // shock limit, acc units >> 10
    private final long shock2;          // its square
    private final long minNorm2;        // smallest |y|^2 that defines up, (acc units >> 4)^2
    private final long leadSamples;     // output lead in samples, Q.16 (0 = off)
    private final boolean limitStep;    // the gyro full scale can exceed MAX_STEP_RAD per filter step

    // ---- state ----
    private boolean started;
    private long accY0, accY1, accY2;   // acc low-pass output (gravity estimate), I-frame vector, acc units
    private long accV0, accV1, accV2;   // acc low-pass state y'/omega_c, I-frame vector, acc units
    private long accZ0, accZ1, accZ2;   // low-pass drift state -Tf drift x y, I-frame vector, acc units << Z_FRAC
    private long gyrLp0, gyrLp1, gyrLp2; // low-pass of the gyro, counts << 16
    private int restSamples;            // samples within the rest bounds, counted up to restMinSamples
    private boolean rest;               // rest detected
    private long bias0, bias1, bias2;   // gyro bias, rad/sample Q.38
    private long biasP;                 // bias variance, (0.01 deg/s)^2 Q.20
    private int biasCountdown;          // filter steps to the next bias update
    private int up0, up1, up2 = Q.ONE30; // up, unit vector Q2.30
    private int out0, out1, out2 = Q.ONE30; // output: up, extrapolated by the lead, Q2.30
    private boolean pending;            // the first sample of a pair is waiting
    private boolean outDue;             // the first sample of a pair has not turned the output yet (done when read)
    private int firstG0, firstG1, firstG2;  // its gyro counts
    private long firstT0, firstT1, firstT2; // its rotation vector, rad Q2.30
    private long firstX0, firstX1, firstX2; // its accelerometer sample, acc units

    // ---- per-sample scratch (fields, not arrays: no allocation, no bounds checks) ----
    private long w0, w1, w2;            // gyro - bias, rad/sample Q.38
    private long m00, m01, m02, m10, m11, m12, m20, m21, m22; // step rotation (inverse), Q2.30
    private long e0, e1, e2;            // accelerometer innovation after the shock limit, acc units
    private long tx, ty, tz;            // this step's rotation vector, rad Q2.30
    private long xin0, xin1, xin2;      // the low-pass input, acc units

    /**
     * @param params       tuning parameters in physical units
     * @param scale        sensitivity of the raw counts; full scale at most 16 g and 4000 deg/s
     * @param sampleRateHz 25 to 1000 Hz
     */
    public TiltEstimator(TiltParams params, ImuScale scale, double sampleRateHz) {
        if (!(sampleRateHz >= 25 && sampleRateHz <= 1000)) {
            throw new IllegalArgumentException("sample rate must be 25..1000 Hz: " + sampleRateHz);
        }
        if (scale.accLsbPerG() < 2048) {
            throw new IllegalArgumentException("accelerometer full scale above 16 g: " + scale.accLsbPerG() + " LSB/g");
        }
        if (scale.gyrFullScaleDps() > 4000) {
            throw new IllegalArgumentException("gyroscope full scale above 4000 deg/s: " + scale.gyrLsbPerDps() + " LSB/(deg/s)");
        }
        this.params = params;
        this.scale = scale;
        this.sampleRateHz = sampleRateHz;
        double ts = 1 / sampleRateHz;
        paired = sampleRateHz >= PAIR_MIN_RATE_HZ;
        stepSamples = paired ? 2 : 1;
        double tf = stepSamples * ts;

        gyrToTheta = Q.toFixed(Math.toRadians(1 / scale.gyrLsbPerDps()) * ts, THETA_FRAC);
        accShift = ACC_G_BITS - (int) Math.ceil(Math.log(scale.accLsbPerG()) / Math.log(2) - 1e-12);
        double accOneG = Math.scalb(scale.accLsbPerG(), accShift); // acc units per g, in (2^26, 2^27]
        double accPerMs2 = accOneG / ImuScale.STANDARD_GRAVITY;

        if (params.tauAccS() < 2 * tf || params.restFilterTauS() < tf) {
            throw new IllegalArgumentException("tauAccS (" + params.tauAccS() + " s) must be at least 2 and restFilterTauS ("
                    + params.restFilterTauS() + " s) at least 1 filter step (" + tf + " s)");
        }
        double kAccD = Math.sqrt(2) / params.tauAccS() * tf; // <= 0.71: the semi-implicit Euler step is stable
        kAcc = Q.toQ30(kAccD);
        kAccSqrt2 = Q.toQ30(kAccD * Math.sqrt(2));
        kDrift = params.driftTimeS() > 0 ? Q.toFixed(kAccD * tf / params.driftTimeS(), Q.FRAC30 + Z_FRAC) : 0;
        if (kDrift >= 1L << 33) { // kDrift |v| must stay below 2^63 (|v| < 2^29.5)
            throw new IllegalArgumentException("driftTimeS " + params.driftTimeS() + " s is too short for tauAccS "
                    + params.tauAccS() + " s at " + sampleRateHz + " Hz");
        }
        driftClip = Math.round(Math.scalb(Math.toRadians(params.biasClipDps()) * tf * accOneG, Z_FRAC));
        kRest = Q.toQ30(tf / params.restFilterTauS());
        double thGyr = params.restThGyrDps() * scale.gyrLsbPerDps() * 16;
        restThGyr2 = Math.round(thGyr * thGyr);
        double thAcc = Math.scalb(params.restThAccMs2() * accPerMs2, -10);
        restThAcc2 = Math.round(thAcc * thAcc);
        restMinSamples = (int) Math.ceil(params.restMinS() * sampleRateHz);
        biasClipCounts = Math.round(Math.scalb(params.biasClipDps() * scale.gyrLsbPerDps(), 16));
        biasClipTheta = Q.toFixed(Math.toRadians(params.biasClipDps()) * ts, THETA_FRAC);
        double p0 = sq(params.biasSigmaInitDps() * 100);
        biasEvery = biasEvery(sampleRateHz / stepSamples);
        double v = sq(0.1 * 100) * biasEvery * tf / params.biasForgettingTimeS();
        double pRest = sq(params.biasSigmaRestDps() * 100);
        biasP0 = Q.toFixed(p0, 20);
        biasV = Q.toFixed(v, 20);
        biasRestW = Q.toFixed(sq(pRest) / v + pRest, 20);
        shock = Math.round(Math.scalb(params.shockLimitMs2() * accPerMs2, -10));
        shock2 = shock * shock;
        double minNorm = Math.scalb(MIN_NORM_G * accOneG, -4);
        minNorm2 = Math.round(minNorm * minNorm);
        leadSamples = Q.toFixed(params.outputLeadS() * sampleRateHz, 16);
        limitStep = Math.toRadians(scale.gyrFullScaleDps() + 2 * params.biasClipDps()) * tf >= MAX_STEP_RAD;
        reset();
    }

    /** Forgets everything learned (bias, drift, rest, up); the next sample starts the filters again. */
    public void reset() {
        started = false;
        accY0 = accY1 = accY2 = accV0 = accV1 = accV2 = accZ0 = accZ1 = accZ2 = 0;
        gyrLp0 = gyrLp1 = gyrLp2 = 0;
        restSamples = 0;
        rest = false;
        bias0 = bias1 = bias2 = 0;
        biasP = biasP0;
        biasCountdown = 0;
        up0 = up1 = 0;
        up2 = Q.ONE30;
        out0 = out1 = 0;
        out2 = Q.ONE30;
        pending = false;
        outDue = false;
    }

    /**
     * One sample of raw counts (int16 range), sensor frame: gyroscope {@code gx, gy, gz} and
     * accelerometer (specific force, +1 g on the axis pointing up at rest) {@code ax, ay, az}.
     */
    public void update(int gx, int gy, int gz, int ax, int ay, int az) {
        long x0 = (long) ax << accShift, x1 = (long) ay << accShift, x2 = (long) az << accShift;
        if (!started) {
            start(gx, gy, gz, x0, x1, x2);
        }
        stepAngle(gx, gy, gz);
        long devGyr;
        if (paired) {
            if (!pending) {
                firstOfPair(gx, gy, gz, x0, x1, x2);
                return;
            }
            pending = false;
            outDue = false;             // predictOutput below writes this sample's output
            devGyr = lowPassGyroPair(gx, gy, gz);
            pairInput(x0, x1, x2);
            combineSteps();
        } else {
            devGyr = lowPassGyro(gx, gy, gz);
            xin0 = x0;
            xin1 = x1;
            xin2 = x2;
        }
        if (limitStep) {                // only at low rates with a large gyro full scale
            limitStepAngle();
        }
        stepMatrix();
        rotateStates();
        long devAcc = limitShock(xin0, xin1, xin2);
        detectRest(devGyr, devAcc);
        estimateBiasAtRest();
        lowPassAcc();
        normalizeUp();
        predictOutput(up0, up1, up2);
    }

    /**
     * Up vector, x component, Q2.30. Unit length within 2e-6, except with a lead and on the first
     * sample of a pair (within 3|t|^4/8 for a gyro step of t rad: 4e-8 at 300 deg/s and 285 Hz,
     * 6e-3 at 2000 deg/s and 100 Hz).
     */
    public int upX() {
        if (outDue) {
            turnOutput();
        }
        return out0;
    }

    /** Up vector, y component, Q2.30. */
    public int upY() {
        if (outDue) {
            turnOutput();
        }
        return out1;
    }

    /** Up vector, z component, Q2.30. */
    public int upZ() {
        if (outDue) {
            turnOutput();
        }
        return out2;
    }

    /**
     * True after the first sample of a pair (rates from {@link #PAIR_MIN_RATE_HZ}): the filters wait
     * for the second sample and the output is the last filtered up turned by this sample's gyro step.
     */
    public boolean midPair() {
        return pending;
    }

    /** True while the sensor is at rest (the gyro bias is being learned). */
    public boolean atRest() {
        return rest;
    }

    /** Gyro bias estimate on axis 0..2, deg/s (for telemetry and tests; not for the sampling loop). */
    public double biasDps(int axis) {
        long b = axis == 0 ? bias0 : axis == 1 ? bias1 : bias2;
        return Math.toDegrees(Math.scalb((double) b, -THETA_FRAC) * sampleRateHz);
    }

    /**
     * Drift rate of the almost-inertial frame across up, sensor axis 0..2, deg/s, from the drift state
     * z = -Tf drift x y (telemetry and tests; not for the sampling loop).
     */
    public double driftDps(int axis) {
        double y0 = accY0, y1 = accY1, y2 = accY2;
        double z0 = Math.scalb((double) accZ0, -Z_FRAC), z1 = Math.scalb((double) accZ1, -Z_FRAC), z2 = Math.scalb((double) accZ2, -Z_FRAC);
        double c = axis == 0 ? y1 * z2 - y2 * z1 : axis == 1 ? y2 * z0 - y0 * z2 : y0 * z1 - y1 * z0;
        return Math.toDegrees(c / (y0 * y0 + y1 * y1 + y2 * y2) * sampleRateHz / (paired ? 2 : 1));
    }

    public TiltParams params() {
        return params;
    }

    public ImuScale scale() {
        return scale;
    }

    public double sampleRateHz() {
        return sampleRateHz;
    }

    // ---- steps (each below C2's inlining size limit of 325 bytecodes, so update compiles into one
    // piece of straight-line code) ----

    private void start(int gx, int gy, int gz, long x0, long x1, long x2) {
        accY0 = x0;
        accY1 = x1;
        accY2 = x2;
        gyrLp0 = (long) gx << 16;
        gyrLp1 = (long) gy << 16;
        gyrLp2 = (long) gz << 16;
        started = true;
        normalizeUp();
    }

    /** First-order low-pass of the gyro; returns the squared deviation from it, (counts * 16)^2. */
    private long lowPassGyro(int gx, int gy, int gz) {
        long g0 = (long) gx << 16, g1 = (long) gy << 16, g2 = (long) gz << 16;
        // |g - lp| < 2^32 and kRest < 2^27: products < 2^59
        gyrLp0 += Q.mul30(kRest, g0 - gyrLp0);
        gyrLp1 += Q.mul30(kRest, g1 - gyrLp1);
        gyrLp2 += Q.mul30(kRest, g2 - gyrLp2);
        return deviation(g0, g1, g2);
    }

    /** The gyro low-pass fed the pair's mean; returns the larger squared deviation of the two samples. */
    private long lowPassGyroPair(int gx, int gy, int gz) {
        gyrLp0 += Q.mul30(kRest, (((long) firstG0 + gx) << 15) - gyrLp0);
        gyrLp1 += Q.mul30(kRest, (((long) firstG1 + gy) << 15) - gyrLp1);
        gyrLp2 += Q.mul30(kRest, (((long) firstG2 + gz) << 15) - gyrLp2);
        return Math.max(deviation((long) firstG0 << 16, (long) firstG1 << 16, (long) firstG2 << 16),
                deviation((long) gx << 16, (long) gy << 16, (long) gz << 16));
    }

    private long deviation(long g0, long g1, long g2) {
        long d0 = (g0 - gyrLp0) >> 12, d1 = (g1 - gyrLp1) >> 12, d2 = (g2 - gyrLp2) >> 12; // < 2^20
        return d0 * d0 + d1 * d1 + d2 * d2;
    }

    /** This sample's rotation vector t = (gyro - bias) Ts. */
    private void stepAngle(int gx, int gy, int gz) {
        w0 = gx * gyrToTheta - bias0;   // |counts| <= 2^15, gyrToTheta < 2^29
        w1 = gy * gyrToTheta - bias1;
        w2 = gz * gyrToTheta - bias2;
        tx = Q.shiftRound(w0, THETA_FRAC - Q.FRAC30); // Q2.30; < 2.8 rad (4000 deg/s at 25 Hz), < 0.71 rad from 100 Hz
        ty = Q.shiftRound(w1, THETA_FRAC - Q.FRAC30);
        tz = Q.shiftRound(w2, THETA_FRAC - Q.FRAC30);
    }

    /** The filter step's rotation, each axis limited to {@link #MAX_STEP_RAD} (where the gyro can exceed it). */
    private void limitStepAngle() {
        tx = Q.clamp(tx, MAX_STEP);
        ty = Q.clamp(ty, MAX_STEP);
        tz = Q.clamp(tz, MAX_STEP);
    }

    /**
     * First sample of a pair: kept for the second; the output, this sample's step turning the last
     * filtered up ({@link #turnOutput}), is due and computed when first read (a pipeline that judges
     * pairs never reads it on the sampling thread; replay and telemetry get the same value).
     */
    private void firstOfPair(int gx, int gy, int gz, long x0, long x1, long x2) {
        firstG0 = gx;
        firstG1 = gy;
        firstG2 = gz;
        firstT0 = tx;
        firstT1 = ty;
        firstT2 = tz;
        firstX0 = x0;
        firstX1 = x1;
        firstX2 = x2;
        pending = true;
        outDue = true;
    }

    /**
     * The first sample's output: up turned by its step t, (u + u x t) (1 - |u x t|^2 / 2), first
     * order and renormalised to second order (then the lead, from this sample's rate w).
     */
    private void turnOutput() {
        outDue = false;
        long tx = firstT0, ty = firstT1, tz = firstT2;
        long c0 = Q.mul30(up1, tz) - Q.mul30(up2, ty);   // |t| <= 0.8 rad: |c| < 2^30
        long c1 = Q.mul30(up2, tx) - Q.mul30(up0, tz);
        long c2 = Q.mul30(up0, ty) - Q.mul30(up1, tx);
        long f = Q.ONE30 - ((c0 * c0 + c1 * c1 + c2 * c2) >> 31);
        predictOutput(Q.mul30(up0 + c0, f), Q.mul30(up1 + c1, f), Q.mul30(up2 + c2, f));
    }

    /** The low-pass input of a pair: the mean of the first sample turned into this frame (x + x x t, first order) and this one. */
    private void pairInput(long x0, long x1, long x2) {
        long a0 = firstX0, a1 = firstX1, a2 = firstX2; // < 2^31, |t| < 2^30
        xin0 = (a0 + Q.mul30(a1, tz) - Q.mul30(a2, ty) + x0) >> 1;
        xin1 = (a1 + Q.mul30(a2, tx) - Q.mul30(a0, tz) + x1) >> 1;
        xin2 = (a2 + Q.mul30(a0, ty) - Q.mul30(a1, tx) + x2) >> 1;
    }

    /**
     * Both steps of a pair as one rotation vector t1 + t2. The coning term (t1 x t2) / 2 of the exact
     * composition is left out: it is a steady drift under coning vibration, which the drift state
     * absorbs (0.5 deg of 10 Hz coning at 100 Hz: 0.03 deg/s); on BROAD it changes nothing.
     */
    private void combineSteps() {
        tx += firstT0;
        ty += firstT1;
        tz += firstT2;
    }

    /**
     * The inverse of the step rotation t: Rodrigues' matrix I - a [t]x + b [t]x^2 with
     * a = sin|t|/|t| and b = (1 - cos|t|)/|t|^2 by their series to |t|^2 (relative error below
     * |t|^4/120: 1e-7 at 0.1 rad, 3e-3 at the 0.8 rad bound; a pair at 100 Hz and above stays below 0.7 rad).
     */
    private void stepMatrix() {
        long xx = Q.mul30(tx, tx), yy = Q.mul30(ty, ty), zz = Q.mul30(tz, tz);
        long t2 = xx + yy + zz;         // <= 1.92 in Q2.30
        long a = Q.ONE30 + Q.mul30(t2, A1);
        long b = Q.ONE30 / 2 + Q.mul30(t2, B1);
        long bxy = Q.mul30(b, Q.mul30(tx, ty)), bxz = Q.mul30(b, Q.mul30(tx, tz)), byz = Q.mul30(b, Q.mul30(ty, tz));
        long atx = Q.mul30(a, tx), aty = Q.mul30(a, ty), atz = Q.mul30(a, tz);
        m00 = Q.ONE30 - Q.mul30(b, yy + zz);
        m11 = Q.ONE30 - Q.mul30(b, xx + zz);
        m22 = Q.ONE30 - Q.mul30(b, xx + yy);
        m01 = bxy + atz;
        m10 = bxy - atz;
        m02 = bxz - aty;
        m20 = bxz + aty;
        m12 = byz + atx;
        m21 = byz - atx;
    }

    /** Turns the I-frame vectors (the low-pass states) by the step rotation. */
    private void rotateStates() {
        // |y| < 2^31.8, |v| < 2^30 (shock limit <= 8 g), |z| < 2^31 (bias clip <= 5 deg/s): row products < 2^62
        long y0 = accY0, y1 = accY1, y2 = accY2;
        accY0 = rot(m00, m01, m02, y0, y1, y2);
        accY1 = rot(m10, m11, m12, y0, y1, y2);
        accY2 = rot(m20, m21, m22, y0, y1, y2);
        long v0 = accV0, v1 = accV1, v2 = accV2;
        accV0 = rot(m00, m01, m02, v0, v1, v2);
        accV1 = rot(m10, m11, m12, v0, v1, v2);
        accV2 = rot(m20, m21, m22, v0, v1, v2);
        long z0 = accZ0, z1 = accZ1, z2 = accZ2;
        accZ0 = rot(m00, m01, m02, z0, z1, z2);
        accZ1 = rot(m10, m11, m12, z0, z1, z2);
        accZ2 = rot(m20, m21, m22, z0, z1, z2);
    }

    /** One row of a Q2.30 matrix times a vector, rounded. */
    private static long rot(long ma, long mb, long mc, long x, long y, long z) {
        return (ma * x + mb * y + mc * z + Q.HALF30) >> Q.FRAC30;
    }

    /**
     * Innovation e = acc - y (y already turned to this sample), limited to the shock limit. Returns
     * |acc - y|^2 in (acc units >> 10)^2, the rest detector's acc deviation.
     */
    private long limitShock(long x0, long x1, long x2) {
        long d0 = x0 - accY0, d1 = x1 - accY1, d2 = x2 - accY2; // < 2^33
        long s0 = d0 >> 10, s1 = d1 >> 10, s2 = d2 >> 10;
        long s = s0 * s0 + s1 * s1 + s2 * s2;                   // < 2^47
        if (s > shock2) {
            long f = (shock * FixedMath.invSqrt62(s)) >> 32; // shock / |d| in Q2.30, < 1
            d0 = Q.mul30(d0, f);
            d1 = Q.mul30(d1, f);
            d2 = Q.mul30(d2, f);
        }
        e0 = d0;
        e1 = d1;
        e2 = d2;
        return s;
    }

    /**
     * Rest: the gyro stays near its low-pass (and that within the bias bound) and the accelerometer
     * near the gravity estimate, for restMinSamples.
     */
    private void detectRest(long devGyr, long devAcc) {
        boolean still = devGyr < restThGyr2 && devAcc < restThAcc2
                && Math.abs(gyrLp0) <= biasClipCounts && Math.abs(gyrLp1) <= biasClipCounts
                && Math.abs(gyrLp2) <= biasClipCounts;
        if (!still) {
            restSamples = 0;
            rest = false;
        } else if (restSamples < restMinSamples) {
            restSamples += stepSamples;
            rest = restSamples >= restMinSamples;
        }
    }

    /**
     * Scalar Kalman filter (same variance on every axis): the gyro low-pass measures the bias at rest,
     * every biasEvery samples (the low-pass is far slower than that; steady-state sigma as VQF's).
     */
    private void estimateBiasAtRest() {
        if (--biasCountdown > 0) {
            return;
        }
        biasCountdown = biasEvery;
        if (biasP < biasP0) {
            biasP += biasV;
        }
        if (!rest) {
            return;
        }
        long k = (biasP << 30) / (biasP + biasRestW); // Q2.30; biasP < 2^32
        bias0 = biasStep(bias0, gyrLp0, k);
        bias1 = biasStep(bias1, gyrLp1, k);
        bias2 = biasStep(bias2, gyrLp2, k);
        biasP -= Q.mul30(k, biasP);
    }

    private long biasStep(long bias, long gyrLp, long k) {
        long measured = Q.shiftRound(gyrLp * gyrToTheta, 16); // |gyrLp| <= 2^31, gyrToTheta < 2^29
        long e = Q.clamp(measured - bias, biasClipTheta);
        return Q.clamp(bias + Q.mul30(k, e), biasClipTheta);
    }

    /**
     * 2nd-order Butterworth low-pass, semi-implicit Euler: v += k (e - sqrt2 v); y += k v; plus the
     * drift state: y += z; z += kDrift v (z = -Ts drift x y absorbs a steady drift of the I frame).
     */
    private void lowPassAcc() {
        // |e| <= 8 g < 2^30 after the limit, |v| <= |e| / sqrt2 < 2^29.5, kAcc <= 0.71, kDrift < 2^33
        accV0 += Q.mul30(kAcc, e0) - Q.mul30(kAccSqrt2, accV0);
        accV1 += Q.mul30(kAcc, e1) - Q.mul30(kAccSqrt2, accV1);
        accV2 += Q.mul30(kAcc, e2) - Q.mul30(kAccSqrt2, accV2);
        accY0 += Q.mul30(kAcc, accV0) + Q.shiftRound(accZ0, Z_FRAC);
        accY1 += Q.mul30(kAcc, accV1) + Q.shiftRound(accZ1, Z_FRAC);
        accY2 += Q.mul30(kAcc, accV2) + Q.shiftRound(accZ2, Z_FRAC);
        accZ0 = Q.clamp(accZ0 + Q.mul30(kDrift, accV0), driftClip);
        accZ1 = Q.clamp(accZ1 + Q.mul30(kDrift, accV1), driftClip);
        accZ2 = Q.clamp(accZ2 + Q.mul30(kDrift, accV2), driftClip);
    }

    /** up = y / |y| in Q2.30 (length within 2e-6); held while |y| is below MIN_NORM_G (free fall, no data). */
    private void normalizeUp() {
        long y0 = accY0 >> 4, y1 = accY1 >> 4, y2 = accY2 >> 4; // < 2^28
        long n2 = y0 * y0 + y1 * y1 + y2 * y2;
        if (n2 >= minNorm2) {
            long inv = FixedMath.invSqrt62Fast(n2);      // 2^62 / |y| (1 +- 2e-6): |y_i| * inv < 2^62.01
            up0 = (int) ((y0 * inv + (1L << 31)) >> 32);
            up1 = (int) ((y1 * inv + (1L << 31)) >> 32);
            up2 = (int) ((y2 * inv + (1L << 31)) >> 32);
        }
    }

    /** A fixed vector u seen from the sensor moves as du/dt = u x w: extrapolate by the lead. */
    private void predictOutput(long u0, long u1, long u2) {
        if (leadSamples == 0) {
            out0 = (int) u0;
            out1 = (int) u1;
            out2 = (int) u2;
            return;
        }
        long x = Q.shiftRound(w0, THETA_FRAC - Q.FRAC30);
        long y = Q.shiftRound(w1, THETA_FRAC - Q.FRAC30);
        long z = Q.shiftRound(w2, THETA_FRAC - Q.FRAC30);
        long c0 = Q.mul30(u1, z) - Q.mul30(u2, y);
        long c1 = Q.mul30(u2, x) - Q.mul30(u0, z);
        long c2 = Q.mul30(u0, y) - Q.mul30(u1, x);
        out0 = Q.saturateToInt(u0 + Q.shiftRound(leadSamples * c0, 16));
        out1 = Q.saturateToInt(u1 + Q.shiftRound(leadSamples * c1, 16));
        out2 = Q.saturateToInt(u2 + Q.shiftRound(leadSamples * c2, 16));
    }

    private static double sq(double x) {
        return x * x;
    }
}
