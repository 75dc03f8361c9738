package dev.posture.hardware.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posture.hardware.HardwareException;
import dev.posture.hardware.ManualClock;
import dev.posture.hardware.imu.Imu;
import dev.posture.hardware.imu.ImuInfo;
import dev.posture.hardware.imu.ImuSettings;
import dev.posture.hardware.imu.emulation.ImuEmulator;
import dev.posture.hardware.imu.emulation.SensorErrorModel;
import dev.posture.hardware.imu.emulation.SensorSpec;
import dev.posture.hardware.imu.icm42688.Icm42688;
import dev.posture.hardware.imu.icm42688.Icm42688Emulator;
import dev.posture.hardware.imu.icm42688.Icm42688Registers;
import dev.posture.hardware.imu.mpu6050.Mpu6050;
import dev.posture.hardware.imu.mpu6050.Mpu6050Emulator;
import dev.posture.hardware.imu.mpu6050.Mpu6050Registers;
import dev.posture.hardware.motion.MotionSource;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The whole chain, end to end: the wearer simulator moves an emulated chip (as its
 * {@link MotionSource}), the chip's emulated clock is stepped by hand, the real driver reads through
 * the data-ready path or the FIFO, and its counts, turned into physical units with the scale factors
 * the driver reports ({@link ImuInfo}), are compared with the specific force and angular rate the
 * simulator gave the chip.
 *
 * <p>The tolerance, per reading and axis. A chip low-passes what it measures (MPU-6050 DLPF, ICM-42688
 * UI filter; both emulators model a one-pole filter at the configured bandwidth BW, time constant
 * tau = 1 / (2 pi BW)), so a reading is a weighted average of the recent past: it must lie within the
 * range the true value took over the window [t - 10 tau - 1 ms, t] (the weight older than 10 tau is
 * e^-10, covered by adding e^-10 times twice the largest value of the run), mapped through this part's
 * own sensitivity and offset (drawn once from the datasheet tolerances; the emulator reports them), and
 * widened by 6 sigma of the filtered white noise (sigma = density * sqrt(1 kHz / 2) * sqrt(a / (2 - a)),
 * a = 1 - exp(-2 pi BW / 1 kHz)) and one count. The interval is then clipped to the range the counts can
 * carry, which is where saturation shows: a reading of -32768 or +32767 is right only when the truth
 * (so mapped) was beyond full scale. The part's offsets are worst for the MPU-6050: up to +-80 mg and
 * +-20 deg/s, which is why they are not lumped into one tolerance around the truth.
 */
class SimulatorThroughChipsTest {
    private static final long MS = 1_000_000L;
    private static final int RATE_HZ = 100;
    private static final long PERIOD_NANOS = 1_000_000_000L / RATE_HZ;
    /** Both emulators tick their signal path at 1 kHz for output rates up to 1 kHz. */
    private static final double TICK_RATE_HZ = 1000;
    private static final double TEMPERATURE_C = SensorErrorModel.REFERENCE_TEMPERATURE_C;
    private static final double G = SensorErrorModel.STANDARD_GRAVITY;
    /** Bounds on the truth of every scenario used here (checked as the chip samples it). */
    private static final double MAX_FORCE_MPS2 = 5 * G;
    private static final double MAX_RATE_RADPS = 10;
    private static final long SEED = 7;

    /** A chip: its emulator with datasheet errors, its real driver, and the bandwidths it configured. */
    enum Chip {
        MPU6050 {
            @Override
            ImuEmulator emulator(MotionSource motion) {
                return new Mpu6050Emulator(1, Mpu6050Registers.ADDRESS_AD0_LOW, motion, Mpu6050Emulator.DATASHEET, SEED);
            }

            @Override
            Imu driver(ImuEmulator chip, LongSupplier clock) throws HardwareException {
                return new Mpu6050(chip, clock);
            }

            @Override
            SensorSpec spec() {
                return Mpu6050Emulator.DATASHEET;
            }

            @Override
            double accelBandwidthHz(ImuEmulator chip) {
                return Mpu6050Registers.accelBandwidthHz(chip.peek(Mpu6050Registers.CONFIG));
            }

            @Override
            double gyroBandwidthHz(ImuEmulator chip) {
                return Mpu6050Registers.gyroBandwidthHz(chip.peek(Mpu6050Registers.CONFIG));
            }
        },
        ICM42688 {
            @Override
            ImuEmulator emulator(MotionSource motion) {
                return new Icm42688Emulator(1, Icm42688Registers.ADDRESS_AD0_LOW, motion, Icm42688Emulator.DATASHEET, SEED);
            }

            @Override
            Imu driver(ImuEmulator chip, LongSupplier clock) throws HardwareException {
                return new Icm42688(chip, clock);
            }

            @Override
            SensorSpec spec() {
                return Icm42688Emulator.DATASHEET;
            }

            @Override
            double accelBandwidthHz(ImuEmulator chip) {
                return Icm42688Registers.uiFilterBandwidthHz(chip.peek(Icm42688Registers.GYRO_ACCEL_CONFIG0) >> 4, RATE_HZ);
            }

            @Override
            double gyroBandwidthHz(ImuEmulator chip) {
                return Icm42688Registers.uiFilterBandwidthHz(chip.peek(Icm42688Registers.GYRO_ACCEL_CONFIG0), RATE_HZ);
            }
        };

