package dev.posture.hardware.haptic;

import com.pi4j.exception.Pi4JException;
import com.pi4j.io.pwm.Pwm;
import dev.posture.hardware.HardwareException;
import dev.posture.hardware.ProviderFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An ERM (eccentric rotating mass) coin motor switched by a transistor on a hardware PWM pin, through
 * Pi4J's {@link Pwm} (the linuxfs provider, i.e. the kernel's {@code /sys/class/pwm} interface).
 *
 * <p><b>Frequency.</b> {@link #DEFAULT_FREQUENCY_HZ} = 20 kHz: at the top of human hearing, so the
 * motor windings do not whine at the PWM frequency the way they do at 100 Hz..5 kHz, while the coin
 * motor's electrical time constant (tens of microseconds) still smooths the current. The Pi's PWM block
 * (pwm-bcm2835, the one {@code dtoverlay=pwm} enables) takes the period in nanoseconds: 20 kHz is a
 * 50 000 ns period, which even at a 19.2 MHz PWM clock leaves about 960 duty steps, far finer than the
 * 1 % steps used here. A small NPN (2N2222/BC337) or logic-level MOSFET (AO3400, 2N7000) switches
 * 20 kHz comfortably for a ~80 mA motor.
 *
 * <p><b>Duty from intensity.</b> An ERM stalls from rest below roughly 30-40 % duty, so intensities
 * 1..100 % map linearly onto [{@code minDutyPct}..100] % duty ({@link #dutyForIntensity}); 0 is off
 * (duty 0, the output still enabled and actively driven low, so the transistor is held off whatever
 * the kernel does with a disabled channel). Duty is a whole percentage: autoboxing 0..100 uses the
 * Integer cache, so {@link #drive} allocates nothing itself (the linuxfs provider's sysfs writes do).
 *
 * <p>Pi4J 2.8's linuxfs PWM applies frequency and duty only in {@code on()} (it disables the channel,
 * writes period, duty cycle and polarity, then enables it), so every change is
 * {@code setDutyCycle(d)} followed by {@code on()}.
 */
public final class ErmPwmHaptic implements Haptic {
    private static final Logger LOG = LoggerFactory.getLogger(ErmPwmHaptic.class);

    /** PWM frequency in Hz: 20 kHz, inaudible (see the class comment). */
    public static final int DEFAULT_FREQUENCY_HZ = 20_000;
    /** Lowest duty cycle in % at which a typical 10 mm coin ERM starts from rest at 3.3 V. */
    public static final int DEFAULT_MIN_DUTY_PCT = 35;

    private final Pwm pwm;
    private final String where;     // "pwm chip 0 channel 0", for messages
    private final int minDutyPct;   // duty in % for intensity 1 %

    /**
     * Sets the frequency and turns the motor off (duty 0, output enabled).
     *
     * @param pwm          the Pi4J PWM output (hardware PWM, linuxfs provider)
     * @param pwmChip      the sysfs pwmchip number, for messages only
     * @param pwmChannel   the channel on that chip, for messages only
     * @param frequencyHz  PWM frequency, 100..50 000 Hz
     * @param minDutyPct   duty cycle in % that intensity 1 % maps to, 0..90
     */
    public ErmPwmHaptic(Pwm pwm, int pwmChip, int pwmChannel, int frequencyHz, int minDutyPct)
            throws HardwareException {
        if (frequencyHz < 100 || frequencyHz > 50_000) {
            throw new IllegalArgumentException("pwm frequency " + frequencyHz + " Hz out of range 100..50000");
        }
        if (minDutyPct < 0 || minDutyPct > 90) {
            throw new IllegalArgumentException("minimum duty " + minDutyPct + " % out of range 0..90");
        }
        this.pwm = pwm;
        this.where = "pwm chip " + pwmChip + " channel " + pwmChannel;
        this.minDutyPct = minDutyPct;
        try {
            pwm.setFrequency(frequencyHz);
            pwm.setDutyCycle(0);
            pwm.on();
        } catch (Pi4JException e) {
            throw ProviderFailure.wrap(where + ": set " + frequencyHz + " Hz, duty 0 %", e);
        }
    }

    /**
     * Duty cycle in % for an intensity in %: 0 stays 0; 1..100 map linearly onto
     * (minDutyPct..100]: {@code minDutyPct + (100 - minDutyPct) * intensity / 100}, rounded half up.
     * With {@code minDutyPct} 0 the duty equals the intensity.
     */
    public static int dutyForIntensity(int intensityPct, int minDutyPct) {
        if (intensityPct <= 0) {
            return 0;
        }
        int pct = Math.min(intensityPct, 100);
        return minDutyPct + ((100 - minDutyPct) * pct + 50) / 100;
    }

    @Override
    public void drive(int intensityPct) throws HardwareException {
        if (intensityPct < 0 || intensityPct > 100) {
            throw new IllegalArgumentException("intensity " + intensityPct + " % out of range 0..100");
        }
        int duty = dutyForIntensity(intensityPct, minDutyPct);
        try {
            pwm.setDutyCycle(duty);
            pwm.on();
        } catch (Pi4JException e) {
            throw ProviderFailure.wrap(where + ": set duty " + duty + " %", e);
        }
    }

    /** Duty 0, then disables the channel. */
    @Override
    public void close() {
        try {
            pwm.setDutyCycle(0);
            pwm.on();
            pwm.off();
        } catch (Pi4JException e) {
            LOG.warn("{}: motor off on close failed: {}", where, ProviderFailure.describe(e));
        }
    }
}
