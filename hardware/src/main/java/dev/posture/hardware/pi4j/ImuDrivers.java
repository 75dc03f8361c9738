package dev.posture.hardware.pi4j;

import java.util.List;

/**
 * The IMU models {@link Pi4jHardware#open(HardwareSettings)} can open, by the name used in
 * {@link HardwareSettings#imuModel()}.
 *
 * <p>SEAM: the IMU drivers are written separately; each adds one line here, e.g.
 * {@code case "mpu6050" -> Mpu6050::new;}, and its name to {@link #MODELS}.
 */
public final class ImuDrivers {
    /** Model names with a driver in this build. */
    public static final List<String> MODELS = List.of();

    private ImuDrivers() {
    }

    /** The driver for {@code model}, or null when this build has none. */
    public static ImuDriverFactory forModel(String model) {
        return switch (model) {
            // case "mpu6050" -> Mpu6050::new;          <- added with the IMU drivers
            default -> null;
        };
    }
}