        abstract ImuEmulator emulator(MotionSource motion);

        abstract Imu driver(ImuEmulator chip, LongSupplier clock) throws HardwareException;

        abstract SensorSpec spec();

        abstract double accelBandwidthHz(ImuEmulator chip);

        abstract double gyroBandwidthHz(ImuEmulator chip);
    }

    /** The simulator as the chip's motion, remembering what it gave the chip at each of its last ticks. */
    static final class RecordingMotion implements MotionSource {
        private static final int RING = 1024;
        private final WearerSimulator simulator;
        private final long[] times = new long[RING];
        private final double[][] values = new double[RING][6];
        private long count;
        double maxForce;
        double maxRate;

        RecordingMotion(WearerSimulator simulator) {
            this.simulator = simulator;
        }

        @Override
        public void sample(long tNanos, double[] specificForce, double[] angularRate) {
            simulator.sample(tNanos, specificForce, angularRate);
            int i = (int) (count++ % RING);
            times[i] = tNanos;
            for (int axis = 0; axis < 3; axis++) {
                values[i][axis] = specificForce[axis];
                values[i][3 + axis] = angularRate[axis];
                maxForce = Math.max(maxForce, Math.abs(specificForce[axis]));
                maxRate = Math.max(maxRate, Math.abs(angularRate[axis]));
            }
        }

        /** Min and max of channel {@code c} (0..2 force, 3..5 rate) over the ticks in [from, to]. */
        void range(int c, long from, long to, double[] minMax) {
            minMax[0] = Double.POSITIVE_INFINITY;
            minMax[1] = Double.NEGATIVE_INFINITY;
            long oldest = Math.max(0, count - RING);
            boolean reachedFrom = false;
            for (long k = count - 1; k >= oldest; k--) {
                int i = (int) (k % RING);
                if (times[i] > to) {
                    continue;
                }
                if (times[i] < from) {
                    reachedFrom = true;
                    break;
                }
                minMax[0] = Math.min(minMax[0], values[i][c]);
                minMax[1] = Math.max(minMax[1], values[i][c]);
            }
            // Before the window is full the filter started with the first tick: all ticks count.
            if (!(reachedFrom || oldest == 0) || minMax[0] > minMax[1]) {
                throw new AssertionError("ticks from " + from + " to " + to + " ns are no longer recorded");
            }
        }
    }

    /** One chip, driver and clock on one scenario; checks every reading against the truth. */
    static final class Run {
        final Chip chip;
        final ManualClock clock = new ManualClock();
        final RecordingMotion motion;
        final ImuEmulator emulator;
        final Imu imu;
        final ImuInfo info;
        final long endNanos;
        private final double[] windowNanos = new double[6];
        private final double[] tolerance = new double[6];
        private final double[] minMax = new double[2];
        final short[] counts = new short[6 * 64];
        long checked;
        long saturated;
        /** Largest |reading - nearest allowed value| / tolerance seen; <= 1 passes. */
        double worstUse;

