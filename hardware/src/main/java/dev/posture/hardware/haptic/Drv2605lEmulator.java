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

import dev.posture.hardware.i2c.RegisterMapEmulator;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * A DRV2605/DRV2605L on the bus: the register map of {@link Drv2605lRegister} with the datasheet's
 * reset values on the shared {@link RegisterMapEmulator} base, so the real {@link Drv2605l} driver runs
 * against it unchanged, with the base's bus behaviour (auto-increment bursts, read-only registers,
 * linuxfs' exceptions) and fault injection (NACK, bus error, at one register or any, stuck bus,
 * disconnect and reconnect as a power-on reset).
 *
 * <p>Chip behaviour modelled: MODE.DEV_RESET restoring every register (completes at once and
 * self-clears), STANDBY (GO ignored, playback cancelled), GO playing the waveform sequencer in
 * internal-trigger mode and clearing itself when the sequence's duration has passed on the injected
 * clock, auto-calibration (MODE 7 + GO) for the CONTROL4.AUTO_CAL_TIME duration with an injectable
 * failure, RTP output in MODE 5. Every register write (read-only ones included) and every effect the
 * sequencer plays is recorded with its timestamp (the last 10 000 of each). Addresses above 0x22 are
 * reserved: they read 0 and ignore writes.
 *
 * <p>Effect durations are nominal: the datasheet lists effects without durations, so each effect
 * counts as 100 ms except the 750 ms and 1000 ms alerts (15, 16); WAIT entries last what they say.
 * Time moves at the start of every transfer and in the queries that depend on it ({@link #isGoSet},
 * {@link #playedEffects}); {@link #peek} shows registers as of the last of those.
 */
public final class Drv2605lEmulator extends RegisterMapEmulator {
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
    /** MODE before the write being handled (the base stores a written value before its hook runs). */
    private int mode;
    /** GO is set: a sequence or a calibration is running until {@link #goEndsAtNanos}. */
    private boolean goRunning;
    private long goEndsAtNanos;
    /** The running process is an auto-calibration. */
    private boolean calibrating;
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
        super(bus, address);
        this.clock = clockNanos;
        for (Drv2605lRegister r : Drv2605lRegister.values()) {
            define(r.address, r.resetValue,
                    r.access == Drv2605lRegister.Access.READ_ONLY ? Access.READ_ONLY : Access.READ_WRITE);
        }
        define(Drv2605lRegister.STATUS.address, (deviceId & 0x07) << STATUS_DEVICE_ID_SHIFT, Access.READ_ONLY);
        define(LAST_ADDRESS + 1, 0xFF, 0x00, Access.READ_ONLY);
        onWrite(Drv2605lRegister.MODE.address, (register, value) -> modeWritten(value));
        onWrite(Drv2605lRegister.GO.address, (register, value) -> goWritten(value));
        powerOnReset();
    }

    // ---------------------------------------------------------------- test and simulator controls

    /** The next auto-calibration sets STATUS.DIAG_RESULT (failed). */
    public synchronized void failNextCalibration() {
        this.failCalibration = true;
    }

    /** True in software standby (MODE.STANDBY). */
    public synchronized boolean isStandby() {
        return (peek(Drv2605lRegister.MODE.address) & MODE_STANDBY) != 0;
    }

    /** True while GO is set (a sequence or calibration running). */
    public synchronized boolean isGoSet() {
        advanceTime();
        return goRunning;
    }

    /** The RTP amplitude driving the actuator now: RTP_INPUT in MODE 5 out of standby, else 0. */
    public synchronized int rtpOutput() {
        int m = peek(Drv2605lRegister.MODE.address);
        boolean rtp = (m & MODE_STANDBY) == 0 && (m & MODE_MASK) == MODE_REAL_TIME_PLAYBACK;
        return rtp ? peek(Drv2605lRegister.RTP_INPUT.address) : 0;
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

    // ---------------------------------------------------------------- the chip

    @Override
    protected void beforeTransfer() {
        advanceTime();
    }

    @Override
    protected void beforeWrite(int register, int value) {
        record(writes, new RegisterWrite(clock.getAsLong(), register, value));
    }

    @Override
    protected void onPowerOnReset() {
        mode = Drv2605lRegister.MODE.resetValue;
        goRunning = false;
        calibrating = false;
    }

    private void modeWritten(int value) {
        if ((value & MODE_DEV_RESET) != 0) {
            powerOnReset();                           // DEV_RESET completes at once and self-clears
            return;
        }
        int old = mode;
        mode = value & 0x7F;
        poke(Drv2605lRegister.MODE.address, mode);
        if ((value & MODE_STANDBY) != 0 || (old & MODE_MASK) != (value & MODE_MASK)) {
            cancelGo();
        }
    }

    private void goWritten(int value) {
        if ((value & GO_BIT) == 0) {
            cancelGo();                               // clearing GO cancels the sequence
        } else if (!goRunning && (mode & MODE_STANDBY) == 0) {
            long now = clock.getAsLong();
            if ((mode & MODE_MASK) == MODE_INTERNAL_TRIGGER) {
                long durationNanos = startSequence(now);
                if (durationNanos > 0) {
                    goRunning = true;
                    goEndsAtNanos = now + durationNanos;
                }
            } else if ((mode & MODE_MASK) == MODE_AUTO_CALIBRATION) {
                int calTime = (peek(Drv2605lRegister.CONTROL4.address) & CONTROL4_AUTO_CAL_TIME_MASK)
                        >>> CONTROL4_AUTO_CAL_TIME_SHIFT;
                goRunning = true;
                goEndsAtNanos = now + AUTO_CAL_MS[calTime] * 1_000_000L;
                calibrating = true;
            }
            // other modes (external trigger, PWM, audio, RTP, diagnostics) are not modelled: GO ignored
        }
        // already running, or in standby: GO keeps what it was
        poke(Drv2605lRegister.GO.address, goRunning ? GO_BIT : 0);
    }

    /** Records the effects of WAVESEQ1..8 up to the first 0 and returns the sequence's duration. */
    private long startSequence(long now) {
        int library = peek(Drv2605lRegister.LIBRARY_SEL.address) & LIBRARY_SEL_MASK;
        long t = now;
        for (int slot = 0; slot < WAVESEQ_SLOTS; slot++) {
            int entry = peek(Drv2605lRegister.WAVESEQ1.address + slot);
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
        if (goRunning && clock.getAsLong() - goEndsAtNanos >= 0) {
            goRunning = false;
            poke(Drv2605lRegister.GO.address, 0);
            if (calibrating) {
                finishCalibration();
            }
        }
    }

    private void finishCalibration() {
        calibrating = false;
        int status = peek(Drv2605lRegister.STATUS.address) & ~STATUS_DIAG_RESULT;
        poke(Drv2605lRegister.STATUS.address, failCalibration ? status | STATUS_DIAG_RESULT : status);
        failCalibration = false;
    }

    private void cancelGo() {
        goRunning = false;
        calibrating = false;
        poke(Drv2605lRegister.GO.address, 0);
    }

    private static <T> void record(ArrayDeque<T> records, T entry) {
        if (records.size() == RECORD_LIMIT) {
            records.removeFirst();
        }
        records.addLast(entry);
    }
}
