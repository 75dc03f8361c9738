package dev.posture.hardware.haptic;

import static dev.posture.hardware.haptic.Drv2605lRegister.CONTROL3_DATA_FORMAT_RTP_UNSIGNED;
import static dev.posture.hardware.haptic.Drv2605lRegister.EFFECT_FIRST;
import static dev.posture.hardware.haptic.Drv2605lRegister.EFFECT_LAST;
import static dev.posture.hardware.haptic.Drv2605lRegister.FEEDBACK_N_ERM_LRA;
import static dev.posture.hardware.haptic.Drv2605lRegister.GO_BIT;
import static dev.posture.hardware.haptic.Drv2605lRegister.LIBRARY_ERM_FIRST;
import static dev.posture.hardware.haptic.Drv2605lRegister.LIBRARY_ERM_LAST;
import static dev.posture.hardware.haptic.Drv2605lRegister.LIBRARY_LRA;
import static dev.posture.hardware.haptic.Drv2605lRegister.MODE_AUTO_CALIBRATION;
import static dev.posture.hardware.haptic.Drv2605lRegister.MODE_DEV_RESET;
import static dev.posture.hardware.haptic.Drv2605lRegister.MODE_INTERNAL_TRIGGER;
import static dev.posture.hardware.haptic.Drv2605lRegister.MODE_REAL_TIME_PLAYBACK;
import static dev.posture.hardware.haptic.Drv2605lRegister.MODE_STANDBY;
import static dev.posture.hardware.haptic.Drv2605lRegister.STATUS_DEVICE_ID_MASK;
import static dev.posture.hardware.haptic.Drv2605lRegister.STATUS_DEVICE_ID_SHIFT;
import static dev.posture.hardware.haptic.Drv2605lRegister.STATUS_DIAG_RESULT;
import static dev.posture.hardware.haptic.Drv2605lRegister.WAVESEQ_SLOTS;
import static dev.posture.hardware.haptic.Drv2605lRegister.WAVESEQ_WAIT;

