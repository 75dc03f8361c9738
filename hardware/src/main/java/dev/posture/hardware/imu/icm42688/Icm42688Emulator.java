package dev.posture.hardware.imu.icm42688;

import static dev.posture.hardware.imu.icm42688.Icm42688Registers.*;

import dev.posture.hardware.imu.emulation.ByteFifo;
import dev.posture.hardware.imu.emulation.ImuEmulator;
import dev.posture.hardware.imu.emulation.SensorErrorModel;
import dev.posture.hardware.imu.emulation.SensorSpec;
import dev.posture.hardware.motion.MotionSource;

/**
 * An ICM-42688-P on the bus: user bank 0 of DS-000347 with the reset values the driver relies on,
 * banks 1..4 behind REG_BANK_SEL as plain memory, and a signal path that turns motion into counts at
 * the configured ranges, output data rate and UI filter bandwidth, with the error figures of
 * {@link #DATASHEET}.
 *
 * <p>Time is emulated (see {@link ImuEmulator}). While the accelerometer (low-noise or low-power mode)
 * or the gyroscope (low-noise mode) is on, the signal path ticks at 1 kHz (or at the ODR above 1 kHz)
 * and produces a sample every ODR period: data registers, DATA_RDY_INT, and a FIFO packet when the
 * FIFO is not in bypass. The gyroscope's ODR sets the pace when it is on, else the accelerometer's.
 *
 * <p>Modelled: WHO_AM_I 0x47; soft reset (DEVICE_CONFIG) and power-on reset raising RESET_DONE_INT;
 * PWR_MGMT0 sensor modes and TEMP_DIS; ACCEL_FS_SEL, GYRO_FS_SEL (all eight ranges) and ODR; UI filter
 * bandwidth (GYRO_ACCEL_CONFIG0); saturation at -32768/+32767; SENSOR_DATA_ENDIAN and
 * FIFO_COUNT_ENDIAN / FIFO_COUNT_REC; INT_STATUS cleared on read; 2 kB FIFO with packets 1, 2 and 3
 * (header, data, 8-bit temperature, 16-bit timestamp for packet 3), stream mode dropping the oldest
 * packets and stop-on-full mode dropping new ones (counted in FIFO_LOST_PKT), FIFO_FULL_INT at 2048
 * bytes or on a loss, FIFO_FLUSH; noise, offsets, sensitivity errors, temperature coefficients and
 * bias walk (see {@link SensorErrorModel}).
 *
 * <p>Assumed where the datasheet was not consulted or is silent: a sensor that is off reads -32768
 * (the FIFO's invalid-sample value) in its data registers; INT_STATUS bits are raised whether or not
 * they are routed to a pin; an empty FIFO reads 0xFF. Not modelled: start-up times (accel 10 ms,
 * gyro 30 ms) and the 200 us write pause after turning a sensor on (the driver honours both as busy
 * times), low-power accelerometer noise, the anti-alias and notch filters, 20-bit FIFO packets,
 * FIFO watermark, APEX functions, self-test, user offsets, interrupt pins, clock input.
 */
public final class Icm42688Emulator extends ImuEmulator {

    /**
     * The ICM-42688-P's error figures, DS-000347 Tables 1 and 2: accelerometer noise 70 ug/rtHz,
     * gyroscope noise 0.0028 deg/s/rtHz; zero-g tolerance +-20 mg, ZRO tolerance +-0.5 deg/s;
     * sensitivity tolerance +-0.5 %; zero-g change 0.15 mg/C, ZRO change 0.005 deg/s/C. The bias
     * random walk of 0.0001 deg/s/rtS is an assumption (the datasheet gives none), half the one assumed
     * for the MPU-6050.
     */
    public static final SensorSpec DATASHEET = new SensorSpec(70, 0.0028, 20, 20, 0.5, 0.5, 0.15, 0.005, 0.0001);

