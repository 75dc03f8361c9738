package dev.posture.device.pipeline.tilt;

/**
 * The plain {@code double} twin of {@link TiltEstimator}: the same algorithm, step for step, without
 * quantisation. Tests run both on the same raw counts and compare (STYLE item 3).
 *
 * <p>Every I-frame ("almost inertial", the gyro-integrated frame) vector is kept in sensor
 * coordinates and rotated by the inverse of each gyro step, which is the same as VQF's "rotate acc
 * into the integrated frame, filter there, rotate back", minus two rotations per sample. The up
 * vector is the normalised output of that low-pass (exactly what VQF's inclination correction
 * converges to in one step).
 */
final class DoubleTiltEstimator {
    private static final double SQRT2 = Math.sqrt(2);
    private static final double G = dev.posture.device.pipeline.ImuScale.STANDARD_GRAVITY;
    private static final double MIN_NORM_G = TiltEstimator.MIN_NORM_G;
    private static final double MAX_STEP = TiltEstimator.MAX_STEP_RAD;

    // ---- coefficients (derived once from params and sample rate) ----
    private final double ts;            // sample period, s
    private final double kAcc;          // acc low-pass step gain omega_c Ts, omega_c = sqrt2 / tauAcc
    private final double kRest;         // rest low-pass (1st order) step gain Ts / restFilterTau
    private final double restThGyr2;    // squared gyro deviation bound, (rad/s)^2
    private final double restThAcc2;    // squared acc deviation bound, (m/s^2)^2
    private final int restMinSamples;   // samples the bounds must hold before rest is declared
    private final double biasClip;      // bound of bias, drift and one bias measurement, rad/s
    private final double biasP0;        // bias variance at start, (0.01 deg/s)^2
    private final double biasV;         // bias variance growth per sample, (0.01 deg/s)^2
    private final double biasRestW;     // variance of one rest measurement, (0.01 deg/s)^2
    private final double driftGain;     // kAcc / (driftTime g^2), 1/(s (m/s^2)^2) (0 = off)
    private final double minNorm;       // smallest |accY| that defines an up vector, m/s^2
    private final double shock2;        // squared shock limit, (m/s^2)^2
    private final double shock;         // shock limit, m/s^2
    private final double lead;          // output lead, s

    // ---- state ----
    private boolean started;
    private final double[] accY = new double[3];   // acc low-pass output (I-frame vector), m/s^2
    private final double[] accV = new double[3];   // acc low-pass state y'/omega_c (I-frame vector), m/s^2
    private final double[] drift = new double[3];  // drift rate of the I frame, rad/s
    private final double[] driftStep = new double[3]; // last drift increment, applied next sample, rad/s
    private final double[] gyrLp = new double[3];  // rest low-pass of the gyro, rad/s
    private final double[] accLp = new double[3];  // rest low-pass of the accelerometer, m/s^2
    private int restSamples;                       // samples within the rest bounds, capped
    private boolean rest;                          // rest detected
    private final double[] bias = new double[3];   // gyro bias estimate, rad/s
    private double biasP;                          // bias variance, (0.01 deg/s)^2
    private final double[] up = {0, 0, 1};         // unit up vector, sensor frame
    private final double[] out = {0, 0, 1};        // output (up predicted by lead), sensor frame

    DoubleTiltEstimator(TiltParams p, double sampleRateHz) {
        ts = 1.0 / sampleRateHz;
        kAcc = SQRT2 / p.tauAccS() * ts;
        kRest = ts / p.restFilterTauS();
        restThGyr2 = sq(Math.toRadians(p.restThGyrDps()));
        restThAcc2 = sq(p.restThAccMs2());
        restMinSamples = (int) Math.ceil(p.restMinS() * sampleRateHz);
        biasClip = Math.toRadians(p.biasClipDps());
        biasP0 = sq(p.biasSigmaInitDps() * 100);
        biasV = sq(0.1 * 100) * ts / p.biasForgettingTimeS();
        double pRest = sq(p.biasSigmaRestDps() * 100);
        biasRestW = sq(pRest) / biasV + pRest;
        driftGain = p.driftTimeS() > 0 ? kAcc / p.driftTimeS() / (G * G) : 0;
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
        detectRest(gx, gy, gz, ax, ay, az);
        estimateBiasAtRest();
        double wx = gx - bias[0], wy = gy - bias[1], wz = gz - bias[2];
        rotateInertialVectors(clamp((wx + drift[0]) * ts, MAX_STEP), clamp((wy + drift[1]) * ts, MAX_STEP),
                clamp((wz + drift[2]) * ts, MAX_STEP));
        filterAcc(ax, ay, az);
        estimateDrift();
        predictOutput(wx, wy, wz);
    }

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

    /** Drift rate of the almost-inertial frame (sensor coordinates), rad/s. */
    double[] drift() {
        return drift.clone();
    }

    // ---- steps ----