import com.pi4j.io.i2c.I2C;
import dev.posture.hardware.HardwareException;
import dev.posture.hardware.i2c.I2cDevice;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TI DRV2605 / DRV2605L haptic driver over I2C (fixed address 0x5A), for an ERM or an LRA.
 *
 * <p>{@link #drive} uses real-time playback (RTP, MODE 5): the intensity becomes the unsigned
 * RTP_INPUT amplitude (0x00..0xFF; CONTROL3 DATA_FORMAT_RTP = 1), scaled by the chip to the rated
 * voltage (closed loop) or the overdrive clamp (ERM open loop). {@code drive(0)} writes 0 and puts the
 * chip in software standby, so an idle motor costs standby current only. {@link #playEffect} and
 * {@link #playSequence} use the ROM effect library through the waveform sequencer and GO (internal
 * trigger, MODE 0). Datasheet SLOS854: "Register Map", "Real-Time Playback (RTP) Mode",
 * "Waveform Library Effects List", "Waveform Sequencer", "Auto Calibration Procedure".
 *
 * <p>The constructor checks DEVICE_ID (STATUS [7:5]: 3 = DRV2605, 7 = DRV2605L; the DRV2604 variants
 * have no ROM library and are refused), resets the chip with MODE.DEV_RESET and polls for the bit to
 * clear instead of sleeping, then configures actuator, library, voltages and RTP format and leaves the
 * chip in standby. Every bus failure becomes a {@link HardwareException} naming bus, address and
 * register ({@link I2cDevice}, with the register's name). Nothing here allocates on the drive path;
 * the chip's registers are read, never cached.
 */
public final class Drv2605l implements Haptic {
    private static final Logger LOG = LoggerFactory.getLogger(Drv2605l.class);

    /** The chip's only I2C address (datasheet "I2C Interface": 7-bit address 0x5A). */
    public static final int DEFAULT_ADDRESS = 0x5A;
    /** MODE reads allowed for DEV_RESET to clear before the reset counts as failed. */
    static final int RESET_POLL_LIMIT = 50;

    public enum Actuator { ERM, LRA }

    /** What {@link #calibrationState} reports while and after auto-calibration runs. */
    public enum CalibrationState { RUNNING, PASSED, FAILED }

    /**
     * @param actuator      ERM or LRA (FEEDBACK_CONTROL.N_ERM_LRA)
     * @param library       effect library: 1..5 (TS2200 A..E) for an ERM, 6 for an LRA
     * @param ratedVoltage  RATED_VOLTAGE register value, from the actuator's rating with the datasheet's
     *                      "Rated Voltage Programming" equations (reset value 0x3E)
     * @param odClamp       OD_CLAMP register value, from the actuator's absolute maximum with the
     *                      "Overdrive Voltage-Clamp Programming" equations (reset value 0x8C)
     */
    public record Settings(Actuator actuator, int library, int ratedVoltage, int odClamp) {
        /** An ERM on library A with the chip's reset voltages. */
        public static final Settings ERM_DEFAULTS = new Settings(Actuator.ERM, 1, 0x3E, 0x8C);
        /** An LRA on the LRA library with the chip's reset voltages. */
        public static final Settings LRA_DEFAULTS = new Settings(Actuator.LRA, LIBRARY_LRA, 0x3E, 0x8C);

        public Settings {
            if (actuator == null) {
                throw new IllegalArgumentException("actuator must be ERM or LRA");
            }
            if (actuator == Actuator.ERM && (library < LIBRARY_ERM_FIRST || library > LIBRARY_ERM_LAST)) {
                throw new IllegalArgumentException("ERM effect library " + library + " out of range 1..5");
            }
            if (actuator == Actuator.LRA && library != LIBRARY_LRA) {
                throw new IllegalArgumentException("LRA effect library must be 6, got " + library);
            }
            if (ratedVoltage < 0 || ratedVoltage > 0xFF || odClamp < 0 || odClamp > 0xFF) {
                throw new IllegalArgumentException("rated voltage and overdrive clamp are register values 0..255");
            }
        }
    }

    private final I2cDevice device;
    private final Settings settings;
    private final int deviceId;

    /** Checks the device id, resets and configures the chip; leaves it in standby. */
    public Drv2605l(I2C i2c, Settings settings) throws HardwareException {
        this.device = new I2cDevice(i2c, Drv2605lRegister::nameOf);
        this.settings = settings;
        this.deviceId = checkDeviceId();
        initialize();
    }

    /** DEVICE_ID read at construction: 3 (DRV2605) or 7 (DRV2605L). */
    public int deviceId() {
        return deviceId;
    }

    public Settings settings() {
        return settings;
    }

    /**
     * Resets and configures the chip again, e.g. after it lost power (it then comes back in standby
     * with every register at its reset value).
     */
    public void initialize() throws HardwareException {
        reset();
        write(Drv2605lRegister.MODE, MODE_INTERNAL_TRIGGER);               // out of standby
        write(Drv2605lRegister.RATED_VOLTAGE, settings.ratedVoltage());
        write(Drv2605lRegister.OD_CLAMP, settings.odClamp());
        int feedback = read(Drv2605lRegister.FEEDBACK_CONTROL) & ~FEEDBACK_N_ERM_LRA;
        write(Drv2605lRegister.FEEDBACK_CONTROL,
                settings.actuator() == Actuator.LRA ? feedback | FEEDBACK_N_ERM_LRA : feedback);
        write(Drv2605lRegister.CONTROL3, read(Drv2605lRegister.CONTROL3) | CONTROL3_DATA_FORMAT_RTP_UNSIGNED);
        write(Drv2605lRegister.LIBRARY_SEL, settings.library());
        write(Drv2605lRegister.RTP_INPUT, 0);
        write(Drv2605lRegister.MODE, MODE_STANDBY | MODE_INTERNAL_TRIGGER);
    }

    private int checkDeviceId() throws HardwareException {
        int status = read(Drv2605lRegister.STATUS);
        int id = (status & STATUS_DEVICE_ID_MASK) >>> STATUS_DEVICE_ID_SHIFT;
        if (id != Drv2605lRegister.DEVICE_ID_DRV2605 && id != Drv2605lRegister.DEVICE_ID_DRV2605L) {
            throw device.failure(Drv2605lRegister.STATUS.address,
                    "device id " + id + " is not a DRV2605 (3) or DRV2605L (7)");
        }
        return id;
    }

    /** MODE.DEV_RESET, then poll until the chip clears it (datasheet "Mode (Address: 0x01)"). */
    private void reset() throws HardwareException {
        write(Drv2605lRegister.MODE, MODE_DEV_RESET);
        for (int i = 0; i < RESET_POLL_LIMIT; i++) {
            if ((read(Drv2605lRegister.MODE) & MODE_DEV_RESET) == 0) {
                return;
            }
        }
        throw device.failure(Drv2605lRegister.MODE.address, "DEV_RESET still set after " + RESET_POLL_LIMIT + " reads");
    }

    /**
     * Real-time playback at {@code intensityPct} (RTP_INPUT = round(pct * 255 / 100), MODE 5);
     * 0 writes RTP_INPUT 0 and returns the chip to standby. Two register writes, no allocation.
     */
    @Override
    public void drive(int intensityPct) throws HardwareException {
        if (intensityPct < 0 || intensityPct > 100) {
            throw new IllegalArgumentException("intensity " + intensityPct + " % out of range 0..100");
        }
        // RTP_INPUT first so the chip never plays the previous amplitude after the MODE write
        write(Drv2605lRegister.RTP_INPUT, rtpForIntensity(intensityPct));
        write(Drv2605lRegister.MODE, intensityPct == 0
                ? MODE_STANDBY | MODE_INTERNAL_TRIGGER
                : MODE_REAL_TIME_PLAYBACK);
    }

    /** Unsigned RTP amplitude for an intensity in %: round(pct * 255 / 100). */
    public static int rtpForIntensity(int intensityPct) {
        return (intensityPct * 255 + 50) / 100;
    }

    /** Plays one library effect (1..123) with the waveform sequencer: MODE 0, WAVESEQ1, end mark, GO. */
    public void playEffect(int effect) throws HardwareException {
        checkEffect(effect);
        write(Drv2605lRegister.MODE, MODE_INTERNAL_TRIGGER);
        write(Drv2605lRegister.WAVESEQ1, effect);
        write(Drv2605lRegister.WAVESEQ2, 0);
        write(Drv2605lRegister.GO, GO_BIT);
    }

    /**
     * Plays up to eight sequencer entries: effect numbers 1..123 or {@link #waitEntry} pauses. Entries
     * are written one register at a time (no buffer), followed by the end mark when fewer than eight.
     */
    public void playSequence(int[] entries, int count) throws HardwareException {
        if (count < 1 || count > WAVESEQ_SLOTS || count > entries.length) {
            throw new IllegalArgumentException("sequence length " + count + " out of range 1..8");
        }
        for (int i = 0; i < count; i++) {
            if (entries[i] < 0 || entries[i] > 0xFF) {
                throw new IllegalArgumentException("sequence entry " + entries[i] + " is not a byte");
            }
            if ((entries[i] & WAVESEQ_WAIT) == 0) {
                checkEffect(entries[i]);
            }
        }
        write(Drv2605lRegister.MODE, MODE_INTERNAL_TRIGGER);
        for (int i = 0; i < count; i++) {
            write(Drv2605lRegister.WAVESEQ1.address + i, entries[i]);
        }
        if (count < WAVESEQ_SLOTS) {
            write(Drv2605lRegister.WAVESEQ1.address + count, 0);
        }
        write(Drv2605lRegister.GO, GO_BIT);
    }

    /** A sequencer pause entry: WAIT bit plus the time in 10 ms units (10..1270 ms). */
    public static int waitEntry(int millis) {
        if (millis < 10 || millis > 1270) {
            throw new IllegalArgumentException("sequencer wait " + millis + " ms out of range 10..1270");
        }
        return WAVESEQ_WAIT | (millis / 10);
    }

    /** True while the GO bit is set, i.e. a sequence or calibration is still running. */
    public boolean isPlaying() throws HardwareException {
        return (read(Drv2605lRegister.GO) & GO_BIT) != 0;
    }

    /** Cancels any sequence (GO = 0), zeroes RTP and enters standby. */
    public void stop() throws HardwareException {
        write(Drv2605lRegister.GO, 0);
        write(Drv2605lRegister.RTP_INPUT, 0);
        write(Drv2605lRegister.MODE, MODE_STANDBY | MODE_INTERNAL_TRIGGER);
    }

    /**
     * Starts auto-calibration (MODE 7, GO) with the rated voltage, clamp and actuator already set;
     * it runs for CONTROL4.AUTO_CAL_TIME (500-700 ms at reset). Poll {@link #calibrationState}; this
     * never waits.
     */
    public void startAutoCalibration() throws HardwareException {
        write(Drv2605lRegister.MODE, MODE_AUTO_CALIBRATION);
        write(Drv2605lRegister.GO, GO_BIT);
    }

    /**
     * RUNNING while GO is set; then PASSED or FAILED from STATUS.DIAG_RESULT, and the chip goes back
     * to standby.
     */
    public CalibrationState calibrationState() throws HardwareException {
        if (isPlaying()) {
            return CalibrationState.RUNNING;
        }
        boolean failed = (read(Drv2605lRegister.STATUS) & STATUS_DIAG_RESULT) != 0;
        write(Drv2605lRegister.MODE, MODE_STANDBY | MODE_INTERNAL_TRIGGER);
        return failed ? CalibrationState.FAILED : CalibrationState.PASSED;
    }

    /** STATUS as read from the chip (DIAG_RESULT, OVER_TEMP, OC_DETECT in the low bits). */
    public int readStatus() throws HardwareException {
        return read(Drv2605lRegister.STATUS);
    }

    /** Stops and enters standby; failures are logged (the chip may already be gone). */
    @Override
    public void close() {
        try {
            stop();
        } catch (HardwareException e) {
            LOG.warn("DRV2605L standby on close failed: {}", e.getMessage());
        }
    }

    private static void checkEffect(int effect) {
        if (effect < EFFECT_FIRST || effect > EFFECT_LAST) {
            throw new IllegalArgumentException("library effect " + effect + " out of range 1..123");
        }
    }

    private int read(Drv2605lRegister register) throws HardwareException {
        return device.readByte(register.address);
    }

    private void write(Drv2605lRegister register, int value) throws HardwareException {
        device.writeByte(register.address, value);
    }

    private void write(int register, int value) throws HardwareException {
        device.writeByte(register, value);
    }
}
