package dev.posture.hardware.i2c;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.exception.Pi4JException;
import java.nio.BufferOverflowException;
import org.junit.jupiter.api.Test;

class RegisterMapEmulatorTest {
    private final TestChip chip = new TestChip(1, 0x68);

    @Test
    void registersStartAtTheirResetValues() {
        assertEquals(0x5A, chip.readRegister(TestChip.ID));
        assertEquals(0x40, chip.readRegister(TestChip.CTRL));
        assertEquals(0x77, chip.readRegister(TestChip.LAST));
        assertEquals(0x00, chip.readRegister(0x50), "undeclared registers reset to 0");
        assertEquals(104, chip.device());
        assertEquals(1, chip.bus());
        assertEquals(104, chip.config().device());
        assertEquals(1, chip.getBus());
    }

    @Test
    void readOnlyRegistersIgnoreWritesAndWriteOnlyRegistersReadZero() {
        chip.writeRegister(TestChip.ID, (byte) 0x11);
        assertEquals(0x5A, chip.readRegister(TestChip.ID));

        chip.writeRegister(TestChip.COMMAND, (byte) 0x9C);
        assertEquals(0x9C, chip.lastCommand, "the chip model sees the written value");
        assertEquals(0x00, chip.readRegister(TestChip.COMMAND));
    }

    @Test
    void clearOnReadRegistersReadOnceThenZero() {
        chip.raiseStatus(0x11);
        chip.writeRegister(TestChip.STATUS, (byte) 0x00);
        assertEquals(0x11, chip.readRegister(TestChip.STATUS), "bus writes do not clear a status register");
        assertEquals(0x00, chip.readRegister(TestChip.STATUS));
    }

    @Test
    void burstReadsAutoIncrementAndWrapAfter0xFF() {
        chip.sample(0xA1, 0xA2, 0xA3);
        byte[] buffer = new byte[3];
        chip.readRegister(TestChip.DATA0, buffer, 0, 3);
        assertArrayEquals(new byte[] {(byte) 0xA1, (byte) 0xA2, (byte) 0xA3}, buffer);

        byte[] wrap = new byte[3];
        chip.readRegister(TestChip.LAST, wrap, 0, 3);
        assertArrayEquals(new byte[] {0x77, 0x5A, 0x40}, wrap, "0xFF, then 0x00 and 0x01");
    }

    @Test
    void burstReadsHoldTheAddressOnAFifoPort() {
        byte[] buffer = new byte[4];
        chip.readRegister(TestChip.FIFO, buffer, 0, 4);
        assertArrayEquals(new byte[] {1, 2, 3, 4}, buffer);
    }

    @Test
    void rawWritesSetThePointerAndRawReadsContinueFromIt() {
        chip.write(new byte[] {TestChip.CTRL, 0x05, 0x00}, 0, 3); // CTRL = 5, STATUS ignored (read-only)
        assertEquals(0x05, chip.peek(TestChip.CTRL));
        chip.write((byte) TestChip.ID);
        assertEquals(0x5A, chip.read());
        assertEquals(0x05, chip.read(), "the pointer advanced to CTRL");
        byte[] two = new byte[2];
        chip.readRegister(new byte[] {TestChip.ID}, two, 0, 2);
        assertArrayEquals(new byte[] {0x5A, 0x05}, two);
    }

    @Test
    void writeHooksLetTheChipReact() {
        chip.writeRegister(TestChip.CTRL, (byte) 0x01);
        assertEquals(0x01, chip.readRegister(TestChip.CTRL));
        int resetsBefore = chip.resets;
        chip.writeRegister(TestChip.CTRL, (byte) 0x80);
        assertEquals(resetsBefore + 1, chip.resets);
        assertEquals(0x40, chip.readRegister(TestChip.CTRL), "reset bit restored power-on values");
    }

    @Test
    void nackedTransfersThrowWhatLinuxFsThrowsAndHaveNoEffect() {
        chip.raiseStatus(0x01);
        chip.nackNextTransfers(2);

        Pi4JException read = assertThrows(Pi4JException.class, () -> chip.readRegister(TestChip.STATUS));
        assertEquals("Failed to execute action for device 104 on bus 1", read.getMessage());
        assertEquals("Failed to execute ioctl for device 104 on bus 1", read.getCause().getMessage());
        assertInstanceOf(java.io.IOException.class, read.getCause().getCause());
        assertEquals("Remote I/O error", read.getCause().getCause().getMessage());

        Pi4JException write = assertThrows(Pi4JException.class, () -> chip.writeRegister(TestChip.CTRL, (byte) 1));
        assertEquals("Failed to execute action for device 104 on bus 1", write.getCause().getMessage());

        assertEquals(0x01, chip.readRegister(TestChip.STATUS), "the NACKed read did not clear the status");
        assertEquals(0x40, chip.readRegister(TestChip.CTRL), "the NACKed write wrote nothing");
        assertEquals(2, chip.failedTransferCount());
    }

