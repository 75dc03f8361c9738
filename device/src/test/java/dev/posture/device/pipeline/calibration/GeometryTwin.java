package dev.posture.device.pipeline.calibration;

/**
 * The plain {@code double} reference of the calibration math and the per-sample angles
 * ({@link CalibrationWindow} means, {@link PostureFrame}): same definitions, no rounding.
 */
final class GeometryTwin {
    private final double[] n = new double[3];
    private final double[] f = new double[3];
    private final double[] s = new double[3];
    private boolean hasForward;

    /** Neutral from the sum of the window's up vectors (any scale). */
    void neutral(double[] upSum) {
        System.arraycopy(unit(upSum), 0, n, 0, 3);
        hasForward = false;
    }

    /** Forward axis from the sum of the lean window's up vectors. */
    void lean(double[] upSum) {
        double[] l = unit(upSum);
        double d = dot(l, n);
        double[] p = {l[0] - d * n[0], l[1] - d * n[1], l[2] - d * n[2]};
        System.arraycopy(unit(p), 0, f, 0, 3);
        double[] c = {f[1] * n[2] - f[2] * n[1], f[2] * n[0] - f[0] * n[2], f[0] * n[1] - f[1] * n[0]};
        System.arraycopy(c, 0, s, 0, 3);
        hasForward = true;
    }

    /** {forward, sideways, tilt} in degrees for the unit up vector {@code u}. */
    double[] angles(double[] u) {
        double c = dot(u, n);
        double[] x = {u[1] * n[2] - u[2] * n[1], u[2] * n[0] - u[0] * n[2], u[0] * n[1] - u[1] * n[0]};
        double tilt = Math.toDegrees(Math.atan2(Math.sqrt(dot(x, x)), c));
        if (!hasForward) {
            return new double[] {tilt, 0, tilt};
        }
        return new double[] {Math.toDegrees(Math.atan2(dot(u, f), c)), Math.toDegrees(Math.atan2(dot(u, s), c)), tilt};
    }

    /** Conditioning of the forward angle: length of u's projection on the (n, f) plane. */
    double forwardPlane(double[] u) {
        return Math.hypot(dot(u, f), dot(u, n));
    }

    /** Conditioning of the sideways angle: length of u's projection on the (n, s) plane. */
    double sidewaysPlane(double[] u) {
        return Math.hypot(dot(u, s), dot(u, n));
    }

    static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    static double[] unit(double[] v) {
        double l = Math.sqrt(dot(v, v));
        return new double[] {v[0] / l, v[1] / l, v[2] / l};
    }
}
