package dev.posture.hardware.sim;

/**
 * The wearer as a kinematic chain, evaluated exactly at any time: world -> hips (carrier path plus
 * hip displacements) -> torso (yaw, forward pitch, roll about the hips) -> mid-back (lever arm) ->
 * upper back (slouch / head-forward flexion) -> collar (lever arm) -> off-body hand displacement ->
 * mount (the clip's rotation, re-clips) -> hand wobble -> sensor.
 *
 * <p>Walking the chain propagates, in each link's own frame, the orientation {@code R} (link to
 * world), the angular velocity {@code w} and its derivative {@code wd}, and in the world frame the
 * position and acceleration of the link's origin. For a rotation {@code E} by angle {@code a(t)} about
 * a fixed unit axis {@code k}: {@code R' = R E}, {@code w' = E^T w + k a'},
 * {@code wd' = E^T wd - a' k x (E^T w) + k a''}. For a lever arm {@code d} (fixed or moving) in the
 * link frame: {@code acc' = acc + R (d'' + 2 w x d' + wd x d + w x (w x d))}. Every input is an
 * analytic, twice-differentiable track, so the sensor's angular rate and specific force
 * {@code f = R^T (acc - g)} are exact: integrating the rate reproduces the orientation, and the
 * specific force is the second derivative of the position the chain reports.
 *
 * <p>Mutable scratch state: one instance per thread. Evaluation allocates nothing.
 */
final class WearerKinematics {
    /** Standard gravity (m/s^2); gravity in the ENU world frame is (0, 0, -G). */
    static final double G = 9.80665;
    /** Hip joint to the mid-back flexion point (about T8), along the spine (m). */
    static final double HIP_TO_MID_BACK_M = 0.30;
    /** Mid-back to the collar clip (about C7/T1), along the spine (m). */
    static final double MID_BACK_TO_COLLAR_M = 0.20;
    /** How far the clip sits behind the spine's axis (m). */
    static final double COLLAR_BEHIND_SPINE_M = 0.06;
    /** Direction (upper-back frame, unit) in which the hand carries the clip away when it is off. */
    private static final double[] HAND_DIRECTION = {0, -0.6, 0.8};

    private final Plan plan;
    private final double[] ch;    // 3 per channel: value, first and second derivative
    private final double[] gain;  // 3 per gain track
    private final double[] rot = new double[9];       // current link -> world
    private final double[] rotNext = new double[9];
    private final double[] elem = new double[9];      // elementary rotation of the current step
    private final double[] w = new double[3];         // angular velocity, current link frame (rad/s)
    private final double[] wd = new double[3];        // its time derivative, same frame (rad/s^2)
    private final double[] pos = new double[3];       // world position of the link origin (m)
    private final double[] acc = new double[3];       // world acceleration of the link origin (m/s^2)
    private final double[] tmp = new double[3];
    private final double[] tmp2 = new double[3];
    private final double[] tmp3 = new double[3];
    private final double[] horizontal = new double[2];

    // Results of the last evaluate().
    final double[] sensorToWorld = new double[9];     // sensor orientation (row-major)
    final double[] backToWorld = new double[9];       // upper-back orientation
    final double[] specificForce = new double[3];     // sensor frame, m/s^2
    final double[] angularRate = new double[3];       // sensor frame, rad/s
    final double[] position = new double[3];          // world, m (only when asked for)
    final double[] acceleration = new double[3];      // world, m/s^2

    WearerKinematics(Plan plan) {
        this.plan = plan;
        this.ch = new double[3 * Channel.COUNT];
        this.gain = new double[3 * plan.gains.length];
    }

