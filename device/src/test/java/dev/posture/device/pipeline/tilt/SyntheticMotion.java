package dev.posture.device.pipeline.tilt;

import dev.posture.device.pipeline.ImuScale;

/**
 * A made-up IMU recording with exact ground truth (test scope): the angular rate is constant within
 * each sample interval, so the true orientation is the exact product of the per-sample rotations.
 * Acc is the specific force R^T (0, 0, g) plus an optional linear acceleration (a horizontal sway
 * from {@link #SWAY_FROM_S} on, so that a rest at the start stays a rest).
 */
final class SyntheticMotion {
    /** Angular rate (sensor frame, rad/s) at time t. */
    interface Rate {
        void at(double t, double[] out);
    }

    static final double SWAY_FROM_S = 6;

    final double rateHz;
    final double[] gx, gy, gz, ax, ay, az; // physical: rad/s, m/s^2 (gyro includes the bias)
    final double[] upX, upY, upZ;          // true up in the sensor frame

    SyntheticMotion(double rateHz, double seconds, double[] initialQuat, Rate rate, double[] biasRadS, double linAccAmp) {
        this.rateHz = rateHz;
        int n = (int) Math.round(seconds * rateHz);
        gx = new double[n];
        gy = new double[n];
        gz = new double[n];
        ax = new double[n];
        ay = new double[n];
        az = new double[n];
        upX = new double[n];
        upY = new double[n];
        upZ = new double[n];
        double ts = 1 / rateHz;
        double[] q = initialQuat.clone();
        double[] w = new double[3];
        double g = ImuScale.STANDARD_GRAVITY;
        for (int i = 0; i < n; i++) {
            double t = i * ts;
            rate.at(t - ts / 2, w);
            double norm = Math.sqrt(w[0] * w[0] + w[1] * w[1] + w[2] * w[2]);
            if (norm > 0) {
                double half = norm * ts / 2, s = Math.sin(half) / norm;
                q = mul(q, new double[] {Math.cos(half), s * w[0], s * w[1], s * w[2]});
                double qn = Math.sqrt(q[0] * q[0] + q[1] * q[1] + q[2] * q[2] + q[3] * q[3]);
                for (int k = 0; k < 4; k++) {
                    q[k] /= qn;
                }
            }
            gx[i] = w[0] + biasRadS[0];
            gy[i] = w[1] + biasRadS[1];
            gz[i] = w[2] + biasRadS[2];
            double qw = q[0], qx = q[1], qy = q[2], qz = q[3];
            // R^T e_z: third row of R (sensor -> earth)
            upX[i] = 2 * (qx * qz - qw * qy);
            upY[i] = 2 * (qy * qz + qw * qx);
            upZ[i] = 1 - 2 * (qx * qx + qy * qy);
            // linear acceleration in the earth frame: a slow horizontal sway
            double sway = t < SWAY_FROM_S ? 0 : linAccAmp;
            double lx = sway * Math.sin(2 * Math.PI * 0.7 * t), ly = sway * Math.cos(2 * Math.PI * 0.45 * t);
            double fx = lx, fy = ly, fz = g;
            // R^T f: columns of R dotted with f
            ax[i] = (1 - 2 * (qy * qy + qz * qz)) * fx + 2 * (qx * qy + qw * qz) * fy + upX[i] * fz;
            ay[i] = 2 * (qx * qy - qw * qz) * fx + (1 - 2 * (qx * qx + qz * qz)) * fy + upY[i] * fz;
            az[i] = 2 * (qx * qz + qw * qy) * fx + 2 * (qy * qz - qw * qx) * fy + upZ[i] * fz;
        }
    }

    int size() {
        return gx.length;
    }

    static double[] mul(double[] p, double[] q) {
        return new double[] {
            p[0] * q[0] - p[1] * q[1] - p[2] * q[2] - p[3] * q[3],
            p[0] * q[1] + p[1] * q[0] + p[2] * q[3] - p[3] * q[2],
            p[0] * q[2] - p[1] * q[3] + p[2] * q[0] + p[3] * q[1],
            p[0] * q[3] + p[1] * q[2] - p[2] * q[1] + p[3] * q[0]};
    }

    /** Quaternion of a rotation by angle (deg) about an axis. */
    static double[] axisAngle(double deg, double x, double y, double z) {
        double n = Math.sqrt(x * x + y * y + z * z), h = Math.toRadians(deg) / 2;
        return new double[] {Math.cos(h), Math.sin(h) * x / n, Math.sin(h) * y / n, Math.sin(h) * z / n};
    }

    /** This recording as raw counts of a scale. */
    TiltRuns.Counts counts(ImuScale s) {
        int n = size();
        short[] cgx = new short[n], cgy = new short[n], cgz = new short[n], cax = new short[n], cay = new short[n], caz = new short[n];
        for (int i = 0; i < n; i++) {
            cgx[i] = s.gyrCounts(gx[i]);
            cgy[i] = s.gyrCounts(gy[i]);
            cgz[i] = s.gyrCounts(gz[i]);
            cax[i] = s.accCounts(ax[i]);
            cay[i] = s.accCounts(ay[i]);
            caz[i] = s.accCounts(az[i]);
        }
        return new TiltRuns.Counts(cgx, cgy, cgz, cax, cay, caz, s);
    }

    /** RMS angle between estimate and truth over rows from..size, deg. */
    double rmsErrorDeg(TiltRuns.Ups u, int from) {
        double se = 0;
        for (int i = from; i < size(); i++) {
            double n = Math.sqrt(u.x()[i] * u.x()[i] + u.y()[i] * u.y()[i] + u.z()[i] * u.z()[i]);
            double c = (u.x()[i] * upX[i] + u.y()[i] * upY[i] + u.z()[i] * upZ[i]) / n;
            double e = Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, c))));
            se += e * e;
        }
        return Math.sqrt(se / (size() - from));
    }
}
