package dev.posture.hardware.imu;

import dev.posture.hardware.imu.emulation.SensorErrorModel;
import dev.posture.hardware.motion.MotionSource;

/** Simple motions for IMU tests. */
public final class Motions {
    private Motions() {
    }

    /** Constant specific force in g and angular rate in deg/s. */
    public static MotionSource constant(double fxG, double fyG, double fzG, double wxDps, double wyDps, double wzDps) {
        double g = SensorErrorModel.STANDARD_GRAVITY;
        return (t, force, rate) -> {
            force[0] = fxG * g;
            force[1] = fyG * g;
            force[2] = fzG * g;
            rate[0] = Math.toRadians(wxDps);
            rate[1] = Math.toRadians(wyDps);
            rate[2] = Math.toRadians(wzDps);
        };
    }

    /** Lying still with {@code axis} (0, 1, 2) pointing up ({@code sign} +1) or down (-1). */
    public static MotionSource atRest(int axis, int sign) {
        double[] f = new double[3];
        f[axis] = sign;
        return constant(f[0], f[1], f[2], 0, 0, 0);
    }

    /** Z up, turning about {@code axis} at {@code dps}. */
    public static MotionSource turning(int axis, double dps) {
        double[] w = new double[3];
        w[axis] = dps;
        return constant(0, 0, 1, w[0], w[1], w[2]);
    }
}
