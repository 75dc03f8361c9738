package dev.posture.hardware.pi4j;

import dev.posture.hardware.imu.icm42688.Icm42688;
import dev.posture.hardware.imu.mpu6050.Mpu6050;
import java.util.List;

/**
 * The IMU models {@link Pi4jHardware#open(HardwareSettings)} can open, by the name used in
 * {@link HardwareSettings#imuModel()}.
 * The drivers run on the system's monotonic clock; they record a "busy until" time after reset
 * instead of sleeping, which the caller waits out before {@code configure}.
 */
public final class ImuDrivers {
    /** Model names with a driver in this build. */
    public static final List<String> MODELS = List.of("mpu6050", "icm42688");

    private ImuDrivers() {
    }

    /** The driver for {@code model}, or null when this build has none. */
    public static ImuDriverFactory forModel(String model) {
        return switch (model) {
            case "mpu6050" -> i2c -> new Mpu6050(i2c, System::nanoTime);
            case "icm42688" -> i2c -> new Icm42688(i2c, System::nanoTime);
            default -> null;
        };
    }
}
