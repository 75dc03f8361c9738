package dev.posture.hardware.imu.mpu6050;

import static dev.posture.hardware.imu.mpu6050.Mpu6050Registers.*;

import dev.posture.hardware.imu.emulation.ByteFifo;
import dev.posture.hardware.imu.emulation.ImuEmulator;
import dev.posture.hardware.imu.emulation.SensorErrorModel;
import dev.posture.hardware.imu.emulation.SensorSpec;
import dev.posture.hardware.motion.MotionSource;

/**
 * An MPU-6050 on the bus: the register map of RM-MPU-6000A-00 with its reset values and access rules,
 * and a signal path that turns motion from a {@link MotionSource} into counts at the configured
 * ranges, rate and low-pass, with the error figures of {@link #DATASHEET}.
 *
 * <p>Time is emulated (see {@link ImuEmulator}). The signal path ticks at the gyroscope output rate
 * (8 kHz with DLPF_CFG 0 or 7, else 1 kHz); every (1 + SMPLRT_DIV) ticks a sample is written to the
 * data registers, pushed to the FIFO if enabled, and DATA_RDY_INT is raised if enabled.
 *
 * <p>Modelled: reset values (PWR_MGMT_1 0x40 = asleep, WHO_AM_I 0x68, all else 0); sleep (no samples,
 * data registers hold their values, all zero after reset); DEVICE_RESET; AFS_SEL and FS_SEL ranges
 * with saturation at -32768/+32767; SMPLRT_DIV and DLPF_CFG timing and bandwidth; TEMP_DIS;
 * INT_STATUS bits raised only for enabled interrupts and cleared when INT_STATUS is read;
 * FIFO_EN selection and register-order FIFO records; 1024-byte FIFO that drops its oldest bytes on
 * overflow and raises FIFO_OFLOW_INT; FIFO_COUNTH latching FIFO_COUNTL; FIFO_R_W not advancing the
 * address and repeating the last byte read when empty; FIFO_RESET only with USER_CTRL.FIFO_EN clear;
 * SIG_COND_RESET and SIGNAL_PATH_RESET; white noise, offsets, sensitivity errors, temperature
 * coefficients and gyro bias random walk (see {@link SensorErrorModel}).
 *
 * <p>Not modelled: the 30 ms gyro start-up after wake, CYCLE mode, standby axes (PWR_MGMT_2), the
 * accelerometer's own 1 kHz rate when the gyro runs at 8 kHz, INT_RD_CLEAR, the interrupt pin,
 * self-test, the auxiliary I2C master and DMP, cross-axis sensitivity and nonlinearity.
 */
public final class Mpu6050Emulator extends ImuEmulator {

    /**
     * The MPU-6050's error figures, PS-MPU-6000A-00 rev 3.4:
     * accelerometer noise 400 ug/rtHz (Table 6.2), zero-g tolerance +-50 mg X/Y and +-80 mg Z
     * (Table 6.2), zero-g change over 0..70 C +-35 mg X/Y, +-60 mg Z (Table 6.2: taken here as
     * 0.5 mg/C for all axes); gyroscope rate noise 0.005 deg/s/rtHz (Table 6.1), ZRO tolerance
     * +-20 deg/s (Table 6.1), ZRO change over -40..85 C +-20 deg/s (Table 6.1: 0.16 deg/s/C);
     * sensitivity tolerance +-3 % (Tables 6.1, 6.2). The datasheet gives no bias-instability figure:
     * the bias random walk of 0.0002 deg/s/rtS (about 0.012 deg/s after an hour) is an assumption of
     * the right order for consumer MEMS gyroscopes.
     */
    public static final SensorSpec DATASHEET = new SensorSpec(400, 0.005, 50, 80, 20, 3, 0.5, 0.16, 0.0002);

    /** The FIFO memory. */
    private final ByteFifo fifo = new ByteFifo(FIFO_SIZE);
    /** What FIFO_R_W returns when the FIFO is empty: the last byte read (RM 4.31). */
    private int fifoLastRead;
    /** Ticks since the last output sample. */
    private int ticksSinceSample;

