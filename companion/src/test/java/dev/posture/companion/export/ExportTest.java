package dev.posture.companion.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.posture.companion.store.EventRow;
import dev.posture.protocol.ProtocolException;
import dev.posture.protocol.trace.PhysicalUnits;
import dev.posture.protocol.trace.TraceDefect;
import dev.posture.protocol.trace.TraceExport;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Both export formats on a known trace: files, fields, conversions, events, damage, refusals. */
class ExportTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MOTION = "sub-desk07/motion/sub-desk07_task-posture_tracksys-imu_";

    @TempDir
    Path dir;

    private final List<TraceDefect> reported = new ArrayList<>();

    private BidsExport.Options options(List<EventRow> events) {
        return new BidsExport.Options(null, null, false, events);
    }

    @Test
    void csvIsExactlyTheTraceCsvAndTheSidecarHasTheHeader() throws Exception {
        Path trace = TestTraces.write(dir.resolve("rec.ptrace"));
        Path out = dir.resolve("out");
        ExportResult r = CsvExport.export(trace, out, false, reported::add);

        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        TraceExport.binaryToCsv(new ByteArrayInputStream(TestTraces.bytes()), expected, d -> { });
        assertArrayEquals(expected.toByteArray(), Files.readAllBytes(out.resolve("rec.csv")));
        assertEquals(TestTraces.SAMPLES, r.samples());
        assertEquals(List.of(out.resolve("rec.csv"), out.resolve("rec.json")), r.files());

        JsonNode meta = JSON.readTree(out.resolve("rec.json").toFile());
        assertEquals("desk-07", meta.get("device_id").asText());
        assertEquals("MPU-6050", meta.get("sensor_model").asText());
        assertEquals("r42", meta.get("recording_id").asText());
        assertEquals(164, meta.get("gyro_lsb_per_dps").get("numerator").asLong());
        assertEquals(10, meta.get("gyro_lsb_per_dps").get("denominator").asLong());
        assertEquals(100, meta.get("sample_rate_hz").get("numerator").asLong());
        assertEquals("2025-01-14T09:30:00Z", meta.get("start_time").asText());
        assertEquals(TestTraces.DEVICE_START_US, meta.get("device_start_us").asLong());
        assertEquals(1.0, meta.get("calibration").get("neutral_up").get(2).asDouble());
        assertEquals(TestTraces.SAMPLES, meta.get("samples").asLong());
        assertEquals(0, meta.get("defect_count").asLong());
        assertTrue(reported.isEmpty());
    }

    @Test
    void bidsWritesEveryRequiredFileWithItsFields() throws Exception {
        Path trace = TestTraces.write(dir.resolve("rec.ptrace"));
        Path out = dir.resolve("bids");
        ExportResult r = BidsExport.export(trace, out, options(null), reported::add);
        assertEquals(TestTraces.SAMPLES, r.samples());

        JsonNode description = JSON.readTree(out.resolve("dataset_description.json").toFile());
        assertEquals(BidsExport.BIDS_VERSION, description.get("BIDSVersion").asText());
        assertEquals("raw", description.get("DatasetType").asText());
        assertFalse(description.get("Name").asText().isEmpty());

        JsonNode motion = JSON.readTree(out.resolve(MOTION + "motion.json").toFile());
        assertEquals("posture", motion.get("TaskName").asText());
        assertEquals(100.0, motion.get("SamplingFrequency").asDouble());
        assertEquals(100.0, motion.get("SamplingFrequencyEffective").asDouble(), 1e-9);
        assertEquals(0.19, motion.get("RecordingDuration").asDouble(), 1e-12);
        assertTrue(motion.get("TrackingSystemName").asText().contains("desk-07"));
        assertEquals("InvenSense", motion.get("Manufacturer").asText());
        assertEquals("MPU-6050", motion.get("ManufacturersModelName").asText());
        assertEquals(7, motion.get("MotionChannelCount").asInt());
        assertEquals(3, motion.get("ACCELChannelCount").asInt());
        assertEquals(3, motion.get("GYROChannelCount").asInt());
        assertEquals(1, motion.get("LATENCYChannelCount").asInt());
        assertEquals(0, motion.get("TraceDefectCount").asInt());

        List<String> channels = Files.readAllLines(out.resolve(MOTION + "channels.tsv"));
        assertEquals(List.of("name", "component", "type", "tracked_point", "units", "sampling_frequency"),
                List.of(channels.get(0).split("\t")));
        assertEquals("LATENCY\tn/a\tLATENCY\tdesk-07\ts\t100.0", channels.get(1));
        assertEquals("acc_x\tx\tACCEL\tdesk-07\tm/s^2\t100.0", channels.get(2));
        assertEquals("gyr_z\tz\tGYRO\tdesk-07\trad/s\t100.0", channels.get(7));

        List<String> rows = Files.readAllLines(out.resolve(MOTION + "motion.tsv"));
        assertEquals(TestTraces.SAMPLES, rows.size(), "no header row, one row per sample");
        for (String row : rows) {
            assertEquals(channels.size() - 1, row.split("\t").length, row);
        }
        String[] third = rows.get(3).split("\t");
        PhysicalUnits units = PhysicalUnits.of(TestTraces.header());
        assertEquals("0.030000", third[0]);
        assertEquals(3 * 9.80665 / 2048, Double.parseDouble(third[1]), 1e-15);
        assertEquals(units.accelMps2(-3), Double.parseDouble(third[2]));
        assertEquals(9.80665, Double.parseDouble(third[3]));
        assertEquals(Math.toRadians(10), Double.parseDouble(third[4]), 1e-15);
        assertEquals(-0.17453292519943295, Double.parseDouble(third[5]));
        assertEquals(units.gyroRadps(3), Double.parseDouble(third[6]));

        assertEquals(List.of("filename\tacq_time",
                "motion/sub-desk07_task-posture_tracksys-imu_motion.tsv\t2025-01-14T09:30:00.005000"),
                Files.readAllLines(out.resolve("sub-desk07/sub-desk07_scans.tsv")));
        assertFalse(Files.exists(out.resolve(MOTION + "events.tsv")), "no store, no events");
    }

    @Test
    void eventsInsideTheRecordingGetOnsetsFromTheFirstSample() throws Exception {
        Path trace = TestTraces.write(dir.resolve("rec.ptrace"));
        long t0 = TestTraces.START_MS;
        List<EventRow> events = List.of(
                event(1, t0 - 1000, "RECOVERED"),     // before the recording
                event(2, t0 + 4, "CUE"),              // before the first sample (5 ms after the start)
                event(3, t0 + 50, "CUE"),
                event(4, t0 + 195, "RECOVERED"),      // the last sample's time: inside
                event(5, t0 + 196, "CUE"),            // after
                event(6, t0 + 10_000, "CUE"));
        Path out = dir.resolve("bids");
        ExportResult r = BidsExport.export(trace, out, new BidsExport.Options("p01", "sitting", false, events),
                reported::add);
        assertEquals(2, r.events());
        String stem = "sub-p01/motion/sub-p01_task-sitting_tracksys-imu_";
        List<String> rows = Files.readAllLines(out.resolve(stem + "events.tsv"));
        assertEquals("onset\tduration\ttrial_type\tseq\ttime\tdetail", rows.get(0));
        assertEquals(3, rows.size());
        assertTrue(rows.get(1).startsWith("0.045000\t0\tCUE\t3\t2025-01-14T09:30:00.050Z\t{"), rows.get(1));
        assertTrue(rows.get(2).startsWith("0.190000\t0\tRECOVERED\t4\t"), rows.get(2));
        JsonNode sidecar = JSON.readTree(out.resolve(stem + "events.json").toFile());
        assertEquals("s", sidecar.get("onset").get("Units").asText());
        assertTrue(sidecar.has("trial_type"));
    }

    private static EventRow event(long seq, long timeMs, String type) {
        return new EventRow(TestTraces.DEVICE, seq, timeMs, 1000 + seq, type, "{\"seq\":" + seq + "}", timeMs);
    }

    @Test
    void aTraceCutInAChunkExportsTheIntactSamplesAndReportsTheDefect() throws Exception {
        Path trace = TestTraces.writeCut(dir.resolve("cut.ptrace"));
        Path out = dir.resolve("bids");
        ExportResult r = BidsExport.export(trace, out, options(null), reported::add);
        int intact = 2 * TestTraces.CHUNK;
        assertEquals(intact, r.samples());
        assertEquals(1, r.defectCount());
        assertEquals(1, reported.size());
        assertEquals(TraceDefect.Kind.TRUNCATED, reported.get(0).kind());
        assertEquals(intact, Files.readAllLines(out.resolve(MOTION + "motion.tsv")).size());
        JsonNode motion = JSON.readTree(out.resolve(MOTION + "motion.json").toFile());
        assertEquals(1, motion.get("TraceDefectCount").asInt());
        assertEquals(reported.get(0).message(), motion.get("TraceDefects").get(0).asText());

        ExportResult csv = CsvExport.export(trace, dir.resolve("csv"), false, d -> { });
        assertEquals(intact, csv.samples());
        assertEquals(intact + 1, Files.readAllLines(dir.resolve("csv/cut.csv")).size());
        JsonNode meta = JSON.readTree(dir.resolve("csv/cut.json").toFile());
        assertEquals("TRUNCATED", meta.get("defects").get(0).get("kind").asText());
    }

    @Test
    void existingFilesAreKeptUnlessForced() throws Exception {
        Path trace = TestTraces.write(dir.resolve("rec.ptrace"));
        Path out = dir.resolve("bids");
        BidsExport.export(trace, out, options(null), d -> { });
        Path motion = out.resolve(MOTION + "motion.tsv");
        Files.writeString(motion, "edited");
        Path description = out.resolve("dataset_description.json");
        Files.writeString(description, "{\"Name\":\"mine\",\"BIDSVersion\":\"1.10.0\"}");

        ExportException e = assertThrows(ExportException.class, () -> BidsExport.export(trace, out, options(null), d -> { }));
        assertEquals(motion + ": already exists (use --force to overwrite)", e.getMessage());
        assertEquals("edited", Files.readString(motion));

        BidsExport.export(trace, out, new BidsExport.Options(null, null, true, null), d -> { });
        assertEquals(TestTraces.SAMPLES, Files.readAllLines(motion).size());
        assertTrue(Files.readString(description).contains("mine"), "dataset_description.json is never replaced");
        assertEquals(2, Files.readAllLines(out.resolve("sub-desk07/sub-desk07_scans.tsv")).size(), "one row per recording");

        CsvExport.export(trace, dir.resolve("csv"), false, d -> { });
        assertThrows(ExportException.class, () -> CsvExport.export(trace, dir.resolve("csv"), false, d -> { }));
    }

    @Test
    void badInputsAreOneLineAndWriteNothing() throws Exception {
        Path out = dir.resolve("out");
        ExportException missing = assertThrows(ExportException.class,
                () -> CsvExport.export(dir.resolve("nope.ptrace"), out, false, d -> { }));
        assertEquals(dir.resolve("nope.ptrace") + ": no such file", missing.getMessage());

        Path text = Files.writeString(dir.resolve("notes.ptrace"), "t_s,acc_x\n0,1\n", StandardCharsets.UTF_8);
        ProtocolException notTrace = assertThrows(ProtocolException.class,
                () -> BidsExport.export(text, out, options(null), d -> { }));
        assertTrue(notTrace.getMessage().startsWith(text + ": byte 0: not a trace file"), notTrace.getMessage());
        assertFalse(Files.exists(out), "nothing is created for a file that is not a trace");

        Path trace = TestTraces.write(dir.resolve("rec.ptrace"));
        Path file = Files.writeString(dir.resolve("plain"), "x");
        ExportException notDir = assertThrows(ExportException.class, () -> CsvExport.export(trace, file, false, d -> { }));
        assertEquals(file + ": not a directory", notDir.getMessage());

        ExportException label = assertThrows(ExportException.class,
                () -> BidsExport.export(trace, out, new BidsExport.Options("a_b", null, false, null), d -> { }));
        assertEquals("--subject: 'a_b' is not a BIDS label (letters and digits only)", label.getMessage());
    }
}
