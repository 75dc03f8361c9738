package dev.posture.hardware.imu;

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
}