    /** Evaluates the chain at {@code t} (s); {@code withPosition} also integrates the carrier path. */
    void evaluate(double t, boolean withPosition) {
        evaluateChannels(t);
        hips(t, withPosition);
        Rot3.identity(rot);
        w[0] = 0; w[1] = 0; w[2] = 0;
        wd[0] = 0; wd[1] = 0; wd[2] = 0;

        int yaw = 3 * Channel.YAW_OFFSET.ordinal();
        int heading = 3 * Channel.HEADING.ordinal();
        rotate(0, 0, 1, ch[yaw] + ch[heading], ch[yaw + 1] + ch[heading + 1], ch[yaw + 2] + ch[heading + 2]);
        rotateChannel(-1, 0, 0, Channel.PITCH);   // about the left axis, so + pitches forward
        rotateChannel(0, 1, 0, Channel.ROLL);     // about the forward axis, so + leans right
        leverArm(0, 0, HIP_TO_MID_BACK_M, 0, 0, 0, 0, 0, 0);
        rotateChannel(-1, 0, 0, Channel.SLOUCH);
        System.arraycopy(rot, 0, backToWorld, 0, 9);
        leverArm(0, -COLLAR_BEHIND_SPINE_M, MID_BACK_TO_COLLAR_M, 0, 0, 0, 0, 0, 0);
        int hand = 3 * Channel.HAND.ordinal();
        leverArm(HAND_DIRECTION[0] * ch[hand], HAND_DIRECTION[1] * ch[hand], HAND_DIRECTION[2] * ch[hand],
                HAND_DIRECTION[0] * ch[hand + 1], HAND_DIRECTION[1] * ch[hand + 1], HAND_DIRECTION[2] * ch[hand + 1],
                HAND_DIRECTION[0] * ch[hand + 2], HAND_DIRECTION[1] * ch[hand + 2], HAND_DIRECTION[2] * ch[hand + 2]);
        mount(t);
        rotateChannel(1, 0, 0, Channel.WOBBLE_X);
        rotateChannel(0, 1, 0, Channel.WOBBLE_Y);

        System.arraycopy(rot, 0, sensorToWorld, 0, 9);
        System.arraycopy(pos, 0, position, 0, 3);
        System.arraycopy(acc, 0, acceleration, 0, 3);
        tmp[0] = acc[0];
        tmp[1] = acc[1];
        tmp[2] = acc[2] + G; // a - g with g = (0, 0, -G)
        Rot3.mulTransposeVec(rot, tmp, specificForce);
        System.arraycopy(w, 0, angularRate, 0, 3);
    }

    /**
     * The signed forward angle (deg) of the upper back from the wearer's neutral, from the last
     * evaluation: the world-up direction seen from the upper-back frame, projected on the sagittal
     * plane; + when the upper back and head lean forward. 0 standing tall, whatever the heading.
     */
    double forwardDeg() {
        // World up in the upper-back frame is the third row of backToWorld.
        return Math.toDegrees(Math.atan2(-backToWorld[7], backToWorld[8]));
    }

    private void evaluateChannels(double t) {
        Track[] tracks = plan.channels;
        for (int c = 0; c < tracks.length; c++) {
            tracks[c].eval(t, ch, 3 * c);
        }
        Track[] gains = plan.gains;
        for (int g = 0; g < gains.length; g++) {
            gains[g].eval(t, gain, 3 * g);
        }
        for (OscillatorBank bank : plan.banks) {
            bank.addTo(t, gain, 3 * bank.gain, ch, 3 * bank.channel.ordinal());
        }
    }

    /** Position and acceleration of the hips: carrier path plus displacements in the heading frame. */
    private void hips(double t, boolean withPosition) {
        int hi = 3 * Channel.HEADING.ordinal();
        double h = ch[hi];
        double hd = ch[hi + 1];
        double hdd = ch[hi + 2];
        double rightX = Math.cos(h); // unit vectors of the heading frame in ENU
        double rightY = Math.sin(h);
        double fwdX = -rightY;
        double fwdY = rightX;
        int si = 3 * Channel.SPEED.ordinal();
        double v = ch[si];
        double vd = ch[si + 1];
        int li = 3 * Channel.LATERAL.ordinal();
        int fi = 3 * Channel.SURGE.ordinal();
        double dr = ch[li];
        double drd = ch[li + 1];
        double drdd = ch[li + 2];
        double df = ch[fi];
        double dfd = ch[fi + 1];
        double dfdd = ch[fi + 2];
        // Carrier: v' along the heading, v h' towards its left (centripetal).
        double aRight = -v * hd;
        double aFwd = vd;
        // Displacement d = dr right + df forward, with the heading frame turning at h'.
        aRight += drdd - dr * hd * hd - 2 * dfd * hd - df * hdd;
        aFwd += dfdd - df * hd * hd + 2 * drd * hd + dr * hdd;
        int zi = 3 * Channel.HEIGHT.ordinal();
        acc[0] = aRight * rightX + aFwd * fwdX;
        acc[1] = aRight * rightY + aFwd * fwdY;
        acc[2] = ch[zi + 2];
        if (withPosition) {
            plan.carrier.position(t, horizontal);
            pos[0] = horizontal[0] + dr * rightX + df * fwdX;
            pos[1] = horizontal[1] + dr * rightY + df * fwdY;
        } else {
            pos[0] = 0;
            pos[1] = 0;
        }
        pos[2] = ch[zi];
    }

