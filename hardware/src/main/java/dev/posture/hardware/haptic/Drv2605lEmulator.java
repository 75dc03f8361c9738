package dev.posture.hardware.haptic;

import static dev.posture.hardware.haptic.Drv2605lRegister.CONTROL4_AUTO_CAL_TIME_MASK;
import static dev.posture.hardware.haptic.Drv2605lRegister.CONTROL4_AUTO_CAL_TIME_SHIFT;
import static dev.posture.hardware.haptic.Drv2605lRegister.GO_BIT;
import static dev.posture.hardware.haptic.Drv2605lRegister.LAST_ADDRESS;
import static dev.posture.hardware.haptic.Drv2605lRegister.LIBRARY_SEL_MASK;
import static dev.posture.hardware.haptic.Drv2605lRegister.MODE_AUTO_CALIBRATION;
import static dev.posture.hardware.haptic.Drv2605lRegister.MODE_DEV_RESET;
import static dev.posture.hardware.haptic.Drv2605lRegister.MODE_INTERNAL_TRIGGER;
import static dev.posture.hardware.haptic.Drv2605lRegister.MODE_MASK;
import static dev.posture.hardware.haptic.Drv2605lRegister.MODE_REAL_TIME_PLAYBACK;
import static dev.posture.hardware.haptic.Drv2605lRegister.MODE_STANDBY;
import static dev.posture.hardware.haptic.Drv2605lRegister.STATUS_DEVICE_ID_SHIFT;
import static dev.posture.hardware.haptic.Drv2605lRegister.STATUS_DIAG_RESULT;
import static dev.posture.hardware.haptic.Drv2605lRegister.WAVESEQ_SLOTS;
import static dev.posture.hardware.haptic.Drv2605lRegister.WAVESEQ_WAIT;

import com.pi4j.io.i2c.I2C;
import com.pi4j.io.i2c.I2CBase;
import com.pi4j.io.i2c.I2CBus;
import com.pi4j.io.i2c.I2CConfigBuilder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.LongSupplier;

/**
 * A DRV2605/DRV2605L that lives in memory: Pi4J's {@link I2C} interface over a register map with the
 * datasheet's reset values ({@link Drv2605lRegister}), so the real {@link Drv2605l} driver runs
 * against it unchanged.
 *
 * <p>Behaviour modelled: read-only STATUS/VBAT/LRA_RESONANCE_PERIOD (writes ignored), auto-increment
 * burst reads and writes, MODE.DEV_RESET restoring every register (completes at once), STANDBY (GO
 * ignored, playback cancelled), GO playing the waveform sequencer in internal-trigger mode and
 * clearing itself when the sequence's duration has passed on the injected clock, auto-calibration
 * (MODE 7 + GO) for the CONTROL4.AUTO_CAL_TIME duration, RTP output in MODE 5. Every register write
 * and every effect the sequencer plays is recorded with its timestamp (the last 10 000 of each).
 *
 * <p>Effect durations are nominal: the datasheet lists effects without durations, so each effect
 * counts as 100 ms except the 750 ms and 1000 ms alerts (15, 16); WAIT entries last what they say.
 *
 * <p>Faults, surfacing as Pi4J's {@code IOException} with the errno text underneath as the real
 * linuxfs provider reports them: NACK (EREMOTEIO) and bus error (EIO) for a number of transfers
 * (optionally only those starting at one register), stuck data (every read returns one value),
 * disconnect (every transfer NACKs; reconnect is a power-on reset), and a failing calibration.
 */
public final class Drv2605lEmulator extends I2CBase<I2CBus> {
    public enum Fault { NACK, BUS_ERROR }

    /** Fault filter matching any register. */
    public static final int ANY_REGISTER = -1;
    /** Fault count meaning "until {@link #clearFaults}". */
    public static final int FOREVER = Integer.MAX_VALUE;
    /** Nominal duration of one library effect in the sequencer, ms. */
    public static final int NOMINAL_EFFECT_MS = 100;
    /** Auto-calibration duration per CONTROL4.AUTO_CAL_TIME 0..3: the middle of each datasheet range, ms. */
    static final int[] AUTO_CAL_MS = {250, 350, 600, 1100};
    private static final int RECORD_LIMIT = 10_000;

    /** One register write as the chip saw it. */
    public record RegisterWrite(long nanos, int register, int value) {
    }

    /** One library effect the sequencer started playing. */
    public record PlayedEffect(long nanos, int library, int effect) {
    }

    private final LongSupplier clock;
    private final int deviceId;
    private final int[] registers = new int[LAST_ADDRESS + 1];
    private int pointer;                 // register address for the next raw read/write
    private long goEndsAtNanos;          // while GO is set: when the running process completes
    private boolean calibrating;         // GO was fired in MODE 7

