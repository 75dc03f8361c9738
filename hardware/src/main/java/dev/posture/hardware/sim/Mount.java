package dev.posture.hardware.sim;

import java.util.SplittableRandom;

/**
 * How the clip sits on the wearer: the rotation from the sensor frame to the upper-back frame, as a
 * unit quaternion {@code (w, x, y, z)} ({@code v_back = R v_sensor}). The upper-back frame is x = the
 * wearer's right, y = forward, z = up along the spine when standing tall. Any rotation is allowed,
 * so nothing downstream may assume which sensor axis points where.
 */
public record Mount(double w, double x, double y, double z) {
    /** Sensor axes aligned with the body: x right, y forward, z up. */
    public static final Mount UPRIGHT = new Mount(1, 0, 0, 0);
    /** A typical clip: top tilted back 15 deg with the slope of the upper back, then twisted 10 deg. */
    public static final Mount CLIP_TILTED = axisAngleDeg(1, 0, 0, -15).then(axisAngleDeg(0, 0, 1, 10));
    /** Rotated 90 deg about the body's forward axis: sensor x points down, z points right. */
    public static final Mount ROTATED_90_ABOUT_FORWARD = axisAngleDeg(0, 1, 0, 90);
    /** Upside down (180 deg about the body's forward axis): sensor z points down, x left. */
    public static final Mount UPSIDE_DOWN = axisAngleDeg(0, 1, 0, 180);
    /** Turned round (180 deg about the spine): sensor y points backward, x left. */
    public static final Mount FACING_BACKWARD = axisAngleDeg(0, 0, 1, 180);

    public Mount {
        double n = Math.sqrt(w * w + x * x + y * y + z * z);
        if (!(n > 1e-9) || !Double.isFinite(n)) {
            throw new IllegalArgumentException("mount quaternion must be finite and non-zero");
        }
        double sign = w < 0 ? -1 : 1; // one representative per rotation: w >= 0
        w = sign * w / n;
        x = sign * x / n;
        y = sign * y / n;
        z = sign * z / n;
    }

    /** Rotation by {@code deg} about the body-frame axis {@code (ax, ay, az)} (need not be unit). */
    public static Mount axisAngleDeg(double ax, double ay, double az, double deg) {
        double n = Math.sqrt(ax * ax + ay * ay + az * az);
        if (!(n > 0)) {
            throw new IllegalArgumentException("mount axis must be non-zero");
        }
        double half = Math.toRadians(deg) / 2;
        double s = Math.sin(half) / n;
        return new Mount(Math.cos(half), ax * s, ay * s, az * s);
    }

    /** A rotation drawn uniformly from all rotations (deterministic for a seed). */
    public static Mount random(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] g = new double[4];
        double n;
        do {
            n = 0;
            for (int i = 0; i < 4; i++) {
                g[i] = gaussian(rng);
                n += g[i] * g[i];
            }
        } while (n < 1e-6);
        return new Mount(g[0], g[1], g[2], g[3]);
    }

    /** This rotation followed by {@code inner} in the rotated frame: {@code R = R_this R_inner}. */
    public Mount then(Mount inner) {
        return new Mount(
                w * inner.w - x * inner.x - y * inner.y - z * inner.z,
                w * inner.x + x * inner.w + y * inner.z - z * inner.y,
                w * inner.y - x * inner.z + y * inner.w + z * inner.x,
                w * inner.z + x * inner.y - y * inner.x + z * inner.w);
    }

    /** The inverse rotation. */
    public Mount inverse() {
        return new Mount(w, -x, -y, -z);
    }

    /** The angle (deg, 0..180) of the rotation that takes this mount to {@code other}. */
    public double angleToDeg(Mount other) {
        double dot = Math.abs(w * other.w + x * other.x + y * other.y + z * other.z);
        return Math.toDegrees(2 * Math.acos(Math.min(1, dot)));
    }

    /** Axis-angle form, e.g. {@code Mount[180.0 deg about (0.000, 1.000, 0.000)]}. */
    @Override
    public String toString() {
        double s = Math.sqrt(x * x + y * y + z * z);
        if (s < 1e-12) {
            return "Mount[identity]";
        }
        return String.format(java.util.Locale.ROOT, "Mount[%.1f deg about (%.3f, %.3f, %.3f)]",
                Math.toDegrees(2 * Math.atan2(s, w)), x / s, y / s, z / s);
    }

    /** The rotation matrix (sensor to upper back), row-major. */
    void matrix(double[] out) {
        Rot3.fromQuaternion(new double[] {w, x, y, z}, out);
    }

    private static double gaussian(SplittableRandom rng) {
        // Box-Muller on the seeded generator; java.util.Random#nextGaussian is not on SplittableRandom.
        double u1 = 1 - rng.nextDouble();
        double u2 = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
