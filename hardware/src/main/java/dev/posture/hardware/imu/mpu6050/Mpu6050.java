package dev.posture.hardware.imu.mpu6050;

import static dev.posture.hardware.imu.mpu6050.Mpu6050Registers.*;

import com.pi4j.io.i2c.I2C;
import dev.posture.hardware.HardwareException;
import dev.posture.hardware.i2c.I2cDevice;
import dev.posture.hardware.imu.Imu;
import dev.posture.hardware.imu.ImuInfo;
import dev.posture.hardware.imu.ImuSettings;
import dev.posture.hardware.imu.StuckSampleCounter;
import java.util.function.LongSupplier;

/**
 * Driver for the InvenSense MPU-6050 on I2C (0x68, or 0x69 with AD0 high).
 *
 * <p>The constructor checks WHO_AM_I and resets the chip; the reset takes 100 ms, recorded as a
 * "busy until" time on the injected clock instead of a sleep: until then {@link #dataReady()} answers
 * false and every other operation throws (see {@link #busyUntilNanos()}). {@link #configure} wakes the
 * chip on the X-gyro PLL, sets ranges, rate and low-pass, resets the FIFO and enables it if asked.
 *
 * <p>Reads allocate nothing: one 14-byte burst from ACCEL_XOUT_H into a buffer this driver owns, or
 * FIFO bursts of whole 12-byte frames, decoded as big-endian int16 counts into the caller's array.
 * Nothing the chip holds is cached except what is needed to notice failures: a data-ready flag or
 * FIFO overflow flag already consumed by reading INT_STATUS (which clears it), and the last fresh
 * sample, to notice data that stopped changing.
 *
 * <p>Not thread-safe: one sampling thread owns it.
 */
public final class Mpu6050 implements Imu {
    /** Wait after DEVICE_RESET before touching the chip (RM 4.28's reset sequence; Linux uses the same 100 ms). */
    public static final long RESET_TIME_NANOS = 100_000_000L;
    /** Fresh samples with bit-identical data in a row before the data counts as stuck. */
    public static final int DEFAULT_STUCK_SAMPLE_LIMIT = 100;
    /** FIFO frames per burst read: 384 bytes, under linuxfs' 467-byte limit. */
    static final int FIFO_FRAMES_PER_BURST = 32;

    private static final String MODEL = "MPU-6050";

    private final I2cDevice device;
    private final LongSupplier clockNanos;
    /** Unchanged fresh samples from the data registers. */
    private final StuckSampleCounter stuckRegisters;
    /** Unchanged records from the FIFO. */
    private final StuckSampleCounter stuckFifo;

    /** One data burst: accel X/Y/Z, temperature, gyro X/Y/Z. */
    private final byte[] burst = new byte[DATA_BURST_BYTES];
    /** FIFO frames read in one transfer. */
    private final byte[] fifoBurst = new byte[FIFO_FRAMES_PER_BURST * FIFO_FRAME_BYTES];
    /** FIFO_COUNTH/L, or TEMP_OUT_H/L. */
    private final byte[] pair = new byte[2];

    /** Clock time before which the chip is still resetting. */
    private long busyUntilNanos;
    private ImuInfo info;
    private boolean fifoEnabled;
    /** DATA_RDY_INT was seen (and thereby cleared) and the sample has not been read yet. */
    private boolean sampleWaiting;
    /** FIFO_OFLOW_INT was seen (and thereby cleared) by dataReady() and not yet reported. */
    private boolean overflowPending;

    /**
     * Checks WHO_AM_I and resets the chip. On failure the handle is left open for the caller to close.
     *
     * @param i2c        an open handle at the chip's address; the driver owns it from now on
     * @param clockNanos monotonic time in nanoseconds (e.g. {@code System::nanoTime}, or a test clock)
     */
    public Mpu6050(I2C i2c, LongSupplier clockNanos) throws HardwareException {
        this(i2c, clockNanos, DEFAULT_STUCK_SAMPLE_LIMIT);
    }

    /** As above, with the number of identical fresh samples in a row that counts as stuck data (0 = never). */
    public Mpu6050(I2C i2c, LongSupplier clockNanos, int stuckSampleLimit) throws HardwareException {
        this.device = new I2cDevice(i2c);
        this.clockNanos = clockNanos;
        this.stuckRegisters = new StuckSampleCounter(stuckSampleLimit, DATA_BURST_BYTES);
        this.stuckFifo = new StuckSampleCounter(stuckSampleLimit, FIFO_FRAME_BYTES);
        int whoAmI = device.readByte(WHO_AM_I);
        if (whoAmI != WHO_AM_I_VALUE) {
            throw device.failure(WHO_AM_I, "WHO_AM_I is 0x" + I2cDevice.hex2(whoAmI)
                    + ", expected 0x" + I2cDevice.hex2(WHO_AM_I_VALUE)
                    + " (not an " + MODEL + ")");
        }
        device.writeByte(PWR_MGMT_1, PWR_MGMT_1_DEVICE_RESET);
        busyUntilNanos = clockNanos.getAsLong() + RESET_TIME_NANOS;
        // Power-on defaults: +-2 g, +-250 dps, DLPF off so 8 kHz / (1 + 0).
        info = new ImuInfo(MODEL, accelRangeG(0), accelLsbPerG(0), gyroRangeDps(0), gyroLsbPerDpsX10(0),
                gyroOutputRateHz(0));
    }

