package dev.posture.hardware.imu.mpu6050;

import static dev.posture.hardware.imu.mpu6050.Mpu6050Registers.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posture.hardware.HardwareException;
import dev.posture.hardware.ManualClock;
import dev.posture.hardware.i2c.AllocationMeter;
import dev.posture.hardware.i2c.BusErrno;
import dev.posture.hardware.i2c.RegisterMapEmulator;
import dev.posture.hardware.imu.FreshSamples;
import dev.posture.hardware.imu.Imu;
import dev.posture.hardware.imu.ImuInfo;
import dev.posture.hardware.imu.ImuSettings;
import dev.posture.hardware.imu.Motions;
import dev.posture.hardware.imu.emulation.SensorSpec;
import dev.posture.hardware.motion.MotionSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The real driver against the emulated chip. */
class Mpu6050Test {
    private static final long SEED = 6050;

    private final ManualClock clock = new ManualClock();
    private final short[] counts = new short[6];

    private Mpu6050Emulator chip(MotionSource motion, SensorSpec spec) {
        Mpu6050Emulator chip = new Mpu6050Emulator(1, ADDRESS_AD0_LOW, motion, spec, SEED);
        chip.useClock(clock);
        return chip;
    }

    /** A driver past its reset time, configured. */
    private Mpu6050 ready(Mpu6050Emulator chip, ImuSettings settings) throws HardwareException {
        Mpu6050 imu = new Mpu6050(chip, clock);
        clock.advanceMillis(100);
        imu.configure(settings);
        return imu;
    }

    /** Mean of {@code n} fresh samples, polling data-ready every millisecond. */
    private double[] mean(Imu imu, int n) throws HardwareException {
        return FreshSamples.mean(imu, clock, counts, n);
    }

    @Test
    void theConstructorChecksWhoAmIResetsAndIsBusyFor100Ms() throws HardwareException {
        Mpu6050Emulator chip = chip(null, SensorSpec.IDEAL);
        chip.writeRegister(PWR_MGMT_1, (byte) 0x01); // someone woke it earlier
        Mpu6050 imu = new Mpu6050(chip, clock);
        assertEquals(PWR_MGMT_1_RESET_VALUE, chip.peek(PWR_MGMT_1), "reset: asleep again");
        assertEquals(100_000_000L, imu.busyUntilNanos());

        clock.advanceMillis(40);
        assertFalse(imu.dataReady(), "no data while resetting");
        HardwareException busy = assertThrows(HardwareException.class, () -> imu.configure(ImuSettings.DEFAULTS));
        assertEquals("i2c bus 1 addr 0x68 reg 0x6B: busy after device reset for another 60 ms", busy.getMessage());

        clock.advanceMillis(60);
        imu.configure(ImuSettings.DEFAULTS);
        assertEquals(CLKSEL_PLL_GYRO_X, chip.peek(PWR_MGMT_1), "awake on the X-gyro PLL");
    }

    @Test
    void aChipThatIsNotAnMpu6050IsRefused() {
        RegisterMapEmulator mpu6500 = new RegisterMapEmulator(1, 0x68) {
            {
                define(WHO_AM_I, 0x70, Access.READ_ONLY);
                powerOnReset();
            }
        };
        HardwareException e = assertThrows(HardwareException.class, () -> new Mpu6050(mpu6500, clock));
        assertEquals("i2c bus 1 addr 0x68 reg 0x75: WHO_AM_I is 0x70, expected 0x68 (not an MPU-6050)", e.getMessage());
    }

    @Test
    void anAbsentChipIsANackOnWhoAmI() {
        Mpu6050Emulator chip = chip(null, SensorSpec.IDEAL);
        chip.disconnect();
        HardwareException e = assertThrows(HardwareException.class, () -> new Mpu6050(chip, clock));
        assertEquals("i2c bus 1 addr 0x68 reg 0x75: read failed: NACK (EREMOTEIO, Remote I/O error)", e.getMessage());
    }

    @Test
    void worksAtTheAlternateAddress() throws HardwareException {
        Mpu6050Emulator chip = new Mpu6050Emulator(1, ADDRESS_AD0_HIGH, null, SensorSpec.IDEAL, SEED);
        chip.useClock(clock);
        Mpu6050 imu = ready(chip, new ImuSettings(2, 250, 100, 0, false));
        assertEquals(0x69, imu.device().address());
        assertEquals(16384, mean(imu, 3)[2], 0.0);
    }