    /**
     * @param bus     bus number reported in failures
     * @param address 0x68 or 0x69
     * @param motion  what the sensor undergoes; null for {@link #AT_REST_Z_UP}
     * @param spec    error figures, e.g. {@link #DATASHEET} or {@link SensorSpec#IDEAL}
     * @param seed    draws this part's offsets and its noise
     */
    public Mpu6050Emulator(int bus, int address, MotionSource motion, SensorSpec spec, long seed) {
        super(bus, address, motion, spec, seed);
        if (address != ADDRESS_AD0_LOW && address != ADDRESS_AD0_HIGH) {
            throw new IllegalArgumentException("an MPU-6050 answers at 0x68 or 0x69, not 0x" + Integer.toHexString(address));
        }
        define(INT_STATUS, 0x00, Access.CLEAR_ON_READ);
        define(ACCEL_XOUT_H, GYRO_ZOUT_L, 0x00, Access.READ_ONLY);
        define(0x49, 0x60, 0x00, Access.READ_ONLY); // EXT_SENS_DATA_00..23
        define(PWR_MGMT_1, PWR_MGMT_1_RESET_VALUE, Access.READ_WRITE);
        define(FIFO_COUNTH, FIFO_COUNTL, 0x00, Access.READ_ONLY);
        define(WHO_AM_I, WHO_AM_I_VALUE, Access.READ_ONLY);
        markData(ACCEL_XOUT_H, GYRO_ZOUT_L);
        holdAddress(FIFO_R_W);

        onWrite(PWR_MGMT_1, (r, value) -> powerManagementWritten(value));
        onWrite(CONFIG, (r, value) -> signalPathChanged());
        onWrite(USER_CTRL, (r, value) -> userControlWritten(value));
        onWrite(SIGNAL_PATH_RESET, (r, value) -> {
            if ((value & SIGNAL_PATH_RESET_ALL) != 0) {
                sensor.resetSignalPath();
            }
            poke(SIGNAL_PATH_RESET, 0x00); // the reset bits clear themselves
        });
        onRead(FIFO_COUNTH, r -> {
            poke(FIFO_COUNTL, fifo.count() & 0xFF); // reading the high byte latches both (RM 4.30)
            return fifo.count() >> 8;
        });
        onRead(FIFO_R_W, r -> popFifo());
        onWrite(FIFO_R_W, (r, value) -> pushFifo(value));
        powerOnReset();
    }

    /** An at-rest MPU-6050 with datasheet errors at 0x68 on bus 1. */
    public static Mpu6050Emulator atRest(long seed) {
        return new Mpu6050Emulator(1, ADDRESS_AD0_LOW, AT_REST_Z_UP, DATASHEET, seed);
    }

    /** Bytes in the FIFO now. */
    public synchronized int fifoCount() {
        return fifo.count();
    }

    @Override
    protected void onPowerOnReset() {
        fifo.clear();
        fifoLastRead = 0;
        ticksSinceSample = 0;
        sensor.resetSignalPath();
        signalPathChanged();
    }

    // ------------------------------------------------------------------------------------------
    // Register side effects.

    private void powerManagementWritten(int value) {
        if ((value & PWR_MGMT_1_DEVICE_RESET) != 0) {
            powerOnReset(); // every register back to its reset value, asleep; the bit reads 0 again
            return;
        }
        signalPathChanged();
    }

    private void userControlWritten(int value) {
        if ((value & USER_CTRL_FIFO_RESET) != 0 && (value & USER_CTRL_FIFO_EN) == 0) {
            fifo.clear();
        }
        if ((value & USER_CTRL_SIG_COND_RESET) != 0) {
            sensor.resetSignalPath();
            for (int r = ACCEL_XOUT_H; r <= GYRO_ZOUT_L; r++) {
                pokeData(r, 0);
            }
        }
        // FIFO_RESET, I2C_MST_RESET and SIG_COND_RESET clear themselves.
        poke(USER_CTRL, value & ~(USER_CTRL_FIFO_RESET | USER_CTRL_I2C_MST_RESET | USER_CTRL_SIG_COND_RESET));
    }

