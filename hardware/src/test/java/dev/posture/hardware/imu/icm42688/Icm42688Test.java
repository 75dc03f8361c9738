package dev.posture.hardware.imu.icm42688;

import static dev.posture.hardware.imu.icm42688.Icm42688Registers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.posture.hardware.HardwareException;
import dev.posture.hardware.ManualClock;
import dev.posture.hardware.imu.FreshSamples;
import dev.posture.hardware.imu.ImuInfo;
import dev.posture.hardware.imu.ImuSettings;
import dev.posture.hardware.imu.emulation.SensorSpec;
import dev.posture.hardware.imu.mpu6050.Mpu6050Emulator;
import dev.posture.hardware.motion.MotionSource;
import org.junit.jupiter.api.Test;

/** The ICM-42688-P driver against its emulator: what is particular to this chip. */
class Icm42688Test {
    private final ManualClock clock = new ManualClock();
    private final short[] counts = new short[6];

    private Icm42688Emulator chip(MotionSource motion, SensorSpec spec) {
        Icm42688Emulator chip = new Icm42688Emulator(1, ADDRESS_AD0_LOW, motion, spec, 42688);
        chip.useClock(clock);
        return chip;
    }

    private Icm42688 ready(Icm42688Emulator chip, ImuSettings settings) throws HardwareException {
        Icm42688 imu = new Icm42688(chip, clock);
        clock.advanceMillis(1);
        imu.configure(settings);
        clock.advanceMillis(1);
        return imu;
    }

    private void readFresh(Icm42688 imu) throws HardwareException {
        FreshSamples.read(imu, clock, counts);
    }

    @Test
    void theConstructorChecksWhoAmISoftResetsAndIsBusyFor1Ms() throws HardwareException {
        Icm42688Emulator chip = chip(null, SensorSpec.IDEAL);
        chip.writeRegister(PWR_MGMT0, (byte) 0x0F);
        Icm42688 imu = new Icm42688(chip, clock);
        assertEquals(0x00, chip.peek(PWR_MGMT0), "reset: sensors off");
        assertEquals(1_000_000L, imu.busyUntilNanos());
        HardwareException busy = assertThrows(HardwareException.class, () -> imu.configure(ImuSettings.DEFAULTS));
        assertEquals("i2c bus 1 addr 0x68 reg 0x4E: busy for another 1000 us", busy.getMessage());
        clock.advanceMillis(1);
        imu.configure(ImuSettings.DEFAULTS);
        assertEquals(PWR_MGMT0_GYRO_LOW_NOISE | PWR_MGMT0_ACCEL_LOW_NOISE, chip.peek(PWR_MGMT0));
        assertFalse(imu.dataReady(), "no register access in the 200 us after powering the sensors");
    }

    @Test
    void anMpu6050IsNotAnIcm42688() {
        Mpu6050Emulator mpu = new Mpu6050Emulator(1, 0x68, null, SensorSpec.IDEAL, 1);
        HardwareException e = assertThrows(HardwareException.class, () -> new Icm42688(mpu, clock));
        assertEquals("i2c bus 1 addr 0x68 reg 0x75: WHO_AM_I is 0x68, expected 0x47 (not an ICM-42688-P)",
                e.getMessage());
    }

    @Test
    void aChipLeftInAnotherBankIsBroughtBackToBank0() throws HardwareException {
        Icm42688Emulator chip = chip(null, SensorSpec.IDEAL);
        chip.writeRegister(REG_BANK_SEL, (byte) 2);
        assertEquals(0x00, chip.readRegister(WHO_AM_I), "bank 2 has no WHO_AM_I");
        new Icm42688(chip, clock);
        assertEquals(0, chip.peek(REG_BANK_SEL));
    }

