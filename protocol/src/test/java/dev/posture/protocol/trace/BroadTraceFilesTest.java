package dev.posture.protocol.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posture.protocol.SharedData;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replay reads the BROAD benchmark trials (extra gt_q* and movement columns, empty ground truth
 * cells), so the CSV reader must read every one of them to the end. The data lives in the shared
 * folder next to the checkout; without it these tests fail, they do not skip.
 */
class BroadTraceFilesTest {

    static Stream<Path> trials() throws IOException {
        Path broad = SharedData.broadTrials();
        try (Stream<Path> files = Files.list(broad)) {
            List<Path> trials = files.filter(f -> f.getFileName().toString().endsWith(".csv.gz")).sorted().toList();
            if (trials.isEmpty()) {
                throw new AssertionError("no .csv.gz trials in " + broad);
            }
            return trials.stream();
        }
    }

    @Test
    void theSixTrialsAreThere() throws IOException {
        assertEquals(6, trials().count());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("trials")
    void everyRowOfATrialReads(Path trial) throws Exception {
        long rows = 0;
        PhysicalSample first = null;
        try (TraceCsvReader reader = TraceCsvReader.open(trial)) {
            assertEquals(List.of("t_s", "acc_x", "acc_y", "acc_z", "gyr_x", "gyr_y", "gyr_z",
                    "gt_qw", "gt_qx", "gt_qy", "gt_qz", "movement"), reader.columns());
            for (PhysicalSample s = reader.next(); s != null; s = reader.next()) {
                if (first == null) {
                    first = s;
                }
                rows++;
            }
            assertEquals(rows + 1, reader.lineNumber());
        }

        assertEquals(linesIn(trial) - 1, rows, "one sample per data line");
        assertTrue(rows > 50_000, rows + " rows");
        assertEquals(0.0, first.timeS());
        double g = Math.sqrt(first.accX() * first.accX() + first.accY() * first.accY() + first.accZ() * first.accZ());
        assertTrue(Math.abs(g - 9.81) < 0.3, "at rest the accelerometer reads about 1 g, got " + g);
    }

    @Test
    void theFirstRowOfTheFirstTrialIsReadExactly() throws Exception {
        Path trial = SharedData.broadTrials().resolve("01_undisturbed_slow_rotation_A.csv.gz");
        try (TraceCsvReader reader = TraceCsvReader.open(trial)) {
            assertEquals(new PhysicalSample(0.0, -0.2361874, -0.3631649, 9.919315, -0.001064651, -0.004260349, 0.005326745),
                    reader.next());
            assertEquals(new PhysicalSample(0.0035, -0.2361874, -0.3298109, 9.899695, -0.001064651, 0.002131047, 0.007457792),
                    reader.next());
        }
    }

    private static long linesIn(Path gz) throws IOException {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(gz)), StandardCharsets.UTF_8))) {
            return lines.lines().count();
        }
    }
}
