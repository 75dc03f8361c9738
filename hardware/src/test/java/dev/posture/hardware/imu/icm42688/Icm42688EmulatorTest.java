package dev.posture.hardware.imu.icm42688;

import static dev.posture.hardware.imu.icm42688.Icm42688Registers.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posture.hardware.imu.Motions;
import dev.posture.hardware.imu.emulation.SensorSpec;
import org.junit.jupiter.api.Test;

/** The ICM-42688-P emulator on its own, register by register, time stepped by hand. */
class Icm42688EmulatorTest {
    private static final long MS = 1_000_000L;

    private Icm42688Emulator chip = new Icm42688Emulator(1, 0x68, Motions.constant(0.5, 0, 1, 10, 0, 0),
            SensorSpec.IDEAL, 1);
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

    private short int16(int register1) {
        byte[] two = new byte[2];
        chip.readRegister(register1, two, 0, 2);
        return (short) ((two[0] & 0xFF) << 8 | (two[1] & 0xFF));
    }

    private void sensorsOn() {
        write(PWR_MGMT0, PWR_MGMT0_GYRO_LOW_NOISE | PWR_MGMT0_ACCEL_LOW_NOISE);
    }

    @Test
    void resetValues() {
        assertEquals(0x47, read(WHO_AM_I));
        assertEquals(INT_RESET_DONE, read(INT_STATUS), "power-on reset done");
        assertEquals(0, read(INT_STATUS));
        assertEquals(0x30, read(INTF_CONFIG0));
        assertEquals(0x91, read(INTF_CONFIG1));
        assertEquals(0x06, read(GYRO_CONFIG0));
        assertEquals(0x06, read(ACCEL_CONFIG0));
        assertEquals(0x11, read(GYRO_ACCEL_CONFIG0));
        assertEquals(0x00, read(PWR_MGMT0));
        assertEquals(-32768, int16(ACCEL_DATA_X1), "no data yet");
    }

    @Test
    void softResetRestoresDefaultsAndRaisesResetDone() {
        write(GYRO_CONFIG0, 0x68);
        write(REG_BANK_SEL, 1);
        read(INT_STATUS);
        write(REG_BANK_SEL, 0);
        write(DEVICE_CONFIG, DEVICE_CONFIG_SOFT_RESET);
        assertEquals(0x06, read(GYRO_CONFIG0));
        assertEquals(INT_RESET_DONE, read(INT_STATUS));
    }

    @Test
    void banksAreSelectedByRegBankSel() {
        write(REG_BANK_SEL, 4);
        assertEquals(0, read(WHO_AM_I));
        write(0x4F, 0x12); // a bank-4 register at GYRO_CONFIG0's address
        assertEquals(4, read(REG_BANK_SEL));
        write(REG_BANK_SEL, 0);
        assertEquals(0x06, read(GYRO_CONFIG0));
        assertEquals(0x12, chip.peek(4, 0x4F));
    }

    @Test
    void theOdrSetsTheSampleRate() {
        sensorsOn();
        advanceMillis(1000);
        assertEquals(1000, chip.samplesProduced(), "1 kHz by default");
        write(GYRO_CONFIG0, 0x08); // 100 Hz
        long before = chip.samplesProduced();
        advanceMillis(1000);
        assertEquals(100, chip.samplesProduced() - before);
        write(GYRO_CONFIG0, 0x0B); // 12.5 Hz
        before = chip.samplesProduced();
        advanceMillis(2000);
        assertEquals(25, chip.samplesProduced() - before);
        write(GYRO_CONFIG0, 0x03); // 8 kHz
        before = chip.samplesProduced();
        advanceMillis(10);
        assertEquals(80, chip.samplesProduced() - before);
    }

    @Test
    void aSensorThatIsOffReadsInvalid() {
        assertEquals(INT_RESET_DONE, read(INT_STATUS));
        write(PWR_MGMT0, PWR_MGMT0_ACCEL_LOW_NOISE);
        advanceMillis(2);
        assertEquals(16384 / 8 / 2, int16(ACCEL_DATA_X1), "0.5 g at +-16 g");
        assertEquals(-32768, int16(GYRO_DATA_X1));
        assertEquals(INT_DATA_RDY, read(INT_STATUS));
    }

    @Test
    void allEightGyroRangesHaveTheirSensitivity() {
        int[] x10 = {164, 328, 655, 1310, 2620, 5243, 10486, 20972};
        sensorsOn();
        for (int fs = 0; fs < 8; fs++) {
            write(GYRO_CONFIG0, fs << 5 | 0x06);
            advanceMillis(1);
            assertEquals(Math.rint(10 * x10[fs] / 10.0), int16(GYRO_DATA_X1), "GYRO_FS_SEL " + fs);
        }
    }

