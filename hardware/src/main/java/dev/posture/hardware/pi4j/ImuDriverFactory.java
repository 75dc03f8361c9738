package dev.posture.hardware.pi4j;

import com.pi4j.io.i2c.I2C;
import dev.posture.hardware.HardwareException;
import dev.posture.hardware.imu.Imu;

/**
 * Opens one IMU model on an I2C device (checks WHO_AM_I, resets): in practice a driver
 * constructor reference such as {@code Mpu6050::new}. Hardware-internal: code outside the
 * module picks a model by name in {@link HardwareSettings#imuModel()}.
 */
@FunctionalInterface
public interface ImuDriverFactory {
    Imu open(I2C i2c) throws HardwareException;
}
