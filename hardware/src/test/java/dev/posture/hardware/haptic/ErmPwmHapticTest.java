package dev.posture.hardware.haptic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoMoreInteractions;
import static org.mockito.Mockito.when;

import com.pi4j.io.pwm.Pwm;
import dev.posture.hardware.HardwareException;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

class ErmPwmHapticTest {
    private final Pwm pwm = mock(Pwm.class);

    private ErmPwmHaptic open() throws HardwareException {
        return new ErmPwmHaptic(pwm, 0, 0, ErmPwmHaptic.DEFAULT_FREQUENCY_HZ, 35);
    }

    @Test
    void constructorSetsTwentyKilohertzAndStartsOff() throws Exception {
        open();
        InOrder order = inOrder(pwm);
        order.verify(pwm).setFrequency(20_000);
        order.verify(pwm).setDutyCycle(0);
        order.verify(pwm).on();
        verifyNoMoreInteractions(pwm);
    }

    @Test
    void driveWritesMappedDutyThenAppliesIt() throws Exception {
        ErmPwmHaptic motor = open();
        motor.drive(1);
        motor.drive(50);
        motor.drive(100);
        motor.drive(0);
        InOrder order = inOrder(pwm);
        order.verify(pwm).setFrequency(20_000);
        order.verify(pwm).setDutyCycle(0);
        order.verify(pwm).on();
        order.verify(pwm).setDutyCycle(36);   // 1 % -> just above the minimum start duty
        order.verify(pwm).on();
        order.verify(pwm).setDutyCycle(68);   // 35 + 65 * 50 / 100 = 67.5, half up
        order.verify(pwm).on();
        order.verify(pwm).setDutyCycle(100);
        order.verify(pwm).on();
        order.verify(pwm).setDutyCycle(0);    // off is duty 0, output still driven
        order.verify(pwm).on();
        verifyNoMoreInteractions(pwm);
    }

    @Test
    void dutyMappingEndpointsAndMonotonicity() {
        assertEquals(0, ErmPwmHaptic.dutyForIntensity(0, 35));
        assertEquals(36, ErmPwmHaptic.dutyForIntensity(1, 35));
        assertEquals(100, ErmPwmHaptic.dutyForIntensity(100, 35));
        assertEquals(1, ErmPwmHaptic.dutyForIntensity(1, 0));
        assertEquals(50, ErmPwmHaptic.dutyForIntensity(50, 0));
        assertEquals(100, ErmPwmHaptic.dutyForIntensity(100, 0));
        int previous = 0;
        for (int pct = 1; pct <= 100; pct++) {
            int duty = ErmPwmHaptic.dutyForIntensity(pct, 35);
            assertEquals(true, duty >= previous && duty > 35 && duty <= 100, "pct " + pct + " -> " + duty);
            previous = duty;
        }
    }

    @Test
    void closeTurnsOffAndDisables() throws Exception {
        ErmPwmHaptic motor = open();
        motor.drive(80);
        motor.close();
        InOrder order = inOrder(pwm);
        order.verify(pwm).setDutyCycle(87);   // 35 + 65 * 0.8 = 87
        order.verify(pwm).on();
        order.verify(pwm).setDutyCycle(0);
        order.verify(pwm).on();
        order.verify(pwm).off();
    }

    @Test
    void providerFailureBecomesHardwareExceptionNamingChipAndChannel() throws Exception {
        ErmPwmHaptic motor = new ErmPwmHaptic(pwm, 2, 1, 20_000, 35);
        doThrow(new com.pi4j.io.exception.IOException("Failed to write",
                new java.io.IOException("Permission denied"))).when(pwm).on();
        HardwareException e = assertThrows(HardwareException.class, () -> motor.drive(100));
        assertEquals("pwm chip 2 channel 1: set duty 100 %: Permission denied", e.getMessage());
    }

    @Test
    void constructorFailureNamesFrequency() {
        doThrow(new com.pi4j.io.exception.IOException("export failed")).when(pwm).on();
        HardwareException e = assertThrows(HardwareException.class, this::open);
        assertEquals("pwm chip 0 channel 0: set 20000 Hz, duty 0 %: export failed", e.getMessage());
    }

    @Test
    void closeSwallowsFailures() throws Exception {
        ErmPwmHaptic motor = open();
        when(pwm.off()).thenThrow(new com.pi4j.io.exception.IOException("gone"));
        motor.close();
    }

    @Test
    void rejectsOutOfRangeArguments() throws Exception {
        ErmPwmHaptic motor = open();
        assertThrows(IllegalArgumentException.class, () -> motor.drive(101));
        assertThrows(IllegalArgumentException.class, () -> motor.drive(-1));
        assertThrows(IllegalArgumentException.class, () -> new ErmPwmHaptic(pwm, 0, 0, 50, 35));
        assertThrows(IllegalArgumentException.class, () -> new ErmPwmHaptic(pwm, 0, 0, 20_000, 95));
        // no argument error reached the PWM
        InOrder order = inOrder(pwm);
        order.verify(pwm).setFrequency(20_000);
        order.verify(pwm).setDutyCycle(any());
        order.verify(pwm).on();
        verifyNoMoreInteractions(pwm);
    }
}