    @Test
    void littleEndianDataWhenAsked() {
        write(INTF_CONFIG0, INTF_CONFIG0_FIFO_COUNT_BIG_ENDIAN);
        sensorsOn();
        advanceMillis(1);
        byte[] two = new byte[2];
        chip.readRegister(ACCEL_DATA_X1 + 4, two, 0, 2);
        assertArrayEquals(new byte[] {0x00, 0x08}, two, "2048 = 0x0800, low byte first");
    }

    @Test
    void fifoPacket3HoldsHeaderDataTemperatureAndTimestamp() {
        chip.setTemperatureC(35);
        write(FIFO_CONFIG1, FIFO_CONFIG1_ACCEL_EN | FIFO_CONFIG1_GYRO_EN | FIFO_CONFIG1_TEMP_EN);
        write(FIFO_CONFIG, FIFO_MODE_STREAM);
        sensorsOn();
        advanceMillis(1);
        assertEquals(16, chip.fifoCount());
        byte[] count = new byte[2];
        chip.readRegister(FIFO_COUNTH, count, 0, 2);
        assertArrayEquals(new byte[] {0, 16}, count);
        byte[] packet = new byte[16];
        chip.readRegister(FIFO_DATA, packet, 0, 16);
        byte[] data = new byte[12];
        chip.readRegister(ACCEL_DATA_X1, data, 0, 12);
        assertEquals(0x68, packet[0] & 0xFF);
        assertArrayEquals(data, java.util.Arrays.copyOfRange(packet, 1, 13));
        assertEquals(21, packet[13], "(35 - 25) * 2.07");
        assertEquals(1000, (packet[14] & 0xFF) << 8 | (packet[15] & 0xFF), "timestamp: 1000 us");
        assertEquals(0xFF, read(FIFO_DATA), "empty");
    }

    @Test
    void fifoCountInRecordsAndLittleEndianWhenAsked() {
        write(FIFO_CONFIG1, FIFO_CONFIG1_ACCEL_EN | FIFO_CONFIG1_GYRO_EN);
        write(FIFO_CONFIG, FIFO_MODE_STREAM);
        sensorsOn();
        advanceMillis(20);
        byte[] count = new byte[2];
        chip.readRegister(FIFO_COUNTH, count, 0, 2);
        assertArrayEquals(new byte[] {0x01, 0x40}, count, "320 bytes");
        write(INTF_CONFIG0, INTF_CONFIG0_FIFO_COUNT_REC | INTF_CONFIG0_SENSOR_DATA_BIG_ENDIAN);
        chip.readRegister(FIFO_COUNTH, count, 0, 2);
        assertArrayEquals(new byte[] {20, 0}, count, "20 records, low byte first");
    }

    @Test
    void stopOnFullDropsNewPacketsAndCountsThem() {
        write(FIFO_CONFIG1, FIFO_CONFIG1_ACCEL_EN | FIFO_CONFIG1_GYRO_EN);
        write(FIFO_CONFIG, FIFO_MODE_STOP_ON_FULL);
        sensorsOn();
        advanceMillis(127);
        read(INT_STATUS);
        advanceMillis(1);
        assertEquals(2048, chip.fifoCount());
        assertTrue((read(INT_STATUS) & INT_FIFO_FULL) != 0, "full at 2048 bytes");
        advanceMillis(5);
        assertEquals(5, read(FIFO_LOST_PKT0));
        byte[] first = new byte[16];
        chip.readRegister(FIFO_DATA, first, 0, 16);
        assertEquals(1000, (first[14] & 0xFF) << 8 | (first[15] & 0xFF), "the oldest packet is still the first");
        write(SIGNAL_PATH_RESET, SIGNAL_PATH_RESET_FIFO_FLUSH);
        assertEquals(0, chip.fifoCount());
        assertEquals(0, read(FIFO_LOST_PKT0));
    }

    @Test
    void streamModeDropsTheOldestPackets() {
        write(FIFO_CONFIG1, FIFO_CONFIG1_ACCEL_EN | FIFO_CONFIG1_GYRO_EN);
        write(FIFO_CONFIG, FIFO_MODE_STREAM);
        sensorsOn();
        advanceMillis(130);
        assertEquals(2048, chip.fifoCount());
        byte[] first = new byte[16];
        chip.readRegister(FIFO_DATA, first, 0, 16);
        assertEquals(3000, (first[14] & 0xFF) << 8 | (first[15] & 0xFF), "packets 1 and 2 were dropped");
    }

    @Test
    void accelOnlyPacketsAreEightBytes() {
        write(FIFO_CONFIG1, FIFO_CONFIG1_ACCEL_EN);
        write(FIFO_CONFIG, FIFO_MODE_STREAM);
        sensorsOn();
        advanceMillis(3);
        assertEquals(24, chip.fifoCount());
        assertEquals(0x40, read(FIFO_DATA));
    }
}
