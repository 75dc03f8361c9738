package dev.posture.device.pipeline.calibration;

import dev.posture.device.pipeline.fixed.FixedMath;

/**
 * The wearer's calibrated frame in sensor coordinates, and the per-sample angles measured in it.
 *
 * <ul>
 *   <li>{@code n}: the neutral up vector (world up, in the sensor frame, while standing tall).</li>
 *   <li>{@code f}: the forward axis, a unit vector orthogonal to {@code n}: the direction in which the
 *       up vector moves when the wearer leans forward (in body terms that is backward: leaning forward
 *       tips the body's top forward, so world up, seen from the body, tips back). It is the normalised
 *       part of {@code (lean up - neutral up)} orthogonal to {@code n}.</li>
 *   <li>{@code s = f x n}: the sideways axis, the direction the up vector moves when the wearer leans to
 *       the right (sensor frame right-handed, as every IMU's is).</li>
 * </ul>
 *
 * For the current up vector {@code u}: forward angle {@code atan2(u.f, u.n)}, the angle of u's
 * projection on the (n, f) plane, + forward; sideways angle {@code atan2(u.s, u.n)}, + right; tilt
 * {@code atan2(|u x n|, u.n)}, the unsigned angle between u and n. All in 0.01 deg. Until a forward
 * axis is taught the forward angle is the tilt (unsigned: any lean counts as forward) and the sideways
 * angle is 0.
 *
 * <p>All vectors are Q2.30 unit vectors. Nothing here allocates.
 */
public final class PostureFrame {
    private final int[] n = new int[3];
    private final int[] f = new int[3];
    private final int[] s = new int[3];
    private boolean hasNeutral;
    private boolean hasForward;

    // Results of the last measure().
    private int forwardCentiDeg;
    private int sidewaysCentiDeg;
    private int tiltCentiDeg;

    public boolean hasNeutral() {
        return hasNeutral;
    }

    public boolean hasForward() {
        return hasForward;
    }

    /** Copies the neutral up vector (Q2.30) into {@code out}. */
    public void neutral(int[] out) {
        System.arraycopy(n, 0, out, 0, 3);
    }

    /** Copies the forward axis (Q2.30) into {@code out}. */
    public void forward(int[] out) {
        System.arraycopy(f, 0, out, 0, 3);
    }

    /**
     * A new neutral up vector (unit, Q2.30). With {@code keepForward} an existing forward axis is kept,
     * re-projected to be orthogonal to the new neutral; otherwise it is dropped.
     */
    void setNeutral(int[] neutral, boolean keepForward) {
        System.arraycopy(neutral, 0, n, 0, 3);
        hasNeutral = true;
        if (keepForward && hasForward && AngleMath.orthogonalUnit(f, n, f)) {
            AngleMath.cross(f, n, s);
        } else {
            hasForward = false;
        }
    }

    /**
     * The forward axis from any vector with a component orthogonal to neutral (the lean up vector, or
     * a direction learned from walking); false when there is none.
     */
    boolean setForwardFrom(int[] v) {
        if (!hasNeutral || !AngleMath.orthogonalUnit(v, n, f)) {
            return false;
        }
        AngleMath.cross(f, n, s);
        hasForward = true;
        return true;
    }

    void clear() {
        hasNeutral = false;
        hasForward = false;
    }

    /** Measures {@code up} (unit, Q2.30) against the frame; read the angles with the getters. */
    void measure(int[] up) {
        if (!hasNeutral) {
            forwardCentiDeg = 0;
            sidewaysCentiDeg = 0;
            tiltCentiDeg = 0;
            return;
        }
        long c = AngleMath.dot(up, n);
        if (hasForward) {
            // n, f, s orthonormal: |u x n|^2 = (u.f)^2 + (u.s)^2, no cross product needed.
            long p = AngleMath.dot(up, f);
            long q = AngleMath.dot(up, s);
            long t = AngleMath.sqrtApprox(p * p + q * q);
            if (t <= c && c > 0) {
                // Tilt within 45 deg (the usual case): every ratio is at most 1 and they share 1/c,
                // 2^60 / c from the inverse square root of c^2 (2e-6 relative, no division).
                long r = FixedMath.invSqrt62Fast(c * c) >> 2;
                int fwd = AngleMath.atanRatioCenti((Math.abs(p) * r) >> 30);
                int side = AngleMath.atanRatioCenti((Math.abs(q) * r) >> 30);
                forwardCentiDeg = p < 0 ? -fwd : fwd;
                sidewaysCentiDeg = q < 0 ? -side : side;
                tiltCentiDeg = AngleMath.atanRatioCenti(Math.min((t * r) >> 30, AngleMath.ONE));
            } else {
                forwardCentiDeg = AngleMath.atan2Centi(p, c);
                sidewaysCentiDeg = AngleMath.atan2Centi(q, c);
                tiltCentiDeg = AngleMath.atan2Centi(t, c);
            }
        } else {
            tiltCentiDeg = AngleMath.angleCenti(up, n);
            forwardCentiDeg = tiltCentiDeg;
            sidewaysCentiDeg = 0;
        }
    }

    public int forwardCentiDeg() {
        return forwardCentiDeg;
    }

    public int sidewaysCentiDeg() {
        return sidewaysCentiDeg;
    }

    public int tiltCentiDeg() {
        return tiltCentiDeg;
    }

    /** Angle between {@code up} and the neutral up vector, 0.01 deg (0 without a neutral). */
    int tiltOf(int[] up) {
        return hasNeutral ? AngleMath.angleCenti(up, n) : 0;
    }
}