    @Test
    void configureProgramsTheRegistersAndReportsWhatItChose() throws HardwareException {
        Mpu6050Emulator chip = chip(null, SensorSpec.IDEAL);
        Mpu6050 imu = ready(chip, new ImuSettings(4, 1000, 100, 0, false));
        assertEquals(9, chip.peek(SMPLRT_DIV), "1 kHz / (1 + 9) = 100 Hz");
        assertEquals(3, chip.peek(CONFIG), "widest DLPF at or under 50 Hz: 42 Hz");
        assertEquals(2 << 3, chip.peek(GYRO_CONFIG));
        assertEquals(1 << 3, chip.peek(ACCEL_CONFIG));
        assertEquals(INT_DATA_RDY, chip.peek(INT_ENABLE));
        assertEquals(0, chip.peek(USER_CTRL), "FIFO off");
        assertEquals(new ImuInfo("MPU-6050", 4, 8192, 1000, 328, 100), imu.info());
        assertEquals(3, imu.dlpfConfig());

        imu.configure(new ImuSettings(3, 300, 300, 20, true));
        assertEquals(new ImuInfo("MPU-6050", 4, 8192, 500, 655, 333), imu.info(), "nearest supported settings");
        assertEquals(4, chip.peek(CONFIG), "20 Hz DLPF");
        assertEquals(2, chip.peek(SMPLRT_DIV));
        assertEquals(FIFO_EN_ACCEL | FIFO_EN_XG | FIFO_EN_YG | FIFO_EN_ZG, chip.peek(FIFO_EN));
        assertEquals(USER_CTRL_FIFO_EN, chip.peek(USER_CTRL));
        assertEquals(INT_DATA_RDY | INT_FIFO_OFLOW, chip.peek(INT_ENABLE));
    }

    @Test
    void settingsMapToTheNearestRegisterValues() {
        assertEquals(0, Mpu6050.sampleRateDivider(1000));
        assertEquals(9, Mpu6050.sampleRateDivider(100));
        assertEquals(39, Mpu6050.sampleRateDivider(25));
        assertEquals(2, Mpu6050.sampleRateDivider(333));
        assertEquals(255, Mpu6050.sampleRateDivider(1));
        assertEquals(1, Mpu6050.dlpfConfig(0, 1000));
        assertEquals(3, Mpu6050.dlpfConfig(0, 100));
        assertEquals(5, Mpu6050.dlpfConfig(0, 25));
        assertEquals(1, Mpu6050.dlpfConfig(500, 1000));
        assertEquals(2, Mpu6050.dlpfConfig(100, 1000));
        assertEquals(6, Mpu6050.dlpfConfig(1, 1000));
        assertEquals(0, Mpu6050.accelFullScaleSelect(2));
        assertEquals(1, Mpu6050.accelFullScaleSelect(3));
        assertEquals(3, Mpu6050.accelFullScaleSelect(32));
        assertEquals(3, Mpu6050.gyroFullScaleSelect(2000));
        assertEquals(0, Mpu6050.gyroFullScaleSelect(125));
    }

    /** With an ideal part the counts are exactly physics times the datasheet sensitivity. */
    @ParameterizedTest(name = "+-{0} g: {1} LSB/g; +-{2} dps: {3} LSB/(deg/s)")
    @CsvSource({"2, 16384, 250, 131.0", "4, 8192, 500, 65.5", "8, 4096, 1000, 32.8", "16, 2048, 2000, 16.4"})
    void everyRangeHasTheDatasheetSensitivity(int rangeG, int lsbPerG, int rangeDps, double lsbPerDps)
            throws HardwareException {
        double dps = rangeDps * 0.4;
        Mpu6050Emulator chip = chip(Motions.constant(0.5, -0.25, 1, dps, -dps / 2, dps / 4), SensorSpec.IDEAL);
        Mpu6050 imu = ready(chip, new ImuSettings(rangeG, rangeDps, 200, 0, false));
        assertEquals(lsbPerG, imu.info().accelLsbPerG());
        assertEquals(Math.round(lsbPerDps * 10), imu.info().gyroLsbPerDpsX10());
        double[] m = mean(imu, 5);
        assertArrayEquals(new double[] {lsbPerG / 2.0, -lsbPerG / 4.0, lsbPerG,
                Math.rint(dps * lsbPerDps), Math.rint(-dps / 2 * lsbPerDps), Math.rint(dps / 4 * lsbPerDps)}, m, 0.0);
    }

