package dev.posture.hardware.imu.mpu6050;

import static dev.posture.hardware.imu.mpu6050.Mpu6050Registers.*;

import dev.posture.hardware.i2c.RegisterMapEmulator;
import dev.posture.hardware.imu.emulation.SensorErrorModel;
import dev.posture.hardware.imu.emulation.SensorSpec;
import dev.posture.hardware.motion.MotionSource;
import java.util.function.LongSupplier;

/**
 * An MPU-6050 on the bus: the register map of RM-MPU-6000A-00 with its reset values and access rules,
 * and a signal path that turns motion from a {@link MotionSource} into counts at the configured
 * ranges, rate and low-pass, with the error figures of {@link #DATASHEET}.
 *
 * <p>Time is emulated: {@link #advanceTo} moves it forward (or, with {@link #useClock}, every bus
 * transfer first catches up with the clock). The signal path ticks at the gyroscope output rate
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
public final class Mpu6050Emulator extends RegisterMapEmulator {

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

    /** Motion of a sensor lying still with +Z up: 1 g up, no rotation. */
    public static final MotionSource AT_REST_Z_UP = (t, specificForce, angularRate) -> {
        specificForce[0] = 0;
        specificForce[1] = 0;
        specificForce[2] = SensorErrorModel.STANDARD_GRAVITY;
        angularRate[0] = 0;
        angularRate[1] = 0;
        angularRate[2] = 0;
    };

    private final SensorErrorModel sensor;
    private volatile MotionSource motion;
    private final double[] specificForce = new double[3];
    private final double[] angularRate = new double[3];

    /** Die temperature, deg C. */
    private double temperatureC = SensorErrorModel.REFERENCE_TEMPERATURE_C;

    // Emulated time.
    private LongSupplier clock;
    private long clockOrigin;
    /** Emulated time now, ns since this emulator's time origin. */
    private long nowNanos;
    /** Time of the next signal-path tick, ns; meaningful only while awake. */
    private long nextTickNanos;
    /** Ticks since the last output sample. */
    private int ticksSinceSample;
    /** Whether the signal path was running after the last PWR_MGMT_1 or CONFIG change. */
    private boolean running;
    /** Tick period in force, ns. */
    private long tickPeriodNanos;
    private long samplesProduced;

    // FIFO: a ring of FIFO_SIZE bytes.
    private final byte[] fifo = new byte[FIFO_SIZE];
    private int fifoHead;
    private int fifoCount;
    private int fifoLastRead;

    /**
     * @param bus     bus number reported in failures
     * @param address 0x68 or 0x69
     * @param motion  what the sensor undergoes; null for {@link #AT_REST_Z_UP}
     * @param spec    error figures, e.g. {@link #DATASHEET} or {@link SensorSpec#IDEAL}
     * @param seed    draws this part's offsets and its noise
     */
    public Mpu6050Emulator(int bus, int address, MotionSource motion, SensorSpec spec, long seed) {
        super(bus, address);
        if (address != ADDRESS_AD0_LOW && address != ADDRESS_AD0_HIGH) {
            throw new IllegalArgumentException("an MPU-6050 answers at 0x68 or 0x69, not 0x" + Integer.toHexString(address));
        }
        this.motion = motion == null ? AT_REST_Z_UP : motion;
        this.sensor = new SensorErrorModel(spec, seed);

        define(SELF_TEST_X, SELF_TEST_A, 0x00, Access.READ_WRITE);
        define(INT_STATUS, 0x00, Access.CLEAR_ON_READ);
        define(ACCEL_XOUT_H, GYRO_ZOUT_L, 0x00, Access.READ_ONLY);
        define(0x49, 0x60, 0x00, Access.READ_ONLY); // EXT_SENS_DATA_00..23
        define(PWR_MGMT_1, PWR_MGMT_1_RESET_VALUE, Access.READ_WRITE);
        define(FIFO_COUNTH, FIFO_COUNTL, 0x00, Access.READ_ONLY);
        define(WHO_AM_I, WHO_AM_I_VALUE, Access.READ_ONLY);
        markData(ACCEL_XOUT_H, GYRO_ZOUT_L);
        holdAddress(FIFO_R_W);

        onWrite(PWR_MGMT_1, (r, value) -> powerManagementWritten(value));
        onWrite(CONFIG, (r, value) -> timingChanged());
        onWrite(USER_CTRL, (r, value) -> userControlWritten(value));
        onWrite(SIGNAL_PATH_RESET, (r, value) -> {
            if ((value & SIGNAL_PATH_RESET_ALL) != 0) {
                sensor.resetSignalPath();
            }
            poke(SIGNAL_PATH_RESET, 0x00); // the reset bits clear themselves
        });
        onRead(FIFO_COUNTH, r -> {
            poke(FIFO_COUNTL, fifoCount & 0xFF); // reading the high byte latches both (RM 4.30)
            return fifoCount >> 8;
        });
        onRead(FIFO_R_W, r -> popFifo());
        onWrite(FIFO_R_W, (r, value) -> pushFifo(value));
        powerOnReset();
    }

    /** An at-rest MPU-6050 with datasheet errors at 0x68 on bus 1. */
    public static Mpu6050Emulator atRest(long seed) {
        return new Mpu6050Emulator(1, ADDRESS_AD0_LOW, AT_REST_Z_UP, DATASHEET, seed);
    }

    // ------------------------------------------------------------------------------------------
    // Time and motion.

    /** Every transfer first advances emulated time to {@code clock() - clock()@now}. */
    public synchronized void useClock(LongSupplier newClock) {
        this.clock = newClock;
        this.clockOrigin = newClock.getAsLong() - nowNanos;
    }

    /** Advances emulated time to {@code tNanos}, producing every sample due by then. Going back is ignored. */
    public synchronized void advanceTo(long tNanos) {
        if (tNanos <= nowNanos) {
            return;
        }
        if (running) {
            while (nextTickNanos <= tNanos) {
                tick(nextTickNanos, tickPeriodNanos);
                nextTickNanos += tickPeriodNanos;
            }
        }
        nowNanos = tNanos;
    }

    /** With a clock in use, advances emulated time to it now (transfers do this themselves). */
    public synchronized void catchUp() {
        beforeTransfer();
    }

    /** Emulated time, ns. */
    public synchronized long nowNanos() {
        return nowNanos;
    }

    /** Changes what the sensor undergoes from now on. */
    public void setMotion(MotionSource newMotion) {
        this.motion = newMotion == null ? AT_REST_Z_UP : newMotion;
    }

    /** Sets the die temperature, deg C. */
    public synchronized void setTemperatureC(double celsius) {
        this.temperatureC = celsius;
    }

    /** This part's drawn errors (offsets, sensitivities), for tests that account for them. */
    public SensorErrorModel sensor() {
        return sensor;
    }

    /** Samples written to the data registers since construction. */
    public synchronized long samplesProduced() {
        return samplesProduced;
    }

    /** Bytes in the FIFO now. */
    public synchronized int fifoCount() {
        return fifoCount;
    }

    @Override
    protected void beforeTransfer() {
        if (clock != null) {
            advanceTo(clock.getAsLong() - clockOrigin);
        }
    }

    @Override
    protected void onPowerOnReset() {
        fifoHead = 0;
        fifoCount = 0;
        fifoLastRead = 0;
        ticksSinceSample = 0;
        sensor.resetSignalPath();
        running = false;
        tickPeriodNanos = currentTickPeriodNanos();
    }

    // ------------------------------------------------------------------------------------------
    // Register side effects.

    private void powerManagementWritten(int value) {
        if ((value & PWR_MGMT_1_DEVICE_RESET) != 0) {
            powerOnReset(); // every register back to its reset value, asleep; the bit reads 0 again
            return;
        }
        timingChanged();
    }

    private void userControlWritten(int value) {
        if ((value & USER_CTRL_FIFO_RESET) != 0 && (value & USER_CTRL_FIFO_EN) == 0) {
            fifoHead = 0;
            fifoCount = 0;
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

    /** After a wake or a change of gyro output rate, the next tick is one (new) period from now. */
    private void timingChanged() {
        boolean awake = (peek(PWR_MGMT_1) & PWR_MGMT_1_SLEEP) == 0;
        long period = currentTickPeriodNanos();
        if (awake && (!running || period != tickPeriodNanos)) {
            nextTickNanos = nowNanos + period;
        }
        running = awake;
        tickPeriodNanos = period;
    }

    private long currentTickPeriodNanos() {
        return 1_000_000_000L / gyroOutputRateHz(peek(CONFIG));
    }

    // ------------------------------------------------------------------------------------------
    // Signal path.

    private void tick(long tNanos, long periodNanos) {
        int config = peek(CONFIG);
        motion.sample(tNanos, specificForce, angularRate);
        sensor.step(specificForce, angularRate, temperatureC, 1e9 / periodNanos,
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
            putInt16(TEMP_OUT_H, SensorErrorModel.toCounts(temperatureC - TEMP_OFFSET_CENTI_C / 100.0, TEMP_LSB_PER_DEGREE));
        }
        samplesProduced++;
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
        if (fifoCount == FIFO_SIZE) {
            fifoHead = (fifoHead + 1) % FIFO_SIZE;
            fifoCount--;
            if ((peek(INT_ENABLE) & INT_FIFO_OFLOW) != 0) {
                setBits(INT_STATUS, INT_FIFO_OFLOW);
            }
        }
        fifo[(fifoHead + fifoCount) % FIFO_SIZE] = (byte) value;
        fifoCount++;
    }

    /** Takes the oldest byte; when empty, repeats the last byte read (RM 4.31). */
    private int popFifo() {
        if (fifoCount == 0) {
            return fifoLastRead;
        }
        fifoLastRead = fifo[fifoHead] & 0xFF;
        fifoHead = (fifoHead + 1) % FIFO_SIZE;
        fifoCount--;
        return fifoLastRead;
    }

    private void putInt16(int highRegister, int value) {
        pokeData(highRegister, value >> 8);
        pokeData(highRegister + 1, value);
    }
}
