package dev.posture.hardware.pi4j;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.exception.Pi4JException;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalInputProvider;
import com.pi4j.io.gpio.digital.PullResistance;
import com.pi4j.io.i2c.I2C;
import com.pi4j.io.i2c.I2CProvider;
import com.pi4j.io.pwm.Pwm;
import com.pi4j.io.pwm.PwmProvider;
import com.pi4j.io.pwm.PwmType;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalInputProvider;
import com.pi4j.plugin.linuxfs.provider.i2c.LinuxFsI2CProvider;
import com.pi4j.plugin.linuxfs.provider.pwm.LinuxFsPwmProvider;
import com.pi4j.provider.Provider;
import dev.posture.hardware.HardwareException;
import dev.posture.hardware.ProviderFailure;
import dev.posture.hardware.button.Button;
import dev.posture.hardware.button.GpioButton;
import dev.posture.hardware.haptic.Drv2605l;
import dev.posture.hardware.haptic.ErmPwmHaptic;
import dev.posture.hardware.haptic.Haptic;
import dev.posture.hardware.imu.Imu;
import java.io.Closeable;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real devices on a Raspberry Pi: builds a Pi4J 2.8 context with exactly the providers the
 * settings need, then the IMU, the haptic and the button. Closing it closes the devices and shuts
 * the context down. The only place Pi4J contexts are made; nothing it returns exposes Pi4J types.
 *
 * <p><b>Providers, explicitly.</b> {@code Pi4J.newContextBuilder().noAutoDetect()} loads no platform
 * and no plugin from the classpath; we add
 * <ul>
 *   <li>{@code linuxfs-i2c} ({@link LinuxFsI2CProvider#newInstance()}): /dev/i2c-N via ioctl;</li>
 *   <li>{@code linuxfs-pwm} ({@link LinuxFsPwmProvider#newInstance(int)} with the pwmchip number):
 *       /sys/class/pwm, hardware PWM only, and only when the haptic is an ERM on PWM;</li>
 *   <li>{@code gpiod-digital-input} ({@link GpioDDigitalInputProvider#newInstance()}): the GPIO
 *       character device through libgpiod, the supported GPIO interface on Bookworm.</li>
 * </ul>
 * Each I/O is then created on its provider by id ({@code context.provider("linuxfs-i2c")}), so no
 * default-platform lookup is involved.
 */
public final class Pi4jHardware implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(Pi4jHardware.class);

    private final Context context;
    private final HardwareSettings settings;
    private final ImuDriverFactory imuDriver;
    private Imu imu;
    private int imuOpens = 1;
    private final Haptic haptic;
    private final Button button;

    private Pi4jHardware(Context context, HardwareSettings settings, ImuDriverFactory imuDriver, Imu imu,
            Haptic haptic, Button button) {
        this.context = context;
        this.settings = settings;
        this.imuDriver = imuDriver;
        this.imu = imu;
        this.haptic = haptic;
        this.button = button;
    }

    /** Opens everything, with the IMU driver {@link ImuDrivers} has for the settings' model. */
    public static Pi4jHardware open(HardwareSettings settings) throws HardwareException {
        settings.validate();
        ImuDriverFactory imuDriver = ImuDrivers.forModel(settings.imuModel());
        if (imuDriver == null) {
            throw new HardwareException("no IMU driver for model '" + settings.imuModel()
                    + "' in this build (have: "
                    + (ImuDrivers.MODELS.isEmpty() ? "none" : String.join(", ", ImuDrivers.MODELS)) + ")");
        }
        return open(settings, imuDriver);
    }

    /** Opens everything with an explicit IMU driver. */
    public static Pi4jHardware open(HardwareSettings settings, ImuDriverFactory imuDriver) throws HardwareException {
        settings.validate();
        Context context;
        try {
            context = newContext(settings);
        } catch (Pi4JException e) {
            throw ProviderFailure.wrap("Pi4J context", e);
        }
        return create(settings, context, imuDriver);
    }

    /** The providers for these settings, in the order they are added to the context. */
    static List<Provider<?, ?, ?>> providers(HardwareSettings settings) {
        List<Provider<?, ?, ?>> providers = new ArrayList<>();
        providers.add(LinuxFsI2CProvider.newInstance());
        if (settings.hapticKind() == HardwareSettings.HapticKind.ERM_PWM) {
            providers.add(LinuxFsPwmProvider.newInstance(settings.ermPwm().pwmChip()));
        }
        providers.add(GpioDDigitalInputProvider.newInstance());
        return providers;
    }

    static Context newContext(HardwareSettings settings) {
        return Pi4J.newContextBuilder()
                .noAutoDetect()                                   // no platforms, no classpath plugins
                .add(providers(settings).toArray(new Provider<?, ?, ?>[0]))
                .build();
    }

    /** Creates the devices on {@code context}; on any failure closes what it opened and shuts it down. */
    static Pi4jHardware create(HardwareSettings settings, Context context, ImuDriverFactory imuDriver)
            throws HardwareException {
        Imu imu = null;
        Haptic haptic = null;
        try {
            I2CProvider i2c = provider(context, LinuxFsI2CProvider.ID);
            imu = imuDriver.open(openI2c(context, i2c, settings.i2cBus(), settings.imuAddress(), "imu"));
            haptic = switch (settings.hapticKind()) {
                case ERM_PWM -> openErm(context, settings.ermPwm());
                case DRV2605L -> new Drv2605l(
                        openI2c(context, i2c, settings.i2cBus(), settings.drv().address(), "haptic-drv2605l"),
                        settings.drv().driverSettings());
            };
            Button button = openButton(context, settings.button());
            return new Pi4jHardware(context, settings, imuDriver, imu, haptic, button);
        } catch (HardwareException | RuntimeException e) {
            if (haptic != null) {
                haptic.close();
            }
            if (imu != null) {
                imu.close();
            }
            shutdown(context);
            throw e;
        }
    }

    private static <T extends Provider<?, ?, ?>> T provider(Context context, String id) throws HardwareException {
        try {
            return context.provider(id);
        } catch (Pi4JException e) {
            throw ProviderFailure.wrap("Pi4J provider " + id, e);
        }
    }

    private static I2C openI2c(Context context, I2CProvider provider, int bus, int address, String id)
            throws HardwareException {
        try {
            return provider.create(I2C.newConfigBuilder(context)
                    .id(id).name(id)
                    .bus(bus)
                    .device(address)
                    .build());
        } catch (Pi4JException e) {
            throw ProviderFailure.wrap(String.format("i2c bus %d addr 0x%02X: open failed", bus, address), e);
        }
    }

    private static Haptic openErm(Context context, HardwareSettings.ErmPwm erm) throws HardwareException {
        PwmProvider provider = provider(context, LinuxFsPwmProvider.ID);
        Pwm pwm;
        try {
            pwm = provider.create(Pwm.newConfigBuilder(context)
                    .id("haptic-pwm").name("haptic-pwm")
                    .address(erm.pwmChannel())                    // linuxfs: the channel on the pwmchip
                    .pwmType(PwmType.HARDWARE)
                    .frequency(erm.frequencyHz())
                    .dutyCycle(0)
                    .initial(0)                                   // motor off when created
                    .shutdown(0)                                  // and when Pi4J shuts down
                    .build());
        } catch (Pi4JException e) {
            throw ProviderFailure.wrap("pwm chip " + erm.pwmChip() + " channel " + erm.pwmChannel()
                    + " (GPIO" + erm.gpio() + "): open failed", e);
        }
        return new ErmPwmHaptic(pwm, erm.pwmChip(), erm.pwmChannel(), erm.frequencyHz(), erm.minDutyPct());
    }

    private static Button openButton(Context context, HardwareSettings.ButtonPin pin) throws HardwareException {
        DigitalInputProvider provider = provider(context, GpioDDigitalInputProvider.ID);
        DigitalInput input;
        try {
            input = provider.create(DigitalInput.newConfigBuilder(context)
                    .id("button").name("button")
                    .address(pin.bcmPin())
                    .pull(pin.activeLow() ? PullResistance.PULL_UP : PullResistance.PULL_DOWN)
                    .debounce(0L)                                 // every raw edge: GpioButton debounces
                    .build());
        } catch (Pi4JException e) {
            throw ProviderFailure.wrap("gpio " + pin.bcmPin() + " (button): open failed", e);
        }
        return new GpioButton(input, pin.activeLow(), pin.debounceMs(), pin.shortMaxMs(), pin.longPressMs());
    }

    public synchronized Imu imu() {
        return imu;
    }

    /**
     * Closes the IMU and opens it anew on a fresh I2C handle (the driver checks WHO_AM_I and resets
     * the chip): what the sampling loop does after a sensor fault. Each handle gets its own Pi4J id
     * ({@code imu-2}, {@code imu-3}, ...) because the context's registry keeps ids of closed I/O.
     */
    public synchronized Imu reopenImu() throws HardwareException {
        if (imu != null) {
            try {
                imu.close();            // the loop may have closed it already after the fault
            } catch (RuntimeException e) {
                LOG.debug("closing the old IMU: {}", e.getMessage());
            }
            imu = null;
        }
        imuOpens++;
        I2CProvider i2c = provider(context, LinuxFsI2CProvider.ID);
        imu = imuDriver.open(openI2c(context, i2c, settings.i2cBus(), settings.imuAddress(), "imu-" + imuOpens));
        return imu;
    }

    /** An {@link ErmPwmHaptic} or a {@link Drv2605l}, per the settings. */
    public Haptic haptic() {
        return haptic;
    }

    public Button button() {
        return button;
    }

    /** Closes button, haptic (motor off) and IMU, then shuts the Pi4J context down. */
    @Override
    public void close() {
        button.close();
        haptic.close();
        synchronized (this) {
            if (imu != null) {
                imu.close();
            }
        }
        shutdown(context);
    }

    private static void shutdown(Context context) {
        try {
            context.shutdown();
        } catch (Pi4JException e) {
            LOG.warn("Pi4J context shutdown: {}", ProviderFailure.describe(e));
        }
    }
}