    @Test
    void configureProgramsTheRegistersAndReportsWhatItChose() throws HardwareException {
        Icm42688Emulator chip = chip(null, SensorSpec.IDEAL);
        Icm42688 imu = ready(chip, new ImuSettings(2, 250, 100, 0, false));
        assertEquals(3 << 5 | 0x08, chip.peek(GYRO_CONFIG0), "+-250 dps at 100 Hz");
        assertEquals(3 << 5 | 0x08, chip.peek(ACCEL_CONFIG0), "+-2 g at 100 Hz");
        assertEquals(0x00, chip.peek(GYRO_ACCEL_CONFIG0), "UI filters at ODR / 2");
        assertEquals(FIFO_MODE_BYPASS, chip.peek(FIFO_CONFIG));
        assertEquals(new ImuInfo("ICM-42688-P", 2, 16384, 250, 1310, 100), imu.info());

        clock.advanceMillis(45);
        imu.configure(new ImuSettings(5, 600, 300, 20, true));
        assertEquals(new ImuInfo("ICM-42688-P", 8, 4096, 1000, 328, 200), imu.info(), "nearest supported settings");
        assertEquals(1 << 5 | 0x07, chip.peek(GYRO_CONFIG0));
        assertEquals(0x66, chip.peek(GYRO_ACCEL_CONFIG0), "max(400 Hz, 200 Hz) / 20 = 20 Hz");
        assertEquals(FIFO_MODE_STOP_ON_FULL, chip.peek(FIFO_CONFIG));
        assertEquals(FIFO_CONFIG1_TEMP_EN | FIFO_CONFIG1_GYRO_EN | FIFO_CONFIG1_ACCEL_EN, chip.peek(FIFO_CONFIG1));
    }

    @Test
    void settingsMapToTheNearestRegisterValues() {
        assertEquals(0, Icm42688.rateIndex(25));
        assertEquals(0, Icm42688.rateIndex(30));
        assertEquals(2, Icm42688.rateIndex(75), "a tie goes to the faster rate");
        assertEquals(3, Icm42688.rateIndex(333));
        assertEquals(5, Icm42688.rateIndex(1000));
        assertEquals(0, Icm42688.uiFilterCode(0, 100));
        assertEquals(4, Icm42688.uiFilterCode(100, 1000));
        assertEquals(6, Icm42688.uiFilterCode(20, 100));
        assertEquals(3, Icm42688.accelFullScaleSelect(2));
        assertEquals(1, Icm42688.accelFullScaleSelect(5));
        assertEquals(0, Icm42688.accelFullScaleSelect(32));
        assertEquals(3, Icm42688.gyroFullScaleSelect(125), "we use 250..2000 dps only");
        assertEquals(1, Icm42688.gyroFullScaleSelect(600));
        assertEquals(0, Icm42688.gyroFullScaleSelect(2000));
    }

    @Test
    void theGyroStaysOnForAtLeast45Ms() throws HardwareException {
        Icm42688 imu = ready(chip(null, SensorSpec.IDEAL), ImuSettings.DEFAULTS);
        clock.advanceMillis(10);
        HardwareException e = assertThrows(HardwareException.class, () -> imu.configure(ImuSettings.DEFAULTS));
        assertEquals("i2c bus 1 addr 0x68 reg 0x4E: gyro must stay on for another 34 ms before it is reconfigured",
                e.getMessage());
        clock.advanceMillis(34);
        imu.configure(ImuSettings.DEFAULTS);
    }

    @Test
    void dataReadyRisesOncePerSampleAtTheConfiguredRate() throws HardwareException {
        Icm42688 imu = ready(chip(null, Icm42688Emulator.DATASHEET), new ImuSettings(16, 2000, 200, 0, false));
        int ready = 0;
        for (int ms = 0; ms < 1000; ms++) {
            clock.advanceMillis(1);
            if (imu.dataReady()) {
                ready++;
                imu.read(counts);
            }
        }
        assertEquals(200, ready);
    }

    @Test
    void temperatureIsRawOver132Point48Plus25() throws HardwareException {
        Icm42688Emulator chip = chip(null, SensorSpec.IDEAL);
        Icm42688 imu = ready(chip, ImuSettings.DEFAULTS);
        chip.setTemperatureC(25);
        clock.advanceMillis(20);
        assertEquals(2500, imu.temperatureCentiC());
        chip.setTemperatureC(35);
        clock.advanceMillis(20);
        chip.catchUp();
        assertEquals(1325, (short) (chip.peek(TEMP_DATA1) << 8 | chip.peek(TEMP_DATA0)));
        assertEquals(3500, imu.temperatureCentiC());
    }

