package dev.posture.hardware.sim;

/** Test-side quaternion helpers (w, x, y, z), written independently of the simulator's matrix code. */
final class Quaternions {
    private Quaternions() {
    }

    static double[] multiply(double[] a, double[] b) {
        return new double[] {
            a[0] * b[0] - a[1] * b[1] - a[2] * b[2] - a[3] * b[3],
            a[0] * b[1] + a[1] * b[0] + a[2] * b[3] - a[3] * b[2],
            a[0] * b[2] - a[1] * b[3] + a[2] * b[0] + a[3] * b[1],
            a[0] * b[3] + a[1] * b[2] - a[2] * b[1] + a[3] * b[0]};
    }

    /** Rotates vector v by q: q v q*. */
    static double[] rotate(double[] q, double[] v) {
        double[] p = multiply(multiply(q, new double[] {0, v[0], v[1], v[2]}), conjugate(q));
        return new double[] {p[1], p[2], p[3]};
    }

    static double[] conjugate(double[] q) {
        return new double[] {q[0], -q[1], -q[2], -q[3]};
    }

    static double[] normalize(double[] q) {
        double n = Math.sqrt(q[0] * q[0] + q[1] * q[1] + q[2] * q[2] + q[3] * q[3]);
        return new double[] {q[0] / n, q[1] / n, q[2] / n, q[3] / n};
    }

    /** Angle (deg) of the rotation between two unit quaternions. */
    static double angleDeg(double[] a, double[] b) {
        double dot = Math.abs(a[0] * b[0] + a[1] * b[1] + a[2] * b[2] + a[3] * b[3]);
        return Math.toDegrees(2 * Math.acos(Math.min(1, dot)));
    }

    /** dq/dt = 1/2 q (0, w), with w the body-frame (sensor-frame) rate. */
    static double[] derivative(double[] q, double[] w) {
        double[] d = multiply(q, new double[] {0, w[0], w[1], w[2]});
        return new double[] {d[0] / 2, d[1] / 2, d[2] / 2, d[3] / 2};
    }

    /** One classical Runge-Kutta step of the quaternion kinematics. */
    static double[] rk4(double[] q, double h, double[] w0, double[] wMid, double[] w1) {
        double[] k1 = derivative(q, w0);
        double[] k2 = derivative(add(q, k1, h / 2), wMid);
        double[] k3 = derivative(add(q, k2, h / 2), wMid);
        double[] k4 = derivative(add(q, k3, h), w1);
        double[] out = new double[4];
        for (int i = 0; i < 4; i++) {
            out[i] = q[i] + h / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
        }
        return normalize(out);
    }

    private static double[] add(double[] q, double[] d, double s) {
        return new double[] {q[0] + s * d[0], q[1] + s * d[1], q[2] + s * d[2], q[3] + s * d[3]};
    }

    /** Quaternion of a Mount. */
    static double[] of(Mount m) {
        return new double[] {m.w(), m.x(), m.y(), m.z()};
    }
}
