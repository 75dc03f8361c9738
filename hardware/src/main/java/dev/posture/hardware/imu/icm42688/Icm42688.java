package dev.posture.hardware.imu.icm42688;

import static dev.posture.hardware.imu.icm42688.Icm42688Registers.*;

import com.pi4j.io.i2c.I2C;
import dev.posture.hardware.HardwareException;
import dev.posture.hardware.i2c.I2cDevice;
import dev.posture.hardware.imu.Imu;
import dev.posture.hardware.imu.ImuInfo;
import dev.posture.hardware.imu.ImuSettings;
import dev.posture.hardware.imu.StuckSampleCounter;
import java.util.function.LongSupplier;

/**
 * Driver for the TDK InvenSense ICM-42688-P on I2C (0x68, or 0x69 with AP_AD0 high), using user bank 0.
 *
 * <p>The constructor checks WHO_AM_I (selecting bank 0 first if another bank was left selected) and
 * soft-resets the chip; the reset takes 1 ms, recorded as a "busy until" time on the injected clock.
 * {@link #configure} writes ranges, output data rate, UI filter and FIFO settings while the sensors
 * are off, then turns accelerometer and gyroscope on in low-noise mode; the chip then takes no
 * register writes for 200 us, and the gyro must stay on for 45 ms before it may be reconfigured:
 * both are busy times too, never sleeps.
 *
 * <p>Reads allocate nothing: one 12-byte burst from ACCEL_DATA_X1, or FIFO bursts of whole 16-byte
 * packets (header, accel, gyro, temperature, timestamp), decoded as big-endian int16 counts into the
 * caller's array. The FIFO runs in stop-on-full mode, so its packets never lose alignment; when it
 * reports full, samples are being dropped: the FIFO is flushed and {@link #readFifo} throws.
 *
 * <p>Not thread-safe: one sampling thread owns it.
 */
public final class Icm42688 implements Imu {
    /** Fresh samples with bit-identical data in a row before the data counts as stuck. */
    public static final int DEFAULT_STUCK_SAMPLE_LIMIT = 100;
    /** FIFO packets per burst read: 384 bytes, under linuxfs' 467-byte limit. */
    static final int FIFO_PACKETS_PER_BURST = 24;
    /** ACCEL_DATA_X1..GYRO_DATA_Z0. */
    static final int DATA_BURST_BYTES = 12;

    private static final String MODEL = "ICM-42688-P";
    /** Supported output data rates, Hz, and their ODR codes (DS 14, GYRO_CONFIG0). */
    private static final int[] RATES_HZ = {25, 50, 100, 200, 500, 1000};
    private static final int[] RATE_CODES = {0x0A, 0x09, 0x08, 0x07, 0x0F, 0x06};

    private final I2cDevice device;
    private final LongSupplier clockNanos;
    private final StuckSampleCounter stuckRegisters;
    private final StuckSampleCounter stuckFifo;

    private final byte[] burst = new byte[DATA_BURST_BYTES];
    private final byte[] fifoBurst = new byte[FIFO_PACKETS_PER_BURST * FIFO_PACKET3_BYTES];
    private final byte[] pair = new byte[2];

    /** Clock time before which the chip must not be touched (reset) or written (power-up). */
    private long busyUntilNanos;
    /** Clock time before which the gyro may not be turned off again. */
    private long gyroOnUntilNanos;
    /** RESET_DONE_INT still to be checked by the first configure(). */
    private boolean resetDonePending = true;
    /** configure() succeeded and the chip has not reset itself since. */
    private boolean configured;
    private boolean fifoEnabled;
    private boolean sampleWaiting;
    private boolean fifoFullPending;
    private ImuInfo info;

    /**
     * Checks WHO_AM_I and soft-resets the chip. On failure the handle is left open for the caller.
     *
     * @param i2c        an open handle at the chip's address; the driver owns it from now on
     * @param clockNanos monotonic time in nanoseconds
     */
    public Icm42688(I2C i2c, LongSupplier clockNanos) throws HardwareException {
        this(i2c, clockNanos, DEFAULT_STUCK_SAMPLE_LIMIT);
    }

