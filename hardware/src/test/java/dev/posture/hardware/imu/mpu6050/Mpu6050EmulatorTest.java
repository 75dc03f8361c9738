package dev.posture.hardware.imu.mpu6050;

import static dev.posture.hardware.imu.mpu6050.Mpu6050Registers.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posture.hardware.imu.Motions;
import dev.posture.hardware.imu.emulation.SensorErrorModel;
import dev.posture.hardware.imu.emulation.SensorSpec;
import org.junit.jupiter.api.Test;

/** The emulator on its own, driven register by register with emulated time stepped by hand. */
class Mpu6050EmulatorTest {
    private static final long MS = 1_000_000L;

    private Mpu6050Emulator chip = new Mpu6050Emulator(1, 0x68, Motions.atRest(2, 1), Mpu6050Emulator.DATASHEET, 7);
    private long now;

    private void advanceMillis(long ms) {
        now += ms * MS;
        chip.advanceTo(now);
    }

    private void write(int register, int value) {
        chip.writeRegister(register, (byte) value);
    }

    private int read(int register) {
        return chip.readRegister(register);
    }

    private short int16(int high) {
        byte[] two = new byte[2];
        chip.readRegister(high, two, 0, 2);
        return (short) ((two[0] & 0xFF) << 8 | (two[1] & 0xFF));
    }

    /** Wakes the chip at 1 kHz output with DLPF_CFG 1. */
    private void wake1kHz() {
        write(PWR_MGMT_1, CLKSEL_PLL_GYRO_X);
        write(CONFIG, 1);
        write(SMPLRT_DIV, 0);
    }

    @Test
    void resetValuesAreTheDatasheets() {
        for (int r = 0; r < 256; r++) {
            int expected = r == PWR_MGMT_1 ? 0x40 : r == WHO_AM_I ? 0x68 : 0x00;
            assertEquals(expected, read(r), "register 0x" + Integer.toHexString(r));
        }
    }

    @Test
    void asleepAfterResetTheDataStaysZero() {
        advanceMillis(500);
        assertEquals(0, chip.samplesProduced());
        for (int r = ACCEL_XOUT_H; r <= GYRO_ZOUT_L; r++) {
            assertEquals(0, read(r));
        }
    }

    @Test
    void sleepFreezesTheData() {
        wake1kHz();
        advanceMillis(10);
        short z = int16(ACCEL_XOUT_H + 4);
        assertEquals(16384, z, 0.1 * 16384);
        write(PWR_MGMT_1, PWR_MGMT_1_SLEEP | CLKSEL_PLL_GYRO_X);
        long produced = chip.samplesProduced();
        advanceMillis(100);
        assertEquals(produced, chip.samplesProduced());
        assertEquals(z, int16(ACCEL_XOUT_H + 4));
        write(PWR_MGMT_1, CLKSEL_PLL_GYRO_X);
        advanceMillis(1);
        assertEquals(produced + 1, chip.samplesProduced(), "first sample one period after waking");
    }

    @Test
    void deviceResetRestoresEveryRegister() {
        wake1kHz();
        write(GYRO_CONFIG, 0x18);
        write(INT_ENABLE, 0x11);
        advanceMillis(5);
        write(PWR_MGMT_1, PWR_MGMT_1_DEVICE_RESET);
        assertEquals(0x40, read(PWR_MGMT_1), "asleep, reset bit cleared");
        assertEquals(0, read(GYRO_CONFIG));
        assertEquals(0, read(INT_ENABLE));
    }

    @Test
    void theSampleRateIsTheGyroRateOverOnePlusTheDivider() {
        write(PWR_MGMT_1, CLKSEL_PLL_GYRO_X);
        write(CONFIG, 0); // DLPF off: gyro output rate 8 kHz
        write(SMPLRT_DIV, 7);
        advanceMillis(100);
        assertEquals(100, chip.samplesProduced(), "8 kHz / 8 = 1 kHz");

        write(CONFIG, 3); // DLPF on: 1 kHz
        write(SMPLRT_DIV, 9);
        long before = chip.samplesProduced();
        advanceMillis(1000);
        assertEquals(100, chip.samplesProduced() - before, "1 kHz / 10 = 100 Hz");

        write(SMPLRT_DIV, 0);
        before = chip.samplesProduced();
        advanceMillis(1000);
        assertEquals(1000, chip.samplesProduced() - before);
    }