    @Test
    void nackCanUseAnotherErrno() {
        chip.nackNextTransfers(1, BusErrno.ENXIO);
        Pi4JException e = assertThrows(Pi4JException.class, () -> chip.readRegister(TestChip.ID));
        assertEquals("No such device or address", e.getCause().getCause().getMessage());
    }

    @Test
    void busErrorsAreEio() {
        chip.busErrorNextTransfers(1);
        Pi4JException e = assertThrows(Pi4JException.class, () -> chip.readRegister(TestChip.ID, new byte[2], 0, 2));
        assertEquals("Input/output error", e.getCause().getCause().getMessage());
        assertEquals(0x5A, chip.readRegister(TestChip.ID), "only the next transfer failed");
    }

    @Test
    void faultsCanStartAfterSomeGoodTransfers() {
        chip.injectFault(2, 1, BusErrno.EIO);
        chip.readRegister(TestChip.ID);
        chip.readRegister(TestChip.ID);
        assertThrows(Pi4JException.class, () -> chip.readRegister(TestChip.ID));
        assertEquals(0x5A, chip.readRegister(TestChip.ID));
        chip.injectFault(0, 0, BusErrno.EIO);
        assertEquals(0x5A, chip.readRegister(TestChip.ID), "count 0: no fault");
    }

    @Test
    void aFaultAtOneRegisterSparesTheOthersAndForeverLastsUntilCleared() {
        chip.injectFaultAt(TestChip.CTRL, RegisterMapEmulator.FOREVER, BusErrno.EREMOTEIO);
        for (int i = 0; i < 3; i++) {
            assertThrows(Pi4JException.class, () -> chip.writeRegister(TestChip.CTRL, (byte) 1));
            assertThrows(Pi4JException.class, () -> chip.write(new byte[] {TestChip.CTRL, 1}, 0, 2));
        }
        assertThrows(Pi4JException.class, () -> chip.readRegister(TestChip.CTRL));
        byte[] pair = new byte[2];
        chip.readRegister(TestChip.ID, pair, 0, 2);
        assertArrayEquals(new byte[] {0x5A, 0x40}, pair, "a transfer starting elsewhere passes through CTRL");
        chip.clearFaults();
        chip.writeRegister(TestChip.CTRL, (byte) 1);
        assertEquals(1, chip.readRegister(TestChip.CTRL));
    }

    @Test
    void aStuckBusReadsOneValueUntilClearedWhileTheChipStillSeesTheTransfers() {
        chip.raiseStatus(0x01);
        chip.stickBus(0xFF);
        assertEquals(0xFF, chip.readRegister(TestChip.ID));
        byte[] burst = new byte[3];
        chip.readRegister(TestChip.STATUS, burst, 0, 3);
        assertArrayEquals(new byte[] {-1, -1, -1}, burst);
        chip.writeRegister(TestChip.COMMAND, (byte) 0x21);
        assertEquals(0x21, chip.lastCommand, "writes still arrive");
        chip.clearFaults();
        assertEquals(0x00, chip.readRegister(TestChip.STATUS), "the stuck read still cleared the status");
        assertEquals(0x5A, chip.readRegister(TestChip.ID));
        assertThrows(IllegalArgumentException.class, () -> chip.stickBus(256));
    }

    @Test
    void everyWrittenByteIsSeenBeforeAccessRules() {
        java.util.List<String> seen = new java.util.ArrayList<>();
        RegisterMapEmulator recording = new RegisterMapEmulator(1, 0x10) {
            {
                define(0x00, 0x11, Access.READ_ONLY);
            }

            @Override
            protected void beforeWrite(int register, int value) {
                seen.add(register + "=" + value);
            }
        };
        recording.writeRegister(0x00, (byte) 7);
        recording.write(new byte[] {0x05, 1, 2}, 0, 3);
        assertEquals(java.util.List.of("0=7", "5=1", "6=2"), seen);
        assertEquals(0x00, recording.peek(0x00), "read-only: write ignored (no power-on reset was asked for)");
    }

    @Test
    void stuckDataFreezesDataRegistersOnly() {
        chip.sample(1, 2, 3);
        chip.setDataStuck(true);
        chip.sample(7, 8, 9);
        chip.raiseStatus(0x01);
        assertEquals(1, chip.readRegister(TestChip.DATA0));
        assertEquals(0x01, chip.readRegister(TestChip.STATUS), "status still works");
        chip.setDataStuck(false);
        chip.sample(7, 8, 9);
        assertEquals(7, chip.readRegister(TestChip.DATA0));
    }