    /** As above, with the number of identical fresh samples in a row that counts as stuck data (0 = never). */
    public Icm42688(I2C i2c, LongSupplier clockNanos, int stuckSampleLimit) throws HardwareException {
        this.device = new I2cDevice(i2c);
        this.clockNanos = clockNanos;
        this.stuckRegisters = new StuckSampleCounter(stuckSampleLimit, DATA_BURST_BYTES);
        this.stuckFifo = new StuckSampleCounter(stuckSampleLimit, DATA_BURST_BYTES);
        int whoAmI = device.readByte(WHO_AM_I);
        if (whoAmI != WHO_AM_I_VALUE) {
            // Another bank may have been left selected: WHO_AM_I lives in bank 0.
            device.writeByte(REG_BANK_SEL, 0);
            whoAmI = device.readByte(WHO_AM_I);
        }
        if (whoAmI != WHO_AM_I_VALUE) {
            throw device.failure(WHO_AM_I, "WHO_AM_I is 0x" + I2cDevice.hex2(whoAmI)
                    + ", expected 0x" + I2cDevice.hex2(WHO_AM_I_VALUE)
                    + " (not an " + MODEL + ")");
        }
        device.writeByte(DEVICE_CONFIG, DEVICE_CONFIG_SOFT_RESET);
        busyUntilNanos = clockNanos.getAsLong() + SOFT_RESET_NANOS;
        // Reset defaults: +-16 g, +-2000 dps, 1 kHz.
        info = new ImuInfo(MODEL, accelRangeG(0), accelLsbPerG(0), gyroRangeDps(0), gyroLsbPerDpsX10(0), 1000);
    }

    /** Clock time until which the chip is busy (reset, or the pause after powering the sensors). */
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
        requireReady(PWR_MGMT0);
        long early = gyroOnUntilNanos - clockNanos.getAsLong();
        if (early > 0) {
            throw device.failure(PWR_MGMT0, "gyro must stay on for another " + (early + 999_999) / 1_000_000
                    + " ms before it is reconfigured");
        }
        if (resetDonePending) {
            int status = device.readByte(INT_STATUS);
            if ((status & INT_RESET_DONE) == 0) {
                throw device.failure(INT_STATUS, "soft reset not done (INT_STATUS 0x" + I2cDevice.hex2(status) + ")");
            }
            resetDonePending = false;
        }
        int accelFsSel = accelFullScaleSelect(settings.accelRangeG());
        int gyroFsSel = gyroFullScaleSelect(settings.gyroRangeDps());
        int rateIndex = rateIndex(settings.sampleRateHz());
        int odrCode = RATE_CODES[rateIndex];
        int filterCode = uiFilterCode(settings.lowPassHz(), RATES_HZ[rateIndex]);

        device.writeByte(PWR_MGMT0, 0x00); // sensors off while configuring
        device.writeByte(FIFO_CONFIG, FIFO_MODE_BYPASS);
        device.writeByte(SIGNAL_PATH_RESET, SIGNAL_PATH_RESET_FIFO_FLUSH);
        device.writeByte(INTF_CONFIG0, INTF_CONFIG0_FIFO_COUNT_BIG_ENDIAN | INTF_CONFIG0_SENSOR_DATA_BIG_ENDIAN);
        device.writeByte(GYRO_CONFIG0, gyroFsSel << FS_SEL_SHIFT | odrCode);
        device.writeByte(ACCEL_CONFIG0, accelFsSel << FS_SEL_SHIFT | odrCode);
        device.writeByte(GYRO_ACCEL_CONFIG0, filterCode << 4 | filterCode);
        if (settings.useFifo()) {
            device.writeByte(FIFO_CONFIG1, FIFO_CONFIG1_TEMP_EN | FIFO_CONFIG1_GYRO_EN | FIFO_CONFIG1_ACCEL_EN);
            device.writeByte(FIFO_CONFIG, FIFO_MODE_STOP_ON_FULL);
        } else {
            device.writeByte(FIFO_CONFIG1, 0x00);
        }
        device.readByte(INT_STATUS); // drop flags raised under the old settings
        device.writeByte(PWR_MGMT0, PWR_MGMT0_GYRO_LOW_NOISE | PWR_MGMT0_ACCEL_LOW_NOISE);
        long now = clockNanos.getAsLong();
        busyUntilNanos = now + POWER_ON_WRITE_PAUSE_NANOS;
        gyroOnUntilNanos = now + GYRO_MIN_ON_NANOS;

