package dev.posture.device.pipeline.calibration;

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
 * <p>{@link #measure} computes all three; the geometry stage calls {@link #step}, which computes the
 * forward angle on every sample and the other two at about 25 Hz.
 *
 * <p>All vectors are Q2.30 unit vectors. Nothing here allocates.
 */
public final class PostureFrame {
    private final int[] n = new int[3];
    private final int[] f = new int[3];
    private final int[] s = new int[3];
    private boolean hasNeutral;
    private boolean hasForward;
    private boolean changed;
    // n and f as scalars for the per-sample forward angle (no array loads or bounds checks); Q2.30
    private long n0;
    private long n1;
    private long n2;
    private long f0;
    private long f1;
    private long f2;              // neutral or forward changed since the last full measurement
    private long sidewaysTiltPeriodUs;    // step(): sideways and tilt on this grid of device time, 0 = always
    private long nextSidewaysTiltUs = Long.MIN_VALUE; // device time of the next full measurement
    private boolean sidewaysTiltFresh;    // the last measurement included sideways and tilt

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
        changed = true;
        if (keepForward && hasForward && AngleMath.orthogonalUnit(f, n, f)) {
            AngleMath.cross(f, n, s);
        } else {
            hasForward = false;
        }
        mirror();
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
        changed = true;
        mirror();
        return true;
    }

    void clear() {
        changed = true;
        mirror();
        hasNeutral = false;
        hasForward = false;
    }

    /**
     * How often {@link #step} measures the sideways angle and the tilt: on the first call at or after
     * each multiple of {@code periodUs} of device time (0: every call); the forward angle, which drives
     * cues, on every call. The geometry stage sets 40 ms (25 Hz) from 50 Hz up: plenty for a posture
     * stage whose dwell times are seconds and an upright gate that holds for one. A grid of device
     * time rather than a count of calls: jitter-proof, and two frames fed the same samples agree.
     */
    void setSidewaysTiltPeriodUs(long periodUs) {
        sidewaysTiltPeriodUs = Math.max(0, periodUs);
        nextSidewaysTiltUs = Long.MIN_VALUE;
    }

    /**
     * The geometry stage's per-sample measurement: the forward angle every time; the sideways angle
     * and the tilt on the {@link #setSidewaysTiltPeriodUs} grid, on the first call after the frame
     * changed, and whenever the forward axis is unknown (then forward is the tilt); in between they
     * hold their last values.
     */
    void step(long tUs, int[] up) {
        // (the second test restarts the grid if the clock went back, as when a replay restarts)
        if (tUs < nextSidewaysTiltUs && tUs >= nextSidewaysTiltUs - sidewaysTiltPeriodUs && hasForward && !changed) {
            measureForward(up);
            sidewaysTiltFresh = false;
        } else {
            long period = sidewaysTiltPeriodUs;
            nextSidewaysTiltUs = period == 0 ? Long.MIN_VALUE : tUs - Math.floorMod(tUs, period) + period;
            measure(up);
        }
    }

    /** True when the last measurement included the sideways angle and the tilt (for the tests). */
    boolean sidewaysTiltFresh() {
        return sidewaysTiltFresh;
    }

    private void mirror() {
        n0 = n[0];
        n1 = n[1];
        n2 = n[2];
        f0 = f[0];
        f1 = f[1];
        f2 = f[2];
    }

    /** The forward angle alone (a forward axis is known): two dot products, one division, one atan. */
    private void measureForward(int[] up) {
        long u0 = up[0];
        long u1 = up[1];
        long u2 = up[2];
        long c = (u0 * n0 + u1 * n1 + u2 * n2 + (1L << 29)) >> 30; // u.n, Q2.30, as AngleMath.dot
        long p = (u0 * f0 + u1 * f1 + u2 * f2 + (1L << 29)) >> 30; // u.f
        long ap = Math.abs(p);
        if (ap <= c) { // within 45 deg of neutral in the sagittal plane: a ratio of at most 1
            int fwd = c == 0 ? 0 : AngleMath.atanRatioCenti((ap << 30) / c);
            forwardCentiDeg = p < 0 ? -fwd : fwd;
        } else {
            forwardCentiDeg = AngleMath.atan2Centi(p, c);
        }
    }

    /** Measures {@code up} (unit, Q2.30) against the frame, all three angles; read them with the getters. */
    void measure(int[] up) {
        changed = false;
        sidewaysTiltFresh = true;
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
                // Tilt within 45 deg (the usual case): every ratio is at most 1, one division for all
                // (on this machine a 64-bit division is cheaper than FixedMath.invSqrt62Fast(c * c)).
                long r = (1L << 60) / c;
                int fwd = AngleMath.atanRatioCenti((Math.abs(p) * r) >> 30);
                int side = AngleMath.atanRatioCenti((Math.abs(q) * r) >> 30);
                forwardCentiDeg = p < 0 ? -fwd : fwd;
                sidewaysCentiDeg = q < 0 ? -side : side;
                tiltCentiDeg = AngleMath.atanRatioCenti((t * r) >> 30);
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
