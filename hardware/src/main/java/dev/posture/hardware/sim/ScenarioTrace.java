package dev.posture.hardware.sim;

import dev.posture.hardware.HardwareException;
import dev.posture.hardware.imu.Imu;
import dev.posture.hardware.imu.ImuInfo;
import dev.posture.hardware.imu.ImuSettings;
import dev.posture.hardware.imu.emulation.ImuEmulator;
import dev.posture.hardware.imu.icm42688.Icm42688;
import dev.posture.hardware.imu.icm42688.Icm42688Emulator;
import dev.posture.hardware.imu.mpu6050.Mpu6050;
import dev.posture.hardware.imu.mpu6050.Mpu6050Emulator;
import dev.posture.protocol.trace.PhysicalSample;
import dev.posture.protocol.trace.TraceCsvWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A scenario as a trace CSV (DESIGN.md, "Trace CSV"), written with the protocol's
 * {@link TraceCsvWriter}: the seven trace columns, then the ground truth of {@link SimRow#COLUMNS}
 * as extra columns that trace readers ignore.
 *
 * <p>{@link Through#IDEAL}: the simulator's true specific force and angular rate at
 * {@code t = k / rate} for every {@code t} in {@code [0, duration)}.
 *
 * <p>Through a chip: what that chip would report. The scenario moves the chip's emulator (datasheet
 * errors: offsets, sensitivity errors, noise, bias walk, the configured low-pass, saturation; the
 * part drawn from the scenario's seed), the real driver resets and configures it (ranges of
 * {@link ImuSettings#DEFAULTS}, the rate asked for, the chip's default low-pass) and reads every
 * sample through the data-ready path, and the counts become m/s^2 and rad/s with the scale factors
 * the driver reports. Rows then start with the chip's first sample (about 0.11 s in, after its reset)
 * at the rate the chip actually runs ({@link Summary#rateHz}, e.g. 1000 / 3 Hz for an MPU-6050 asked
 * for 300 Hz), each with the time the chip took it; the ground truth is the simulator's at that time.
 */
public final class ScenarioTrace {
    /** The ground-truth columns after the seven trace columns. */
    static final java.util.List<String> TRUTH_COLUMNS = SimRow.COLUMNS.subList(SimRow.TRACE_COLUMNS, SimRow.COLUMNS.size());
    /** The emulated clock's step between data-ready polls: below every supported sample period. */
    private static final long POLL_NANOS = 500_000L;
    /** Long enough for either chip's reset before it is configured (MPU-6050: 100 ms). */
    private static final long RESET_WAIT_NANOS = 100_000_000L;

    /** Where the seven trace columns come from. */
    public enum Through {
        /** The simulator's physics, exactly. */
        IDEAL,
        /** An MPU-6050 emulator read by the MPU-6050 driver. */
        MPU6050,
        /** An ICM-42688-P emulator read by the ICM-42688-P driver. */
        ICM42688;

        /** The lowest and highest rate, Hz, that can be asked for. */
        double minRateHz() {
            return this == IDEAL ? Double.MIN_VALUE : 25;
        }

        double maxRateHz() {
            return this == IDEAL ? 100_000 : 1000;
        }

        /** The name on the command line, e.g. "mpu6050". */
        public String cliName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * What was written.
     *
     * @param rows    data rows
     * @param rateHz  the rate of the rows: as asked for IDEAL, the chip's own otherwise
     * @param firstS  t_s of the first row
     * @param lastS   t_s of the last row
     */
    public record Summary(long rows, double rateHz, double firstS, double lastS) {
    }

    private ScenarioTrace() {
    }

    /**
     * Writes {@code scenario} to {@code file} (gzip when the name ends in ".gz").
     *
     * @throws IllegalArgumentException for a rate {@code through} cannot give
     */
    public static Summary write(Scenario scenario, Path file, double rateHz, Through through)
            throws IOException, HardwareException {
        checkRate(rateHz, through);
        try (TraceCsvWriter writer = TraceCsvWriter.create(file, TRUTH_COLUMNS)) {
            return write(scenario, writer, rateHz, through);
        }
    }

    /** Writes {@code scenario} to {@code out}, which is closed at the end. */
    public static Summary write(Scenario scenario, OutputStream out, double rateHz, Through through)
            throws IOException, HardwareException {
        checkRate(rateHz, through);
        try (TraceCsvWriter writer = new TraceCsvWriter(out, TRUTH_COLUMNS)) {
            return write(scenario, writer, rateHz, through);
        }
    }

    /** Refuses a rate {@code through} cannot give, with a one-line message. */
    public static void checkRate(double rateHz, Through through) {
        if (!(rateHz >= through.minRateHz() && rateHz <= through.maxRateHz())) {
            throw new IllegalArgumentException(through == Through.IDEAL
                    ? "rate must be in (0, 100000] Hz, got " + format(rateHz)
                    : "rate must be in 25..1000 Hz through " + through.cliName() + ", got " + format(rateHz));
        }
    }

    private static Summary write(Scenario scenario, TraceCsvWriter writer, double rateHz, Through through)
            throws IOException, HardwareException {
        return through == Through.IDEAL ? writeIdeal(scenario, writer, rateHz) : writeThroughChip(scenario, writer,
                (int) Math.round(rateHz), through);
    }

    private static Summary writeIdeal(Scenario scenario, TraceCsvWriter writer, double rateHz) throws IOException {
        RowCursor rows = scenario.rows(rateHz);
        String[] truth = new String[TRUTH_COLUMNS.size()];
        double first = Double.NaN;
        double last = Double.NaN;
        while (rows.next()) {
            SimRow r = rows.row();
            writer.write(new PhysicalSample(r.tS(), r.acc(0), r.acc(1), r.acc(2), r.gyr(0), r.gyr(1), r.gyr(2)),
                    truthCells(r, truth));
            first = Double.isNaN(first) ? r.tS() : first;
            last = r.tS();
        }
        return new Summary(rows.count(), rateHz, first, last);
    }

    private static Summary writeThroughChip(Scenario scenario, TraceCsvWriter writer, int rateHz, Through through)
            throws IOException, HardwareException {
        long[] now = {0};
        ImuEmulator chip = through == Through.MPU6050
                ? new Mpu6050Emulator(1, 0x68, scenario.newSimulator(), Mpu6050Emulator.DATASHEET, scenario.seed())
                : new Icm42688Emulator(1, 0x68, scenario.newSimulator(), Icm42688Emulator.DATASHEET, scenario.seed());
        chip.useClock(() -> now[0]);
        try (Imu imu = through == Through.MPU6050 ? new Mpu6050(chip, () -> now[0]) : new Icm42688(chip, () -> now[0])) {
            now[0] = RESET_WAIT_NANOS;
            ImuSettings defaults = ImuSettings.DEFAULTS;
            imu.configure(new ImuSettings(defaults.accelRangeG(), defaults.gyroRangeDps(), rateHz, 0, false));
            ImuInfo info = imu.info();
            double accel = info.accelMps2PerCount();
            double gyro = info.gyroRadpsPerCount();
            WearerSimulator truthSimulator = scenario.newSimulator();
            SimRow truth = new SimRow();
            String[] cells = new String[TRUTH_COLUMNS.size()];
            short[] counts = new short[Imu.AXES];
            long end = (long) (scenario.durationS() * 1e9);
            long rows = 0;
            long first = -1;
            long previous = -1;
            long period = -1;
            while (now[0] < end) {
                now[0] += POLL_NANOS;
                if (!imu.dataReady()) {
                    continue;
                }
                imu.read(counts);
                long sampleNanos = chip.lastSampleNanos();
                if (sampleNanos >= end) {
                    break;
                }
                double tS = sampleNanos / 1e9;                 // the nearest double: 0.12, not 0.12000000000000001
                truthSimulator.evaluate(tS, truth);
                writer.write(new PhysicalSample(tS, counts[0] * accel, counts[1] * accel, counts[2] * accel,
                        counts[3] * gyro, counts[4] * gyro, counts[5] * gyro), truthCells(truth, cells));
                rows++;
                first = first < 0 ? sampleNanos : first;
                period = previous < 0 ? period : sampleNanos - previous;
                previous = sampleNanos;
            }
            double actualRate = period > 0 ? 1e9 / period : info.sampleRateHz();
            return new Summary(rows, actualRate, first / 1e9, previous / 1e9);
        }
    }

    /** The ground-truth cells of {@code row}, in {@link #TRUTH_COLUMNS} order. */
    private static String[] truthCells(SimRow row, String[] cells) {
        for (int i = 0; i < cells.length; i++) {
            cells[i] = row.cell(SimRow.TRACE_COLUMNS + i);
        }
        return cells;
    }

    private static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }
}
