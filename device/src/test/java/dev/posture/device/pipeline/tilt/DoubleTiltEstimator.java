package dev.posture.device.pipeline.tilt;

/**
 * The plain {@code double} twin of {@link TiltEstimator}: the same algorithm, step for step, without
 * quantisation. Tests run both on the same raw counts and compare (STYLE item 3).
 *
 * <p>Every I-frame ("almost inertial", the gyro-integrated frame) vector is kept in sensor
 * coordinates and rotated by the inverse of each gyro step, which is the same as VQF's "rotate acc
 * into the integrated frame, filter there, rotate back", minus two rotations per sample. The up
 * vector is the normalised output of that low-pass (exactly what VQF's inclination correction
 * converges to in one step). A third, integrating state z of the low-pass absorbs a steady drift of
 * the I frame (gyro bias and scale errors under sustained rotation): z = -Tf drift x y.
 *
 * <p>From {@link TiltEstimator#PAIR_MIN_RATE_HZ} up, the low-pass runs on pairs of samples (filter
 * period Tf = 2 Ts): the first sample of a pair is only kept and turns the output by its gyro step;
 * the second turns the states by the sum of both steps, feeds the pair's mean acc and gyro to the
 * low-passes and detects rest on both samples.
 */
final class DoubleTiltEstimator {
    private static final double SQRT2 = Math.sqrt(2);
    private static final double G = dev.posture.device.pipeline.ImuScale.STANDARD_GRAVITY;
    private static final double MIN_NORM_G = TiltEstimator.MIN_NORM_G;
    private static final double MAX_STEP = TiltEstimator.MAX_STEP_RAD;

    // ---- coefficients (derived once from params and sample rate) ----
    private final double ts;            // sample period, s
    private final boolean paired;       // the low-pass runs on pairs of samples
    private final int stepSamples;      // samples per filter step: 2 if paired, else 1
    private final double kAcc;          // acc low-pass step gain omega_c Tf, omega_c = sqrt2 / tauAcc
    private final double kRest;         // rest low-pass (1st order) step gain Tf / restFilterTau
    private final double restThGyr2;    // squared gyro deviation bound, (rad/s)^2
    private final double restThAcc2;    // squared acc deviation bound, (m/s^2)^2
    private final int restMinSamples;   // samples the bounds must hold before rest is declared
    private final double biasClip;      // bound of bias, drift and one bias measurement, rad/s
    private final double biasP0;        // bias variance at start, (0.01 deg/s)^2
    private final int biasEvery;        // filter steps per bias update (about BIAS_RATE_HZ updates per second)
    private final double biasV;         // bias variance growth per update, (0.01 deg/s)^2
    private final double biasRestW;     // variance of one rest measurement, (0.01 deg/s)^2
    private final double kDrift;        // drift state gain kAcc Tf / driftTime (0 = off)
    private final double driftClip;     // bound of the drift state per axis: biasClip Tf g, m/s^2
    private final double minNorm;       // smallest |accY| that defines an up vector, m/s^2
    private final double shock2;        // squared shock limit, (m/s^2)^2
    private final double shock;         // shock limit, m/s^2
    private final double lead;          // output lead, s

    // ---- state ----
    private boolean started;
    private final double[] accY = new double[3];   // acc low-pass output (I-frame vector), m/s^2
    private final double[] accV = new double[3];   // acc low-pass state y'/omega_c (I-frame vector), m/s^2
    private final double[] accZ = new double[3];   // acc low-pass drift state -Ts drift x y (I-frame vector), m/s^2
    private final double[] gyrLp = new double[3];  // rest low-pass of the gyro, rad/s
    private int restSamples;                       // samples within the rest bounds, capped
    private boolean rest;                          // rest detected
    private final double[] bias = new double[3];   // gyro bias estimate, rad/s
    private double biasP;                          // bias variance, (0.01 deg/s)^2
    private int biasCountdown;                     // samples to the next bias update
    private final double[] up = {0, 0, 1};         // unit up vector, sensor frame
    private final double[] out = {0, 0, 1};        // output (up predicted by lead), sensor frame
    private final double[] innovation = new double[3]; // acc - y after the shock limit, m/s^2
    private boolean pending;                       // the first sample of a pair is waiting
    private final double[] firstStep = new double[3]; // its rotation vector, rad
    private final double[] firstAcc = new double[3];  // its accelerometer sample, m/s^2
    private final double[] firstGyr = new double[3];  // its gyro sample, rad/s

    DoubleTiltEstimator(TiltParams p, double sampleRateHz) {
        this(p, sampleRateHz, sampleRateHz >= TiltEstimator.PAIR_MIN_RATE_HZ);
    }

