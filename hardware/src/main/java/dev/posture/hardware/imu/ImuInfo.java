package dev.posture.hardware.imu;

import dev.posture.protocol.trace.PhysicalUnits;

/**
 * The chip and its scale factors, as the driver configured them (the datasheet's sensitivities).
 *
 * @param model            e.g. "MPU-6050"
 * @param accelRangeG      full scale in g
 * @param accelLsbPerG     counts per g (MPU-6050 at 16 g: 2048)
 * @param gyroRangeDps     full scale in deg/s
 * @param gyroLsbPerDpsX10 counts per deg/s times 10, so 16.4 LSB/(deg/s) stays an integer (164)
 * @param sampleRateHz     the output data rate actually in force
 */
public record ImuInfo(String model, int accelRangeG, int accelLsbPerG, int gyroRangeDps, int gyroLsbPerDpsX10,
                      int sampleRateHz) {
    /**
     * Specific force per accelerometer count, m/s^2: standard gravity / accelLsbPerG, computed as the
     * protocol's {@link PhysicalUnits} does for a trace with these scale factors.
     */
    public double accelMps2PerCount() {
        return PhysicalUnits.STANDARD_GRAVITY_MPS2 * 1 / accelLsbPerG;
    }

    /** Angular rate per gyroscope count, rad/s: (pi / 180) * 10 / gyroLsbPerDpsX10. */
    public double gyroRadpsPerCount() {
        return Math.PI / 180.0 * 10 / gyroLsbPerDpsX10;
    }
}