        device.verify(GYRO_CONFIG0, gyroFsSel << FS_SEL_SHIFT | odrCode);
        device.verify(ACCEL_CONFIG0, accelFsSel << FS_SEL_SHIFT | odrCode);
        device.verify(PWR_MGMT0, PWR_MGMT0_GYRO_LOW_NOISE | PWR_MGMT0_ACCEL_LOW_NOISE);

        fifoEnabled = settings.useFifo();
        configured = true;
        sampleWaiting = false;
        fifoFullPending = false;
        stuckRegisters.reset();
        stuckFifo.reset();
        info = new ImuInfo(MODEL, accelRangeG(accelFsSel), accelLsbPerG(accelFsSel), gyroRangeDps(gyroFsSel),
                gyroLsbPerDpsX10(gyroFsSel), RATES_HZ[rateIndex]);
    }

    @Override
    public boolean dataReady() throws HardwareException {
        if (clockNanos.getAsLong() - busyUntilNanos < 0) {
            return false;
        }
        noteStatus(device.readByte(INT_STATUS));
        return sampleWaiting;
    }

    /**
     * Records what an INT_STATUS read showed (reading clears it). RESET_DONE_INT after configure()
     * means the chip reset itself (power loss, reconnect): its settings are gone.
     */
    private void noteStatus(int status) throws HardwareException {
        if ((status & INT_RESET_DONE) != 0) {
            resetDonePending = false;
            if (configured) {
                configured = false;
                throw device.failure(INT_STATUS, "chip reset itself (RESET_DONE_INT): configure again");
            }
        }
        if ((status & INT_FIFO_FULL) != 0) {
            fifoFullPending = true;
        }
        if ((status & INT_DATA_RDY) != 0) {
            sampleWaiting = true;
        }
    }

    @Override
    public void read(short[] counts) throws HardwareException {
        requireReady(ACCEL_DATA_X1);
        device.readBlock(ACCEL_DATA_X1, burst, DATA_BURST_BYTES);
        for (int axis = 0; axis < AXES; axis++) {
            counts[axis] = I2cDevice.int16(burst, 2 * axis);
        }
        if (sampleWaiting) {
            sampleWaiting = false;
            if (stuckRegisters.feed(burst, 0)) {
                throw device.failure(ACCEL_DATA_X1, stuckRegisters.problem());
            }
        }
    }

    @Override
    public int readFifo(short[] counts, int maxSamples) throws HardwareException {
        requireReady(FIFO_DATA);
        if (!fifoEnabled) {
            throw new IllegalStateException("FIFO not enabled: configure with useFifo = true");
        }
        noteStatus(device.readByte(INT_STATUS));
        if (fifoFullPending) {
            fifoFullPending = false;
            device.readBlock(FIFO_COUNTH, pair, 2);
            int count = (pair[0] & 0xFF) << 8 | (pair[1] & 0xFF);
            device.writeByte(SIGNAL_PATH_RESET, SIGNAL_PATH_RESET_FIFO_FLUSH);
            stuckFifo.reset();
            throw device.failure(FIFO_DATA, "FIFO full (" + count + " bytes queued): samples dropped, FIFO flushed");
        }
        device.readBlock(FIFO_COUNTH, pair, 2);
        int count = (pair[0] & 0xFF) << 8 | (pair[1] & 0xFF);
        int wanted = Math.min(Math.min(count / FIFO_PACKET3_BYTES, maxSamples), counts.length / AXES);
        int done = 0;
        while (done < wanted) {
            int packets = Math.min(wanted - done, FIFO_PACKETS_PER_BURST);
            device.readBlock(FIFO_DATA, fifoBurst, packets * FIFO_PACKET3_BYTES);
            for (int p = 0; p < packets; p++) {
                int at = p * FIFO_PACKET3_BYTES;
                int header = fifoBurst[at] & 0xFF;
                if ((header & (FIFO_HEADER_MSG | FIFO_HEADER_ACCEL | FIFO_HEADER_GYRO))
                        != (FIFO_HEADER_ACCEL | FIFO_HEADER_GYRO)) {
                    device.writeByte(SIGNAL_PATH_RESET, SIGNAL_PATH_RESET_FIFO_FLUSH);
                    throw device.failure(FIFO_DATA, "FIFO packet header 0x" + I2cDevice.hex2(header)
                            + ", expected accel + gyro: FIFO flushed");
                }
                int out = (done + p) * AXES;
                for (int axis = 0; axis < AXES; axis++) {
                    counts[out + axis] = I2cDevice.int16(fifoBurst, at + 1 + 2 * axis);
                }
                if (stuckFifo.feed(fifoBurst, at + 1)) {
                    throw device.failure(FIFO_DATA, stuckFifo.problem());
                }
            }
            done += packets;
        }
        return wanted;
    }

    @Override
    public int temperatureCentiC() throws HardwareException {
        requireReady(TEMP_DATA1);
        device.readBlock(TEMP_DATA1, pair, 2);
        // DS 14 (TEMP_DATA1): degrees C = TEMP_DATA / 132.48 + 25
        return TEMP_OFFSET_CENTI_C + (int) Math.round(I2cDevice.int16(pair, 0) * 100.0 / TEMP_LSB_PER_DEGREE);
    }

    /** Turns the sensors off (best effort) and closes the handle. */
    @Override
    public void close() {
        try {
            if (clockNanos.getAsLong() - busyUntilNanos >= 0) {
                device.writeByte(PWR_MGMT0, 0x00);
            }
        } catch (HardwareException e) {
            // The chip is unreachable; turning it off was a courtesy.
        }
        device.close();
    }

    // ------------------------------------------------------------------------------------------

    /** ACCEL_FS_SEL for the smallest range covering {@code rangeG} (+-16 g if none does). */
    static int accelFullScaleSelect(int rangeG) {
        for (int sel = 3; sel > 0; sel--) {
            if (rangeG <= accelRangeG(sel)) {
                return sel;
            }
        }
        return 0;
    }

    /** GYRO_FS_SEL for the smallest of 250..2000 dps covering {@code rangeDps} (+-2000 if none does). */
    static int gyroFullScaleSelect(int rangeDps) {
        for (int sel = 3; sel > 0; sel--) {
            if (rangeDps <= gyroRangeDps(sel)) {
                return sel;
            }
        }
        return 0;
    }

    /** Index into the supported rates of the one nearest {@code rateHz} (ties go to the faster). */
    static int rateIndex(int rateHz) {
        if (rateHz <= 0) {
            throw new IllegalArgumentException("sample rate must be positive: " + rateHz);
        }
        int best = 0;
        for (int i = 1; i < RATES_HZ.length; i++) {
            if (Math.abs(RATES_HZ[i] - rateHz) <= Math.abs(RATES_HZ[best] - rateHz)) {
                best = i;
            }
        }
        return best;
    }

    /**
     * UI filter code 0..7: the bandwidth nearest {@code lowPassHz}, or for 0 the widest bandwidth at
     * or below half the output rate.
     */
    static int uiFilterCode(int lowPassHz, int rateHz) {
        if (lowPassHz <= 0) {
            for (int code = 0; code <= 7; code++) {
                if (uiFilterBandwidthHz(code, rateHz) <= rateHz / 2.0) {
                    return code;
                }
            }
            return 7;
        }
        int best = 0;
        for (int code = 1; code <= 7; code++) {
            if (Math.abs(uiFilterBandwidthHz(code, rateHz) - lowPassHz) < Math.abs(uiFilterBandwidthHz(best, rateHz) - lowPassHz)) {
                best = code;
            }
        }
        return best;
    }

    private void requireReady(int register) throws HardwareException {
        long early = busyUntilNanos - clockNanos.getAsLong();
        if (early > 0) {
            throw device.failure(register, "busy for another " + (early + 999) / 1000 + " us");
        }
    }
}
