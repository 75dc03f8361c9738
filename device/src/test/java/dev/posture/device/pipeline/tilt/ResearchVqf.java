package dev.posture.device.pipeline.tilt;

/**
 * Research baseline (test scope): the 6D part of VQF (Laidig &amp; Seel, Information Fusion 2023) as
 * described in the paper, in plain doubles, with switches for the experiments that led to the
 * product estimator. Not used by the product.
 */
final class ResearchVqf {
    // ---- parameters (VQF's published defaults) ----
    double tauAcc = 3.0;               // s
    double restThGyr = 2.0;            // deg/s
    double restThAcc = 0.5;            // m/s^2
    double restMinT = 1.5;             // s
    double restFilterTau = 0.5;        // s
    double biasSigmaInit = 0.5;        // deg/s
    double biasForgettingTime = 100.0; // s
    double biasClip = 2.0;             // deg/s
    double biasSigmaMotion = 0.1;      // deg/s
    double biasVerticalForgettingFactor = 1e-4;
    double biasSigmaRest = 0.03;       // deg/s
    boolean motionBias = true;
    boolean restBias = true;
    double rateRef = 0;                // deg/s; >0: tau = tauAcc * rateRef / (rateRef + |w|_lp)
    double rateTau = 1.0;              // s, first-order LP of |w|
    private double rateLp;
    double driftT = 0;                 // s; >0: integrate the inclination correction into an I-frame drift rate
    double driftForget = 0;            // s; >0: leak of the drift estimate
    private final double[] drift = new double[3]; // rad/s in the I frame
    double driftFrac = 0;              // >0: |drift| <= driftFrac * |mean w in I frame| + driftAbs
    double driftAbs = 0;               // deg/s
    double driftRateTau = 10;          // s
    private final double[] wBar = new double[3];
    private final double[] varB = new double[3], varA = new double[2];

    // ---- coefficients ----
    private double ts;
    private double[] accB, accA, restB, restA;
    private double biasP0, biasV, biasMotionW, biasVerticalW, biasRestW;

    // ---- state ----
    private final double[] gyrQuat = {1, 0, 0, 0};
    private final double[] accQuat = {1, 0, 0, 0};
    private final double[] bias = new double[3];
    private final double[] biasP = new double[9];
    private final Lp accLp = new Lp(3), restGyrLp = new Lp(3), restAccLp = new Lp(3), rLp = new Lp(9), biasLpF = new Lp(2);
    private double restT;
    private boolean restDetected;
    private final double[] up = new double[3];

    void setup(double sampleRateHz) {
        ts = 1.0 / sampleRateHz;
        accB = new double[3];
        accA = new double[2];
        butter(tauAcc, ts, accB, accA);
        restB = new double[3];
        restA = new double[2];
        butter(restFilterTau, ts, restB, restA);
        biasP0 = sq(biasSigmaInit * 100);
        biasV = sq(0.1 * 100) * ts / biasForgettingTime;
        double pMotion = sq(biasSigmaMotion * 100);
        biasMotionW = sq(pMotion) / biasV + pMotion;
        biasVerticalW = biasMotionW / Math.max(biasVerticalForgettingFactor, 1e-10);
        double pRest = sq(biasSigmaRest * 100);
        biasRestW = sq(pRest) / biasV + pRest;
        for (int i = 0; i < 9; i += 4) {
            biasP[i] = biasP0;
        }
    }

    double[] bias() {
        return bias;
    }

    boolean rest() {
        return restDetected;
    }

