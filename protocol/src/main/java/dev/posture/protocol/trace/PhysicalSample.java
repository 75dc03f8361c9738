package dev.posture.protocol.trace;

/**
 * One row of a trace CSV: time and the IMU sample in physical units, sensor frame.
 *
 * @param timeS seconds (in an exported trace: since the recording started)
 * @param accX  specific force, m/s^2 (about +9.81 on the axis that points up at rest)
 * @param gyrX  angular rate, rad/s
 */
public record PhysicalSample(double timeS, double accX, double accY, double accZ,
                             double gyrX, double gyrY, double gyrZ) {
}