    /**
     * A datasheet part: turned +Z up and then +Z down, half the difference of the means is the
     * sensitivity, which must be within the datasheet's +-3 % initial tolerance (PS Tables 6.1 and
     * 6.2), plus 0.1 % for noise and quantisation of a 200-sample mean; half the sum is the offset,
     * within the zero-g / ZRO tolerance. Likewise turning at +-40 % of full scale.
     */
    @ParameterizedTest(name = "+-{0} g, +-{1} dps")
    @CsvSource({"2, 250", "4, 500", "8, 1000", "16, 2000"})
    void everyRangeReadsWithinTheDatasheetToleranceOnARealisticPart(int rangeG, int rangeDps) throws HardwareException {
        Mpu6050Emulator chip = chip(Motions.atRest(2, +1), Mpu6050Emulator.DATASHEET);
        Mpu6050 imu = ready(chip, new ImuSettings(rangeG, rangeDps, 200, 0, false));
        ImuInfo info = imu.info();
        double lsbPerG = info.accelLsbPerG();
        double lsbPerDps = info.gyroLsbPerDpsX10() / 10.0;
        mean(imu, 20); // let the low-pass settle

        double up = mean(imu, 200)[2];
        chip.setMotion(Motions.atRest(2, -1));
        mean(imu, 20);
        double down = mean(imu, 200)[2];
        assertEquals(1.0, (up - down) / 2 / lsbPerG, 0.031, "1 g reads 1 g within 3 %");
        assertEquals(0.0, (up + down) / 2 / lsbPerG, 0.080, "zero-g offset within +-80 mg (Z)");

        double dps = rangeDps * 0.4;
        chip.setMotion(Motions.turning(0, dps));
        mean(imu, 20);
        double plus = mean(imu, 200)[3];
        chip.setMotion(Motions.turning(0, -dps));
        mean(imu, 20);
        double minus = mean(imu, 200)[3];
        assertEquals(dps, (plus - minus) / 2 / lsbPerDps, dps * 0.031, "rate within 3 %");
        assertEquals(0.0, (plus + minus) / 2 / lsbPerDps, 20.0, "ZRO within +-20 deg/s");
    }

    @Test
    void countsSaturateAtTheInt16Limits() throws HardwareException {
        Mpu6050Emulator chip = chip(Motions.constant(3, -3, 1, 2000, -2000, 0), SensorSpec.IDEAL);
        Mpu6050 imu = ready(chip, new ImuSettings(2, 250, 100, 0, false));
        double[] m = mean(imu, 2);
        assertArrayEquals(new double[] {32767, -32768, 16384, 32767, -32768, 0}, m, 0.0);
    }

    @Test
    void dataReadyRisesOncePerSampleAtTheConfiguredRate() throws HardwareException {
        Mpu6050Emulator chip = chip(null, Mpu6050Emulator.DATASHEET);
        Mpu6050 imu = ready(chip, new ImuSettings(16, 2000, 100, 0, false));
        clock.advanceMillis(9);
        assertFalse(imu.dataReady(), "the first sample is due 10 ms after configure");
        clock.advanceMillis(1);
        assertTrue(imu.dataReady());
        assertTrue(imu.dataReady(), "still waiting: not read yet");
        imu.read(counts);
        assertFalse(imu.dataReady(), "read, and the flag was cleared by reading INT_STATUS");
        int ready = 0;
        for (int ms = 0; ms < 1000; ms++) {
            clock.advanceMillis(1);
            if (imu.dataReady()) {
                ready++;
                imu.read(counts);
            }
        }
        assertEquals(100, ready, "100 Hz for one second");
    }

    @Test
    void oneBurstReadReturnsTheDataRegistersInOrder() throws HardwareException {
        Mpu6050Emulator chip = chip(Motions.constant(0.1, 0.2, 0.9, 10, 20, 30), Mpu6050Emulator.DATASHEET);
        Mpu6050 imu = ready(chip, new ImuSettings(4, 500, 100, 0, false));
        clock.advanceMillis(50);
        long before = chip.transferCount();
        imu.read(counts);
        assertEquals(1, chip.transferCount() - before, "one transfer");
        for (int axis = 0; axis < 3; axis++) {
            assertEquals((short) (chip.peek(ACCEL_XOUT_H + 2 * axis) << 8 | chip.peek(ACCEL_XOUT_H + 2 * axis + 1)),
                    counts[axis]);
            assertEquals((short) (chip.peek(GYRO_XOUT_H + 2 * axis) << 8 | chip.peek(GYRO_XOUT_H + 2 * axis + 1)),
                    counts[3 + axis]);
        }
        assertEquals(0.9 * 8192, counts[2], 0.09 * 8192);
    }