    double[] update(double gx, double gy, double gz, double ax, double ay, double az) {
        double[] g = {gx, gy, gz};
        double[] a = {ax, ay, az};
        double clip = Math.toRadians(biasClip);
        // rest detection, gyro part
        double[] gLp = restGyrLp.step(g, restFilterTau, ts, restB, restA);
        double devG = sq(g[0] - gLp[0]) + sq(g[1] - gLp[1]) + sq(g[2] - gLp[2]);
        if (devG >= sq(Math.toRadians(restThGyr)) || Math.abs(gLp[0]) > clip || Math.abs(gLp[1]) > clip
                || Math.abs(gLp[2]) > clip) {
            restT = 0;
            restDetected = false;
        }
        // strapdown
        double wx = gx - bias[0], wy = gy - bias[1], wz = gz - bias[2];
        double n = Math.sqrt(wx * wx + wy * wy + wz * wz);
        if (n > 1e-12) {
            double ang = n * ts;
            double c = Math.cos(ang / 2), s = Math.sin(ang / 2) / n;
            mulInto(gyrQuat, new double[] {c, s * wx, s * wy, s * wz}, gyrQuat);
            norm(gyrQuat);
        }
        if (driftT > 0) {
            mulInto(new double[] {1, drift[0] * ts / 2, drift[1] * ts / 2, drift[2] * ts / 2}, gyrQuat, gyrQuat);
            norm(gyrQuat);
        }
        // rest detection, acc part
        double[] aLp = restAccLp.step(a, restFilterTau, ts, restB, restA);
        double devA = sq(a[0] - aLp[0]) + sq(a[1] - aLp[1]) + sq(a[2] - aLp[2]);
        if (devA >= sq(restThAcc)) {
            restT = 0;
            restDetected = false;
        } else {
            restT += ts;
            if (restT >= restMinT) {
                restDetected = true;
            }
        }
        // acc low-pass in the almost inertial frame
        double[] accI = rotate(gyrQuat, a);
        if (rateRef > 0) {
            rateLp += (Math.toDegrees(n) - rateLp) * ts / rateTau;
            butter(tauAcc * rateRef / (rateRef + rateLp), ts, varB, varA);
        } else {
            System.arraycopy(accB, 0, varB, 0, 3);
            System.arraycopy(accA, 0, varA, 0, 2);
        }
        double[] lp = accLp.step(accI, tauAcc, ts, varB, varA);
        double[] accE = rotate(accQuat, lp);
        double an = Math.sqrt(accE[0] * accE[0] + accE[1] * accE[1] + accE[2] * accE[2]);
        accE[0] /= an;
        accE[1] /= an;
        accE[2] /= an;
        // inclination correction
        double qw = Math.sqrt((accE[2] + 1) / 2);
        double[] corr = qw > 1e-6 ? new double[] {qw, 0.5 * accE[1] / qw, -0.5 * accE[0] / qw, 0} : new double[] {0, 1, 0, 0};
        mulInto(corr, accQuat, accQuat);
        norm(accQuat);
        if (driftT > 0) {
            // correction rotation vector (E frame, rad) back into the I frame
            double[] cE = {accE[1], -accE[0], 0};
            double[] qc = {accQuat[0], -accQuat[1], -accQuat[2], -accQuat[3]};
            double[] cI = rotate(qc, cE);
            for (int i = 0; i < 3; i++) {
                drift[i] += cI[i] / driftT;
                if (driftForget > 0) {
                    drift[i] -= drift[i] * ts / driftForget;
                }
            }
            if (driftFrac > 0) {
                double[] wI = rotate(gyrQuat, new double[] {gx - bias[0], gy - bias[1], gz - bias[2]});
                for (int i = 0; i < 3; i++) {
                    wBar[i] += (wI[i] - wBar[i]) * ts / driftRateTau;
                }
                double lim = driftFrac * Math.sqrt(wBar[0] * wBar[0] + wBar[1] * wBar[1] + wBar[2] * wBar[2]) + Math.toRadians(driftAbs);
                double dn = Math.sqrt(drift[0] * drift[0] + drift[1] * drift[1] + drift[2] * drift[2]);
                if (dn > lim) {
                    for (int i = 0; i < 3; i++) {
                        drift[i] *= lim / dn;
                    }
                }
            }
        }
        // bias estimation
        if (motionBias || restBias) {
            double[] q = new double[4];
            mulInto(accQuat, gyrQuat, q);
            double[] r = rotMat(q);
            double[] bLp = {r[0] * bias[0] + r[1] * bias[1] + r[2] * bias[2], r[3] * bias[0] + r[4] * bias[1] + r[5] * bias[2]};
            r = rLp.step(r, tauAcc, ts, accB, accA).clone();
            bLp = biasLpF.step(bLp, tauAcc, ts, accB, accA);
            double[] e = new double[3];
            double[] w = new double[3];
            boolean doUpdate = true;
            if (restDetected && restBias) {
                for (int i = 0; i < 3; i++) {
                    e[i] = gLp[i] - bias[i];
                    w[i] = biasRestW;
                }
                r = new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1};
            } else if (motionBias) {
                e[0] = -accE[1] / ts + bLp[0] - r[0] * bias[0] - r[1] * bias[1] - r[2] * bias[2];
                e[1] = accE[0] / ts + bLp[1] - r[3] * bias[0] - r[4] * bias[1] - r[5] * bias[2];
                e[2] = -r[6] * bias[0] - r[7] * bias[1] - r[8] * bias[2];
                w[0] = biasMotionW;
                w[1] = biasMotionW;
                w[2] = biasVerticalW;
            } else {
                doUpdate = false;
            }
            for (int i = 0; i < 9; i += 4) {
                if (biasP[i] < biasP0) {
                    biasP[i] += biasV;
                }
            }
            if (doUpdate) {
                for (int i = 0; i < 3; i++) {
                    e[i] = Math.max(-clip, Math.min(clip, e[i]));
                }
                double[] k = mul(biasP, tr(r));
                k = mul(r, k);
                k[0] += w[0];
                k[4] += w[1];
                k[8] += w[2];
                k = inv(k);
                k = mul(tr(r), k);
                k = mul(biasP, k);
                for (int i = 0; i < 3; i++) {
                    bias[i] += k[3 * i] * e[0] + k[3 * i + 1] * e[1] + k[3 * i + 2] * e[2];
                }
                double[] krp = mul(mul(k, r), biasP);
                for (int i = 0; i < 9; i++) {
                    biasP[i] -= krp[i];
                }
                for (int i = 0; i < 3; i++) {
                    bias[i] = Math.max(-clip, Math.min(clip, bias[i]));
                }
            }
        }
        // output
        double[] q = new double[4];
        mulInto(accQuat, gyrQuat, q);
        double w0 = q[0], x = q[1], y = q[2], z = q[3];
        up[0] = 2 * (x * z - w0 * y);
        up[1] = 2 * (y * z + w0 * x);
        up[2] = 1 - 2 * (x * x + y * y);
        return up;
    }

    // ---- helpers ----
    static double sq(double x) {
        return x * x;
    }

    /** 2nd-order Butterworth low-pass with cutoff sqrt(2)/(2 pi tau), VQF's parametrisation. */
    static void butter(double tau, double ts, double[] b, double[] a) {
        double fc = Math.sqrt(2) / (2 * Math.PI) / tau;
        double c = Math.tan(Math.PI * fc * ts);
        double d = c * c + Math.sqrt(2) * c + 1;
        b[0] = c * c / d;
        b[1] = 2 * b[0];
        b[2] = b[0];
        a[0] = 2 * (c * c - 1) / d;
        a[1] = (1 - Math.sqrt(2) * c + c * c) / d;
    }

    /** Vector biquad (DF2T), initialised from the mean of the first tau seconds. */
    static final class Lp {
        final int n;
        final double[] s0, s1, sum, out;
        int count;
        boolean init;

        Lp(int n) {
            this.n = n;
            s0 = new double[n];
            s1 = new double[n];
            sum = new double[n];
            out = new double[n];
        }

        double[] step(double[] x, double tau, double ts, double[] b, double[] a) {
            if (!init) {
                count++;
                for (int i = 0; i < n; i++) {
                    sum[i] += x[i];
                    out[i] = sum[i] / count;
                }
                if (count * ts >= tau) {
                    for (int i = 0; i < n; i++) {
                        s0[i] = out[i] * (1 - b[0]);
                        s1[i] = out[i] * (b[2] - a[1]);
                    }
                    init = true;
                }
                return out;
            }
            for (int i = 0; i < n; i++) {
                double y = b[0] * x[i] + s0[i];
                s0[i] = b[1] * x[i] - a[0] * y + s1[i];
                s1[i] = b[2] * x[i] - a[1] * y;
                out[i] = y;
            }
            return out;
        }
    }

    static void mulInto(double[] p, double[] q, double[] out) {
        double w = p[0] * q[0] - p[1] * q[1] - p[2] * q[2] - p[3] * q[3];
        double x = p[0] * q[1] + p[1] * q[0] + p[2] * q[3] - p[3] * q[2];
        double y = p[0] * q[2] - p[1] * q[3] + p[2] * q[0] + p[3] * q[1];
        double z = p[0] * q[3] + p[1] * q[2] - p[2] * q[1] + p[3] * q[0];
        out[0] = w;
        out[1] = x;
        out[2] = y;
        out[3] = z;
    }

    static void norm(double[] q) {
        double n = Math.sqrt(q[0] * q[0] + q[1] * q[1] + q[2] * q[2] + q[3] * q[3]);
        for (int i = 0; i < 4; i++) {
            q[i] /= n;
        }
    }

    static double[] rotMat(double[] q) {
        double w = q[0], x = q[1], y = q[2], z = q[3];
        return new double[] {
            1 - 2 * (y * y + z * z), 2 * (x * y - w * z), 2 * (x * z + w * y),
            2 * (x * y + w * z), 1 - 2 * (x * x + z * z), 2 * (y * z - w * x),
            2 * (x * z - w * y), 2 * (y * z + w * x), 1 - 2 * (x * x + y * y)};
    }

    static double[] rotate(double[] q, double[] v) {
        double[] r = rotMat(q);
        return new double[] {
            r[0] * v[0] + r[1] * v[1] + r[2] * v[2],
            r[3] * v[0] + r[4] * v[1] + r[5] * v[2],
            r[6] * v[0] + r[7] * v[1] + r[8] * v[2]};
    }

    static double[] mul(double[] a, double[] b) {
        double[] c = new double[9];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                c[3 * i + j] = a[3 * i] * b[j] + a[3 * i + 1] * b[3 + j] + a[3 * i + 2] * b[6 + j];
            }
        }
        return c;
    }

    static double[] tr(double[] a) {
        return new double[] {a[0], a[3], a[6], a[1], a[4], a[7], a[2], a[5], a[8]};
    }

    static double[] inv(double[] m) {
        double a = m[0], b = m[1], c = m[2], d = m[3], e = m[4], f = m[5], g = m[6], h = m[7], i = m[8];
        double A = e * i - f * h, B = -(d * i - f * g), C = d * h - e * g;
        double det = a * A + b * B + c * C;
        return new double[] {
            A / det, -(b * i - c * h) / det, (b * f - c * e) / det,
            B / det, (a * i - c * g) / det, -(a * f - c * d) / det,
            C / det, -(a * h - b * g) / det, (a * e - b * d) / det};
    }
}