    /** A sensor that is off reads this (assumed; the FIFO's invalid-sample marker). */
    public static final int INVALID_SAMPLE = -32768;

    private final ByteFifo fifo = new ByteFifo(FIFO_SIZE);
    /** Output period in ticks. */
    private int ticksPerSample = 1;
    /** Ticks since the last output sample. */
    private int ticksSinceSample;
    /** Packets dropped in stop-on-full mode since the last flush. */
    private int lostPackets;

    /**
     * @param bus     bus number reported in failures
     * @param address 0x68 or 0x69
     * @param motion  what the sensor undergoes; null for {@link #AT_REST_Z_UP}
     * @param spec    error figures, e.g. {@link #DATASHEET} or {@link SensorSpec#IDEAL}
     * @param seed    draws this part's offsets and its noise
     */
    public Icm42688Emulator(int bus, int address, MotionSource motion, SensorSpec spec, long seed) {
        super(bus, address, motion, spec, seed);
        if (address != ADDRESS_AD0_LOW && address != ADDRESS_AD0_HIGH) {
            throw new IllegalArgumentException("an ICM-42688-P answers at 0x68 or 0x69, not 0x" + Integer.toHexString(address));
        }
        useBanks(REG_BANK_SEL, BANKS);
        for (int r = TEMP_DATA1; r <= GYRO_DATA_Z0; r += 2) {
            define(r, 0x80, Access.READ_ONLY); // -32768 until a sensor produces data
            define(r + 1, 0x00, Access.READ_ONLY);
        }
        markData(TEMP_DATA1, GYRO_DATA_Z0);
        define(INT_STATUS, 0x00, Access.CLEAR_ON_READ);
        define(0x37, 0x38, 0x00, Access.CLEAR_ON_READ); // INT_STATUS2, INT_STATUS3
        define(FIFO_COUNTH, FIFO_COUNTL, 0x00, Access.READ_ONLY);
        define(FIFO_LOST_PKT0, FIFO_LOST_PKT1, 0x00, Access.READ_ONLY);
        define(INTF_CONFIG0, INTF_CONFIG0_RESET_VALUE, Access.READ_WRITE);
        define(INTF_CONFIG1, INTF_CONFIG1_RESET_VALUE, Access.READ_WRITE);
        define(GYRO_CONFIG0, CONFIG0_RESET_VALUE, Access.READ_WRITE);
        define(ACCEL_CONFIG0, CONFIG0_RESET_VALUE, Access.READ_WRITE);
        define(GYRO_ACCEL_CONFIG0, GYRO_ACCEL_CONFIG0_RESET_VALUE, Access.READ_WRITE);
        define(TMST_CONFIG, TMST_CONFIG_RESET_VALUE, Access.READ_WRITE);
        define(INT_SOURCE0, INT_SOURCE0_RESET_VALUE, Access.READ_WRITE);
        define(WHO_AM_I, WHO_AM_I_VALUE, Access.READ_ONLY);
        holdAddress(FIFO_DATA);

        onWrite(DEVICE_CONFIG, (r, value) -> {
            if ((value & DEVICE_CONFIG_SOFT_RESET) != 0) {
                powerOnReset();
            }
        });
        onWrite(PWR_MGMT0, (r, value) -> signalPathChanged());
        onWrite(GYRO_CONFIG0, (r, value) -> signalPathChanged());
        onWrite(ACCEL_CONFIG0, (r, value) -> signalPathChanged());
        onWrite(SIGNAL_PATH_RESET, (r, value) -> {
            if ((value & SIGNAL_PATH_RESET_FIFO_FLUSH) != 0) {
                flushFifo();
            }
            poke(SIGNAL_PATH_RESET, 0x00);
        });
        onRead(FIFO_COUNTH, r -> fifoCountByte(true));
        onRead(FIFO_COUNTL, r -> fifoCountByte(false));
        onRead(FIFO_DATA, r -> fifo.count() > 0 ? fifo.pop() : 0xFF);
        onWrite(FIFO_DATA, (r, value) -> { });
        powerOnReset();
    }

