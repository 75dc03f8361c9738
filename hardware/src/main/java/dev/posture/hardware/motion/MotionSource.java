package dev.posture.hardware.motion;

/**
 * Physical motion of the sensor at a point in time, in the sensor frame: what an IMU emulator turns
 * into counts. Implemented by the wearer simulator and by trace players.
 */
public interface MotionSource {
    /**
     * Fills the caller's arrays with the motion at {@code tNanos} (time since the source started).
     *
     * @param specificForce out: x, y, z in m/s^2, what an accelerometer measures (+9.81 up at rest)
     * @param angularRate   out: x, y, z in rad/s
     */
    void sample(long tNanos, double[] specificForce, double[] angularRate);
}