        Run(Chip chip, Scenario scenario, ImuSettings settings) throws HardwareException {
            this.chip = chip;
            this.motion = new RecordingMotion(scenario.newSimulator());
            this.emulator = chip.emulator(motion);
            emulator.useClock(clock);
            this.imu = chip.driver(emulator, clock);
            clock.advanceMillis(100);                                  // past either chip's reset time
            imu.configure(settings);
            this.info = imu.info();
            this.endNanos = (long) (scenario.durationS() * 1e9);
            assertEquals(RATE_HZ, info.sampleRateHz());
            SensorSpec spec = chip.spec();
            double accelBw = chip.accelBandwidthHz(emulator);
            double gyroBw = chip.gyroBandwidthHz(emulator);
            for (int axis = 0; axis < 3; axis++) {
                windowNanos[axis] = 10e9 / (2 * Math.PI * accelBw) + MS;
                windowNanos[3 + axis] = 10e9 / (2 * Math.PI * gyroBw) + MS;
                tolerance[axis] = 6 * filteredNoise(spec.accelNoiseUgPerRootHz() * 1e-6, accelBw) * G
                        + Math.exp(-10) * 2 * MAX_FORCE_MPS2 + info.accelMps2PerCount();
                tolerance[3 + axis] = 6 * Math.toRadians(filteredNoise(spec.gyroNoiseDpsPerRootHz(), gyroBw))
                        + Math.exp(-10) * 2 * MAX_RATE_RADPS + info.gyroRadpsPerCount();
            }
        }

        /** Sigma of white noise of {@code density} per root-Hz after the emulator's one-pole filter. */
        private static double filteredNoise(double density, double bandwidthHz) {
            double a = 1 - Math.exp(-2 * Math.PI * bandwidthHz / TICK_RATE_HZ);
            return density * Math.sqrt(TICK_RATE_HZ / 2) * Math.sqrt(a / (2 - a));
        }

        /** Data-ready path: step 1 ms, poll, read; every sample until the scenario ends. */
        void readByDataReady() throws HardwareException {
            long previous = -1;
            while (clock.getAsLong() < endNanos) {
                clock.advanceMillis(1);
                if (imu.dataReady()) {
                    imu.read(counts);
                    long t = emulator.lastSampleNanos();
                    if (previous >= 0) {
                        assertEquals(PERIOD_NANOS, t - previous, "no sample skipped or repeated");
                    }
                    previous = t;
                    check(t, 0);
                }
            }
        }

        /** FIFO path: step 50 ms, drain; sample i of n was taken (n - 1 - i) periods before the newest. */
        void readByFifo() throws HardwareException {
            while (clock.getAsLong() < endNanos) {
                clock.advanceMillis(50);
                int n = imu.readFifo(counts, 64);
                assertTrue(n >= 4 && n <= 6, "50 ms of samples at 100 Hz, got " + n);
                long newest = emulator.lastSampleNanos();
                for (int i = 0; i < n; i++) {
                    check(newest - (n - 1 - i) * PERIOD_NANOS, 6 * i);
                }
            }
        }

        /** Checks the reading {@code counts[at..at + 5]} of the sample taken at {@code tNanos}. */
        void check(long tNanos, int at) {
            SensorErrorModel part = emulator.sensor();
            for (int c = 0; c < 6; c++) {
                int axis = c % 3;
                boolean accel = c < 3;
                double perCount = accel ? info.accelMps2PerCount() : info.gyroRadpsPerCount();
                double reading = counts[at + c] * perCount;
                double scale = accel ? part.accelScale(axis) : part.gyroScale(axis);
                double offset = accel ? part.accelOffsetG(axis, TEMPERATURE_C) * G
                        : Math.toRadians(part.gyroOffsetDps(axis, TEMPERATURE_C));
                motion.range(c, tNanos - (long) windowNanos[c], tNanos, minMax);
                double lo = clip(scale * minMax[0] + offset - tolerance[c], perCount);
                double hi = clip(scale * minMax[1] + offset + tolerance[c], perCount);
                if (reading < lo || reading > hi) {
                    throw new AssertionError(String.format(java.util.Locale.ROOT,
                            "%s at t=%.3f s, %s %c: read %.5f, allowed %.5f..%.5f (truth %.5f..%.5f over the window)",
                            chip, tNanos * 1e-9, accel ? "acc" : "gyr", (char) ('x' + axis), reading, lo, hi,
                            minMax[0], minMax[1]));
                }
                double nearest = Math.max(scale * minMax[0] + offset, Math.min(scale * minMax[1] + offset, reading));
                worstUse = Math.max(worstUse, Math.abs(reading - nearest) / tolerance[c]);
                if (accel && (counts[at + c] == Short.MAX_VALUE || counts[at + c] == Short.MIN_VALUE)) {
                    saturated++;
                }
            }
            checked++;
            assertTrue(motion.maxForce <= MAX_FORCE_MPS2 && motion.maxRate <= MAX_RATE_RADPS, "truth within the stated bounds");
        }

