package dev.posture.hardware.i2c;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.pi4j.io.i2c.I2C;
import dev.posture.hardware.HardwareException;
import org.junit.jupiter.api.Test;

class I2cDeviceTest {
    private final TestChip chip = new TestChip(1, 0x68);
    private final I2cDevice device = new I2cDevice(chip);

    @Test
    void readsAndWritesThroughTheHandle() throws HardwareException {
        assertEquals(1, device.bus());
        assertEquals(0x68, device.address());
        assertEquals(0x5A, device.readByte(TestChip.ID));
        device.writeByte(TestChip.CTRL, 0x21);
        assertEquals(0x21, device.readByte(TestChip.CTRL));
        chip.sample(1, 2, 3);
        byte[] buffer = new byte[4];
        device.readBlock(TestChip.DATA0, buffer, 3);
        assertArrayEquals(new byte[] {1, 2, 3, 0}, buffer);
    }

    @Test
    void aNackNamesBusAddressRegisterAndErrno() {
        chip.nackNextTransfers(1);
        HardwareException e = assertThrows(HardwareException.class, () -> device.readBlock(0x3B, new byte[14], 14));
        assertEquals("i2c bus 1 addr 0x68 reg 0x3B: read of 14 bytes failed: NACK (EREMOTEIO, Remote I/O error)",
                e.getMessage());
        assertSame(com.pi4j.exception.Pi4JException.class, e.getCause().getClass());
    }

    @Test
    void aBusErrorOnWriteNamesTheValue() {
        chip.busErrorNextTransfers(1);
        HardwareException e = assertThrows(HardwareException.class, () -> device.writeByte(0x6B, 0x80));
        assertEquals("i2c bus 1 addr 0x68 reg 0x6B: write of 0x80 failed: bus error (EIO, Input/output error)",
                e.getMessage());
    }

    @Test
    void anAbsentDeviceOnAnSmbusAdapterIsANackToo() {
        chip.nackNextTransfers(1, BusErrno.ENXIO);
        HardwareException e = assertThrows(HardwareException.class, () -> device.readByte(0x75));
        assertEquals("i2c bus 1 addr 0x68 reg 0x75: read failed: NACK (ENXIO, No such device or address)",
                e.getMessage());
    }

    @Test
    void unknownFailuresKeepTheirOwnWords() {
        I2C i2c = mock(I2C.class);
        when(i2c.bus()).thenReturn(3);
        when(i2c.device()).thenReturn(0x69);
        when(i2c.readRegister(anyInt())).thenThrow(new IllegalStateException("bus locked"));
        I2cDevice other = new I2cDevice(i2c);
        HardwareException e = assertThrows(HardwareException.class, () -> other.readByte(0x0F));
        assertEquals("i2c bus 3 addr 0x69 reg 0x0F: read failed: IllegalStateException (bus locked)", e.getMessage());
    }

    @Test
    void aNegativeReturnIsAFailure() {
        I2C i2c = mock(I2C.class);
        when(i2c.bus()).thenReturn(1);
        when(i2c.device()).thenReturn(0x68);
        when(i2c.readRegister(anyInt())).thenReturn(-1);
        HardwareException e = assertThrows(HardwareException.class, () -> new I2cDevice(i2c).readByte(0x75));
        assertEquals("i2c bus 1 addr 0x68 reg 0x75: read failed: returned -1", e.getMessage());
    }

    @Test
    void driverDetectedFailuresShareThePrefix() {
        assertEquals("i2c bus 1 addr 0x68 reg 0x75: WHO_AM_I 0x70, expected 0x68",
                device.failure(0x75, "WHO_AM_I 0x70, expected 0x68").getMessage());
    }

    @Test
    void burstLengthsBeyondWhatLinuxFsCarriesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> device.readBlock(0, new byte[500], 468));
        assertThrows(IllegalArgumentException.class, () -> device.readBlock(0, new byte[4], 5));
    }

    @Test
    void theSuccessPathAllocatesNothing() throws Exception {
        byte[] buffer = new byte[14];
        long bytes = AllocationMeter.leastBytesPerRound(20, 10_000, () -> {
            device.readBlock(TestChip.DATA0, buffer, 3);
            device.readByte(TestChip.ID);
            device.writeByte(TestChip.CTRL, 0x01);
        });
        assertEquals(0, bytes);
    }
}