    private void start(double gx, double gy, double gz, double ax, double ay, double az) {
        set(accY, ax, ay, az);
        set(accLp, ax, ay, az);
        set(gyrLp, gx, gy, gz);
        started = true;
    }

    /** Rest: gyro and acc stay near their low-passes (and the gyro low-pass within the bias bound). */
    private void detectRest(double gx, double gy, double gz, double ax, double ay, double az) {
        gyrLp[0] += kRest * (gx - gyrLp[0]);
        gyrLp[1] += kRest * (gy - gyrLp[1]);
        gyrLp[2] += kRest * (gz - gyrLp[2]);
        accLp[0] += kRest * (ax - accLp[0]);
        accLp[1] += kRest * (ay - accLp[1]);
        accLp[2] += kRest * (az - accLp[2]);
        double devGyr = sq(gx - gyrLp[0]) + sq(gy - gyrLp[1]) + sq(gz - gyrLp[2]);
        double devAcc = sq(ax - accLp[0]) + sq(ay - accLp[1]) + sq(az - accLp[2]);
        boolean still = devGyr < restThGyr2 && devAcc < restThAcc2
                && Math.abs(gyrLp[0]) <= biasClip && Math.abs(gyrLp[1]) <= biasClip && Math.abs(gyrLp[2]) <= biasClip;
        if (!still) {
            restSamples = 0;
            rest = false;
        } else if (restSamples < restMinSamples) {
            rest = ++restSamples >= restMinSamples;
        }
    }

    /** Scalar Kalman filter (same variance on every axis): the gyro low-pass measures the bias at rest. */
    private void estimateBiasAtRest() {
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
     * Rotates the I-frame vectors (acc low-pass states, drift) by the inverse of this step's rotation
     * vector t (rad), so they stay fixed in the I frame: Rodrigues' formula with sin(t)/t and
     * (1 - cos(t))/t^2 as series in t^2 (error below 3e-5 for |t| <= 1.39 rad). Then adds the
     * previous sample's drift increment.
     */
    private void rotateInertialVectors(double tx, double ty, double tz) {
        double xx = tx * tx, yy = ty * ty, zz = tz * tz;
        double t2 = xx + yy + zz;
        double a = 1 + t2 * (-1.0 / 6 + t2 * (1.0 / 120 + t2 * (-1.0 / 5040)));
        double b = 0.5 + t2 * (-1.0 / 24 + t2 * (1.0 / 720 + t2 * (-1.0 / 40320)));
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
        rotate(drift);
        for (int i = 0; i < 3; i++) {
            drift[i] = clamp(drift[i] + driftStep[i], biasClip);
        }
    }

    /** Shock rejection: the sample enters the low-pass at most shock (m/s^2) away from its output. */
    private void filterAcc(double ax, double ay, double az) {
        double ex = ax - accY[0], ey = ay - accY[1], ez = az - accY[2];
        double e2 = ex * ex + ey * ey + ez * ez;
        if (e2 > shock2) {
            double f = shock / Math.sqrt(e2);
            ex *= f;
            ey *= f;
            ez *= f;
        }
        // 2nd-order Butterworth (cut-off sqrt2/(2 pi tau)), semi-implicit Euler: v += k(x - y - sqrt2 v); y += k v
        accV[0] += kAcc * (ex - SQRT2 * accV[0]);
        accV[1] += kAcc * (ey - SQRT2 * accV[1]);
        accV[2] += kAcc * (ez - SQRT2 * accV[2]);
        accY[0] += kAcc * accV[0];
        accY[1] += kAcc * accV[1];
        accY[2] += kAcc * accV[2];
        double norm = Math.sqrt(accY[0] * accY[0] + accY[1] * accY[1] + accY[2] * accY[2]);
        if (norm >= minNorm) {
            set(up, accY[0] / norm, accY[1] / norm, accY[2] / norm);
        }
    }

    /**
     * The inclination correction of this step, old up to new up, is u_new x u_old = kAcc (v x y) / |y|^2
     * (the low-pass moved y by kAcc v; |y| is taken as 1 g); integrated with time constant driftTime
     * it is the drift rate. The increment is applied after the next sample's rotation, which keeps
     * the normalisation and this sample's low-pass off the next rotation's critical path.
     */
    private void estimateDrift() {
        double g = driftGain;
        driftStep[0] = g * (accV[1] * accY[2] - accV[2] * accY[1]);
        driftStep[1] = g * (accV[2] * accY[0] - accV[0] * accY[2]);
        driftStep[2] = g * (accV[0] * accY[1] - accV[1] * accY[0]);
    }

    /** A fixed vector u seen from the sensor moves as du/dt = u x w: extrapolate lead seconds. */
    private void predictOutput(double wx, double wy, double wz) {
        out[0] = up[0] + lead * (up[1] * wz - up[2] * wy);
        out[1] = up[1] + lead * (up[2] * wx - up[0] * wz);
        out[2] = up[2] + lead * (up[0] * wy - up[1] * wx);
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
