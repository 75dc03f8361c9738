package dev.posture.hardware.imu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posture.hardware.HardwareException;
import dev.posture.hardware.ManualClock;
import dev.posture.hardware.i2c.AllocationMeter;
import dev.posture.hardware.imu.emulation.ImuEmulator;
import dev.posture.hardware.imu.emulation.SensorSpec;
import dev.posture.hardware.imu.icm42688.Icm42688;
import dev.posture.hardware.imu.icm42688.Icm42688Emulator;
import dev.posture.hardware.imu.mpu6050.Mpu6050;
import dev.posture.hardware.imu.mpu6050.Mpu6050Emulator;
import dev.posture.hardware.motion.MotionSource;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same test bodies against both IMUs, through the {@link Imu} interface only: nothing above a
 * driver may depend on which chip it talks to.
 */
class ImuContractTest {
    private static final long SEED = 42;

    /** One supported chip: its emulator, its driver, its datasheet tolerances and data register. */
    private interface Part {
        String name();

        ImuEmulator emulator(MotionSource motion, SensorSpec spec);

        Imu driver(ImuEmulator chip, ManualClock clock) throws HardwareException;

        SensorSpec datasheet();

        /** Initial sensitivity tolerance, fraction. */
        double sensitivityTolerance();

        /** Zero-g tolerance on Z, g. */
        double zeroGToleranceG();

        /** Zero-rate tolerance, deg/s. */
        double zeroRateToleranceDps();

        /** Register a sample burst starts at, as a driver message names it. */
        String dataRegister();
    }

    private static final Part MPU6050 = new Part() {
        public String name() {
            return "MPU-6050";
        }

        public ImuEmulator emulator(MotionSource motion, SensorSpec spec) {
            return new Mpu6050Emulator(1, 0x68, motion, spec, SEED);
        }

        public Imu driver(ImuEmulator chip, ManualClock clock) throws HardwareException {
            return new Mpu6050(chip, clock);
        }

        public SensorSpec datasheet() {
            return Mpu6050Emulator.DATASHEET;
        }

        public double sensitivityTolerance() {
            return 0.03;
        }

        public double zeroGToleranceG() {
            return 0.080;
        }

        public double zeroRateToleranceDps() {
            return 20;
        }

        public String dataRegister() {
            return "0x3B";
        }

        @Override
        public String toString() {
            return name();
        }
    };

    private static final Part ICM42688 = new Part() {
        public String name() {
            return "ICM-42688-P";
        }

        public ImuEmulator emulator(MotionSource motion, SensorSpec spec) {
            return new Icm42688Emulator(1, 0x68, motion, spec, SEED);
        }

        public Imu driver(ImuEmulator chip, ManualClock clock) throws HardwareException {
            return new Icm42688(chip, clock);
        }

        public SensorSpec datasheet() {
            return Icm42688Emulator.DATASHEET;
        }

        public double sensitivityTolerance() {
            return 0.005;
        }

        public double zeroGToleranceG() {
            return 0.020;
        }

        public double zeroRateToleranceDps() {
            return 0.5;
        }

        public String dataRegister() {
            return "0x1F";
        }

        @Override
        public String toString() {
            return name();
        }
    };

    private final ManualClock clock = new ManualClock();
    private final short[] counts = new short[6];

    static Stream<Part> parts() {
        return Stream.of(MPU6050, ICM42688);
    }

    /** Every part with every pair of ranges: (2 g, 250 dps) .. (16 g, 2000 dps). */
    static Stream<Arguments> partsAndRanges() {
        List<Arguments> all = new ArrayList<>();
        int[][] ranges = {{2, 250}, {4, 500}, {8, 1000}, {16, 2000}};
        for (Part part : List.of(MPU6050, ICM42688)) {
            for (int[] r : ranges) {
                all.add(Arguments.of(part, r[0], r[1]));
            }
        }
        return all.stream();
    }

    private ImuEmulator chip(Part part, MotionSource motion, SensorSpec spec) {
        ImuEmulator chip = part.emulator(motion, spec);
        chip.useClock(clock);
        return chip;
    }

    private Imu ready(Part part, ImuEmulator chip, ImuSettings settings) throws HardwareException {
        Imu imu = part.driver(chip, clock);
        clock.advanceMillis(100);
        imu.configure(settings);
        clock.advanceMillis(1);
        return imu;
    }

    /** Mean of {@code n} fresh samples, polling data-ready every millisecond. */
    private double[] mean(Imu imu, int n) throws HardwareException {
        return FreshSamples.mean(imu, clock, counts, n);
    }

    @ParameterizedTest(name = "{0}: +-{1} g, +-{2} dps")
    @MethodSource("partsAndRanges")
    void anIdealPartReadsPhysicsTimesTheDatasheetSensitivity(Part part, int rangeG, int rangeDps) throws HardwareException {
        double dps = rangeDps * 0.4;
        ImuEmulator chip = chip(part, Motions.constant(0.5, -0.25, 1, dps, -dps / 2, dps / 4), SensorSpec.IDEAL);
        Imu imu = ready(part, chip, new ImuSettings(rangeG, rangeDps, 200, 0, false));
        ImuInfo info = imu.info();
        assertEquals(rangeG, info.accelRangeG());
        assertEquals(rangeDps, info.gyroRangeDps());
        assertEquals(32768 / rangeG, info.accelLsbPerG());
        double lsbPerDps = info.gyroLsbPerDpsX10() / 10.0;
        assertArrayEquals(new double[] {info.accelLsbPerG() / 2.0, -info.accelLsbPerG() / 4.0, info.accelLsbPerG(),
                Math.rint(dps * lsbPerDps), Math.rint(-dps / 2 * lsbPerDps), Math.rint(dps / 4 * lsbPerDps)},
                mean(imu, 5), 0.0);
    }

