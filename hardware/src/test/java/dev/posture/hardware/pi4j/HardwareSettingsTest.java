package dev.posture.hardware.pi4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.posture.hardware.haptic.Drv2605l;
import dev.posture.hardware.pi4j.HardwareSettings.ButtonPin;
import dev.posture.hardware.pi4j.HardwareSettings.Drv;
import dev.posture.hardware.pi4j.HardwareSettings.ErmPwm;
import dev.posture.hardware.pi4j.HardwareSettings.HapticKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class HardwareSettingsTest {
    private static final HardwareSettings D = HardwareSettings.DEFAULTS;

    private static HardwareSettings erm(ErmPwm pwm) {
        return new HardwareSettings(D.i2cBus(), D.imuModel(), D.imuAddress(), HapticKind.ERM_PWM, pwm, D.drv(), D.button());
    }

    private static HardwareSettings drv(Drv drv) {
        return new HardwareSettings(D.i2cBus(), D.imuModel(), D.imuAddress(), HapticKind.DRV2605L, D.ermPwm(), drv,
                D.button());
    }

    private static HardwareSettings button(ButtonPin button) {
        return new HardwareSettings(D.i2cBus(), D.imuModel(), D.imuAddress(), D.hapticKind(), D.ermPwm(), D.drv(), button);
    }

    @Test
    void defaultsAreTheReferenceWiringAndValid() {
        assertEquals(List.of(), D.problems());
        assertSame(D, D.validate());
        assertEquals(1, D.i2cBus());
        assertEquals(0x68, D.imuAddress());
        assertEquals(18, D.ermPwm().gpio());
        assertEquals(0x5A, D.drv().address());
        assertEquals(17, D.button().bcmPin());
        assertEquals(List.of(), drv(Drv.DEFAULTS).problems());
    }

    @Test
    void everyProblemIsListedOnItsOwnLine() {
        HardwareSettings bad = new HardwareSettings(300, " ", 0x80, HapticKind.ERM_PWM,
                new ErmPwm(17, 0, 0, 50, 95), D.drv(), new ButtonPin(17, true, 0, 1_000, 2_000));
        assertEquals(List.of(
                "I2C bus 300 out of range 0..255",
                "IMU model missing (e.g. mpu6050)",
                "IMU address 0x80 is not a 7-bit I2C device address (0x08..0x77)",
                "PWM GPIO 17 has no hardware PWM on the header (12, 13, 18 or 19)",
                "PWM frequency 50 Hz out of range 100..50000",
                "ERM minimum duty 95 % out of range 0..90",
                "button GPIO 17 is the motor's PWM pin",
                "button debounce 0 ms out of range 1..100"), bad.problems());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, bad::validate);
        assertEquals("invalid hardware settings: I2C bus 300 out of range 0..255; IMU model missing (e.g. mpu6050); "
                + "IMU address 0x80 is not a 7-bit I2C device address (0x08..0x77); "
                + "PWM GPIO 17 has no hardware PWM on the header (12, 13, 18 or 19); "
                + "PWM frequency 50 Hz out of range 100..50000; ERM minimum duty 95 % out of range 0..90; "
                + "button GPIO 17 is the motor's PWM pin; button debounce 0 ms out of range 1..100", e.getMessage());
    }

    @Test
    void pwmPinAndChannelMustMatchSomePi() {
        assertEquals(List.of(), erm(new ErmPwm(18, 0, 0, 20_000, 35)).problems());   // Pi Zero 2 W .. Pi 4
        assertEquals(List.of(), erm(new ErmPwm(18, 2, 2, 20_000, 35)).problems());   // Pi 5
        assertEquals(List.of(), erm(new ErmPwm(13, 0, 1, 20_000, 35)).problems());
        assertEquals(List.of("PWM GPIO 18 is not channel 1 on any Pi (BCM283x/BCM2711: channel 0, Pi 5: channel 2)"),
                erm(new ErmPwm(18, 0, 1, 20_000, 35)).problems());
        assertEquals(List.of("PWM chip 16 out of range 0..15"), erm(new ErmPwm(12, 16, 0, 20_000, 35)).problems());
    }

    @Test
    void drv2605lChecks() {
        assertEquals(List.of("IMU and DRV2605L both at 0x68 on I2C bus 1"),
                drv(new Drv(0x68, Drv2605l.Actuator.ERM, 1, 0x3E, 0x8C)).problems());
        assertEquals(List.of("DRV2605L: LRA effect library must be 6, got 2"),
                drv(new Drv(0x5A, Drv2605l.Actuator.LRA, 2, 0x3E, 0x8C)).problems());
        assertEquals(List.of("DRV2605L: ERM effect library 6 out of range 1..5"),
                drv(new Drv(0x5A, Drv2605l.Actuator.ERM, 6, 0x3E, 0x8C)).problems());
        assertEquals(List.of(), drv(new Drv(0x5A, Drv2605l.Actuator.LRA, 6, 0x53, 0x89)).problems());
        assertEquals(List.of("DRV2605L settings missing"), drv(null).problems());
    }

    @Test
    void buttonChecks() {
        assertEquals(List.of("button GPIO 2 is I2C bus 1 SDA (header pin 3)"),
                button(new ButtonPin(2, true, 25, 1_000, 2_000)).problems());
        assertEquals(List.of("button GPIO 28 is not a header GPIO (2..27)"),
                button(new ButtonPin(28, true, 25, 1_000, 2_000)).problems());
        assertEquals(List.of("button timings need debounce < short press max <= long press, got 25 / 3000 / 2000 ms"),
                button(new ButtonPin(17, true, 25, 3_000, 2_000)).problems());
        assertEquals(List.of("button long press 20000 ms above 10000"),
                button(new ButtonPin(17, true, 25, 1_000, 20_000)).problems());
        assertEquals(List.of("button settings missing"), button(null).problems());
        assertEquals(List.of(), button(new ButtonPin(27, false, 30, 800, 3_000)).problems());
    }

    @Test
    void missingHapticKind() {
        HardwareSettings none = new HardwareSettings(1, "mpu6050", 0x68, null, D.ermPwm(), D.drv(), D.button());
        assertEquals(List.of("haptic kind missing (ERM_PWM or DRV2605L)"), none.problems());
    }
}
