package dev.posture.hardware.i2c;

import com.pi4j.common.Metadata;
import com.pi4j.context.Context;
import com.pi4j.exception.Pi4JException;
import com.pi4j.io.i2c.I2C;
import com.pi4j.io.i2c.I2CConfig;
import com.pi4j.io.i2c.I2CProvider;
import com.pi4j.io.i2c.I2CRegister;
import com.pi4j.io.i2c.impl.DefaultI2CRegister;
import java.nio.BufferOverflowException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * A fake I2C chip: a map of 256 byte registers behind Pi4J's {@link I2C} interface, so that real
 * drivers run against it unchanged. A chip model extends this class and declares its registers
 * (reset value and access), hooks the registers whose writes or reads have side effects, and updates
 * its data registers from its own model of the world.
 *
 * <p>Bus behaviour, as on a real chip:
 * <ul>
 *   <li>A write transfer sets the register pointer from its first byte and writes the rest to
 *       successive registers; a read transfer reads from the pointer onwards. The pointer advances
 *       after each byte by {@link #nextAddress} (default: +1, wrapping 0xFF to 0x00), except at
 *       registers declared with {@link #holdAddress} (FIFO ports), where it stays put.</li>
 *   <li>Writes to read-only registers are acknowledged and ignored; write-only registers read 0;
 *       clear-on-read registers return their value and then read 0 until the model sets them again.</li>
 * </ul>
 *
 * <p>Fault injection (see {@link #nackNextTransfers}, {@link #busErrorNextTransfers},
 * {@link #injectFault}, {@link #injectFaultAt}, {@link #setDataStuck}, {@link #stickBus},
 * {@link #disconnect}, {@link #reconnect}, {@link #clearFaults}): failing transfers throw what
 * pi4j-plugin-linuxfs 2.8.0 throws, namely a {@link Pi4JException}
 * "Failed to execute action for device 104 on bus 1" wrapping a second Pi4JException
 * ("Failed to execute ioctl for device ..." on the register-read path, "... action ..." otherwise)
 * wrapping a {@code java.io.IOException} whose message is {@code strerror(errno)}. A failed transfer
 * has no effect on the registers.
 *
 * <p>Banked chips (e.g. TDK's REG_BANK_SEL) call {@link #useBanks} first: each bank then has its own
 * 256 registers, access rules and hooks, the bank-select register is the same in every bank, and the
 * bank-less methods mean bank 0.
 *
 * <p>Two quirks of linuxfs 2.8.0 are mirrored so that code that works here works on the Pi: a register
 * burst read ignores the buffer offset and fills {@code buffer[0..length)} (switch off with
 * {@link #setMirrorLinuxFsOffsetQuirk}), and a register read longer than
 * {@link I2cDevice#MAX_BURST_READ} bytes throws {@link BufferOverflowException}.
 *
 * <p>Thread safety: every transfer and every model update holds this object's monitor, so a simulator
 * thread may advance the model while the driver reads.
 */
public abstract class RegisterMapEmulator implements I2C {

    /** How the bus sees a register. */
    public enum Access {
        /** Read and written by the bus. */
        READ_WRITE,
        /** Bus writes are ignored; the chip model sets the value. */
        READ_ONLY,
        /** Stored for the chip model; reads return 0. */
        WRITE_ONLY,
        /** Read-only, and the whole register reads 0 after a bus read until the model sets it again. */
        CLEAR_ON_READ
    }

    /** Called after the bus wrote {@code value} to a hooked register (the value is already stored). */
    @FunctionalInterface
    public interface WriteHook {
        void written(int register, int value);
    }

    /** Supplies the byte the bus reads from a hooked register (e.g. pops a FIFO). */
    @FunctionalInterface
    public interface ReadHook {
        int read(int register);
    }

    /** Which linuxfs code path a transfer mirrors; it decides the wording of a failure. */
    private enum Path { IOCTL, FILE }

    /** A fault count that lasts until {@link #clearFaults}. */
    public static final int FOREVER = Integer.MAX_VALUE;
    /** A fault filter that matches transfers starting at any register. */
    public static final int ANY_REGISTER = -1;

    private static final int REGISTERS = 256;

    private final int bus;
    private final int address;
    private final Config config;
    private final Metadata metadata = Metadata.create();
    private String name;
    private String description;

    /** Number of register banks (1 unless {@link #useBanks} was called). */
    private int banks;
    /** The register that selects the bank, present in every bank; -1 when not banked. */
    private int bankSelectRegister = -1;
    /** Current register contents, [bank][register]. */
    private byte[][] registers;
    /** Power-on reset values. */
    private byte[][] resetValues;
    private Access[][] access;
    private WriteHook[][] writeHooks;
    private ReadHook[][] readHooks;
    /** Registers where the address pointer does not advance (FIFO ports). */
    private boolean[][] holdAddress;
    /** Registers frozen while data is stuck. */
    private boolean[][] dataRegister;

    /** The chip's register address pointer. */
    private int pointer;
    private boolean open = true;
    private boolean mirrorLinuxFsOffsetQuirk = true;

    // Faults.
    /** Transfers still to succeed before the injected failures start. */
    private int faultDelay;
    /** Transfers still to fail. */
    private int faultCount;
    private BusErrno faultErrno = BusErrno.EREMOTEIO;
    /** Only transfers starting at this register fail; {@link #ANY_REGISTER} for all. */
    private int faultRegister = ANY_REGISTER;
    private boolean dataStuck;
    /** While 0..255, every byte read off the bus is this value; -1 when the bus is free. */
    private int stuckBusValue = -1;
    private boolean disconnected;

    // Statistics for tests.
    private long transfers;
    private long failedTransfers;

    /**
     * @param bus     the bus number this fake sits on (reported in failures, as on a Pi)
     * @param address the 7-bit address it answers to
     */
    protected RegisterMapEmulator(int bus, int address) {
        if (address < 0 || address > 0x7F) {
            throw new IllegalArgumentException("7-bit address expected: " + address);
        }
        this.bus = bus;
        this.address = address;
        this.config = new Config(bus, address);
        this.name = getClass().getSimpleName() + "@" + bus + ":0x" + I2cDevice.hex2(address);
        this.description = name;
        allocate(1);
    }

    private void allocate(int bankCount) {
        banks = bankCount;
        registers = new byte[bankCount][REGISTERS];
        resetValues = new byte[bankCount][REGISTERS];
        access = new Access[bankCount][REGISTERS];
        writeHooks = new WriteHook[bankCount][REGISTERS];
        readHooks = new ReadHook[bankCount][REGISTERS];
        holdAddress = new boolean[bankCount][REGISTERS];
        dataRegister = new boolean[bankCount][REGISTERS];
        for (Access[] bank : access) {
            java.util.Arrays.fill(bank, Access.READ_WRITE);
        }
    }

    // ------------------------------------------------------------------------------------------
    // Chip definition (call from the subclass constructor, then call powerOnReset()).

    /**
     * Gives the chip {@code bankCount} banks of 256 registers, selected by the low bits of
     * {@code bankSelect} (a register shared by all banks; a value naming no bank selects bank 0).
     * Call before any other definition.
     */
    protected final void useBanks(int bankSelect, int bankCount) {
        check(bankSelect);
        if (bankCount < 1 || bankCount > 8) {
            throw new IllegalArgumentException("1..8 banks: " + bankCount);
        }
        allocate(bankCount);
        bankSelectRegister = bankSelect;
    }

    /** Declares one register with its power-on value and access. Undeclared registers are R/W, reset 0. */
    protected final void define(int register, int resetValue, Access registerAccess) {
        define(0, register, register, resetValue, registerAccess);
    }

    /** Declares {@code from..to} (inclusive) alike. */
    protected final void define(int from, int to, int resetValue, Access registerAccess) {
        define(0, from, to, resetValue, registerAccess);
    }

    /** Declares {@code from..to} (inclusive) of {@code bank} alike. */
    protected final void define(int bank, int from, int to, int resetValue, Access registerAccess) {
        Objects.requireNonNull(registerAccess);
        for (int r = from; r <= to; r++) {
            check(bank, r);
            resetValues[bank][r] = (byte) resetValue;
            access[bank][r] = registerAccess;
        }
    }

    /** Hooks bus writes to {@code register}. */
    protected final void onWrite(int register, WriteHook hook) {
        onWrite(0, register, hook);
    }

    /** Hooks bus writes to {@code register} of {@code bank}. */
    protected final void onWrite(int bank, int register, WriteHook hook) {
        check(bank, register);
        writeHooks[bank][register] = hook;
    }

    /** Hooks bus reads of {@code register}: the hook supplies the byte read. */
    protected final void onRead(int register, ReadHook hook) {
        onRead(0, register, hook);
    }

    /** Hooks bus reads of {@code register} of {@code bank}. */
    protected final void onRead(int bank, int register, ReadHook hook) {
        check(bank, register);
        readHooks[bank][register] = hook;
    }

    /** The address pointer stays at {@code register} during bursts (a FIFO data port). */
    protected final void holdAddress(int register) {
        check(0, register);
        holdAddress[0][register] = true;
    }

    /** Marks {@code from..to} as sensor data registers: {@link #pokeData} leaves them alone while stuck. */
    protected final void markData(int from, int to) {
        for (int r = from; r <= to; r++) {
            check(0, r);
            dataRegister[0][r] = true;
        }
    }

    /** Where the pointer goes after {@code register} in a burst; override for chip-specific wrap rules. */
    protected int nextAddress(int register) {
        return (register + 1) & 0xFF;
    }

    /** Called at the start of every transfer, before faults are applied: the chip catches up with time. */
    protected void beforeTransfer() {
    }

    /**
     * Called for every byte a bus transfer writes to {@code register}, before access rules and hooks
     * apply (e.g. to record what the driver wrote, read-only registers included).
     */
    protected void beforeWrite(int register, int value) {
    }

    /** Called at the end of {@link #powerOnReset}, after the registers took their reset values. */
    protected void onPowerOnReset() {
    }

    // ------------------------------------------------------------------------------------------
    // Model side: the chip model reads and sets registers without bus rules or faults.

    /** The stored value of bank-0 {@code register}, 0..255, without side effects. */
    public final synchronized int peek(int register) {
        return registers[0][register & 0xFF] & 0xFF;
    }

    /** The stored value of {@code register} in {@code bank}, without side effects. */
    public final synchronized int peek(int bank, int register) {
        return registers[bank][register & 0xFF] & 0xFF;
    }

    /** Sets a bank-0 register's stored value, bypassing access rules and hooks. */
    protected final void poke(int register, int value) {
        registers[0][register & 0xFF] = (byte) value;
    }

    /** Sets a bank-0 data register unless data is stuck (then it keeps its frozen value). */
    protected final void pokeData(int register, int value) {
        if (!(dataStuck && dataRegister[0][register & 0xFF])) {
            registers[0][register & 0xFF] = (byte) value;
        }
    }

    /** Sets bits in a bank-0 register's stored value. */
    protected final void setBits(int register, int mask) {
        registers[0][register & 0xFF] |= (byte) mask;
    }

    /** Clears bits in a bank-0 register's stored value. */
    protected final void clearBits(int register, int mask) {
        registers[0][register & 0xFF] &= (byte) ~mask;
    }

    /** All registers of all banks to their power-on values, pointer to 0, then {@link #onPowerOnReset}. */
    public final synchronized void powerOnReset() {
        for (int bank = 0; bank < banks; bank++) {
            System.arraycopy(resetValues[bank], 0, registers[bank], 0, REGISTERS);
        }
        pointer = 0;
        onPowerOnReset();
    }

    // ------------------------------------------------------------------------------------------
    // Fault injection.

    /** The next {@code count} transfers are not acknowledged (EREMOTEIO, as on a Pi). */
    public final synchronized void nackNextTransfers(int count) {
        injectFault(0, count, BusErrno.EREMOTEIO);
    }

    /** The next {@code count} transfers are not acknowledged, failing with {@code errno}. */
    public final synchronized void nackNextTransfers(int count, BusErrno errno) {
        injectFault(0, count, errno);
    }

    /** The next {@code count} transfers fail with a bus error (EIO). */
    public final synchronized void busErrorNextTransfers(int count) {
        injectFault(0, count, BusErrno.EIO);
    }

    /**
     * After {@code okTransfers} more transfers succeed, the following {@code count} fail with
     * {@code errno}. Replaces any fault still pending; {@code count} 0 cancels it.
     */
    public final synchronized void injectFault(int okTransfers, int count, BusErrno errno) {
        injectFault(okTransfers, count, errno, ANY_REGISTER);
    }

    /**
     * The next {@code count} transfers that start at {@code register} fail with {@code errno}
     * ({@link #FOREVER}: until {@link #clearFaults}); others go through. Replaces any fault pending.
     */
    public final synchronized void injectFaultAt(int register, int count, BusErrno errno) {
        check(register);
        injectFault(0, count, errno, register);
    }

    private void injectFault(int okTransfers, int count, BusErrno errno, int register) {
        if (okTransfers < 0 || count < 0) {
            throw new IllegalArgumentException("negative transfer count");
        }
        faultDelay = okTransfers;
        faultCount = count;
        faultErrno = Objects.requireNonNull(errno);
        faultRegister = register;
    }

    /**
     * Every byte read off the bus is {@code value} until {@link #clearFaults}: SDA held high (0xFF) or
     * low (0x00), or a dead chip. Transfers still complete, and the chip still sees them.
     */
    public final synchronized void stickBus(int value) {
        if (value < 0 || value > 0xFF) {
            throw new IllegalArgumentException("a byte expected: " + value);
        }
        stuckBusValue = value;
    }

    /** Ends every injected fault except a disconnect: pending transfer failures, stuck data, a stuck bus. */
    public final synchronized void clearFaults() {
        faultCount = 0;
        faultDelay = 0;
        faultRegister = ANY_REGISTER;
        dataStuck = false;
        stuckBusValue = -1;
    }

    /** While stuck, the data registers keep the values they had and the model cannot change them. */
    public final synchronized void setDataStuck(boolean stuck) {
        dataStuck = stuck;
    }

    public final synchronized boolean isDataStuck() {
        return dataStuck;
    }

    /** The chip leaves the bus (loose wire, power loss): every transfer is NACKed until reconnect. */
    public final synchronized void disconnect() {
        disconnected = true;
    }

    /** The chip is back, freshly powered: all registers at their reset values. */
    public final synchronized void reconnect() {
        disconnected = false;
        powerOnReset();
    }

    public final synchronized boolean isConnected() {
        return !disconnected;
    }

    /** Mirror linuxfs 2.8.0's burst reads that ignore the buffer offset (default on). */
    public final synchronized void setMirrorLinuxFsOffsetQuirk(boolean mirror) {
        mirrorLinuxFsOffsetQuirk = mirror;
    }

    /** Makes a closed handle usable again, as a factory opening the bus anew would. */
    public final synchronized void reopen() {
        open = true;
    }

    /** Transfers attempted on this handle, failed ones included. */
    public final synchronized long transferCount() {
        return transfers;
    }

    /** Transfers that failed by injected fault or disconnect. */
    public final synchronized long failedTransferCount() {
        return failedTransfers;
    }

    // ------------------------------------------------------------------------------------------
    // The bus: Pi4J I2C.

    @Override
    public final synchronized int readRegister(int register) {
        begin(Path.IOCTL, register);
        pointer = register & 0xFF;
        return readNext();
    }

    @Override
    public final synchronized int readRegister(int register, byte[] buffer, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        checkIoctlLength(1, length);
        begin(Path.IOCTL, register);
        pointer = register & 0xFF;
        readInto(buffer, mirrorLinuxFsOffsetQuirk ? 0 : offset, length);
        return length;
    }

    @Override
    public final synchronized int readRegister(byte[] register, byte[] buffer, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        checkIoctlLength(register.length, length);
        begin(Path.IOCTL, register.length > 0 ? register[0] & 0xFF : pointer);
        writeMessage(register, 0, register.length);
        readInto(buffer, mirrorLinuxFsOffsetQuirk ? 0 : offset, length);
        return length;
    }

    @Override
    public final synchronized int writeRegister(int register, byte value) {
        begin(Path.FILE, register);
        pointer = register & 0xFF;
        writeNext(value);
        return 1;
    }

    @Override
    public final synchronized int writeRegister(int register, byte[] data, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, data.length);
        begin(Path.FILE, register);
        pointer = register & 0xFF;
        for (int i = 0; i < length; i++) {
            writeNext(data[offset + i]);
        }
        return length;
    }

    @Override
    public final synchronized int writeRegister(byte[] register, byte[] data, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, data.length);
        begin(Path.FILE, register.length > 0 ? register[0] & 0xFF : pointer);
        writeMessage(register, 0, register.length);
        for (int i = 0; i < length; i++) {
            writeNext(data[offset + i]);
        }
        return length;
    }

    /** A one-byte write: sets the register pointer. */
    @Override
    public final synchronized int write(byte b) {
        begin(Path.FILE, b & 0xFF);
        pointer = b & 0xFF;
        return 1;
    }

    /** A write message: the first byte sets the pointer, the rest are written from there on. */
    @Override
    public final synchronized int write(byte[] data, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, data.length);
        begin(Path.FILE, length > 0 ? data[offset] & 0xFF : pointer);
        writeMessage(data, offset, length);
        return length;
    }

    /** A one-byte read from the current pointer. */
    @Override
    public final synchronized int read() {
        begin(Path.FILE, pointer);
        return readNext();
    }

    /** A read message from the current pointer. */
    @Override
    public final synchronized int read(byte[] buffer, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        begin(Path.FILE, pointer);
        readInto(buffer, offset, length);
        return length;
    }

    @Override
    public final synchronized <T> T execute(Callable<T> action) {
        Objects.requireNonNull(action, "Parameter 'action' is mandatory!");
        try {
            return action.call();
        } catch (Exception e) {
            throw new Pi4JException("Failed to execute action for device " + address + " on bus " + bus, e);
        }
    }

    @Override
    public I2CRegister getRegister(int register) {
        return new DefaultI2CRegister(this, register);
    }

    @Override
    public final int device() {
        return address;
    }

    @Override
    public final int bus() {
        return bus;
    }

    @Override
    public final synchronized boolean isOpen() {
        return open;
    }

    @Override
    public synchronized void close() {
        open = false;
    }

    @Override
    public I2CConfig config() {
        return config;
    }

    @Override
    public I2C name(String newName) {
        this.name = newName;
        return this;
    }

    @Override
    public I2C description(String newDescription) {
        this.description = newDescription;
        return this;
    }

    /** There is no Pi4J provider behind an emulator. */
    @Override
    public I2CProvider provider() {
        return null;
    }

    @Override
    public I2C initialize(Context context) {
        return this;
    }

    @Override
    public I2C shutdown(Context context) {
        close();
        return this;
    }

    @Override
    public String id() {
        return config.id();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public Metadata metadata() {
        return metadata;
    }

    // ------------------------------------------------------------------------------------------
    // Internals.

    /** Starts a transfer at {@code startRegister}: time passes, then a disconnect or injected fault fails it. */
    private void begin(Path path, int startRegister) {
        if (!open) {
            throw linuxFsFailure(path, new java.io.IOException("Stream Closed"));
        }
        transfers++;
        beforeTransfer();
        BusErrno errno = null;
        if (disconnected) {
            errno = BusErrno.EREMOTEIO;
        } else if (faultCount > 0 && (faultRegister == ANY_REGISTER || faultRegister == (startRegister & 0xFF))) {
            if (faultDelay > 0) {
                faultDelay--;
            } else {
                if (faultCount != FOREVER) {
                    faultCount--;
                }
                errno = faultErrno;
            }
        }
        if (errno != null) {
            failedTransfers++;
            throw linuxFsFailure(path, new java.io.IOException(errno.strerror));
        }
    }

    /** linuxfs builds the I2C_RDWR request in a 500-byte buffer: 32 header bytes, then the messages. */
    private static void checkIoctlLength(int registerBytes, int length) {
        if (32 + registerBytes + length > 500) {
            throw new BufferOverflowException();
        }
    }

    private Pi4JException linuxFsFailure(Path path, java.io.IOException cause) {
        String inner = path == Path.IOCTL ? "Failed to execute ioctl for device " : "Failed to execute action for device ";
        Pi4JException providerLevel = new Pi4JException(inner + address + " on bus " + bus, cause);
        return new Pi4JException("Failed to execute action for device " + address + " on bus " + bus, providerLevel);
    }

    private void writeMessage(byte[] data, int offset, int length) {
        if (length == 0) {
            return;
        }
        pointer = data[offset] & 0xFF;
        for (int i = 1; i < length; i++) {
            writeNext(data[offset + i]);
        }
    }

    private void readInto(byte[] buffer, int offset, int length) {
        for (int i = 0; i < length; i++) {
            buffer[offset + i] = (byte) readNext();
        }
    }

    /** The bank a bus access to {@code register} goes to. */
    private int bankOf(int register) {
        if (register == bankSelectRegister || bankSelectRegister < 0) {
            return 0;
        }
        int selected = registers[0][bankSelectRegister] & 0x07;
        return selected < banks ? selected : 0;
    }

    private int readNext() {
        int register = pointer;
        int bank = bankOf(register);
        int value;
        switch (access[bank][register]) {
            case WRITE_ONLY:
                value = 0;
                break;
            case CLEAR_ON_READ:
                value = readStored(bank, register);
                registers[bank][register] = 0;
                break;
            default:
                value = readStored(bank, register);
                break;
        }
        if (!holdAddress[bank][register]) {
            pointer = nextAddress(register) & 0xFF;
        }
        return stuckBusValue >= 0 ? stuckBusValue : value & 0xFF;
    }

    private int readStored(int bank, int register) {
        ReadHook hook = readHooks[bank][register];
        return hook != null ? hook.read(register) & 0xFF : registers[bank][register] & 0xFF;
    }

    private void writeNext(byte value) {
        int register = pointer;
        beforeWrite(register, value & 0xFF);
        int bank = bankOf(register);
        Access a = access[bank][register];
        if (a == Access.READ_WRITE || a == Access.WRITE_ONLY) {
            registers[bank][register] = value;
            WriteHook hook = writeHooks[bank][register];
            if (hook != null) {
                hook.written(register, value & 0xFF);
            }
        }
        if (!holdAddress[bank][register]) {
            pointer = nextAddress(register) & 0xFF;
        }
    }

    private void check(int bank, int register) {
        check(register);
        if (bank < 0 || bank >= banks) {
            throw new IllegalArgumentException("bank outside 0.." + (banks - 1) + ": " + bank);
        }
    }

    private static void check(int register) {
        if (register < 0 || register >= REGISTERS) {
            throw new IllegalArgumentException("register outside 0x00..0xFF: " + register);
        }
    }

    /** The {@link I2CConfig} an emulator reports: bus and device, provider "emulator". */
    private static final class Config implements I2CConfig {
        private final int bus;
        private final int device;
        private final String id;

        Config(int bus, int device) {
            this.bus = bus;
            this.device = device;
            this.id = "emulator-i2c-" + bus + "-0x" + I2cDevice.hex2(device);
        }

        @Override
        public Integer bus() {
            return bus;
        }

        @Override
        public Integer device() {
            return device;
        }

        @Override
        public String provider() {
            return "emulator";
        }

        @Override
        public String platform() {
            return "emulator";
        }

        @Override
        public Map<String, String> properties() {
            return Map.of(BUS_KEY, Integer.toString(bus), DEVICE_KEY, Integer.toString(device), ID_KEY, id);
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public String name() {
            return id;
        }

        @Override
        public String description() {
            return "register-map emulator on bus " + bus + " at 0x" + I2cDevice.hex2(device);
        }

        @Override
        public void validate() {
        }
    }
}