        /** The nearest value the counts can carry. */
        private static double clip(double value, double perCount) {
            return Math.max(Short.MIN_VALUE * perCount, Math.min(Short.MAX_VALUE * perCount, value));
        }

        /** Samples expected between configure (t = 100 ms) and the end. */
        long expectedSamples() {
            return (endNanos - 100 * MS) / PERIOD_NANOS;
        }
    }

    @ParameterizedTest(name = "{0} {1} via {2}")
    @CsvSource({
        "MPU6050, walking, data-ready",
        "MPU6050, desk-day, fifo",
        "ICM42688, walking, fifo",
        "ICM42688, desk-day, data-ready",
    })
    void everyReadingIsTheTruthThroughThePartsErrorsAndFilter(Chip chip, String scenario, String path)
            throws HardwareException {
        Run run = new Run(chip, Scenarios.named(scenario), new ImuSettings(8, 1000, RATE_HZ, 0, path.equals("fifo")));
        if (path.equals("fifo")) {
            run.readByFifo();
        } else {
            run.readByDataReady();
        }
        assertTrue(Math.abs(run.checked - run.expectedSamples()) <= 6, run.checked + " samples checked");
        assertEquals(0, run.saturated, "+-8 g carries every scenario but jogging's peaks");
        assertTrue(run.motion.maxForce > 1.3 * G, "the scenario moved the chip");
        // 6 sigma of noise dominates the tolerance: over ~10^4..10^5 readings the largest comes to ~4 sigma.
        assertTrue(run.worstUse > 0.3, "the tolerance is not so wide that nothing comes near it: " + run.worstUse);
    }

    @ParameterizedTest(name = "{0} at +-2 g")
    @CsvSource({"MPU6050", "ICM42688"})
    void joggingSaturatesAtTwoGAndOnlyWhereTheTruthIsBeyondIt(Chip chip) throws HardwareException {
        Run run = new Run(chip, Scenarios.named("jogging"), new ImuSettings(2, 250, RATE_HZ, 0, true));
        assertEquals(2, run.info.accelRangeG());
        run.readByFifo();
        assertTrue(run.motion.maxForce > 2.3 * G, "jogging peaks above 2 g: " + run.motion.maxForce / G);
        assertTrue(run.saturated > 100, "saturated readings: " + run.saturated);
        assertTrue(Math.abs(run.checked - run.expectedSamples()) <= 6, run.checked + " samples checked");
    }

    /**
     * A paced run as the device's sampling loop would do it: the {@link Pacer} delivers 100 Hz ticks
     * 50 times faster than real time on an injected wall clock (its sleeper moves that clock; nothing
     * sleeps), each tick moves the chip's clock to the tick's simulated time and the driver reads the
     * sample that is ready.
     */
    @Test
    void aPacedRunInAcceleratedTimeReadsEverySampleOnTime() throws Exception {
        Scenario scenario = Scenarios.named("walking");
        Run run = new Run(Chip.MPU6050, scenario, new ImuSettings(4, 500, RATE_HZ, 0, false));
        long start = run.clock.getAsLong();
        long[] wall = {5_000 * MS};
        long wallStart = wall[0];
        Pacer pacer = new Pacer(() -> wall[0], nanos -> wall[0] += nanos);
        long samples = (run.endNanos - start) / PERIOD_NANOS;
        long[] misses = {0};
        long late = pacer.run(RATE_HZ, 50, samples, (index, simNanos) -> {
            run.clock.set(start + simNanos + PERIOD_NANOS);
            try {
                if (run.imu.dataReady()) {
                    run.imu.read(run.counts);
                    run.check(run.emulator.lastSampleNanos(), 0);
                } else {
                    misses[0]++;
                }
            } catch (HardwareException e) {
                throw new AssertionError(e);
            }
            return true;
        });
        assertEquals(0, late);
        assertEquals(0, misses[0], "a sample was ready at every tick");
        assertEquals(samples, run.checked);
        assertEquals((samples - 1) * PERIOD_NANOS / 50, wall[0] - wallStart, "50 times faster than real time");
    }
}