    @Test
    void temperatureIsRawOver340Plus3653() throws HardwareException {
        Mpu6050Emulator chip = chip(null, SensorSpec.IDEAL);
        Mpu6050 imu = ready(chip, ImuSettings.DEFAULTS);
        chip.setTemperatureC(25.0);
        clock.advanceMillis(20);
        chip.catchUp();
        assertEquals(-3920, (short) (chip.peek(TEMP_OUT_H) << 8 | chip.peek(TEMP_OUT_H + 1)));
        assertEquals(2500, imu.temperatureCentiC());
        chip.setTemperatureC(40.0);
        clock.advanceMillis(20);
        assertEquals(4000, imu.temperatureCentiC());
    }

    /** A ramp in rate makes every FIFO record different, so order is visible. */
    private static MotionSource ramp() {
        return (t, force, rate) -> {
            force[0] = 0;
            force[1] = 0;
            force[2] = 9.80665;
            rate[0] = Math.toRadians(t / 1e6); // 1 deg/s per millisecond
            rate[1] = 0;
            rate[2] = 0;
        };
    }

    @Test
    void theFifoFillsAndDrainsInOrder() throws HardwareException {
        Mpu6050Emulator chip = chip(ramp(), SensorSpec.IDEAL);
        Mpu6050 imu = ready(chip, new ImuSettings(2, 250, 1000, 188, true));
        clock.advanceMillis(50);
        chip.catchUp();
        assertEquals(50 * FIFO_FRAME_BYTES, chip.fifoCount());

        short[] fifo = new short[6 * 64];
        assertEquals(10, imu.readFifo(fifo, 10));
        assertEquals(40 * FIFO_FRAME_BYTES, chip.fifoCount());
        int rest = imu.readFifo(fifo, 64);
        assertEquals(40, rest, "the other forty");
        assertEquals(0, chip.fifoCount());
        for (int i = 1; i < rest; i++) {
            assertTrue(fifo[6 * i + 3] > fifo[6 * (i - 1) + 3], "oldest first: record " + i);
            assertEquals(16384, fifo[6 * i + 2]);
        }
        imu.read(counts);
        assertArrayEquals(counts, java.util.Arrays.copyOfRange(fifo, 6 * (rest - 1), 6 * rest),
                "the newest record is the sample in the data registers");
        assertEquals(0, imu.readFifo(fifo, 64), "empty");
    }

    @Test
    void readsMoreThanOneBurstOfFrames() throws HardwareException {
        Mpu6050Emulator chip = chip(ramp(), SensorSpec.IDEAL);
        Mpu6050 imu = ready(chip, new ImuSettings(2, 250, 1000, 188, true));
        clock.advanceMillis(80);
        short[] fifo = new short[6 * 100];
        long before = chip.transferCount();
        assertEquals(80, imu.readFifo(fifo, 100));
        assertEquals(2 + 3, chip.transferCount() - before, "status, count, then 32 + 32 + 16 frames");
        for (int i = 1; i < 80; i++) {
            assertTrue(fifo[6 * i + 3] > fifo[6 * (i - 1) + 3]);
        }
    }

    @Test
    void aFifoOverflowIsReportedAndTheFifoReset() throws HardwareException {
        Mpu6050Emulator chip = chip(null, Mpu6050Emulator.DATASHEET);
        Mpu6050 imu = ready(chip, new ImuSettings(2, 250, 1000, 0, true));
        clock.advanceMillis(100); // 100 records of 12 bytes > 1024
        short[] fifo = new short[6 * 100];
        HardwareException e = assertThrows(HardwareException.class, () -> imu.readFifo(fifo, 100));
        assertEquals("i2c bus 1 addr 0x68 reg 0x74: FIFO overflow (1024 bytes queued): samples lost, FIFO reset",
                e.getMessage());
        assertEquals(0, chip.fifoCount());

        clock.advanceMillis(10);
        assertEquals(10, imu.readFifo(fifo, 100), "aligned records again after the reset");
        for (int i = 0; i < 10; i++) {
            assertEquals(16384, fifo[6 * i + 2], 0.1 * 16384, "accel Z of record " + i);
        }
    }

