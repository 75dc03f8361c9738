package dev.posture.hardware.pi4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalInputConfig;
import com.pi4j.io.gpio.digital.DigitalInputProviderBase;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;
import com.pi4j.io.i2c.I2C;
import com.pi4j.io.i2c.I2CConfig;
import com.pi4j.io.i2c.I2CProviderBase;
import com.pi4j.io.pwm.Pwm;
import com.pi4j.io.pwm.PwmConfig;
import com.pi4j.io.pwm.PwmProviderBase;
import com.pi4j.io.pwm.PwmType;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalInputProvider;
import com.pi4j.plugin.linuxfs.provider.i2c.LinuxFsI2CProvider;
import com.pi4j.plugin.linuxfs.provider.pwm.LinuxFsPwmProvider;
import com.pi4j.provider.Provider;
import dev.posture.hardware.HardwareException;
import dev.posture.hardware.haptic.Drv2605l;
import dev.posture.hardware.haptic.Drv2605lEmulator;
import dev.posture.hardware.haptic.ErmPwmHaptic;
import dev.posture.hardware.imu.Imu;
import dev.posture.hardware.imu.ImuInfo;
import dev.posture.hardware.imu.ImuSettings;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

/**
 * The factory on a real Pi4J context whose providers carry the real ids ("linuxfs-i2c", ...) but
 * hand out emulators and mocks: what the factory asks Pi4J for, exactly, without a Pi.
 */
class Pi4jHardwareTest {
    private final List<I2CConfig> i2cConfigs = new ArrayList<>();
    private final List<PwmConfig> pwmConfigs = new ArrayList<>();
    private final List<DigitalInputConfig> inputConfigs = new ArrayList<>();
    private final Pwm pwm = mock(Pwm.class);
    private final DigitalInput buttonInput = mock(DigitalInput.class);
    private Drv2605lEmulator drvChip = new Drv2605lEmulator(() -> 0L);
    private final I2C imuBus = mock(I2C.class);
    private FakeImu imu;
    private Context context;

    private final class FakeI2cProvider extends I2CProviderBase {
        FakeI2cProvider() {
            super(LinuxFsI2CProvider.ID, "fake linuxfs I2C");
        }

        @Override
        public I2C create(I2CConfig config) {
            i2cConfigs.add(config);
            return config.device() == 0x5A ? drvChip : imuBus;
        }
    }

    private final class FakePwmProvider extends PwmProviderBase {
        FakePwmProvider() {
            super(LinuxFsPwmProvider.ID, "fake linuxfs PWM");
        }

        @Override
        public Pwm create(PwmConfig config) {
            pwmConfigs.add(config);
            return pwm;
        }
    }

    private final class FakeGpioProvider extends DigitalInputProviderBase {
        FakeGpioProvider() {
            super(GpioDDigitalInputProvider.ID, "fake gpiod input");
        }

        @Override
        public DigitalInput create(DigitalInputConfig config) {
            inputConfigs.add(config);
            return buttonInput;
        }
    }

    private static final class FakeImu implements Imu {
        final I2C i2c;
        boolean closed;

        FakeImu(I2C i2c) {
            this.i2c = i2c;
        }

        @Override
        public ImuInfo info() {
            return new ImuInfo("fake", 16, 2048, 2000, 164, 100);
        }

        @Override
        public void configure(ImuSettings settings) {
        }

        @Override
        public boolean dataReady() {
            return false;
        }

        @Override
        public void read(short[] counts) {
        }

        @Override
        public int readFifo(short[] counts, int maxSamples) {
            return 0;
        }