    /** Awake or asleep, and the gyro output rate: 8 kHz with the DLPF off, else 1 kHz. */
    private void signalPathChanged() {
        boolean awake = (peek(PWR_MGMT_1) & PWR_MGMT_1_SLEEP) == 0;
        setSignalPath(awake, 1_000_000_000L / gyroOutputRateHz(peek(CONFIG)));
    }

    // ------------------------------------------------------------------------------------------
    // Signal path.

    @Override
    protected void tick(long tNanos, long periodNanos) {
        int config = peek(CONFIG);
        sampleMotion(tNanos);
        sensor.step(specificForce, angularRate, temperatureC(), 1e9 / periodNanos,
                accelBandwidthHz(config), gyroBandwidthHz(config));
        if (++ticksSinceSample < 1 + peek(SMPLRT_DIV)) {
            return;
        }
        ticksSinceSample = 0;
        writeSample();
    }

    private void writeSample() {
        int afsSel = (peek(ACCEL_CONFIG) & FS_SEL_MASK) >> FS_SEL_SHIFT;
        int fsSel = (peek(GYRO_CONFIG) & FS_SEL_MASK) >> FS_SEL_SHIFT;
        double accelLsbPerG = accelLsbPerG(afsSel);
        double gyroLsbPerDps = gyroLsbPerDpsX10(fsSel) / 10.0;
        for (int axis = 0; axis < 3; axis++) {
            putInt16(ACCEL_XOUT_H + 2 * axis, SensorErrorModel.toCounts(sensor.accelG(axis), accelLsbPerG));
            putInt16(GYRO_XOUT_H + 2 * axis, SensorErrorModel.toCounts(sensor.gyroDps(axis), gyroLsbPerDps));
        }
        if ((peek(PWR_MGMT_1) & PWR_MGMT_1_TEMP_DIS) == 0) {
            // RM 4.18: degrees C = TEMP_OUT / 340 + 36.53
            putInt16(TEMP_OUT_H, SensorErrorModel.toCounts(temperatureC() - TEMP_OFFSET_CENTI_C / 100.0,
                    TEMP_LSB_PER_DEGREE));
        }
        countSample();
        if ((peek(USER_CTRL) & USER_CTRL_FIFO_EN) != 0) {
            pushSampleToFifo(peek(FIFO_EN));
        }
        if ((peek(INT_ENABLE) & INT_DATA_RDY) != 0) {
            setBits(INT_STATUS, INT_DATA_RDY);
        }
    }

    /** Sensor registers in register order, as selected by FIFO_EN (RM 4.6, 4.31). */
    private void pushSampleToFifo(int fifoEnable) {
        if ((fifoEnable & FIFO_EN_ACCEL) != 0) {
            pushRegisters(ACCEL_XOUT_H, 6);
        }
        if ((fifoEnable & FIFO_EN_TEMP) != 0) {
            pushRegisters(TEMP_OUT_H, 2);
        }
        if ((fifoEnable & FIFO_EN_XG) != 0) {
            pushRegisters(GYRO_XOUT_H, 2);
        }
        if ((fifoEnable & FIFO_EN_YG) != 0) {
            pushRegisters(GYRO_XOUT_H + 2, 2);
        }
        if ((fifoEnable & FIFO_EN_ZG) != 0) {
            pushRegisters(GYRO_XOUT_H + 4, 2);
        }
    }

    private void pushRegisters(int first, int count) {
        for (int r = first; r < first + count; r++) {
            pushFifo(peek(r));
        }
    }

    /** Appends a byte; when full, the oldest byte is lost and FIFO_OFLOW_INT raised if enabled (RM 4.31). */
    private void pushFifo(int value) {
        if (fifo.free() == 0) {
            fifo.dropOldest(1);
            if ((peek(INT_ENABLE) & INT_FIFO_OFLOW) != 0) {
                setBits(INT_STATUS, INT_FIFO_OFLOW);
            }
        }
        fifo.push(value);
    }

    /** Takes the oldest byte; when empty, repeats the last byte read (RM 4.31). */
    private int popFifo() {
        if (fifo.count() > 0) {
            fifoLastRead = fifo.pop();
        }
        return fifoLastRead;
    }

    private void putInt16(int highRegister, int value) {
        pokeData(highRegister, value >> 8);
        pokeData(highRegister + 1, value);
    }
}