    @Test
    void dataReadyIsRaisedPerSampleOnlyWhenEnabledAndClearedByReadingIntStatus() {
        wake1kHz();
        advanceMillis(3);
        assertEquals(0, read(INT_STATUS), "DATA_RDY_EN is off");
        write(INT_ENABLE, INT_DATA_RDY);
        advanceMillis(1);
        assertEquals(INT_DATA_RDY, read(INT_STATUS));
        assertEquals(0, read(INT_STATUS), "cleared by the read");
        advanceMillis(1);
        write(INT_STATUS, 0x00);
        assertEquals(INT_DATA_RDY, read(INT_STATUS), "read-only: a write does not clear it");
    }

    @Test
    void readingFifoCountHLatchesFifoCountL() {
        wake1kHz();
        write(FIFO_EN, FIFO_EN_ACCEL);
        write(USER_CTRL, USER_CTRL_FIFO_EN);
        advanceMillis(50); // 50 records of 6 bytes
        assertEquals(0, read(FIFO_COUNTL), "not latched yet");
        byte[] count = new byte[2];
        chip.readRegister(FIFO_COUNTH, count, 0, 2);
        assertArrayEquals(new byte[] {1, (byte) 44}, count, "300 = 0x012C");
        advanceMillis(1);
        assertEquals(44, read(FIFO_COUNTL), "still the latched value");
        assertEquals(1, read(FIFO_COUNTH));
        assertEquals(50, read(FIFO_COUNTL), "306 = 0x0132 after a new latch");
    }

    @Test
    void theFifoHoldsRecordsInRegisterOrder() {
        chip = new Mpu6050Emulator(1, 0x68, Motions.constant(0.25, 0.5, 1, 10, 20, 30), SensorSpec.IDEAL, 1);
        wake1kHz();
        write(FIFO_EN, FIFO_EN_TEMP | FIFO_EN_XG | FIFO_EN_ZG | FIFO_EN_ACCEL);
        write(USER_CTRL, USER_CTRL_FIFO_EN);
        advanceMillis(1);
        assertEquals(12, chip.fifoCount(), "accel 6 + temp 2 + gyro X 2 + gyro Z 2");
        byte[] record = new byte[12];
        chip.readRegister(FIFO_R_W, record, 0, 12);
        byte[] registers = new byte[14];
        chip.readRegister(ACCEL_XOUT_H, registers, 0, 14);
        byte[] expected = new byte[12];
        System.arraycopy(registers, 0, expected, 0, 8); // accel, temp
        System.arraycopy(registers, 8, expected, 8, 2); // gyro X
        System.arraycopy(registers, 12, expected, 10, 2); // gyro Z
        assertArrayEquals(expected, record);
    }

    @Test
    void anEmptyFifoRepeatsTheLastByteRead() {
        wake1kHz();
        write(FIFO_EN, FIFO_EN_ACCEL);
        write(USER_CTRL, USER_CTRL_FIFO_EN);
        advanceMillis(1);
        write(USER_CTRL, 0); // stop filling
        byte[] bytes = new byte[9];
        chip.readRegister(FIFO_R_W, bytes, 0, 9);
        for (int i = 6; i < 9; i++) {
            assertEquals(bytes[5], bytes[i]);
        }
    }

    @Test
    void fifoResetOnlyWorksWithTheFifoDisabled() {
        wake1kHz();
        write(FIFO_EN, FIFO_EN_ACCEL);
        write(USER_CTRL, USER_CTRL_FIFO_EN);
        advanceMillis(10);
        write(USER_CTRL, USER_CTRL_FIFO_EN | USER_CTRL_FIFO_RESET);
        assertEquals(60, chip.fifoCount(), "ignored while FIFO_EN is set");
        assertEquals(USER_CTRL_FIFO_EN, read(USER_CTRL), "the reset bit clears itself");
        write(USER_CTRL, USER_CTRL_FIFO_RESET);
        assertEquals(0, chip.fifoCount());
    }