    /** Bytes in the FIFO now. */
    public synchronized int fifoCount() {
        return fifo.count();
    }

    @Override
    protected void onPowerOnReset() {
        flushFifo();
        ticksSinceSample = 0;
        sensor.resetSignalPath();
        poke(INT_STATUS, INT_RESET_DONE);
        signalPathChanged();
    }

    // ------------------------------------------------------------------------------------------

    private boolean gyroOn() {
        return (peek(PWR_MGMT0) & PWR_MGMT0_GYRO_MODE_MASK) == PWR_MGMT0_GYRO_LOW_NOISE;
    }

    private boolean accelOn() {
        return (peek(PWR_MGMT0) & PWR_MGMT0_ACCEL_MODE_MASK) >= PWR_MGMT0_ACCEL_LOW_POWER;
    }

    /** The output data rate in force, Hz: the gyro's when it is on, else the accelerometer's. */
    private double outputRateHz() {
        double odr = odrHz(peek(gyroOn() ? GYRO_CONFIG0 : ACCEL_CONFIG0));
        return odr > 0 ? odr : 1000.0; // reserved code: treated as the 1 kHz default
    }

    private void signalPathChanged() {
        double odr = outputRateHz();
        long period;
        if (odr <= 1000.0) {
            period = 1_000_000L;
            ticksPerSample = (int) Math.round(1000.0 / odr);
        } else {
            period = Math.round(1e9 / odr);
            ticksPerSample = 1;
        }
        setSignalPath(gyroOn() || accelOn(), period);
    }

    @Override
    protected void tick(long tNanos, long periodNanos) {
        double tickRate = 1e9 / periodNanos;
        double odr = outputRateHz();
        int filters = peek(GYRO_ACCEL_CONFIG0);
        sampleMotion(tNanos);
        sensor.step(specificForce, angularRate, temperatureC(), tickRate,
                uiFilterBandwidthHz(filters >> 4, odr), uiFilterBandwidthHz(filters, odr));
        if (++ticksSinceSample < ticksPerSample) {
            return;
        }
        ticksSinceSample = 0;
        writeSample(tNanos);
    }

    private void writeSample(long tNanos) {
        int accelFs = peek(ACCEL_CONFIG0) >> FS_SEL_SHIFT;
        int gyroFs = peek(GYRO_CONFIG0) >> FS_SEL_SHIFT;
        boolean accel = accelOn();
        boolean gyro = gyroOn();
        double accelLsbPerG = accelLsbPerG(accelFs);
        double gyroLsbPerDps = gyroLsbPerDpsX10(gyroFs) / 10.0;
        for (int axis = 0; axis < 3; axis++) {
            putInt16(ACCEL_DATA_X1 + 2 * axis,
                    accel ? SensorErrorModel.toCounts(sensor.accelG(axis), accelLsbPerG) : INVALID_SAMPLE);
            putInt16(GYRO_DATA_X1 + 2 * axis,
                    gyro ? SensorErrorModel.toCounts(sensor.gyroDps(axis), gyroLsbPerDps) : INVALID_SAMPLE);
        }
        if ((peek(PWR_MGMT0) & PWR_MGMT0_TEMP_DIS) == 0) {
            // DS 14: degrees C = TEMP_DATA / 132.48 + 25
            putInt16(TEMP_DATA1, SensorErrorModel.toCounts(temperatureC() - TEMP_OFFSET_CENTI_C / 100.0,
                    TEMP_LSB_PER_DEGREE));
        }
        countSample();
        setBits(INT_STATUS, INT_DATA_RDY);
        if ((peek(FIFO_CONFIG) & FIFO_MODE_MASK) != FIFO_MODE_BYPASS) {
            pushPacket(tNanos);
        }
    }

