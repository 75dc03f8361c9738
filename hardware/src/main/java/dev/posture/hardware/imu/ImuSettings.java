package dev.posture.hardware.imu;

/**
 * What the firmware asks of an IMU. A driver picks the nearest setting the chip supports and reports
 * what it chose in {@link ImuInfo}.
 *
 * @param accelRangeG    accelerometer full scale in g: 2, 4, 8 or 16
 * @param gyroRangeDps   gyroscope full scale in degrees per second: 250, 500, 1000 or 2000
 * @param sampleRateHz   output data rate, 25..1000 Hz
 * @param lowPassHz      the chip's digital low-pass bandwidth in Hz (0 = chip default)
 * @param useFifo        read through the FIFO instead of the data registers
 */
public record ImuSettings(int accelRangeG, int gyroRangeDps, int sampleRateHz, int lowPassHz, boolean useFifo) {
    public static final ImuSettings DEFAULTS = new ImuSettings(16, 2000, 100, 0, false);
}
