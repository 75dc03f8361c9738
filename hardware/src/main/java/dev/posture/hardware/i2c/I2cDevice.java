package dev.posture.hardware.i2c;

import com.pi4j.io.i2c.I2C;
import dev.posture.hardware.HardwareException;
import dev.posture.hardware.ProviderFailure;
import java.util.function.IntFunction;

/**
 * One chip on an I2C bus, as a driver talks to it: single-byte register reads and writes and burst
 * reads into a buffer the driver owns. Every Pi4J runtime exception becomes a {@link HardwareException}
 * whose one-line message names the bus, the address and the register, e.g.
 * {@code i2c bus 1 addr 0x68 reg 0x3B: read of 14 bytes failed: NACK (EREMOTEIO, Remote I/O error)}
 * (worded by {@link ProviderFailure}); a driver that gives its register names gets them after the
 * address: {@code i2c bus 1 addr 0x5A reg 0x01 MODE: ...}.
 *
 * <p>The success path allocates nothing: the bus and address are read once here, and messages are
 * only built when something failed. (Pi4J's linuxfs provider itself allocates a few small buffers
 * per transfer; that is outside our control and outside our allocation tests.)
 *
 * <p>Two properties of pi4j-plugin-linuxfs 2.8.0 shape this API: its register burst read
 * ({@code readRegister(int, byte[], int, int)}) copies the data to {@code buffer[0..length)} whatever
 * offset is passed, so {@link #readBlock} always reads to offset 0; and it assembles the
 * {@code I2C_RDWR} request in a fixed 500-byte buffer, so one burst read can carry at most
 * {@link #MAX_BURST_READ} bytes.
 */
public final class I2cDevice {
    /** Longest burst read pi4j-plugin-linuxfs 2.8.0 can assemble (500 - 32 header bytes - 1 register byte). */
    public static final int MAX_BURST_READ = 467;

    private final I2C i2c;
    /** I2C bus number, e.g. 1 for /dev/i2c-1. */
    private final int bus;
    /** 7-bit device address. */
    private final int address;
    /** The chip's name for a register address, or null; only asked when a message is built. */
    private final IntFunction<String> registerNames;

    /** Wraps an open Pi4J I2C handle; this object owns it from now on and closes it in {@link #close}. */
    public I2cDevice(I2C i2c) {
        this(i2c, register -> null);
    }

    /**
     * As above, naming registers in messages with {@code registerNames} (null for an address without
     * a name).
     */
    public I2cDevice(I2C i2c, IntFunction<String> registerNames) {
        this.i2c = i2c;
        this.bus = i2c.bus();
        this.address = i2c.device();
        this.registerNames = registerNames;
    }

    /** The bus number. */
    public int bus() {
        return bus;
    }

    /** The 7-bit device address. */
    public int address() {
        return address;
    }

    /** Reads one register, 0..255. */
    public int readByte(int register) throws HardwareException {
        int value;
        try {
            value = i2c.readRegister(register);
        } catch (RuntimeException e) {
            throw transferFailed(register, "read", e);
        }
        if (value < 0) {
            throw failure(register, "read failed: returned " + value);
        }
        return value & 0xFF;
    }

    /** Writes one register. */
    public void writeByte(int register, int value) throws HardwareException {
        int written;
        try {
            written = i2c.writeRegister(register, (byte) value);
        } catch (RuntimeException e) {
            throw transferFailed(register, "write of 0x" + hex2(value), e);
        }
        if (written < 0) {
            throw failure(register, "write of 0x" + hex2(value) + " failed: returned " + written);
        }
    }

    /**
     * Reads {@code length} bytes starting at {@code register} in one transfer into
     * {@code buffer[0..length)}. How the chip's address pointer moves (auto-increment, wrap, or
     * holding on a FIFO port) is the chip's business.
     */
    public void readBlock(int register, byte[] buffer, int length) throws HardwareException {
        if (length < 1 || length > MAX_BURST_READ || length > buffer.length) {
            throw new IllegalArgumentException("burst read length " + length + " outside 1.." + Math.min(MAX_BURST_READ, buffer.length));
        }
        int read;
        try {
            read = i2c.readRegister(register, buffer, 0, length);
        } catch (RuntimeException e) {
            throw transferFailed(register, "read of " + length + " bytes", e);
        }
        if (read < 0) {
            throw failure(register, "read of " + length + " bytes failed: returned " + read);
        }
    }

    /**
     * Reads {@code register} back after the driver wrote {@code expected} to it; a different value
     * (a chip that reset itself, a stuck bus) is a failure naming both values.
     */
    public void verify(int register, int expected) throws HardwareException {
        int actual = readByte(register);
        if (actual != (expected & 0xFF)) {
            throw failure(register, "read back 0x" + hex2(actual) + " after writing 0x" + hex2(expected));
        }
    }

    /** The big-endian int16 at {@code data[at..at + 1]}, as IMUs send their counts. */
    public static short int16(byte[] data, int at) {
        return (short) (((data[at] & 0xFF) << 8) | (data[at + 1] & 0xFF));
    }

    /**
     * A failure the driver detected itself at {@code register} (wrong WHO_AM_I, FIFO overflow, stuck
     * data...), with the same one-line prefix as bus failures.
     */
    public HardwareException failure(int register, String problem) {
        return new HardwareException(prefix(register) + problem);
    }

    /** A failure with a cause, same prefix. */
    public HardwareException failure(int register, String problem, Throwable cause) {
        return new HardwareException(prefix(register) + problem, cause);
    }

    /** Closes the Pi4J handle; never throws. */
    public void close() {
        try {
            i2c.close();
        } catch (RuntimeException e) {
            // Closing a handle that already failed: nothing useful to report to the caller.
        }
    }

    private HardwareException transferFailed(int register, String what, RuntimeException e) {
        return failure(register, what + " failed: " + ProviderFailure.describe(e), e);
    }

    private String prefix(int register) {
        String name = registerNames.apply(register);
        return "i2c bus " + bus + " addr 0x" + hex2(address) + " reg 0x" + hex2(register)
                + (name == null ? "" : " " + name) + ": ";
    }

    /** Two upper-case hex digits of the low byte, e.g. "0A", for messages. */
    public static String hex2(int value) {
        String s = Integer.toHexString(value & 0xFF).toUpperCase(java.util.Locale.ROOT);
        return s.length() == 1 ? "0" + s : s;
    }
}