    @Test
    void aFullFifoIsReportedAndFlushed() throws HardwareException {
        Icm42688Emulator chip = chip(null, Icm42688Emulator.DATASHEET);
        Icm42688 imu = ready(chip, new ImuSettings(2, 250, 1000, 0, true));
        clock.advanceMillis(200); // 200 packets of 16 bytes > 2048
        short[] fifo = new short[6 * 200];
        HardwareException e = assertThrows(HardwareException.class, () -> imu.readFifo(fifo, 200));
        assertEquals("i2c bus 1 addr 0x68 reg 0x30: FIFO full (2048 bytes queued): samples dropped, FIFO flushed",
                e.getMessage());
        chip.catchUp();
        assertEquals(0, chip.fifoCount());
        clock.advanceMillis(10);
        assertEquals(10, imu.readFifo(fifo, 200));
        for (int i = 0; i < 10; i++) {
            assertEquals(16384, fifo[6 * i + 2], 0.03 * 16384);
        }
    }

    @Test
    void aFifoThatIsNotAccelPlusGyroIsRefused() throws HardwareException {
        Icm42688Emulator chip = chip(null, Icm42688Emulator.DATASHEET);
        Icm42688 imu = ready(chip, new ImuSettings(2, 250, 1000, 0, true));
        chip.writeRegister(FIFO_CONFIG1, (byte) FIFO_CONFIG1_ACCEL_EN); // behind the driver's back
        clock.advanceMillis(10);
        HardwareException e = assertThrows(HardwareException.class, () -> imu.readFifo(new short[600], 100));
        assertEquals("i2c bus 1 addr 0x68 reg 0x30: FIFO packet header 0x40, expected accel + gyro: FIFO flushed",
                e.getMessage());
    }

    @Test
    void aBusErrorOnDataReadyNamesIntStatus() throws HardwareException {
        Icm42688Emulator chip = chip(null, Icm42688Emulator.DATASHEET);
        Icm42688 imu = ready(chip, ImuSettings.DEFAULTS);
        chip.busErrorNextTransfers(1);
        HardwareException e = assertThrows(HardwareException.class, imu::dataReady);
        assertEquals("i2c bus 1 addr 0x68 reg 0x2D: read failed: bus error (EIO, Input/output error)", e.getMessage());
    }

    @Test
    void stuckDataIsReported() throws HardwareException {
        Icm42688Emulator chip = chip(null, Icm42688Emulator.DATASHEET);
        Icm42688 imu = ready(chip, new ImuSettings(2, 250, 100, 0, false));
        readFresh(imu);
        chip.setDataStuck(true);
        for (int i = 1; i < Icm42688.DEFAULT_STUCK_SAMPLE_LIMIT; i++) {
            readFresh(imu);
        }
        HardwareException e = assertThrows(HardwareException.class, () -> readFresh(imu));
        assertEquals("i2c bus 1 addr 0x68 reg 0x1F: data stuck: 100 fresh samples in a row unchanged", e.getMessage());
    }

    @Test
    void aChipThatResetItselfIsNoticedAndANewDriverWorks() throws HardwareException {
        Icm42688Emulator chip = chip(null, Icm42688Emulator.DATASHEET);
        Icm42688 imu = ready(chip, new ImuSettings(2, 250, 100, 0, false));
        readFresh(imu);
        chip.disconnect();
        clock.advanceMillis(10);
        HardwareException gone = assertThrows(HardwareException.class, imu::dataReady);
        assertEquals("i2c bus 1 addr 0x68 reg 0x2D: read failed: NACK (EREMOTEIO, Remote I/O error)", gone.getMessage());
        chip.reconnect();
        clock.advanceMillis(10);
        HardwareException reset = assertThrows(HardwareException.class, imu::dataReady);
        assertEquals("i2c bus 1 addr 0x68 reg 0x2D: chip reset itself (RESET_DONE_INT): configure again",
                reset.getMessage());
        imu.close();

        chip.reopen();
        Icm42688 again = ready(chip, new ImuSettings(2, 250, 100, 0, false));
        readFresh(again);
        assertEquals(16384, counts[2], 0.03 * 16384);
    }

    @Test
    void closeTurnsTheSensorsOff() throws HardwareException {
        Icm42688Emulator chip = chip(null, SensorSpec.IDEAL);
        Icm42688 imu = ready(chip, ImuSettings.DEFAULTS);
        imu.close();
        assertEquals(0, chip.peek(PWR_MGMT0));
        assertFalse(chip.isOpen());
    }

    @Test
    void readFifoWithoutTheFifoIsAProgrammingError() throws HardwareException {
        Icm42688 imu = ready(chip(null, SensorSpec.IDEAL), ImuSettings.DEFAULTS);
        assertThrows(IllegalStateException.class, () -> imu.readFifo(new short[6], 1));
        assertEquals(100, imu.info().sampleRateHz());
    }
}