    @Test
    void overflowKeepsTheNewestBytesAndRaisesTheFlagWhenEnabled() {
        chip = new Mpu6050Emulator(1, 0x68, (t, f, w) -> {
            f[0] = t / 1e6 * 0.001 * 9.80665; // X rises 1 mg per millisecond: every record differs
            f[1] = 0;
            f[2] = 9.80665;
            w[0] = 0;
            w[1] = 0;
            w[2] = 0;
        }, SensorSpec.IDEAL, 1);
        wake1kHz();
        write(FIFO_EN, FIFO_EN_ACCEL); // 6-byte records: 1024 is not a multiple, so alignment is lost
        write(USER_CTRL, USER_CTRL_FIFO_EN);
        advanceMillis(170); // 170 records = 1020 bytes
        assertEquals(1020, chip.fifoCount());
        assertEquals(0, read(INT_STATUS), "FIFO_OFLOW_EN is off");
        advanceMillis(1);
        assertEquals(1024, chip.fifoCount());
        write(INT_ENABLE, INT_FIFO_OFLOW);
        advanceMillis(1);
        assertEquals(INT_FIFO_OFLOW, read(INT_STATUS));
        assertEquals(1024, chip.fifoCount());
        byte[] all = new byte[1024];
        for (int off = 0; off < 1024; off += 256) {
            byte[] part = new byte[256];
            chip.readRegister(FIFO_R_W, part, 0, 256);
            System.arraycopy(part, 0, all, off, 256);
        }
        byte[] newest = new byte[6];
        chip.readRegister(ACCEL_XOUT_H, newest, 0, 6);
        assertArrayEquals(newest, java.util.Arrays.copyOfRange(all, 1018, 1024), "the newest record is last");
        // 172 records = 1032 bytes were pushed and the 8 oldest lost: the FIFO now starts at byte 2 of
        // record 1 (accel Y high), so Z high (0x40 for 1 g) is at index 2 and whole records start at 4.
        assertEquals(0x40, all[2] & 0xFF);
        for (int at = 4 + 6; at + 1 < 1024; at += 6) {
            int x = (short) ((all[at] & 0xFF) << 8 | (all[at + 1] & 0xFF));
            int previous = (short) ((all[at - 6] & 0xFF) << 8 | (all[at - 5] & 0xFF));
            assertTrue(x > previous, "X rises record by record at byte " + at);
        }
    }

    @Test
    void saturatesAtTheInt16Limits() {
        chip = new Mpu6050Emulator(1, 0x68, Motions.constant(5, -5, 0, 300, -300, 0), SensorSpec.IDEAL, 1);
        wake1kHz();
        advanceMillis(1);
        assertEquals(32767, int16(ACCEL_XOUT_H));
        assertEquals(-32768, int16(ACCEL_XOUT_H + 2));
        assertEquals(32767, int16(GYRO_XOUT_H));
        assertEquals(-32768, int16(GYRO_XOUT_H + 2));
    }

    @Test
    void signalConditionResetClearsTheDataRegisters() {
        wake1kHz();
        advanceMillis(2);
        assertNotEquals(0, int16(ACCEL_XOUT_H + 4));
        write(USER_CTRL, USER_CTRL_SIG_COND_RESET);
        assertEquals(0, int16(ACCEL_XOUT_H + 4));
        assertEquals(0, read(USER_CTRL), "self-clearing");
    }

