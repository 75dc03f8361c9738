package dev.posture.device.runtime;

import dev.posture.device.loop.ImuOpener;
import dev.posture.hardware.button.Button;
import dev.posture.hardware.haptic.Haptic;
import java.io.Closeable;
import java.util.Optional;

/**
 * The chips the firmware drives: the real ones through Pi4J ({@code run}) or register-level
 * emulators fed by the wearer simulator ({@code sim}). The firmware never sees which.
 */
public interface DeviceHardware extends Closeable {

    /** Opens the IMU at start and anew after every sensor fault (the loop configures it). */
    ImuOpener imuOpener();

    /** The vibration motor. */
    Haptic haptic();

    /** The push button, if fitted. */
    Optional<Button> button();

    /** The IMU's model for trace headers, e.g. "MPU-6050". */
    String sensorModel();

    @Override
    void close();
}
