package dev.posture.hardware.sim;

/**
 * The minimum-jerk blend {@code s(u) = 10u^3 - 15u^4 + 6u^5} on {@code u in [0, 1]} (Flash & Hogan
 * 1985): it starts and ends with zero velocity and zero acceleration, so a trajectory stitched from
 * such blends has continuous position, velocity and acceleration (the angular rate and the specific
 * force stay continuous across segment boundaries).
 */
final class MinJerk {
    private MinJerk() {
    }

    /** {@code s(u)}, clamped: 0 before the blend, 1 after. */
    static double s(double u) {
        if (u <= 0) {
            return 0;
        }
        if (u >= 1) {
            return 1;
        }
        return u * u * u * (10 + u * (-15 + 6 * u));
    }

    /** {@code ds/du}, zero outside the blend. */
    static double ds(double u) {
        if (u <= 0 || u >= 1) {
            return 0;
        }
        double v = u * (1 - u);
        return 30 * v * v;
    }

    /** {@code d2s/du2}, zero outside the blend. */
    static double dds(double u) {
        if (u <= 0 || u >= 1) {
            return 0;
        }
        return 60 * u * (1 - u) * (1 - 2 * u);
    }

    /** Peak of {@code |ds/du|} (at u = 1/2): a blend of height H over T seconds peaks at 1.875 H/T. */
    static final double PEAK_DS = 1.875;

    /** Peak of {@code |d2s/du2|} (at u = 1/2 - sqrt(3)/6): peak acceleration is 5.7735 H/T^2. */
    static final double PEAK_DDS = 10 / Math.sqrt(3);
}
