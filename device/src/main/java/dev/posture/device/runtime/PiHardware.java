package dev.posture.device.runtime;

import dev.posture.device.loop.ImuOpener;
import dev.posture.hardware.HardwareException;
import dev.posture.hardware.button.Button;
import dev.posture.hardware.haptic.Haptic;
import dev.posture.hardware.imu.Imu;
import dev.posture.hardware.pi4j.HardwareSettings;
import dev.posture.hardware.pi4j.Pi4jHardware;
import java.util.Optional;

/** The real chips on the Pi ({@code run}): Pi4J opens them; after a sensor fault the IMU is opened anew. */
public final class PiHardware implements DeviceHardware {
    private final Pi4jHardware hardware;
    private final String model;
    private boolean firstOpen = true;

    private PiHardware(Pi4jHardware hardware, String model) {
        this.hardware = hardware;
        this.model = model;
    }

    /** Opens I2C, PWM or the DRV2605L, and the button as the settings say; one-line HardwareException on failure. */
    public static PiHardware open(HardwareSettings settings) throws HardwareException {
        Pi4jHardware hw = Pi4jHardware.open(settings);
        return new PiHardware(hw, hw.imu().info().model());
    }

    @Override
    public ImuOpener imuOpener() {
        return this::openImu;
    }

    /** The IMU opened with the hardware the first time; a fresh handle and driver after every fault. */
    private synchronized Imu openImu() throws HardwareException {
        if (firstOpen) {
            firstOpen = false;
            return hardware.imu();
        }
        return hardware.reopenImu();
    }

    @Override
    public Haptic haptic() {
        return hardware.haptic();
    }

    @Override
    public Optional<Button> button() {
        return Optional.of(hardware.button());
    }

    @Override
    public String sensorModel() {
        return model;
    }

    @Override
    public void close() {
        hardware.close();
    }
}
