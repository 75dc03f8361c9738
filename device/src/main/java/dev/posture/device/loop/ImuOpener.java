package dev.posture.device.loop;

import dev.posture.hardware.HardwareException;
import dev.posture.hardware.imu.Imu;

/**
 * Opens the IMU anew after a sensor fault: a new bus handle and a new driver (whose constructor
 * checks WHO_AM_I and resets the chip). The sampling agent then configures it with its own settings
 * and retries {@code configure} every period while the chip is still busy resetting. On failure the
 * opener closes what it opened and throws; the agent tries again later with backoff.
 */
@FunctionalInterface
public interface ImuOpener {
    Imu open() throws HardwareException;
}