        @Override
        public int temperatureCentiC() {
            return 2500;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private Imu openImu(I2C i2c) {
        imu = new FakeImu(i2c);
        return imu;
    }

    private Context fakeContext(Provider<?, ?, ?>... providers) {
        when(buttonInput.state()).thenReturn(DigitalState.HIGH);
        context = Pi4J.newContextBuilder().noAutoDetect().add(providers).build();
        return context;
    }

    @AfterEach
    void shutdown() {
        if (context != null && !context.isShutdown()) {
            context.shutdown();
        }
    }

    private static List<String> ids(List<Provider<?, ?, ?>> providers) {
        List<String> ids = new ArrayList<>();
        for (Provider<?, ?, ?> p : providers) {
            ids.add(p.id());
        }
        return ids;
    }

    @Test
    void explicitProvidersForAnErmOnPwm() {
        List<Provider<?, ?, ?>> providers = Pi4jHardware.providers(HardwareSettings.DEFAULTS);
        assertEquals(List.of("linuxfs-i2c", "linuxfs-pwm", "gpiod-digital-input"), ids(providers));
        assertInstanceOf(LinuxFsI2CProvider.class, providers.get(0));
        assertInstanceOf(LinuxFsPwmProvider.class, providers.get(1));
        assertInstanceOf(GpioDDigitalInputProvider.class, providers.get(2));
    }

    @Test
    void noPwmProviderForADrv2605l() {
        HardwareSettings drv = withHaptic(HardwareSettings.HapticKind.DRV2605L);
        assertEquals(List.of("linuxfs-i2c", "gpiod-digital-input"), ids(Pi4jHardware.providers(drv)));
    }

    private static HardwareSettings withHaptic(HardwareSettings.HapticKind kind) {
        HardwareSettings d = HardwareSettings.DEFAULTS;
        return new HardwareSettings(d.i2cBus(), d.imuModel(), d.imuAddress(), kind, d.ermPwm(), d.drv(), d.button());
    }

    @Test
    void ermOnPwmAsksPi4jForExactlyTheReferenceWiring() throws Exception {
        Context ctx = fakeContext(new FakeI2cProvider(), new FakePwmProvider(), new FakeGpioProvider());
        Pi4jHardware hw = Pi4jHardware.create(HardwareSettings.DEFAULTS, ctx, this::openImu);

        assertSame(imu, hw.imu());
        assertSame(imuBus, imu.i2c);
        assertEquals(1, i2cConfigs.size());
        assertEquals(1, i2cConfigs.get(0).bus());
        assertEquals(0x68, i2cConfigs.get(0).device());

        assertInstanceOf(ErmPwmHaptic.class, hw.haptic());
        PwmConfig pwmConfig = pwmConfigs.get(0);
        assertEquals(0, pwmConfig.address());                       // channel 0 on pwmchip0
        assertEquals(PwmType.HARDWARE, pwmConfig.pwmType());
        assertEquals(20_000, pwmConfig.frequency());
        assertEquals(0f, pwmConfig.initialValue().floatValue());
        assertEquals(0f, pwmConfig.shutdownValue().floatValue());
        InOrder order = inOrder(pwm);
        order.verify(pwm).setFrequency(20_000);
        order.verify(pwm).setDutyCycle(0);
        order.verify(pwm).on();

        DigitalInputConfig button = inputConfigs.get(0);
        assertEquals(17, button.address());
        assertEquals(PullResistance.PULL_UP, button.pull());
        assertEquals(0L, button.debounce());

        hw.close();
        assertTrue(imu.closed);
        assertTrue(ctx.isShutdown());
    }

    @Test
    void reopenImuClosesTheOldDriverAndOpensANewHandleUnderAFreshId() throws Exception {
        Context ctx = fakeContext(new FakeI2cProvider(), new FakePwmProvider(), new FakeGpioProvider());
        Pi4jHardware hw = Pi4jHardware.create(HardwareSettings.DEFAULTS, ctx, this::openImu);
        FakeImu first = imu;

        Imu second = hw.reopenImu();                 // after a sensor fault

        assertTrue(first.closed, "the failed driver is closed first");
        assertSame(imu, second);
        assertSame(second, hw.imu());
        assertEquals(2, i2cConfigs.size());
        assertEquals(0x68, i2cConfigs.get(1).device());
        assertEquals(1, i2cConfigs.get(1).bus());
        assertEquals("imu-2", i2cConfigs.get(1).id(), "Pi4J's registry keeps the first id");
        hw.reopenImu();
        assertEquals("imu-3", i2cConfigs.get(2).id());
        hw.close();
        assertTrue(imu.closed);
    }

    @Test
    void drv2605lIsOpenedOnTheSameBusAndInitialized() throws Exception {
        Context ctx = fakeContext(new FakeI2cProvider(), new FakeGpioProvider());   // no PWM provider at all
        Pi4jHardware hw = Pi4jHardware.create(withHaptic(HardwareSettings.HapticKind.DRV2605L), ctx, this::openImu);
        assertInstanceOf(Drv2605l.class, hw.haptic());
        assertEquals(List.of(0x68, 0x5A), List.of(i2cConfigs.get(0).device(), i2cConfigs.get(1).device()));
        assertEquals(1, i2cConfigs.get(1).bus());
        assertTrue(drvChip.isStandby());
        assertFalse(drvChip.writes().isEmpty());
        hw.haptic().drive(100);
        assertEquals(255, drvChip.rtpOutput());
        hw.close();
        assertEquals(0, drvChip.rtpOutput());                        // close left the motor off
    }

    @Test
    void aFailingDeviceClosesWhatWasOpenedAndShutsTheContextDown() {
        drvChip = new Drv2605lEmulator(() -> 0L, 1, 0x5A, 4);            // a DRV2604 answers
        Context ctx = fakeContext(new FakeI2cProvider(), new FakeGpioProvider());
        HardwareException e = assertThrows(HardwareException.class,
                () -> Pi4jHardware.create(withHaptic(HardwareSettings.HapticKind.DRV2605L), ctx, this::openImu));
        assertEquals("i2c bus 1 addr 0x5A reg 0x00 STATUS: device id 4 is not a DRV2605 (3) or DRV2605L (7)",
                e.getMessage());
        assertTrue(imu.closed);
        assertTrue(ctx.isShutdown());
        assertTrue(inputConfigs.isEmpty());                          // stopped before the button
    }

    @Test
    void aMissingProviderIsAClearError() {
        Context ctx = fakeContext(new FakeI2cProvider(), new FakeGpioProvider());   // ERM but no PWM provider
        HardwareException e = assertThrows(HardwareException.class,
                () -> Pi4jHardware.create(HardwareSettings.DEFAULTS, ctx, this::openImu));
        assertTrue(e.getMessage().startsWith("Pi4J provider linuxfs-pwm: "), e.getMessage());
        assertTrue(imu.closed);
    }

    @Test
    void anUnknownImuModelIsRefusedBeforeTouchingPi4j() {
        HardwareSettings d = HardwareSettings.DEFAULTS;
        HardwareSettings bogus = new HardwareSettings(1, "bogus9000", 0x68, d.hapticKind(), d.ermPwm(), d.drv(),
                d.button());
        HardwareException e = assertThrows(HardwareException.class, () -> Pi4jHardware.open(bogus));
        assertTrue(e.getMessage().startsWith("no IMU driver for model 'bogus9000' in this build (have: "),
                e.getMessage());
        assertNull(ImuDrivers.forModel("bogus9000"));
    }

    @Test
    void invalidSettingsAreRefusedBeforeTouchingPi4j() {
        HardwareSettings d = HardwareSettings.DEFAULTS;
        HardwareSettings bad = new HardwareSettings(1, "mpu6050", 0x68, d.hapticKind(), d.ermPwm(), d.drv(),
                new HardwareSettings.ButtonPin(3, true, 25, 1_000, 2_000));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Pi4jHardware.open(bad, this::openImu));
        assertEquals("invalid hardware settings: button GPIO 3 is I2C bus 1 SCL (header pin 5)", e.getMessage());
        assertNull(imu);
    }
}