    private Fault fault;
    private int faultRegister = ANY_REGISTER;
    private int faultsLeft;
    private int stuckValue = -1;
    private boolean disconnected;
    private boolean failCalibration;

    private final ArrayDeque<RegisterWrite> writes = new ArrayDeque<>();
    private final ArrayDeque<PlayedEffect> effects = new ArrayDeque<>();

    /** A DRV2605L at 0x5A on bus 1. */
    public Drv2605lEmulator(LongSupplier clockNanos) {
        this(clockNanos, 1, Drv2605l.DEFAULT_ADDRESS, Drv2605lRegister.DEVICE_ID_DRV2605L);
    }

    /**
     * @param clockNanos  monotonic time in ns (GO completion, record timestamps)
     * @param bus         reported I2C bus number
     * @param address     reported 7-bit device address
     * @param deviceId    STATUS.DEVICE_ID, 3 for a DRV2605, 7 for a DRV2605L (anything else to test
     *                    the driver's check)
     */
    public Drv2605lEmulator(LongSupplier clockNanos, int bus, int address, int deviceId) {
        super(null, I2CConfigBuilder.newInstance(null).inheritProperties(false)
                .id("drv2605l-emulator-" + bus + "-" + address).name("DRV2605L emulator")
                .bus(bus).device(address).build(), null);
        this.clock = clockNanos;
        this.deviceId = deviceId;
        powerOnReset();
    }

    // ---------------------------------------------------------------- test and simulator controls

    /** The next {@code transfers} transfers starting at {@code register} (or any) fail with {@code fault}. */
    public synchronized void injectFault(Fault fault, int register, int transfers) {
        this.fault = fault;
        this.faultRegister = register;
        this.faultsLeft = transfers;
    }

    /** Every read returns {@code value} (a stuck SDA line or a dead chip), until {@link #clearFaults}. */
    public synchronized void stickData(int value) {
        this.stuckValue = value & 0xFF;
    }

    /** The next auto-calibration sets STATUS.DIAG_RESULT (failed). */
    public synchronized void failNextCalibration() {
        this.failCalibration = true;
    }

    /** Clears injected faults and stuck data (not a disconnect). */
    public synchronized void clearFaults() {
        fault = null;
        faultsLeft = 0;
        faultRegister = ANY_REGISTER;
        stuckValue = -1;
    }

    /** The chip leaves the bus: every transfer is NACKed. */
    public synchronized void disconnect() {
        disconnected = true;
    }

    /** The chip is back, powered up afresh: every register at its reset value (standby). */
    public synchronized void reconnect() {
        disconnected = false;
        powerOnReset();
    }

    /** A register as the chip holds it now, without a bus transfer or faults. */
    public synchronized int peek(int register) {
        advanceTime();
        return registerValue(register);
    }

    /** True in software standby (MODE.STANDBY). */
    public synchronized boolean isStandby() {
        return (registers[Drv2605lRegister.MODE.address] & MODE_STANDBY) != 0;
    }

    /** True while GO is set (a sequence or calibration running). */
    public synchronized boolean isGoSet() {
        advanceTime();
        return (registers[Drv2605lRegister.GO.address] & GO_BIT) != 0;
    }

    /** The RTP amplitude driving the actuator now: RTP_INPUT in MODE 5 out of standby, else 0. */
    public synchronized int rtpOutput() {
        int mode = registers[Drv2605lRegister.MODE.address];
        boolean rtp = (mode & MODE_STANDBY) == 0 && (mode & MODE_MASK) == MODE_REAL_TIME_PLAYBACK;
        return rtp ? registers[Drv2605lRegister.RTP_INPUT.address] : 0;
    }

    /** Every register write so far, oldest first. */
    public synchronized List<RegisterWrite> writes() {
        return new ArrayList<>(writes);
    }

    /** The writes to RTP_INPUT, oldest first. */
    public synchronized List<RegisterWrite> rtpInputs() {
        List<RegisterWrite> out = new ArrayList<>();
        for (RegisterWrite w : writes) {
            if (w.register() == Drv2605lRegister.RTP_INPUT.address) {
                out.add(w);
            }
        }
        return out;
    }

    /** The effects the sequencer played, with the time each started. */
    public synchronized List<PlayedEffect> playedEffects() {
        advanceTime();
        return new ArrayList<>(effects);
    }

    public synchronized void clearRecords() {
        writes.clear();
        effects.clear();
    }

    // ---------------------------------------------------------------- Pi4J I2C: raw transfers

