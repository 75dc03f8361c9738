package dev.posture.hardware.pi4j;

import dev.posture.hardware.haptic.Drv2605l;
import dev.posture.hardware.haptic.ErmPwmHaptic;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the chips are: a plain record the device builds from its configuration file, with
 * {@link #DEFAULTS} for the reference wiring (hardware/README.md, "Wiring") and {@link #problems()} that
 * lists every mistake in one line each.
 *
 * @param i2cBus      Linux I2C bus number (/dev/i2c-N), 1 on the Pi header
 * @param imuModel    IMU driver name, e.g. "mpu6050" (resolved by {@link ImuDrivers})
 * @param imuAddress  the IMU's 7-bit I2C address, e.g. 0x68
 * @param hapticKind  which motor hardware is fitted
 * @param ermPwm      the PWM output, used when {@code hapticKind} is ERM_PWM
 * @param drv         the DRV2605L, used when {@code hapticKind} is DRV2605L
 * @param button      the push button's GPIO
 */
public record HardwareSettings(int i2cBus, String imuModel, int imuAddress, HapticKind hapticKind,
                               ErmPwm ermPwm, Drv drv, ButtonPin button) {

    public enum HapticKind {
        /** A coin ERM switched by a transistor on a hardware PWM pin. */
        ERM_PWM,
        /** A TI DRV2605L haptic driver on the I2C bus. */
        DRV2605L
    }

    /**
     * @param gpio         BCM number of the PWM pin (12, 13, 18 or 19); the dtoverlay selects it, this
     *                     is for checks and messages
     * @param pwmChip      sysfs pwmchip number: 0 on Pi Zero 2 W / 3 / 4; 2 on a Pi 5 (RP1) with the
     *                     kernels Pi4J 2.8 knows
     * @param pwmChannel   channel on that chip: GPIO 12/18 are channel 0 and GPIO 13/19 channel 1 on
     *                     BCM283x/BCM2711; on the Pi 5 GPIO 12, 13, 18, 19 are channels 0, 1, 2, 3
     * @param frequencyHz  PWM frequency (20 kHz: inaudible, see {@link ErmPwmHaptic})
     * @param minDutyPct   duty that intensity 1 % maps to, above the motor's stall duty
     */
    public record ErmPwm(int gpio, int pwmChip, int pwmChannel, int frequencyHz, int minDutyPct) {
        public static final ErmPwm DEFAULTS =
                new ErmPwm(18, 0, 0, ErmPwmHaptic.DEFAULT_FREQUENCY_HZ, ErmPwmHaptic.DEFAULT_MIN_DUTY_PCT);
    }

    /**
     * @param address       7-bit I2C address (the chip's is fixed at 0x5A)
     * @param actuator      ERM or LRA
     * @param library       effect library: 1..5 for an ERM, 6 for an LRA
     * @param ratedVoltage  RATED_VOLTAGE register value (datasheet "Rated Voltage Programming")
     * @param odClamp       OD_CLAMP register value (datasheet "Overdrive Voltage-Clamp Programming")
     */
    public record Drv(int address, Drv2605l.Actuator actuator, int library, int ratedVoltage, int odClamp) {
        public static final Drv DEFAULTS = new Drv(Drv2605l.DEFAULT_ADDRESS, Drv2605l.Actuator.ERM, 1, 0x3E, 0x8C);

        /** The driver's settings (validated by its constructor). */
        public Drv2605l.Settings driverSettings() {
            return new Drv2605l.Settings(actuator, library, ratedVoltage, odClamp);
        }
    }

    /**
     * @param bcmPin       BCM GPIO number of the button input (2..27 on the 40-pin header)
     * @param activeLow    true when the button connects the pin to GND (internal pull-up)
     * @param debounceMs   stable time for a level to count
     * @param shortMaxMs   presses shorter than this are SHORT (snooze)
     * @param longPressMs  holding this long fires LONG (calibrate)
     */
    public record ButtonPin(int bcmPin, boolean activeLow, int debounceMs, int shortMaxMs, int longPressMs) {
        public static final ButtonPin DEFAULTS = new ButtonPin(17, true, 25, 1_000, 2_000);
    }

    /** The reference wiring: MPU-6050 at 0x68 and ERM on GPIO18 PWM0, button on GPIO17, bus 1. */
    public static final HardwareSettings DEFAULTS = new HardwareSettings(1, "mpu6050", 0x68, HapticKind.ERM_PWM,
            ErmPwm.DEFAULTS, Drv.DEFAULTS, ButtonPin.DEFAULTS);

    /** Every problem with these settings, one line each; empty when they are usable. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (i2cBus < 0 || i2cBus > 255) {
            problems.add("I2C bus " + i2cBus + " out of range 0..255");
        }
        if (imuModel == null || imuModel.isBlank()) {
            problems.add("IMU model missing (e.g. mpu6050)");
        }
        checkAddress(problems, "IMU", imuAddress);
        if (hapticKind == null) {
            problems.add("haptic kind missing (ERM_PWM or DRV2605L)");
        } else if (hapticKind == HapticKind.ERM_PWM) {
            checkErmPwm(problems);
        } else {
            checkDrv(problems);
        }
        checkButton(problems);
        return problems;
    }

    /** Throws IllegalArgumentException listing every problem. */
    public HardwareSettings validate() {
        List<String> problems = problems();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid hardware settings: " + String.join("; ", problems));
        }
        return this;
    }

    private static void checkAddress(List<String> problems, String what, int address) {
        if (address < 0x08 || address > 0x77) {
            problems.add(String.format("%s address 0x%02X is not a 7-bit I2C device address (0x08..0x77)",
                    what, address));
        }
    }

    private void checkErmPwm(List<String> problems) {
        if (ermPwm == null) {
            problems.add("ERM PWM settings missing");
            return;
        }
        int gpio = ermPwm.gpio();
        int channel = ermPwm.pwmChannel();
        if (gpio != 12 && gpio != 13 && gpio != 18 && gpio != 19) {
            problems.add("PWM GPIO " + gpio + " has no hardware PWM on the header (12, 13, 18 or 19)");
        } else if (channel != bcm283xChannel(gpio) && channel != rp1Channel(gpio)) {
            problems.add("PWM GPIO " + gpio + " is not channel " + channel + " on any Pi (BCM283x/BCM2711: channel "
                    + bcm283xChannel(gpio) + ", Pi 5: channel " + rp1Channel(gpio) + ")");
        }
        if (ermPwm.pwmChip() < 0 || ermPwm.pwmChip() > 15) {
            problems.add("PWM chip " + ermPwm.pwmChip() + " out of range 0..15");
        }
        if (ermPwm.frequencyHz() < 100 || ermPwm.frequencyHz() > 50_000) {
            problems.add("PWM frequency " + ermPwm.frequencyHz() + " Hz out of range 100..50000");
        }
        if (ermPwm.minDutyPct() < 0 || ermPwm.minDutyPct() > 90) {
            problems.add("ERM minimum duty " + ermPwm.minDutyPct() + " % out of range 0..90");
        }
    }

    private static int bcm283xChannel(int gpio) {
        return gpio == 12 || gpio == 18 ? 0 : 1;
    }

    private static int rp1Channel(int gpio) {
        return switch (gpio) {
            case 12 -> 0;
            case 13 -> 1;
            case 18 -> 2;
            default -> 3;
        };
    }

    private void checkDrv(List<String> problems) {
        if (drv == null) {
            problems.add("DRV2605L settings missing");
            return;
        }
        checkAddress(problems, "DRV2605L", drv.address());
        if (drv.address() == imuAddress) {
            problems.add(String.format("IMU and DRV2605L both at 0x%02X on I2C bus %d", imuAddress, i2cBus));
        }
        try {
            drv.driverSettings();
        } catch (IllegalArgumentException e) {
            problems.add("DRV2605L: " + e.getMessage());
        }
    }

    private void checkButton(List<String> problems) {
        if (button == null) {
            problems.add("button settings missing");
            return;
        }
        int pin = button.bcmPin();
        if (pin < 2 || pin > 27) {
            problems.add("button GPIO " + pin + " is not a header GPIO (2..27)");
        } else if (i2cBus == 1 && (pin == 2 || pin == 3)) {
            problems.add("button GPIO " + pin + " is I2C bus 1 " + (pin == 2 ? "SDA (header pin 3)" : "SCL (header pin 5)"));
        } else if (hapticKind == HapticKind.ERM_PWM && ermPwm != null && pin == ermPwm.gpio()) {
            problems.add("button GPIO " + pin + " is the motor's PWM pin");
        }
        if (button.debounceMs() < 1 || button.debounceMs() > 100) {
            problems.add("button debounce " + button.debounceMs() + " ms out of range 1..100");
        }
        if (button.shortMaxMs() <= button.debounceMs() || button.longPressMs() < button.shortMaxMs()) {
            problems.add("button timings need debounce < short press max <= long press, got "
                    + button.debounceMs() + " / " + button.shortMaxMs() + " / " + button.longPressMs() + " ms");
        }
        if (button.longPressMs() > 10_000) {
            problems.add("button long press " + button.longPressMs() + " ms above 10000");
        }
    }
}