    /** Clock time until which the chip is busy resetting. */
    public long busyUntilNanos() {
        return busyUntilNanos;
    }

    /** The bus number and address, for messages. */
    public I2cDevice device() {
        return device;
    }

    @Override
    public ImuInfo info() {
        return info;
    }

    @Override
    public void configure(ImuSettings settings) throws HardwareException {
        requireReady(PWR_MGMT_1);
        int afsSel = accelFullScaleSelect(settings.accelRangeG());
        int fsSel = gyroFullScaleSelect(settings.gyroRangeDps());
        int divider = sampleRateDivider(settings.sampleRateHz());
        int rateHz = 1000 / (1 + divider);
        int dlpfCfg = dlpfConfig(settings.lowPassHz(), rateHz);

        device.writeByte(PWR_MGMT_1, CLKSEL_PLL_GYRO_X); // awake, temperature sensor on, X-gyro PLL
        device.writeByte(PWR_MGMT_2, 0x00); // no axis in standby
        device.writeByte(CONFIG, dlpfCfg); // DLPF on: gyro output rate 1 kHz
        device.writeByte(SMPLRT_DIV, divider);
        device.writeByte(GYRO_CONFIG, fsSel << FS_SEL_SHIFT);
        device.writeByte(ACCEL_CONFIG, afsSel << FS_SEL_SHIFT);
        device.writeByte(INT_PIN_CFG, 0x00); // status bits clear only when INT_STATUS is read

        device.writeByte(USER_CTRL, 0x00); // FIFO off, so that FIFO_RESET takes effect (RM 4.27)
        device.writeByte(FIFO_EN, settings.useFifo() ? FIFO_EN_ACCEL | FIFO_EN_XG | FIFO_EN_YG | FIFO_EN_ZG : 0x00);
        device.writeByte(USER_CTRL, USER_CTRL_FIFO_RESET);
        if (settings.useFifo()) {
            device.writeByte(USER_CTRL, USER_CTRL_FIFO_EN);
        }
        device.writeByte(INT_ENABLE, INT_DATA_RDY | (settings.useFifo() ? INT_FIFO_OFLOW : 0));
        device.readByte(INT_STATUS); // drop flags raised under the old settings

        device.verify(PWR_MGMT_1, CLKSEL_PLL_GYRO_X);
        device.verify(CONFIG, dlpfCfg);
        device.verify(SMPLRT_DIV, divider);
        device.verify(GYRO_CONFIG, fsSel << FS_SEL_SHIFT);
        device.verify(ACCEL_CONFIG, afsSel << FS_SEL_SHIFT);

        fifoEnabled = settings.useFifo();
        sampleWaiting = false;
        overflowPending = false;
        stuckRegisters.reset();
        stuckFifo.reset();
        info = new ImuInfo(MODEL, accelRangeG(afsSel), accelLsbPerG(afsSel), gyroRangeDps(fsSel),
                gyroLsbPerDpsX10(fsSel), rateHz);
    }

    /** DLPF_CFG in force after the last {@link #configure} (reads the chip). */
    public int dlpfConfig() throws HardwareException {
        requireReady(CONFIG);
        return device.readByte(CONFIG) & CONFIG_DLPF_CFG_MASK;
    }

    @Override
    public boolean dataReady() throws HardwareException {
        if (clockNanos.getAsLong() - busyUntilNanos < 0) {
            return false;
        }
        int status = device.readByte(INT_STATUS);
        if ((status & INT_FIFO_OFLOW) != 0) {
            overflowPending = true;
        }
        if ((status & INT_DATA_RDY) != 0) {
            sampleWaiting = true;
        }
        return sampleWaiting;
    }

    @Override
    public void read(short[] counts) throws HardwareException {
        requireReady(ACCEL_XOUT_H);
        device.readBlock(ACCEL_XOUT_H, burst, DATA_BURST_BYTES);
        counts[0] = I2cDevice.int16(burst, 0);
        counts[1] = I2cDevice.int16(burst, 2);
        counts[2] = I2cDevice.int16(burst, 4);
        // burst[6..7] is the temperature
        counts[3] = I2cDevice.int16(burst, 8);
        counts[4] = I2cDevice.int16(burst, 10);
        counts[5] = I2cDevice.int16(burst, 12);
        if (sampleWaiting) {
            sampleWaiting = false;
            if (stuckRegisters.feed(burst, 0)) {
                throw device.failure(ACCEL_XOUT_H, stuckRegisters.problem());
            }
        }
    }