    @Test
    void disconnectNacksEverythingAndReconnectComesBackFromPowerOnReset() {
        chip.writeRegister(TestChip.CTRL, (byte) 0x03);
        chip.disconnect();
        assertFalse(chip.isConnected());
        for (int i = 0; i < 3; i++) {
            Pi4JException e = assertThrows(Pi4JException.class, () -> chip.readRegister(TestChip.ID));
            assertEquals("Remote I/O error", e.getCause().getCause().getMessage());
        }
        chip.reconnect();
        assertTrue(chip.isConnected());
        assertEquals(0x40, chip.readRegister(TestChip.CTRL));
    }

    @Test
    void burstReadsIgnoreTheOffsetLikeLinuxFs280UnlessToldOtherwise() {
        chip.sample(0xA1, 0xA2, 0xA3);
        byte[] buffer = new byte[5];
        chip.readRegister(TestChip.DATA0, buffer, 2, 3);
        assertArrayEquals(new byte[] {(byte) 0xA1, (byte) 0xA2, (byte) 0xA3, 0, 0}, buffer);

        chip.setMirrorLinuxFsOffsetQuirk(false);
        byte[] honoured = new byte[5];
        chip.readRegister(TestChip.DATA0, honoured, 2, 3);
        assertArrayEquals(new byte[] {0, 0, (byte) 0xA1, (byte) 0xA2, (byte) 0xA3}, honoured);
    }

    @Test
    void registerReadsLongerThanLinuxFsCanCarryOverflow() {
        chip.readRegister(TestChip.FIFO, new byte[I2cDevice.MAX_BURST_READ], 0, I2cDevice.MAX_BURST_READ);
        assertThrows(BufferOverflowException.class,
                () -> chip.readRegister(TestChip.FIFO, new byte[I2cDevice.MAX_BURST_READ + 1], 0, I2cDevice.MAX_BURST_READ + 1));
    }

    @Test
    void aClosedHandleFailsUntilReopened() {
        chip.close();
        assertFalse(chip.isOpen());
        Pi4JException e = assertThrows(Pi4JException.class, () -> chip.readRegister(TestChip.ID));
        assertEquals("Stream Closed", e.getCause().getCause().getMessage());
        chip.reopen();
        assertEquals(0x5A, chip.readRegister(TestChip.ID));
    }

    @Test
    void pi4jDefaultMethodsWorkOnTopOfTheMap() {
        chip.writeRegister(TestChip.CTRL, 0x12); // default int overload
        assertEquals(0x12, chip.readRegisterByte(TestChip.CTRL));
        assertEquals(0x12, chip.getRegister(TestChip.CTRL).read());
        assertEquals(42, (int) chip.execute(() -> 42));
    }

    /** Two banks selected by register 0x76, which every bank shares. */
    private static final class BankedChip extends RegisterMapEmulator {
        int bank1Writes;

        BankedChip() {
            super(1, 0x68);
            useBanks(0x76, 2);
            define(0, 0x10, 0x10, 0x11, Access.READ_ONLY);
            define(1, 0x10, 0x10, 0x22, Access.READ_WRITE);
            define(1, 0x11, 0x11, 0x33, Access.READ_WRITE);
            onWrite(1, 0x11, (register, value) -> bank1Writes++);
            powerOnReset();
        }
    }

    @Test
    void bankedRegistersFollowTheBankSelect() {
        BankedChip banked = new BankedChip();
        assertEquals(0x11, banked.readRegister(0x10));
        banked.writeRegister(0x76, (byte) 1);
        assertEquals(0x22, banked.readRegister(0x10));
        assertEquals(1, banked.readRegister(0x76), "the select register is visible from bank 1");
        banked.writeRegister(0x10, (byte) 0x5C);
        banked.writeRegister(0x11, (byte) 0x01);
        assertEquals(1, banked.bank1Writes);
        byte[] two = new byte[2];
        banked.readRegister(0x10, two, 0, 2);
        assertArrayEquals(new byte[] {0x5C, 0x01}, two);
        banked.writeRegister(0x76, (byte) 0);
        assertEquals(0x11, banked.readRegister(0x10), "bank 0 untouched");
        assertEquals(0x5C, banked.peek(1, 0x10));
        banked.writeRegister(0x76, (byte) 5);
        assertEquals(0x11, banked.readRegister(0x10), "a value naming no bank selects bank 0");
        banked.writeRegister(0x76, (byte) 1);
        banked.powerOnReset();
        assertEquals(0, banked.readRegister(0x76));
        assertEquals(0x22, banked.peek(1, 0x10));
    }

    @Test
    void allocatesNothingPerTransfer() throws Exception {
        byte[] buffer = new byte[14];
        long bytes = AllocationMeter.leastBytesPerRound(20, 10_000, () -> {
            chip.readRegister(TestChip.DATA0, buffer, 0, 3);
            chip.readRegister(TestChip.ID);
            chip.writeRegister(TestChip.CTRL, (byte) 0x01);
        });
        assertEquals(0, bytes);
    }
}