    @Test
    void temperatureFollowsTheDieAndStopsWhenDisabled() {
        wake1kHz();
        chip.setTemperatureC(36.53);
        advanceMillis(1);
        assertEquals(0, int16(TEMP_OUT_H));
        chip.setTemperatureC(46.53);
        advanceMillis(1);
        assertEquals(3400, int16(TEMP_OUT_H));
        write(PWR_MGMT_1, CLKSEL_PLL_GYRO_X | PWR_MGMT_1_TEMP_DIS);
        chip.setTemperatureC(20);
        advanceMillis(1);
        assertEquals(3400, int16(TEMP_OUT_H));
    }

    /**
     * PS Table 6.1 gives the gyro's total RMS noise with DLPF_CFG = 2 as 0.05 deg/s rms; the model
     * (0.005 deg/s/rtHz through a one-pole 98 Hz low-pass at 1 kHz) gives 0.061. Accept 0.05 +-30 %.
     */
    @Test
    void gyroNoiseIsOfTheDatasheetsOrder() {
        chip = new Mpu6050Emulator(1, 0x68, Motions.atRest(2, 1), Mpu6050Emulator.DATASHEET.withoutBiasWalk(), 3);
        write(PWR_MGMT_1, CLKSEL_PLL_GYRO_X);
        write(CONFIG, 2);
        write(SMPLRT_DIV, 4); // 200 Hz: nearly independent samples
        advanceMillis(100);
        int n = 4000;
        double sum = 0;
        double sumSq = 0;
        for (int i = 0; i < n; i++) {
            advanceMillis(5);
            double dps = int16(GYRO_XOUT_H) / 131.0;
            sum += dps;
            sumSq += dps * dps;
        }
        double rms = Math.sqrt(sumSq / n - (sum / n) * (sum / n));
        assertEquals(0.05, rms, 0.015);
    }

    @Test
    void theSameSeedGivesTheSameCountsAndAnotherSeedDoesNot() {
        byte[] first = run(42);
        assertArrayEquals(first, run(42));
        assertFalse(java.util.Arrays.equals(first, run(43)));
    }

    private byte[] run(long seed) {
        chip = new Mpu6050Emulator(1, 0x68, Motions.turning(2, 30), Mpu6050Emulator.DATASHEET, seed);
        now = 0;
        wake1kHz();
        byte[] out = new byte[14 * 50];
        byte[] burst = new byte[14];
        for (int i = 0; i < 50; i++) {
            advanceMillis(3);
            chip.readRegister(ACCEL_XOUT_H, burst, 0, 14);
            System.arraycopy(burst, 0, out, 14 * i, 14);
        }
        return out;
    }

    @Test
    void drawnOffsetsStayWithinTheDatasheetTolerances() {
        for (long seed = 0; seed < 500; seed++) {
            SensorErrorModel part = new SensorErrorModel(Mpu6050Emulator.DATASHEET, seed);
            for (int axis = 0; axis < 3; axis++) {
                double rounding = 1e-12;
                assertTrue(Math.abs(part.accelOffsetG(axis, 25)) <= (axis == 2 ? 0.080 : 0.050) + rounding);
                assertTrue(Math.abs(part.gyroOffsetDps(axis, 25)) <= 20 + rounding);
                assertTrue(Math.abs(part.accelScale(axis) - 1) <= 0.03 + rounding);
                assertTrue(Math.abs(part.gyroScale(axis) - 1) <= 0.03 + rounding);
            }
        }
    }

    @Test
    void theGyroBiasWalks() {
        chip = new Mpu6050Emulator(1, 0x68, Motions.atRest(2, 1), Mpu6050Emulator.DATASHEET.withoutNoise(), 9);
        wake1kHz();
        double start = chip.sensor().gyroOffsetDps(0, 25);
        advanceMillis(100_000);
        double drift = chip.sensor().gyroOffsetDps(0, 25) - start;
        assertNotEquals(0.0, drift);
        assertTrue(Math.abs(drift) < 0.0002 * Math.sqrt(100) * 5, "five sigma of a 100 s walk: " + drift);
    }

    @Test
    void answersOnlyAtItsTwoAddresses() {
        assertThrows(IllegalArgumentException.class,
                () -> new Mpu6050Emulator(1, 0x6A, null, SensorSpec.IDEAL, 1));
    }
}