    /** Raw write of one byte: sets the register pointer. */
    @Override
    public synchronized int write(byte b) {
        begin(b & 0xFF);
        pointer = b & 0xFF;
        return 1;
    }

    /** Raw write: first byte is the register address, the rest are data with auto-increment. */
    @Override
    public synchronized int write(byte[] data, int offset, int length) {
        java.util.Objects.checkFromIndexSize(offset, length, data.length);
        if (length == 0) {
            return 0;
        }
        begin(data[offset] & 0xFF);
        pointer = data[offset] & 0xFF;
        for (int i = 1; i < length; i++) {
            store(pointer, data[offset + i] & 0xFF);
            pointer = (pointer + 1) & 0xFF;
        }
        return length;
    }

    /** Raw read of one byte at the register pointer, which then advances. */
    @Override
    public synchronized int read() {
        begin(pointer);
        int value = load(pointer);
        pointer = (pointer + 1) & 0xFF;
        return value;
    }

    @Override
    public synchronized int read(byte[] buffer, int offset, int length) {
        java.util.Objects.checkFromIndexSize(offset, length, buffer.length);
        begin(pointer);
        for (int i = 0; i < length; i++) {
            buffer[offset + i] = (byte) load(pointer);
            pointer = (pointer + 1) & 0xFF;
        }
        return length;
    }

    // ---------------------------------------------------------------- Pi4J I2C: register transfers

    @Override
    public synchronized int readRegister(int register) {
        begin(register);
        pointer = register & 0xFF;
        int value = load(pointer);
        pointer = (pointer + 1) & 0xFF;
        return value;
    }

    @Override
    public synchronized int readRegister(int register, byte[] buffer, int offset, int length) {
        java.util.Objects.checkFromIndexSize(offset, length, buffer.length);
        begin(register);
        pointer = register & 0xFF;
        for (int i = 0; i < length; i++) {
            buffer[offset + i] = (byte) load(pointer);
            pointer = (pointer + 1) & 0xFF;
        }
        return length;
    }

    @Override
    public synchronized int readRegister(byte[] register, byte[] buffer, int offset, int length) {
        return readRegister(singleByteAddress(register), buffer, offset, length);
    }

    @Override
    public synchronized int writeRegister(int register, byte b) {
        begin(register);
        pointer = register & 0xFF;
        store(pointer, b & 0xFF);
        pointer = (pointer + 1) & 0xFF;
        return 1;
    }

    @Override
    public synchronized int writeRegister(int register, byte[] data, int offset, int length) {
        java.util.Objects.checkFromIndexSize(offset, length, data.length);
        begin(register);
        pointer = register & 0xFF;
        for (int i = 0; i < length; i++) {
            store(pointer, data[offset + i] & 0xFF);
            pointer = (pointer + 1) & 0xFF;
        }
        return length;
    }

    @Override
    public synchronized int writeRegister(byte[] register, byte[] data, int offset, int length) {
        return writeRegister(singleByteAddress(register), data, offset, length);
    }

    @Override
    public synchronized <V> V execute(Callable<V> action) {
        try {
            return action.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new com.pi4j.io.exception.IOException(e);
        }
    }

    // ---------------------------------------------------------------- the chip

    private static int singleByteAddress(byte[] register) {
        if (register.length != 1) {
            throw new IllegalArgumentException("DRV2605L register addresses are one byte, got " + register.length);
        }
        return register[0] & 0xFF;
    }

    /** Starts a transfer: time passes, then faults apply (disconnect, injected NACK or bus error). */
    private void begin(int register) {
        if (!isOpen) {
            throw new com.pi4j.io.exception.IOException("I2C device " + id() + " is closed");
        }
        advanceTime();
        if (disconnected) {
            throw transferFailed("NACK (EREMOTEIO): no device at " + String.format("0x%02X", device()));
        }
        if (fault != null && faultsLeft > 0 && (faultRegister == ANY_REGISTER || faultRegister == register)) {
            if (faultsLeft != FOREVER) {
                faultsLeft--;
            }
            throw transferFailed(fault == Fault.NACK ? "NACK (EREMOTEIO)" : "bus error (EIO)");
        }
    }

    /** Like the linuxfs provider: a Pi4J IOException wrapping the java.io.IOException with the errno text. */
    private com.pi4j.io.exception.IOException transferFailed(String errno) {
        return new com.pi4j.io.exception.IOException(
                "Failed to execute action for device " + device() + " on bus " + bus(),
                new java.io.IOException(errno));
    }

    private int load(int address) {
        if (stuckValue >= 0) {
            return stuckValue;
        }
        return registerValue(address);
    }

    private int registerValue(int address) {
        return address <= LAST_ADDRESS ? registers[address] : 0;
    }