    /** One FIFO packet from the data registers (DS FIFO packet structure): 3 with accel and gyro, 1 or 2 with one of them. */
    private void pushPacket(long tNanos) {
        int config1 = peek(FIFO_CONFIG1);
        boolean accel = (config1 & FIFO_CONFIG1_ACCEL_EN) != 0;
        boolean gyro = (config1 & FIFO_CONFIG1_GYRO_EN) != 0;
        if (!accel && !gyro) {
            return;
        }
        int size = accel && gyro ? FIFO_PACKET3_BYTES : FIFO_PACKET12_BYTES;
        if (fifo.free() < size) {
            setBits(INT_STATUS, INT_FIFO_FULL);
            if ((peek(FIFO_CONFIG) & FIFO_MODE_MASK) == FIFO_MODE_STREAM) {
                while (fifo.free() < size) {
                    fifo.dropOldest(size); // packets are all this size until the FIFO is reconfigured
                }
            } else {
                lostPackets = Math.min(0xFFFF, lostPackets + 1);
                poke(FIFO_LOST_PKT0, lostPackets);
                poke(FIFO_LOST_PKT1, lostPackets >> 8);
                return;
            }
        }
        int header = (accel ? FIFO_HEADER_ACCEL : 0) | (gyro ? FIFO_HEADER_GYRO : 0)
                | (accel && gyro ? FIFO_HEADER_TIMESTAMP_ODR : 0);
        fifo.push(header);
        if (accel) {
            for (int r = ACCEL_DATA_X1; r < ACCEL_DATA_X1 + 6; r++) {
                fifo.push(peek(r));
            }
        }
        if (gyro) {
            for (int r = GYRO_DATA_X1; r < GYRO_DATA_X1 + 6; r++) {
                fifo.push(peek(r));
            }
        }
        // DS FIFO packet structure: temperature in degrees C = FIFO_TEMP_DATA / 2.07 + 25
        long fifoTemp = Math.round((temperatureC() - 25) * FIFO_TEMP_LSB_PER_DEGREE);
        fifo.push((int) Math.max(-128, Math.min(127, fifoTemp)));
        if (accel && gyro) {
            int timestampMicros = (int) (tNanos / 1000);
            fifo.push(timestampMicros >> 8);
            fifo.push(timestampMicros);
        }
        if (fifo.free() == 0) {
            setBits(INT_STATUS, INT_FIFO_FULL);
        }
    }

    private void flushFifo() {
        fifo.clear();
        lostPackets = 0;
        poke(FIFO_LOST_PKT0, 0);
        poke(FIFO_LOST_PKT1, 0);
    }

    /** FIFO_COUNTH or FIFO_COUNTL, in bytes or records, in the byte order INTF_CONFIG0 asks for. */
    private int fifoCountByte(boolean countH) {
        int intf = peek(INTF_CONFIG0);
        int count = fifo.count();
        if ((intf & INTF_CONFIG0_FIFO_COUNT_REC) != 0) {
            int size = (peek(FIFO_CONFIG1) & 3) == 3 ? FIFO_PACKET3_BYTES : FIFO_PACKET12_BYTES;
            count /= size;
        }
        boolean bigEndian = (intf & INTF_CONFIG0_FIFO_COUNT_BIG_ENDIAN) != 0;
        boolean high = countH == bigEndian;
        return high ? count >> 8 & 0xFF : count & 0xFF;
    }

    /** Writes a data register pair in the byte order INTF_CONFIG0 asks for (big-endian by default). */
    private void putInt16(int register1, int value) {
        boolean bigEndian = (peek(INTF_CONFIG0) & INTF_CONFIG0_SENSOR_DATA_BIG_ENDIAN) != 0;
        pokeData(register1, bigEndian ? value >> 8 : value);
        pokeData(register1 + 1, bigEndian ? value : value >> 8);
    }
}