    /** Research: with or without pairs regardless of the rate. */
    DoubleTiltEstimator(TiltParams p, double sampleRateHz, boolean pairs) {
        ts = 1.0 / sampleRateHz;
        paired = pairs;
        stepSamples = paired ? 2 : 1;
        double tf = stepSamples * ts;
        kAcc = SQRT2 / p.tauAccS() * tf;
        kRest = tf / p.restFilterTauS();
        restThGyr2 = sq(Math.toRadians(p.restThGyrDps()));
        restThAcc2 = sq(p.restThAccMs2());
        restMinSamples = (int) Math.ceil(p.restMinS() * sampleRateHz);
        biasClip = Math.toRadians(p.biasClipDps());
        biasP0 = sq(p.biasSigmaInitDps() * 100);
        biasEvery = TiltEstimator.biasEvery(sampleRateHz / stepSamples);
        biasV = sq(0.1 * 100) * biasEvery * tf / p.biasForgettingTimeS();
        double pRest = sq(p.biasSigmaRestDps() * 100);
        biasRestW = sq(pRest) / biasV + pRest;
        kDrift = p.driftTimeS() > 0 ? kAcc * tf / p.driftTimeS() : 0;
        driftClip = biasClip * tf * G;
        minNorm = MIN_NORM_G * G;
        shock = p.shockLimitMs2();
        shock2 = sq(shock);
        lead = p.outputLeadS();
        biasP = biasP0;
    }

    /** One sample: gyro in rad/s, accelerometer (specific force) in m/s^2, both in the sensor frame. */
    void update(double gx, double gy, double gz, double ax, double ay, double az) {
        if (!started) {
            start(gx, gy, gz, ax, ay, az);
        }
        double wx = gx - bias[0], wy = gy - bias[1], wz = gz - bias[2];
        double tx = wx * ts, ty = wy * ts, tz = wz * ts;
        double devGyr;
        if (!paired) {
            devGyr = lowPassGyro(gx, gy, gz);
            rotateInertialVectors(clamp(tx, MAX_STEP), clamp(ty, MAX_STEP), clamp(tz, MAX_STEP));
        } else if (!pending) {
            firstOfPair(gx, gy, gz, tx, ty, tz, ax, ay, az);
            predictOutput(turned, wx, wy, wz);
            return;
        } else {
            pending = false;
            double[] g = firstGyr;
            lowPassGyro((g[0] + gx) / 2, (g[1] + gy) / 2, (g[2] + gz) / 2);
            devGyr = Math.max(sq(g[0] - gyrLp[0]) + sq(g[1] - gyrLp[1]) + sq(g[2] - gyrLp[2]),
                    sq(gx - gyrLp[0]) + sq(gy - gyrLp[1]) + sq(gz - gyrLp[2]));
            // both steps at once: t1 + t2 (the coning term (t1 x t2) / 2 is left out, see TiltEstimator)
            double[] f = firstStep;
            rotateInertialVectors(clamp(f[0] + tx, MAX_STEP), clamp(f[1] + ty, MAX_STEP), clamp(f[2] + tz, MAX_STEP));
            // the first sample's acc turned into this sample's frame to first order: x + x x t2; the mean
            double[] x = firstAcc;
            ax = (x[0] + x[1] * tz - x[2] * ty + ax) / 2;
            ay = (x[1] + x[2] * tx - x[0] * tz + ay) / 2;
            az = (x[2] + x[0] * ty - x[1] * tx + az) / 2;
        }
        double devAcc = limitShock(ax, ay, az);
        detectRest(devGyr, devAcc);
        estimateBiasAtRest();
        lowPassAcc();
        predictOutput(up, wx, wy, wz);
    }

    /**
     * First sample of a pair: kept for the second, and the output turned by this sample's step
     * (first order, renormalised to second order).
     */
    private void firstOfPair(double gx, double gy, double gz, double tx, double ty, double tz, double ax, double ay, double az) {
        set(firstGyr, gx, gy, gz);
        set(firstStep, tx, ty, tz);
        set(firstAcc, ax, ay, az);
        pending = true;
        double cx = up[1] * tz - up[2] * ty, cy = up[2] * tx - up[0] * tz, cz = up[0] * ty - up[1] * tx;
        double f = 1 - 0.5 * (cx * cx + cy * cy + cz * cz);
        set(turned, (up[0] + cx) * f, (up[1] + cy) * f, (up[2] + cz) * f);
    }

    private final double[] turned = new double[3];

    double upX() {
        return out[0];
    }

    double upY() {
        return out[1];
    }

    double upZ() {
        return out[2];
    }

    boolean rest() {
        return rest;
    }

    /** Gyro bias estimate, rad/s. */
    double[] bias() {
        return bias.clone();
    }

    /** Drift rate of the almost-inertial frame (sensor coordinates, the part across up), rad/s. */
    double[] drift() {
        double y2 = accY[0] * accY[0] + accY[1] * accY[1] + accY[2] * accY[2];
        double f = 1 / ((paired ? 2 : 1) * ts * y2);
        return new double[] {
            f * (accY[1] * accZ[2] - accY[2] * accZ[1]),
            f * (accY[2] * accZ[0] - accY[0] * accZ[2]),
            f * (accY[0] * accZ[1] - accY[1] * accZ[0])};
    }

    // ---- steps ----

    private void start(double gx, double gy, double gz, double ax, double ay, double az) {
        set(accY, ax, ay, az);
        set(gyrLp, gx, gy, gz);
        started = true;
        double norm = Math.sqrt(ax * ax + ay * ay + az * az);
        if (norm >= minNorm) {
            set(up, ax / norm, ay / norm, az / norm);
        }
    }