    private void store(int address, int value) {
        long now = clock.getAsLong();
        record(writes, new RegisterWrite(now, address, value));
        Drv2605lRegister register = Drv2605lRegister.at(address);
        if (register == null || register.access == Drv2605lRegister.Access.READ_ONLY) {
            return;                                   // reserved or read-only: ignored
        }
        switch (register) {
            case MODE -> writeMode(value);
            case GO -> writeGo(value, now);
            default -> registers[address] = value;
        }
    }

    private void writeMode(int value) {
        if ((value & MODE_DEV_RESET) != 0) {
            powerOnReset();                           // DEV_RESET completes at once and self-clears
            return;
        }
        int old = registers[Drv2605lRegister.MODE.address];
        registers[Drv2605lRegister.MODE.address] = value & 0x7F;
        boolean standby = (value & MODE_STANDBY) != 0;
        if (standby || (old & MODE_MASK) != (value & MODE_MASK)) {
            cancelGo();
        }
    }

    private void writeGo(int value, long now) {
        boolean goSet = (registers[Drv2605lRegister.GO.address] & GO_BIT) != 0;
        if ((value & GO_BIT) == 0) {
            if (goSet) {
                cancelGo();                           // clearing GO cancels the sequence
            }
            return;
        }
        int mode = registers[Drv2605lRegister.MODE.address];
        if (goSet || (mode & MODE_STANDBY) != 0) {
            return;                                   // already running, or in standby: no effect
        }
        if ((mode & MODE_MASK) == MODE_INTERNAL_TRIGGER) {
            long durationNanos = startSequence(now);
            if (durationNanos > 0) {
                registers[Drv2605lRegister.GO.address] = GO_BIT;
                goEndsAtNanos = now + durationNanos;
            }
        } else if ((mode & MODE_MASK) == MODE_AUTO_CALIBRATION) {
            int calTime = (registers[Drv2605lRegister.CONTROL4.address] & CONTROL4_AUTO_CAL_TIME_MASK)
                    >>> CONTROL4_AUTO_CAL_TIME_SHIFT;
            registers[Drv2605lRegister.GO.address] = GO_BIT;
            goEndsAtNanos = now + AUTO_CAL_MS[calTime] * 1_000_000L;
            calibrating = true;
        }
        // other modes (external trigger, PWM, audio, RTP, diagnostics) are not modelled: GO ignored
    }

    /** Records the effects of WAVESEQ1..8 up to the first 0 and returns the sequence's duration. */
    private long startSequence(long now) {
        int library = registers[Drv2605lRegister.LIBRARY_SEL.address] & LIBRARY_SEL_MASK;
        long t = now;
        for (int slot = 0; slot < WAVESEQ_SLOTS; slot++) {
            int entry = registers[Drv2605lRegister.WAVESEQ1.address + slot];
            if (entry == 0) {
                break;
            }
            if ((entry & WAVESEQ_WAIT) != 0) {
                t += (entry & 0x7F) * 10_000_000L;
            } else {
                record(effects, new PlayedEffect(t, library, entry));
                t += effectMillis(entry) * 1_000_000L;
            }
        }
        return t - now;
    }

    static int effectMillis(int effect) {
        return switch (effect) {
            case 15 -> 750;
            case 16 -> 1000;
            default -> NOMINAL_EFFECT_MS;
        };
    }

    /** GO clears itself once the running process's time has passed. */
    private void advanceTime() {
        if ((registers[Drv2605lRegister.GO.address] & GO_BIT) != 0 && clock.getAsLong() - goEndsAtNanos >= 0) {
            registers[Drv2605lRegister.GO.address] = 0;
            if (calibrating) {
                finishCalibration();
            }
        }
    }

    private void finishCalibration() {
        calibrating = false;
        int status = registers[Drv2605lRegister.STATUS.address] & ~STATUS_DIAG_RESULT;
        registers[Drv2605lRegister.STATUS.address] = failCalibration ? status | STATUS_DIAG_RESULT : status;
        failCalibration = false;
    }

    private void cancelGo() {
        registers[Drv2605lRegister.GO.address] = 0;
        calibrating = false;
    }

    private void powerOnReset() {
        for (Drv2605lRegister r : Drv2605lRegister.values()) {
            registers[r.address] = r.resetValue;
        }
        registers[Drv2605lRegister.STATUS.address] = (deviceId & 0x07) << STATUS_DEVICE_ID_SHIFT;
        calibrating = false;
        pointer = 0;
    }

    private static <T> void record(ArrayDeque<T> records, T entry) {
        if (records.size() == RECORD_LIMIT) {
            records.removeFirst();
        }
        records.addLast(entry);
    }
}