    @Test
    void anOverflowSeenByDataReadyIsStillReportedByReadFifo() throws HardwareException {
        Mpu6050Emulator chip = chip(null, Mpu6050Emulator.DATASHEET);
        Mpu6050 imu = ready(chip, new ImuSettings(2, 250, 1000, 0, true));
        clock.advanceMillis(100);
        assertTrue(imu.dataReady()); // reads INT_STATUS, which clears FIFO_OFLOW_INT
        assertEquals(0, chip.peek(INT_STATUS));
        chip.writeRegister(USER_CTRL, (byte) 0x00); // empty the FIFO behind the driver's back
        chip.writeRegister(USER_CTRL, (byte) USER_CTRL_FIFO_RESET);
        chip.writeRegister(USER_CTRL, (byte) USER_CTRL_FIFO_EN);
        clock.advanceMillis(5);
        assertThrows(HardwareException.class, () -> imu.readFifo(new short[60], 10));
    }

    @Test
    void readFifoWithoutTheFifoIsAProgrammingError() throws HardwareException {
        Mpu6050 imu = ready(chip(null, SensorSpec.IDEAL), ImuSettings.DEFAULTS);
        assertThrows(IllegalStateException.class, () -> imu.readFifo(new short[6], 1));
    }

    @Test
    void aNackDuringAReadNamesTheDataRegister() throws HardwareException {
        Mpu6050Emulator chip = chip(null, Mpu6050Emulator.DATASHEET);
        Mpu6050 imu = ready(chip, ImuSettings.DEFAULTS);
        clock.advanceMillis(20);
        chip.nackNextTransfers(1);
        HardwareException e = assertThrows(HardwareException.class, () -> imu.read(counts));
        assertEquals("i2c bus 1 addr 0x68 reg 0x3B: read of 14 bytes failed: NACK (EREMOTEIO, Remote I/O error)",
                e.getMessage());
        imu.read(counts); // the next transfer works
    }

    @Test
    void aBusErrorOnDataReadyNamesIntStatus() throws HardwareException {
        Mpu6050Emulator chip = chip(null, Mpu6050Emulator.DATASHEET);
        Mpu6050 imu = ready(chip, ImuSettings.DEFAULTS);
        chip.busErrorNextTransfers(1);
        HardwareException e = assertThrows(HardwareException.class, imu::dataReady);
        assertEquals("i2c bus 1 addr 0x68 reg 0x3A: read failed: bus error (EIO, Input/output error)", e.getMessage());
    }

    @Test
    void aNackDuringConfigureNamesTheRegisterAndValue() throws HardwareException {
        Mpu6050Emulator chip = chip(null, Mpu6050Emulator.DATASHEET);
        Mpu6050 imu = new Mpu6050(chip, clock);
        clock.advanceMillis(100);
        chip.nackNextTransfers(1);
        HardwareException e = assertThrows(HardwareException.class, () -> imu.configure(ImuSettings.DEFAULTS));
        assertEquals("i2c bus 1 addr 0x68 reg 0x6B: write of 0x01 failed: NACK (EREMOTEIO, Remote I/O error)",
                e.getMessage());
    }

    @Test
    void aNackDuringAFifoReadNamesTheFifoPort() throws HardwareException {
        Mpu6050Emulator chip = chip(null, Mpu6050Emulator.DATASHEET);
        Mpu6050 imu = ready(chip, new ImuSettings(2, 250, 100, 0, true));
        clock.advanceMillis(100);
        short[] fifo = new short[60];
        chip.injectFault(2, 1, BusErrno.EREMOTEIO); // INT_STATUS and FIFO_COUNT pass, the data burst fails
        HardwareException e = assertThrows(HardwareException.class, () -> imu.readFifo(fifo, 10));
        assertEquals("i2c bus 1 addr 0x68 reg 0x74: read of 120 bytes failed: NACK (EREMOTEIO, Remote I/O error)",
                e.getMessage());
    }