    /**
     * A datasheet part turned +Z up then down, and spun both ways at 40 % of full scale: the
     * half-differences are within the part's initial sensitivity tolerance plus 0.1 % for noise and
     * quantisation of 200-sample means; the half-sums within its offset tolerances.
     */
    @ParameterizedTest(name = "{0}: +-{1} g, +-{2} dps")
    @MethodSource("partsAndRanges")
    void aDatasheetPartReadsWithinItsTolerances(Part part, int rangeG, int rangeDps) throws HardwareException {
        ImuEmulator chip = chip(part, Motions.atRest(2, +1), part.datasheet());
        Imu imu = ready(part, chip, new ImuSettings(rangeG, rangeDps, 200, 0, false));
        double lsbPerG = imu.info().accelLsbPerG();
        double lsbPerDps = imu.info().gyroLsbPerDpsX10() / 10.0;
        double tolerance = part.sensitivityTolerance() + 0.001;
        mean(imu, 20);
        double up = mean(imu, 200)[2];
        chip.setMotion(Motions.atRest(2, -1));
        mean(imu, 20);
        double down = mean(imu, 200)[2];
        assertEquals(1.0, (up - down) / 2 / lsbPerG, tolerance);
        assertEquals(0.0, (up + down) / 2 / lsbPerG, part.zeroGToleranceG());

        double dps = rangeDps * 0.4;
        chip.setMotion(Motions.turning(0, dps));
        mean(imu, 20);
        double plus = mean(imu, 200)[3];
        chip.setMotion(Motions.turning(0, -dps));
        mean(imu, 20);
        double minus = mean(imu, 200)[3];
        assertEquals(dps, (plus - minus) / 2 / lsbPerDps, dps * tolerance);
        assertEquals(0.0, (plus + minus) / 2 / lsbPerDps, part.zeroRateToleranceDps());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("parts")
    void theFifoDeliversEverySampleOldestFirst(Part part) throws HardwareException {
        MotionSource ramp = (t, force, rate) -> {
            force[0] = 0;
            force[1] = 0;
            force[2] = 9.80665;
            rate[0] = Math.toRadians(t / 1e6); // 1 deg/s more every millisecond
            rate[1] = 0;
            rate[2] = 0;
        };
        ImuEmulator chip = chip(part, ramp, SensorSpec.IDEAL);
        Imu imu = ready(part, chip, new ImuSettings(2, 250, 1000, 0, true));
        clock.advanceMillis(70);
        short[] fifo = new short[6 * 100];
        int n = imu.readFifo(fifo, 100);
        assertTrue(n >= 70 && n <= 71, "one record per millisecond: " + n);
        for (int i = 1; i < n; i++) {
            assertTrue(fifo[6 * i + 3] > fifo[6 * (i - 1) + 3], "record " + i + " after record " + (i - 1));
            assertEquals(16384, fifo[6 * i + 2]);
        }
        assertEquals(0, imu.readFifo(fifo, 100));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("parts")
    void aNackSurfacesAsHardwareExceptionNamingTheDataRegister(Part part) throws HardwareException {
        ImuEmulator chip = chip(part, null, part.datasheet());
        Imu imu = ready(part, chip, ImuSettings.DEFAULTS);
        clock.advanceMillis(20);
        chip.nackNextTransfers(1);
        HardwareException e = assertThrows(HardwareException.class, () -> imu.read(counts));
        assertTrue(e.getMessage().startsWith("i2c bus 1 addr 0x68 reg " + part.dataRegister() + ": read of "),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("failed: NACK (EREMOTEIO, Remote I/O error)"), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("parts")
    void readsAllocateNothing(Part part) throws Exception {
        ImuEmulator chip = chip(part, null, part.datasheet());
        Imu imu = ready(part, chip, new ImuSettings(16, 2000, 1000, 0, false));
        assertEquals(0, AllocationMeter.leastBytesPerRound(20, 10_000, () -> {
            clock.advanceMillis(1);
            if (imu.dataReady()) {
                imu.read(counts);
            }
            imu.temperatureCentiC();
        }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("parts")
    void fifoReadsAllocateNothing(Part part) throws Exception {
        ImuEmulator chip = chip(part, null, part.datasheet());
        Imu imu = ready(part, chip, new ImuSettings(16, 2000, 1000, 0, true));
        short[] fifo = new short[6 * 64];
        assertEquals(0, AllocationMeter.leastBytesPerRound(20, 2_000, () -> {
            clock.advanceMillis(40);
            imu.readFifo(fifo, 64);
        }));
    }

    /** The reason for the second chip: at the same rate and bandwidth, the ICM-42688-P is quieter. */
    @org.junit.jupiter.api.Test
    void theIcm42688IsQuieterThanTheMpu6050() throws HardwareException {
        double mpu = gyroNoiseDps(MPU6050);
        double icm = gyroNoiseDps(ICM42688);
        assertTrue(icm < 0.7 * mpu, "ICM " + icm + " deg/s rms vs MPU " + mpu);
    }

    private double gyroNoiseDps(Part part) throws HardwareException {
        ImuEmulator chip = chip(part, null, part.datasheet().withoutBiasWalk());
        Imu imu = ready(part, chip, new ImuSettings(2, 250, 100, 40, false));
        double lsbPerDps = imu.info().gyroLsbPerDpsX10() / 10.0;
        mean(imu, 20);
        int n = 1000;
        double sum = 0;
        double sumSq = 0;
        for (int i = 0; i < n; i++) {
            double dps = mean(imu, 1)[3] / lsbPerDps;
            sum += dps;
            sumSq += dps * dps;
        }
        return Math.sqrt(sumSq / n - (sum / n) * (sum / n));
    }
}
