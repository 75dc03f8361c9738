package dev.posture.device.sim;

import dev.posture.device.loop.ImuOpener;
import dev.posture.device.runtime.DeviceHardware;
import dev.posture.hardware.HardwareException;
import dev.posture.hardware.button.Button;
import dev.posture.hardware.haptic.Haptic;
import dev.posture.hardware.imu.emulation.SensorSpec;
import dev.posture.hardware.imu.mpu6050.Mpu6050;
import dev.posture.hardware.imu.mpu6050.Mpu6050Emulator;
import dev.posture.hardware.imu.mpu6050.Mpu6050Registers;
import dev.posture.hardware.motion.MotionSource;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The chips for {@code sim}: the real MPU-6050 driver on a register-level emulator at 0x68 that is
 * fed by a {@link MotionSource} (the wearer simulator or a recorded trace) on the firmware's clock,
 * and a haptic of the caller's choosing. A fault injected into {@link #chip()} reaches the loop as
 * it would on the bus.
 */
public final class SimHardware implements DeviceHardware {
    private final Mpu6050Emulator chip;
    private final Haptic haptic;
    private final LongSupplier clockNanos;

    /**
     * @param motion     what the sensor undergoes
     * @param spec       the emulated part's errors ({@code DATASHEET} for the simulator,
     *                   {@code IDEAL} to play a recorded trace back unchanged)
     * @param seed       draws this part's offsets and noise
     * @param haptic     the motor
     * @param clockNanos the firmware's monotonic clock
     */
    public SimHardware(MotionSource motion, SensorSpec spec, long seed, Haptic haptic, LongSupplier clockNanos) {
        this.chip = new Mpu6050Emulator(1, Mpu6050Registers.ADDRESS_AD0_LOW, motion, spec, seed);
        this.haptic = haptic;
        this.clockNanos = clockNanos;
        chip.useClock(clockNanos);
    }

    /** The emulated chip, for fault injection. */
    public Mpu6050Emulator chip() {
        return chip;
    }

    @Override
    public ImuOpener imuOpener() {
        return () -> {
            chip.reopen();
            try {
                return new Mpu6050(chip, clockNanos);
            } catch (HardwareException e) {
                chip.close();
                throw e;
            }
        };
    }

    @Override
    public Haptic haptic() {
        return haptic;
    }

    @Override
    public Optional<Button> button() {
        return Optional.empty();
    }

    @Override
    public String sensorModel() {
        return "MPU-6050";
    }

    @Override
    public void close() {
        haptic.close();
        chip.close();
    }
}