    /** Low-pass of the gyro (the bias measurement at rest); returns the squared deviation from it. */
    private double lowPassGyro(double gx, double gy, double gz) {
        gyrLp[0] += kRest * (gx - gyrLp[0]);
        gyrLp[1] += kRest * (gy - gyrLp[1]);
        gyrLp[2] += kRest * (gz - gyrLp[2]);
        return sq(gx - gyrLp[0]) + sq(gy - gyrLp[1]) + sq(gz - gyrLp[2]);
    }

    /**
     * Rest: the gyro stays near its low-pass (and that within the bias bound) and the accelerometer
     * near the gravity estimate, for restMinS.
     */
    private void detectRest(double devGyr, double devAcc) {
        boolean still = devGyr < restThGyr2 && devAcc < restThAcc2
                && Math.abs(gyrLp[0]) <= biasClip && Math.abs(gyrLp[1]) <= biasClip && Math.abs(gyrLp[2]) <= biasClip;
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
        double k = biasP / (biasP + biasRestW);
        for (int i = 0; i < 3; i++) {
            double e = clamp(gyrLp[i] - bias[i], biasClip);
            bias[i] = clamp(bias[i] + k * e, biasClip);
        }
        biasP -= k * biasP;
    }

    /**
     * Rotates the I-frame vectors (the low-pass states) by the inverse of this step's rotation vector
     * t (rad), so they stay fixed in the I frame: Rodrigues' formula with sin(t)/t and
     * (1 - cos(t))/t^2 by their series to t^2 (relative error below t^4/120: 1e-7 at 0.1 rad,
     * 3e-3 at the 0.8 rad bound).
     */
    private void rotateInertialVectors(double tx, double ty, double tz) {
        double xx = tx * tx, yy = ty * ty, zz = tz * tz;
        double t2 = xx + yy + zz;
        double a = 1 - t2 / 6;
        double b = 0.5 - t2 / 24;
        double bxy = b * (tx * ty), bxz = b * (tx * tz), byz = b * (ty * tz);
        double atx = a * tx, aty = a * ty, atz = a * tz;
        m00 = 1 - b * (yy + zz);
        m11 = 1 - b * (xx + zz);
        m22 = 1 - b * (xx + yy);
        m01 = bxy + atz;
        m10 = bxy - atz;
        m02 = bxz - aty;
        m20 = bxz + aty;
        m12 = byz + atx;
        m21 = byz - atx;
        rotate(accY);
        rotate(accV);
        rotate(accZ);
    }

    /**
     * Innovation e = acc - y (y already turned to this sample); shock rejection limits it to the
     * shock limit. Returns |acc - y|^2, the rest detector's acc deviation.
     */
    private double limitShock(double ax, double ay, double az) {
        double ex = ax - accY[0], ey = ay - accY[1], ez = az - accY[2];
        double e2 = ex * ex + ey * ey + ez * ez;
        double f = e2 > shock2 ? shock / Math.sqrt(e2) : 1;
        set(innovation, ex * f, ey * f, ez * f);
        return e2;
    }

    /**
     * 2nd-order Butterworth (cut-off sqrt2/(2 pi tau)), semi-implicit Euler: v += k(e - sqrt2 v);
     * y += k v; plus the drift state: y += z; z += kDrift v. Then up = y / |y|.
     */
    private void lowPassAcc() {
        for (int i = 0; i < 3; i++) {
            accV[i] += kAcc * (innovation[i] - SQRT2 * accV[i]);
            accY[i] += kAcc * accV[i] + accZ[i];
            accZ[i] = clamp(accZ[i] + kDrift * accV[i], driftClip);
        }
        double norm = Math.sqrt(accY[0] * accY[0] + accY[1] * accY[1] + accY[2] * accY[2]);
        if (norm >= minNorm) {
            set(up, accY[0] / norm, accY[1] / norm, accY[2] / norm);
        }
    }

    /** A fixed vector u seen from the sensor moves as du/dt = u x w: extrapolate lead seconds. */
    private void predictOutput(double[] u, double wx, double wy, double wz) {
        out[0] = u[0] + lead * (u[1] * wz - u[2] * wy);
        out[1] = u[1] + lead * (u[2] * wx - u[0] * wz);
        out[2] = u[2] + lead * (u[0] * wy - u[1] * wx);
    }

    // ---- helpers ----
    private double m00, m01, m02, m10, m11, m12, m20, m21, m22;

    private void rotate(double[] v) {
        double x = v[0], y = v[1], z = v[2];
        v[0] = m00 * x + m01 * y + m02 * z;
        v[1] = m10 * x + m11 * y + m12 * z;
        v[2] = m20 * x + m21 * y + m22 * z;
    }

    private static void set(double[] v, double x, double y, double z) {
        v[0] = x;
        v[1] = y;
        v[2] = z;
    }

    private static double clamp(double v, double lim) {
        return Math.max(-lim, Math.min(lim, v));
    }

    private static double sq(double x) {
        return x * x;
    }
}
