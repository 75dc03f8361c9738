package dev.posture.hardware.imu.emulation;

import dev.posture.hardware.i2c.RegisterMapEmulator;
import dev.posture.hardware.motion.MotionSource;
import java.util.function.LongSupplier;

/**
 * What every IMU emulator shares: emulated time, the motion the sensor undergoes, its die
 * temperature, and a {@link SensorErrorModel} that turns motion into what the sensor measures.
 *
 * <p>Time only moves forward, by {@link #advanceTo} or, with {@link #useClock}, at the start of every
 * bus transfer. While the chip's signal path runs, {@link #tick} is called once per tick period for
 * every tick due, in order, with the emulated time of that tick; the chip model decides which ticks
 * produce output samples. Chip models report changes to their power and rate registers with
 * {@link #setSignalPath}.
 */
public abstract class ImuEmulator extends RegisterMapEmulator {

    /** Motion of a sensor lying still with +Z up: 1 g up, no rotation. */
    public static final MotionSource AT_REST_Z_UP = (t, specificForce, angularRate) -> {
        specificForce[0] = 0;
        specificForce[1] = 0;
        specificForce[2] = SensorErrorModel.STANDARD_GRAVITY;
        angularRate[0] = 0;
        angularRate[1] = 0;
        angularRate[2] = 0;
    };

    /** This part's errors and the signal path's filter state. */
    protected final SensorErrorModel sensor;
    /** The motion of the last tick: specific force, m/s^2. */
    protected final double[] specificForce = new double[3];
    /** The motion of the last tick: angular rate, rad/s. */
    protected final double[] angularRate = new double[3];

    private volatile MotionSource motion;
    /** Die temperature, deg C. */
    private double temperatureC = SensorErrorModel.REFERENCE_TEMPERATURE_C;

    private LongSupplier clock;
    private long clockOrigin;
    /** Emulated time now, ns. */
    private long nowNanos;
    /** Whether the signal path ticks. */
    private boolean running;
    /** Tick period in force, ns. */
    private long tickPeriodNanos = 1_000_000L;
    /** Time of the next tick, ns; meaningful while running. */
    private long nextTickNanos;
    private long samplesProduced;
    /** Emulated time of the latest output sample, ns; -1 before the first. */
    private long lastSampleNanos = -1;

    protected ImuEmulator(int bus, int address, MotionSource motion, SensorSpec spec, long seed) {
        super(bus, address);
        this.motion = motion == null ? AT_REST_Z_UP : motion;
        this.sensor = new SensorErrorModel(spec, seed);
    }

    /** From now on every transfer first advances emulated time by as much as {@code newClock} moved. */
    public final synchronized void useClock(LongSupplier newClock) {
        this.clock = newClock;
        this.clockOrigin = newClock.getAsLong() - nowNanos;
    }

    /** Advances emulated time to {@code tNanos}, running every tick due by then. Going back is ignored. */
    public final synchronized void advanceTo(long tNanos) {
        if (tNanos <= nowNanos) {
            return;
        }
        while (running && nextTickNanos <= tNanos) {
            long t = nextTickNanos;
            nextTickNanos += tickPeriodNanos;
            nowNanos = t;
            tick(t, tickPeriodNanos);
        }
        nowNanos = tNanos;
    }

    /** With a clock in use, advances emulated time to it now (transfers do this themselves). */
    public final synchronized void catchUp() {
        beforeTransfer();
    }

    /** Emulated time, ns. */
    public final synchronized long nowNanos() {
        return nowNanos;
    }

    /** Changes what the sensor undergoes from now on; null means {@link #AT_REST_Z_UP}. */
    public final void setMotion(MotionSource newMotion) {
        this.motion = newMotion == null ? AT_REST_Z_UP : newMotion;
    }

    /** Sets the die temperature, deg C. */
    public final synchronized void setTemperatureC(double celsius) {
        this.temperatureC = celsius;
    }

    public final synchronized double temperatureC() {
        return temperatureC;
    }

    /** This part's drawn errors (offsets, sensitivities), for tests that account for them. */
    public final SensorErrorModel sensor() {
        return sensor;
    }

    /** Output samples produced since construction. */
    public final synchronized long samplesProduced() {
        return samplesProduced;
    }

    /**
     * Emulated time at which the latest output sample was taken, ns (-1 before the first): the time
     * of the motion it measured, for tests and tools that line readings up with the truth.
     */
    public final synchronized long lastSampleNanos() {
        return lastSampleNanos;
    }

    @Override
    protected final void beforeTransfer() {
        if (clock != null) {
            advanceTo(clock.getAsLong() - clockOrigin);
        }
    }

    /**
     * The chip's power or rate registers changed: the signal path now runs (or not) with ticks every
     * {@code periodNanos}. A start or a new period schedules the next tick one period from now.
     */
    protected final void setSignalPath(boolean run, long periodNanos) {
        if (run && (!running || periodNanos != tickPeriodNanos)) {
            nextTickNanos = nowNanos + periodNanos;
        }
        running = run;
        tickPeriodNanos = periodNanos;
    }

    /** Samples the motion at {@code tNanos} into {@link #specificForce} and {@link #angularRate}. */
    protected final void sampleMotion(long tNanos) {
        motion.sample(tNanos, specificForce, angularRate);
    }

    /** Counts an output sample taken at the current tick. */
    protected final void countSample() {
        samplesProduced++;
        lastSampleNanos = nowNanos;
    }

    /** One tick of the signal path at emulated time {@code tNanos}. */
    protected abstract void tick(long tNanos, long periodNanos);
}
