package dev.posture.hardware.sim;

/**
 * The little rotation algebra the simulator needs, on caller-owned primitive arrays so the
 * per-sample path allocates nothing.
 *
 * <p>Why not Apache Commons Math's {@code Rotation}/{@code Vector3D}: they are immutable objects (one
 * allocation per operation, which breaks the no-garbage-per-sample rule) and commons-math3 is a
 * {@code device} dependency, not a {@code hardware} one. What is needed here is a dozen lines:
 * Rodrigues' formula, matrix products, a cross product and matrix/quaternion conversion.
 *
 * <p>Conventions: a matrix is a {@code double[9]} in row-major order; {@code R} maps vectors of the
 * child frame into the parent frame ({@code v_parent = R v_child}). A quaternion is a
 * {@code double[4]} {@code (w, x, y, z)}, unit length, with the same meaning as its matrix.
 */
final class Rot3 {
    private Rot3() {
    }

    /** {@code out = I}. */
    static void identity(double[] out) {
        out[0] = 1; out[1] = 0; out[2] = 0;
        out[3] = 0; out[4] = 1; out[5] = 0;
        out[6] = 0; out[7] = 0; out[8] = 1;
    }

    /** Rotation by {@code angle} (rad, right-handed) about the unit axis {@code (kx, ky, kz)} (Rodrigues). */
    static void axisAngle(double kx, double ky, double kz, double angle, double[] out) {
        double c = Math.cos(angle);
        double s = Math.sin(angle);
        double t = 1 - c;
        out[0] = c + kx * kx * t;
        out[1] = kx * ky * t - kz * s;
        out[2] = kx * kz * t + ky * s;
        out[3] = ky * kx * t + kz * s;
        out[4] = c + ky * ky * t;
        out[5] = ky * kz * t - kx * s;
        out[6] = kz * kx * t - ky * s;
        out[7] = kz * ky * t + kx * s;
        out[8] = c + kz * kz * t;
    }

    /** {@code out = a b}; {@code out} must not alias {@code a} or {@code b}. */
    static void mul(double[] a, double[] b, double[] out) {
        for (int r = 0; r < 3; r++) {
            double a0 = a[3 * r];
            double a1 = a[3 * r + 1];
            double a2 = a[3 * r + 2];
            out[3 * r] = a0 * b[0] + a1 * b[3] + a2 * b[6];
            out[3 * r + 1] = a0 * b[1] + a1 * b[4] + a2 * b[7];
            out[3 * r + 2] = a0 * b[2] + a1 * b[5] + a2 * b[8];
        }
    }

    /** {@code out = m v}; {@code out} may alias {@code v}. */
    static void mulVec(double[] m, double[] v, double[] out) {
        double x = v[0];
        double y = v[1];
        double z = v[2];
        out[0] = m[0] * x + m[1] * y + m[2] * z;
        out[1] = m[3] * x + m[4] * y + m[5] * z;
        out[2] = m[6] * x + m[7] * y + m[8] * z;
    }

    /** {@code out = m^T v}; {@code out} may alias {@code v}. */
    static void mulTransposeVec(double[] m, double[] v, double[] out) {
        double x = v[0];
        double y = v[1];
        double z = v[2];
        out[0] = m[0] * x + m[3] * y + m[6] * z;
        out[1] = m[1] * x + m[4] * y + m[7] * z;
        out[2] = m[2] * x + m[5] * y + m[8] * z;
    }

    /** {@code out = a x b}; {@code out} may alias either input. */
    static void cross(double[] a, double[] b, double[] out) {
        double x = a[1] * b[2] - a[2] * b[1];
        double y = a[2] * b[0] - a[0] * b[2];
        double z = a[0] * b[1] - a[1] * b[0];
        out[0] = x;
        out[1] = y;
        out[2] = z;
    }

    /** The unit quaternion of rotation matrix {@code m} (Shepperd's method), with {@code w >= 0}. */
    static void toQuaternion(double[] m, double[] q) {
        double trace = m[0] + m[4] + m[8];
        double w;
        double x;
        double y;
        double z;
        if (trace > 0) {
            double s = 2 * Math.sqrt(1 + trace);
            w = 0.25 * s;
            x = (m[7] - m[5]) / s;
            y = (m[2] - m[6]) / s;
            z = (m[3] - m[1]) / s;
        } else if (m[0] > m[4] && m[0] > m[8]) {
            double s = 2 * Math.sqrt(1 + m[0] - m[4] - m[8]);
            w = (m[7] - m[5]) / s;
            x = 0.25 * s;
            y = (m[1] + m[3]) / s;
            z = (m[2] + m[6]) / s;
        } else if (m[4] > m[8]) {
            double s = 2 * Math.sqrt(1 + m[4] - m[0] - m[8]);
            w = (m[2] - m[6]) / s;
            x = (m[1] + m[3]) / s;
            y = 0.25 * s;
            z = (m[5] + m[7]) / s;
        } else {
            double s = 2 * Math.sqrt(1 + m[8] - m[0] - m[4]);
            w = (m[3] - m[1]) / s;
            x = (m[2] + m[6]) / s;
            y = (m[5] + m[7]) / s;
            z = 0.25 * s;
        }
        double sign = w < 0 ? -1 : 1;
        double norm = sign / Math.sqrt(w * w + x * x + y * y + z * z);
        q[0] = w * norm;
        q[1] = x * norm;
        q[2] = y * norm;
        q[3] = z * norm;
    }

    /** The rotation matrix of unit quaternion {@code q = (w, x, y, z)}. */
    static void fromQuaternion(double[] q, double[] m) {
        double w = q[0];
        double x = q[1];
        double y = q[2];
        double z = q[3];
        m[0] = 1 - 2 * (y * y + z * z);
        m[1] = 2 * (x * y - w * z);
        m[2] = 2 * (x * z + w * y);
        m[3] = 2 * (x * y + w * z);
        m[4] = 1 - 2 * (x * x + z * z);
        m[5] = 2 * (y * z - w * x);
        m[6] = 2 * (x * z - w * y);
        m[7] = 2 * (y * z + w * x);
        m[8] = 1 - 2 * (x * x + y * y);
    }
}
