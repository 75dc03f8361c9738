package dev.posture.hardware.i2c;

/**
 * A small made-up chip for the base-class tests: an ID register, a control register whose bit 7 resets
 * the chip, a status register cleared on read, a write-only command register, three data registers
 * and a FIFO port.
 */
final class TestChip extends RegisterMapEmulator {
    static final int ID = 0x00;
    static final int CTRL = 0x01;
    static final int STATUS = 0x02;
    static final int COMMAND = 0x03;
    static final int DATA0 = 0x10;
    static final int FIFO = 0x20;
    static final int LAST = 0xFF;

    int lastCommand = -1;
    int fifoNext;
    int resets;

    TestChip(int bus, int address) {
        super(bus, address);
        define(ID, 0x5A, Access.READ_ONLY);
        define(CTRL, 0x40, Access.READ_WRITE);
        define(STATUS, 0x00, Access.CLEAR_ON_READ);
        define(COMMAND, 0x00, Access.WRITE_ONLY);
        define(DATA0, DATA0 + 2, 0x00, Access.READ_ONLY);
        define(FIFO, 0x00, Access.READ_WRITE);
        define(LAST, 0x77, Access.READ_ONLY);
        markData(DATA0, DATA0 + 2);
        holdAddress(FIFO);
        onWrite(CTRL, (register, value) -> {
            if ((value & 0x80) != 0) {
                powerOnReset();
            }
        });
        onWrite(COMMAND, (register, value) -> lastCommand = value);
        onRead(FIFO, register -> fifoNext++);
        powerOnReset();
    }

    @Override
    protected void onPowerOnReset() {
        resets++;
        fifoNext = 1;
    }

    void raiseStatus(int bits) {
        synchronized (this) {
            setBits(STATUS, bits);
        }
    }

    void sample(int a, int b, int c) {
        synchronized (this) {
            pokeData(DATA0, a);
            pokeData(DATA0 + 1, b);
            pokeData(DATA0 + 2, c);
        }
    }
}