    @Test
    void stuckDataIsReportedAfterAHundredUnchangedFreshSamples() throws HardwareException {
        Mpu6050Emulator chip = chip(null, Mpu6050Emulator.DATASHEET);
        Mpu6050 imu = ready(chip, new ImuSettings(16, 2000, 100, 0, false));
        mean(imu, 5);
        chip.setDataStuck(true);
        for (int i = 1; i < Mpu6050.DEFAULT_STUCK_SAMPLE_LIMIT; i++) {
            mean(imu, 1);
        }
        HardwareException e = assertThrows(HardwareException.class, () -> mean(imu, 1));
        assertEquals("i2c bus 1 addr 0x68 reg 0x3B: data stuck: 100 fresh samples in a row unchanged", e.getMessage());
        chip.setDataStuck(false);
        mean(imu, 1);
        mean(imu, 150); // moving again: no complaint
    }

    @Test
    void stuckDataIsReportedThroughTheFifoToo() throws HardwareException {
        Mpu6050Emulator chip = chip(null, Mpu6050Emulator.DATASHEET);
        Mpu6050 imu = ready(chip, new ImuSettings(16, 2000, 1000, 0, true));
        short[] fifo = new short[6 * 64];
        clock.advanceMillis(20);
        imu.readFifo(fifo, 64);
        chip.setDataStuck(true);
        clock.advanceMillis(60);
        assertEquals(60, imu.readFifo(fifo, 64));
        clock.advanceMillis(60);
        HardwareException e = assertThrows(HardwareException.class, () -> imu.readFifo(fifo, 64));
        assertEquals("i2c bus 1 addr 0x68 reg 0x74: data stuck: 100 fresh samples in a row unchanged", e.getMessage());
    }

    @Test
    void afterADisconnectEveryTransferFailsAndANewDriverWorksOnceTheChipIsBack() throws HardwareException {
        Mpu6050Emulator chip = chip(null, Mpu6050Emulator.DATASHEET);
        Mpu6050 imu = ready(chip, new ImuSettings(2, 250, 100, 0, false));
        mean(imu, 3);
        chip.disconnect();
        clock.advanceMillis(20);
        HardwareException e = assertThrows(HardwareException.class, imu::dataReady);
        assertEquals("i2c bus 1 addr 0x68 reg 0x3A: read failed: NACK (EREMOTEIO, Remote I/O error)", e.getMessage());
        assertThrows(HardwareException.class, () -> imu.read(counts));

        chip.reconnect(); // power-on reset: asleep, defaults
        clock.advanceMillis(50);
        assertFalse(imu.dataReady(), "the old driver gets nothing: the chip is asleep");
        imu.close();
        assertFalse(chip.isOpen());

        chip.reopen();
        Mpu6050 again = ready(chip, new ImuSettings(2, 250, 100, 0, false));
        assertEquals(16384, mean(again, 50)[2], 0.08 * 16384);
    }

    @Test
    void closePutsTheChipToSleep() throws HardwareException {
        Mpu6050Emulator chip = chip(null, SensorSpec.IDEAL);
        Mpu6050 imu = ready(chip, ImuSettings.DEFAULTS);
        imu.close();
        assertEquals(PWR_MGMT_1_SLEEP | CLKSEL_PLL_GYRO_X, chip.peek(PWR_MGMT_1));
        assertFalse(chip.isOpen());
    }

    @Test
    void readsAllocateNothing() throws Exception {
        Mpu6050Emulator chip = chip(null, Mpu6050Emulator.DATASHEET);
        Mpu6050 imu = ready(chip, new ImuSettings(16, 2000, 1000, 0, false));
        long bytes = AllocationMeter.leastBytesPerRound(20, 10_000, () -> {
            clock.advanceMillis(1);
            if (imu.dataReady()) {
                imu.read(counts);
            }
            imu.temperatureCentiC();
        });
        assertEquals(0, bytes, "driver and emulator together, per sample");
    }

    @Test
    void fifoReadsAllocateNothing() throws Exception {
        Mpu6050Emulator chip = chip(null, Mpu6050Emulator.DATASHEET);
        Mpu6050 imu = ready(chip, new ImuSettings(16, 2000, 1000, 0, true));
        short[] fifo = new short[6 * 64];
        long bytes = AllocationMeter.leastBytesPerRound(20, 2_000, () -> {
            clock.advanceMillis(40);
            imu.readFifo(fifo, 64);
        });
        assertEquals(0, bytes);
    }
}