    /** The clip's mount: fixed between re-clips, a minimum-jerk rotation during one. */
    private void mount(double t) {
        int i = plan.reclipAt(t);
        if (i < 0) {
            rotateFixed(plan.initialMount);
            return;
        }
        rotateFixed(plan.reclipFrom[i]);
        double dur = plan.reclipDuration[i];
        double u = (t - plan.reclipStart[i]) / dur;
        double angle = plan.reclipAngle[i];
        double[] k = plan.reclipAxis[i];
        rotate(k[0], k[1], k[2], angle * MinJerk.s(u), angle * MinJerk.ds(u) / dur,
                angle * MinJerk.dds(u) / (dur * dur));
    }

    private void rotateChannel(double kx, double ky, double kz, Channel c) {
        int i = 3 * c.ordinal();
        rotate(kx, ky, kz, ch[i], ch[i + 1], ch[i + 2]);
    }

    /** Appends a rotation by {@code a} (rate {@code ad}, acceleration {@code add}) about unit axis k. */
    private void rotate(double kx, double ky, double kz, double a, double ad, double add) {
        Rot3.axisAngle(kx, ky, kz, a, elem);
        Rot3.mul(rot, elem, rotNext);
        System.arraycopy(rotNext, 0, rot, 0, 9);
        Rot3.mulTransposeVec(elem, w, w);   // E^T w
        Rot3.mulTransposeVec(elem, wd, wd); // E^T wd
        // wd' = E^T wd - a' k x (E^T w) + k a''
        double cx = ky * w[2] - kz * w[1];
        double cy = kz * w[0] - kx * w[2];
        double cz = kx * w[1] - ky * w[0];
        wd[0] += -ad * cx + kx * add;
        wd[1] += -ad * cy + ky * add;
        wd[2] += -ad * cz + kz * add;
        w[0] += kx * ad;
        w[1] += ky * ad;
        w[2] += kz * ad;
    }

    /** Appends a constant rotation {@code c} (child to current link). */
    private void rotateFixed(double[] c) {
        Rot3.mul(rot, c, rotNext);
        System.arraycopy(rotNext, 0, rot, 0, 9);
        Rot3.mulTransposeVec(c, w, w);
        Rot3.mulTransposeVec(c, wd, wd);
    }

    /** Moves the origin by {@code d} (with derivatives {@code dd}, {@code ddd}) in the current link frame. */
    private void leverArm(double dx, double dy, double dz, double vx, double vy, double vz, double ax, double ay,
                          double az) {
        double[] d = tmp;
        d[0] = dx;
        d[1] = dy;
        d[2] = dz;
        double[] local = tmp2;
        // w x (w x d)
        Rot3.cross(w, d, local);
        Rot3.cross(w, local, local);
        // + wd x d
        Rot3.cross(wd, d, tmp3);
        local[0] += tmp3[0] + ax;
        local[1] += tmp3[1] + ay;
        local[2] += tmp3[2] + az;
        // + 2 w x d'
        tmp3[0] = vx;
        tmp3[1] = vy;
        tmp3[2] = vz;
        Rot3.cross(w, tmp3, tmp3);
        local[0] += 2 * tmp3[0];
        local[1] += 2 * tmp3[1];
        local[2] += 2 * tmp3[2];
        Rot3.mulVec(rot, local, local);
        acc[0] += local[0];
        acc[1] += local[1];
        acc[2] += local[2];
        Rot3.mulVec(rot, d, d);
        pos[0] += d[0];
        pos[1] += d[1];
        pos[2] += d[2];
    }
}