    @Override
    public int readFifo(short[] counts, int maxSamples) throws HardwareException {
        requireReady(FIFO_R_W);
        if (!fifoEnabled) {
            throw new IllegalStateException("FIFO not enabled: configure with useFifo = true");
        }
        int status = device.readByte(INT_STATUS);
        if ((status & INT_DATA_RDY) != 0) {
            sampleWaiting = true;
        }
        device.readBlock(FIFO_COUNTH, pair, 2); // high byte first: reading it latches both (RM 4.30)
        int count = ((pair[0] & 0xFF) << 8) | (pair[1] & 0xFF);
        if ((status & INT_FIFO_OFLOW) != 0 || overflowPending || count >= FIFO_SIZE) {
            overflowPending = false;
            resetFifo();
            throw device.failure(FIFO_R_W, "FIFO overflow (" + count + " bytes queued): samples lost, FIFO reset");
        }
        int wanted = Math.min(Math.min(count / FIFO_FRAME_BYTES, maxSamples), counts.length / AXES);
        int done = 0;
        while (done < wanted) {
            int frames = Math.min(wanted - done, FIFO_FRAMES_PER_BURST);
            device.readBlock(FIFO_R_W, fifoBurst, frames * FIFO_FRAME_BYTES);
            for (int f = 0; f < frames; f++) {
                int at = f * FIFO_FRAME_BYTES;
                int out = (done + f) * AXES;
                for (int axis = 0; axis < AXES; axis++) {
                    counts[out + axis] = I2cDevice.int16(fifoBurst, at + 2 * axis);
                }
                if (stuckFifo.feed(fifoBurst, at)) {
                    throw device.failure(FIFO_R_W, stuckFifo.problem());
                }
            }
            done += frames;
        }
        return wanted;
    }

    @Override
    public int temperatureCentiC() throws HardwareException {
        requireReady(TEMP_OUT_H);
        device.readBlock(TEMP_OUT_H, pair, 2);
        int raw = I2cDevice.int16(pair, 0);
        // RM 4.18: degrees C = TEMP_OUT / 340 + 36.53
        return TEMP_OFFSET_CENTI_C + (int) Math.round(raw * 100.0 / TEMP_LSB_PER_DEGREE);
    }

    /** Puts the chip to sleep (best effort) and closes the handle. */
    @Override
    public void close() {
        try {
            if (clockNanos.getAsLong() - busyUntilNanos >= 0) {
                device.writeByte(PWR_MGMT_1, PWR_MGMT_1_SLEEP | CLKSEL_PLL_GYRO_X);
            }
        } catch (HardwareException e) {
            // The chip is unreachable; sleeping it was a courtesy.
        }
        device.close();
    }

    // ------------------------------------------------------------------------------------------

    /** AFS_SEL for the smallest range that covers {@code rangeG} (16 g if none does). */
    static int accelFullScaleSelect(int rangeG) {
        for (int sel = 0; sel < 3; sel++) {
            if (rangeG <= accelRangeG(sel)) {
                return sel;
            }
        }
        return 3;
    }

    /** FS_SEL for the smallest range that covers {@code rangeDps} (2000 dps if none does). */
    static int gyroFullScaleSelect(int rangeDps) {
        for (int sel = 0; sel < 3; sel++) {
            if (rangeDps <= gyroRangeDps(sel)) {
                return sel;
            }
        }
        return 3;
    }

    /** SMPLRT_DIV for the rate nearest {@code rateHz}, with the DLPF on (1 kHz gyro output rate). */
    static int sampleRateDivider(int rateHz) {
        if (rateHz <= 0) {
            throw new IllegalArgumentException("sample rate must be positive: " + rateHz);
        }
        int divider = (int) Math.round(1000.0 / rateHz) - 1;
        return Math.max(0, Math.min(255, divider));
    }

    /**
     * DLPF_CFG 1..6 (never 0 or 7, which switch the gyro to 8 kHz): the gyro bandwidth nearest
     * {@code lowPassHz}, or for 0 the widest bandwidth at or below half the sample rate.
     */
    static int dlpfConfig(int lowPassHz, int rateHz) {
        if (lowPassHz <= 0) {
            for (int cfg = 1; cfg <= 6; cfg++) {
                if (gyroBandwidthHz(cfg) * 2 <= rateHz) {
                    return cfg;
                }
            }
            return 6;
        }
        int best = 1;
        for (int cfg = 2; cfg <= 6; cfg++) {
            if (Math.abs(gyroBandwidthHz(cfg) - lowPassHz) < Math.abs(gyroBandwidthHz(best) - lowPassHz)) {
                best = cfg;
            }
        }
        return best;
    }

    private void resetFifo() throws HardwareException {
        device.writeByte(USER_CTRL, 0x00);
        device.writeByte(USER_CTRL, USER_CTRL_FIFO_RESET);
        device.writeByte(USER_CTRL, USER_CTRL_FIFO_EN);
        stuckFifo.reset();
    }

    private void requireReady(int register) throws HardwareException {
        long early = busyUntilNanos - clockNanos.getAsLong();
        if (early > 0) {
            throw device.failure(register, "busy after device reset for another " + (early + 999_999) / 1_000_000 + " ms");
        }
    }
}
