package dev.posture.hardware.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posture.hardware.imu.ImuSettings;
import dev.posture.hardware.imu.emulation.SensorErrorModel;
import dev.posture.hardware.sim.ScenarioTrace.Summary;
import dev.posture.hardware.sim.ScenarioTrace.Through;
import dev.posture.protocol.trace.PhysicalSample;
import dev.posture.protocol.trace.TraceCsvReader;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A scenario written as a trace CSV reads back with the protocol's reader, row for row. */
class ScenarioTraceTest {
    private static final double G = SensorErrorModel.STANDARD_GRAVITY;
    private final Scenario walking = Scenarios.named("walking");

    @Test
    void idealRowsReadBackExactlyWithTheirGroundTruth(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("walking.csv.gz");
        Summary summary = ScenarioTrace.write(walking, file, 50, Through.IDEAL);
        assertEquals(new Summary(4450, 50, 0, 88.98), summary);

        List<String[]> cells = lines(new GZIPInputStream(Files.newInputStream(file)));
        RowCursor rows = walking.rows(50);
        try (TraceCsvReader reader = TraceCsvReader.open(file)) {
            assertEquals(SimRow.COLUMNS, reader.columns());
            int line = 1;
            while (rows.next()) {
                SimRow r = rows.row();
                assertEquals(new PhysicalSample(r.tS(), r.acc(0), r.acc(1), r.acc(2), r.gyr(0), r.gyr(1), r.gyr(2)),
                        reader.next());
                for (int c = 0; c < SimRow.COLUMNS.size(); c++) {
                    assertEquals(r.cell(c), cells.get(line)[c], SimRow.COLUMNS.get(c) + " on line " + (line + 1));
                }
                line++;
            }
            assertEquals(null, reader.next());
            assertEquals(4451, cells.size());
        }
    }

    @Test
    void throughAChipTheRowsAreCountsInPhysicalUnitsWithTheTruthAtTheSampleTime() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Summary summary = ScenarioTrace.write(walking, bytes, 100, Through.MPU6050);
        assertEquals(new Summary(8889, 100, 0.11, 88.99), summary);

        double accelPerCount = G / 2048;                                   // +-16 g: 2048 LSB/g
        double gyroPerCount = Math.toRadians(1 / 16.4);                    // +-2000 dps: 16.4 LSB/(deg/s)
        assertEquals(16, ImuSettings.DEFAULTS.accelRangeG());
        List<String[]> cells = lines(new ByteArrayInputStream(bytes.toByteArray()));
        WearerSimulator simulator = walking.newSimulator();
        SimRow truth = new SimRow();
        double[] offStanding = new double[3];
        int standing = 0;
        double noise = 0;
        try (TraceCsvReader reader = TraceCsvReader.open(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertEquals(SimRow.COLUMNS, reader.columns());
            double previous = Double.NaN;
            int line = 1;
            for (PhysicalSample s = reader.next(); s != null; s = reader.next(), line++) {
                if (!Double.isNaN(previous)) {
                    assertEquals(0.01, s.timeS() - previous, 1e-9, "every sample, none twice");
                }
                assertEquals(Math.round(s.timeS() * 100) / 100.0, s.timeS(), 0.0, "t_s is the sample time's own decimal");
                previous = s.timeS();
                double[] acc = {s.accX(), s.accY(), s.accZ()};
                double[] gyr = {s.gyrX(), s.gyrY(), s.gyrZ()};
                simulator.evaluate(s.timeS(), truth);
                for (int axis = 0; axis < 3; axis++) {
                    assertWhole(acc[axis] / accelPerCount);
                    assertWhole(gyr[axis] / gyroPerCount);
                }
                for (int c = SimRow.TRACE_COLUMNS; c < SimRow.COLUMNS.size(); c++) {
                    assertEquals(truth.cell(c), cells.get(line)[c], SimRow.COLUMNS.get(c) + " on line " + (line + 1));
                }
                if (walking.neutralWindow().contains(s.timeS())) {
                    for (int axis = 0; axis < 3; axis++) {
                        offStanding[axis] += acc[axis] - truth.acc(axis);
                        noise += Math.abs(gyr[axis] - truth.gyr(axis));
                    }
                    standing++;
                }
            }
            assertEquals(summary.rows() + 1, line);
        }
        assertTrue(standing > 500, "rows in the neutral window: " + standing);
        for (int axis = 0; axis < 3; axis++) {
            // The part's zero-g offset (+-50 mg X/Y, +-80 mg Z) and sensitivity error (+-3 %) on about 1 g.
            double meanError = Math.abs(offStanding[axis] / standing);
            assertTrue(meanError < (0.080 + 0.03) * G, "axis " + axis + " off by " + meanError);
        }
        assertTrue(noise > 0, "the chip's readings are not the ideal ones");
    }

    @Test
    void theChipsOwnRateIsWhatTheRowsHave() throws Exception {
        assertEquals(1000.0 / 3, ScenarioTrace.write(Scenarios.named("standing"), new ByteArrayOutputStream(), 300,
                Through.MPU6050).rateHz(), 1e-6);
        Summary icm = ScenarioTrace.write(Scenarios.named("standing"), new ByteArrayOutputStream(), 200, Through.ICM42688);
        assertEquals(200, icm.rateHz(), 1e-9);
        // from one period after configuring at 0.1 s to the last one before the end
        assertEquals(Math.round((Scenarios.named("standing").durationS() - 0.1) * 200) - 1, icm.rows());
    }

    @Test
    void ratesAChipCannotGiveAreRefused() {
        assertEquals("rate must be in 25..1000 Hz through mpu6050, got 2000", assertThrows(IllegalArgumentException.class,
                () -> ScenarioTrace.write(walking, new ByteArrayOutputStream(), 2000, Through.MPU6050)).getMessage());
        assertEquals("rate must be in (0, 100000] Hz, got -1", assertThrows(IllegalArgumentException.class,
                () -> ScenarioTrace.checkRate(-1, Through.IDEAL)).getMessage());
        assertEquals("rate must be in (0, 100000] Hz, got NaN", assertThrows(IllegalArgumentException.class,
                () -> ScenarioTrace.checkRate(Double.NaN, Through.IDEAL)).getMessage());
        ScenarioTrace.checkRate(0.5, Through.IDEAL);
    }

    private static void assertWhole(double counts) {
        assertEquals(Math.rint(counts), counts, 1e-6, "a whole number of counts");
    }

    /** Every line of a CSV split at commas (no quoting in these files). */
    private static List<String[]> lines(InputStream in) throws Exception {
        List<String[]> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                out.add(line.split(",", -1));
            }
        }
        return out;
    }
}
