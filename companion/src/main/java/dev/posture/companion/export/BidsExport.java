package dev.posture.companion.export;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.posture.companion.store.EventRow;
import dev.posture.protocol.ProtocolException;
import dev.posture.protocol.trace.PhysicalUnits;
import dev.posture.protocol.trace.RawSample;
import dev.posture.protocol.trace.TraceCsvWriter;
import dev.posture.protocol.trace.TraceDefect;
import dev.posture.protocol.trace.TraceHeader;
import dev.posture.protocol.trace.TraceReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * {@code export --format bids}: one recording as a BIDS-Motion dataset (BIDS 1.9+, motion datatype):
 * <pre>
 *   OUT/dataset_description.json                      written only if missing (a researcher may edit it)
 *   OUT/sub-S/sub-S_scans.tsv                         acq_time of the first sample; our row replaced, others kept
 *   OUT/sub-S/motion/sub-S_task-T_tracksys-imu_motion.tsv     no header; LATENCY, acc_x..z, gyr_x..z
 *   OUT/sub-S/motion/sub-S_task-T_tracksys-imu_channels.tsv
 *   OUT/sub-S/motion/sub-S_task-T_tracksys-imu_motion.json
 *   OUT/sub-S/motion/sub-S_task-T_tracksys-imu_events.tsv     with a store: events inside the recording
 *   OUT/sub-S/motion/sub-S_task-T_tracksys-imu_events.json
 * </pre>
 * Time: motion.tsv has no time column, so the first channel is LATENCY, the sample's device time
 * in seconds since the first sample, exact to the microsecond: jitter and the gaps left by damaged
 * chunks show there. Event onsets are on the same axis: the event's device wall time minus the wall
 * time of the first sample (the header's start wall time plus the device-clock offset of the first
 * sample). Both wall times come from the same device clock, so no companion clock enters.
 */
public final class BidsExport {
    public static final String TRACKSYS = "imu";
    public static final String BIDS_VERSION = "1.10.0";
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]+");
    private static final String[] NAMES = {"LATENCY", "acc_x", "acc_y", "acc_z", "gyr_x", "gyr_y", "gyr_z"};
    private static final DateTimeFormatter ACQ_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS", Locale.ROOT).withZone(ZoneOffset.UTC);

    /**
     * @param subject BIDS label (letters and digits), or null for the device id without its other characters
     * @param task    BIDS label, or null for {@code posture}
     * @param events  the device's stored events, or null without a store (no events files then)
     */
    public record Options(String subject, String task, boolean force, List<EventRow> events) {
    }

    private BidsExport() {
    }

    /** The subject label used when none is given: the device id's letters and digits. */
    public static String defaultSubject(String deviceId) {
        String s = deviceId.replaceAll("[^A-Za-z0-9]", "");
        return s.isEmpty() ? "01" : s;
    }

    /**
     * @throws ProtocolException when the trace's header is unreadable (nothing is written then)
     */
    public static ExportResult export(Path trace, Path outDir, Options options, Consumer<TraceDefect> onDefect)
            throws ExportException, ProtocolException {
        try (InputStream in = TraceFiles.open(trace)) {
            TraceFiles.checkHeader(trace);
            TraceReader reader = TraceReader.open(in, onDefect);
            TraceHeader h = reader.header();
            String subject = label("--subject", options.subject() == null ? defaultSubject(h.deviceId()) : options.subject());
            String task = label("--task", options.task() == null ? "posture" : options.task());
            String sub = "sub-" + subject;
            Path subjectDir = outDir.resolve(sub);
            Path motionDir = subjectDir.resolve("motion");
            String stem = sub + "_task-" + task + "_tracksys-" + TRACKSYS + "_";
            Path motionTsv = motionDir.resolve(stem + "motion.tsv");
            Path channelsTsv = motionDir.resolve(stem + "channels.tsv");
            Path motionJson = motionDir.resolve(stem + "motion.json");
            Path eventsTsv = motionDir.resolve(stem + "events.tsv");
            Path eventsJson = motionDir.resolve(stem + "events.json");
            Path scans = subjectDir.resolve(sub + "_scans.tsv");
            Path description = outDir.resolve("dataset_description.json");
            List<Path> ours = new ArrayList<>(List.of(motionTsv, channelsTsv, motionJson));
            if (options.events() != null) {
                ours.addAll(List.of(eventsTsv, eventsJson));
            }
            OutputFiles.createDirectory(outDir);
            OutputFiles.refuseExisting(ours, options.force());
            OutputFiles.createDirectory(motionDir);

            Span span = writeMotion(reader, PhysicalUnits.of(h), motionTsv);
            List<Path> written = new ArrayList<>();
            written.add(motionTsv);
            writeChannels(h, channelsTsv);
            written.add(channelsTsv);
            TraceMetadata.write(motionJson(h, task, span, reader), motionJson);
            written.add(motionJson);
            int events = 0;
            if (options.events() != null) {
                events = writeEvents(h, span, options.events(), eventsTsv);
                written.add(eventsTsv);
                TraceMetadata.write(eventsJson(), eventsJson);
                written.add(eventsJson);
            }
            if (span.samples > 0) {
                writeScans(scans, subjectDir.relativize(motionTsv), h, span);
                written.add(scans);
            }
            if (!Files.exists(description)) {
                TraceMetadata.write(description(h), description);
                written.add(description);
            }
            return new ExportResult(h, span.samples, reader.defects(), reader.defectCount(), events, written);
        } catch (IOException e) {
            throw new ExportException(trace + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    private static String label(String option, String value) throws ExportException {
        if (!LABEL.matcher(value).matches()) {
            throw new ExportException(option + ": '" + value.replaceAll("[^\\x20-\\x7e]", "?")
                    + "' is not a BIDS label (letters and digits only)");
        }
        return value;
    }

    /** First and last sample time (device clock, us) and the count. */
    private static final class Span {
        long samples;
        long firstUs;
        long lastUs;

        long durationUs() {
            return samples == 0 ? 0 : lastUs - firstUs;
        }
    }

    private static Span writeMotion(TraceReader reader, PhysicalUnits units, Path file) throws ExportException, IOException {
        Span span = new Span();
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            StringBuilder row = new StringBuilder(160);
            for (RawSample s = reader.next(); s != null; s = reader.next()) {
                if (span.samples++ == 0) {
                    span.firstUs = s.timestampUs();
                }
                span.lastUs = s.timestampUs();
                row.setLength(0);
                row.append(seconds(s.timestampUs() - span.firstUs));
                cell(row, units.accelMps2(s.accX()));
                cell(row, units.accelMps2(s.accY()));
                cell(row, units.accelMps2(s.accZ()));
                cell(row, units.gyroRadps(s.gyrX()));
                cell(row, units.gyroRadps(s.gyrY()));
                cell(row, units.gyroRadps(s.gyrZ()));
                row.append('\n');
                w.append(row);
            }
        } catch (IOException e) {
            if (Files.exists(file)) {
                throw OutputFiles.writeFailed(file, e);
            }
            throw e;
        }
        return span;
    }

    private static void cell(StringBuilder row, double value) {
        row.append('\t').append(TraceCsvWriter.decimal(value));
    }

    /** Microseconds as BIDS seconds {@code s.000000}: exact, no exponent. */
    static String seconds(long us) {
        String sign = us < 0 ? "-" : "";
        long a = Math.abs(us);
        return String.format(Locale.ROOT, "%s%d.%06d", sign, a / 1_000_000, a % 1_000_000);
    }

    private static void writeChannels(TraceHeader h, Path file) throws ExportException {
        String rate = TraceCsvWriter.decimal(h.sampleRateHz().toDouble());
        String point = h.deviceId().replaceAll("[\\t\\n\\r]", " ");
        StringBuilder b = new StringBuilder("name\tcomponent\ttype\ttracked_point\tunits\tsampling_frequency\n");
        b.append("LATENCY\tn/a\tLATENCY\t").append(point).append("\ts\t").append(rate).append('\n');
        String[] axes = {"x", "y", "z"};
        for (String axis : axes) {
            b.append("acc_").append(axis).append('\t').append(axis).append("\tACCEL\t").append(point)
                    .append("\tm/s^2\t").append(rate).append('\n');
        }
        for (String axis : axes) {
            b.append("gyr_").append(axis).append('\t').append(axis).append("\tGYRO\t").append(point)
                    .append("\trad/s\t").append(rate).append('\n');
        }
        writeText(file, b.toString());
    }

    private static ObjectNode motionJson(TraceHeader h, String task, Span span, TraceReader reader) {
        ObjectNode n = TraceMetadata.JSON.createObjectNode();
        n.put("TaskName", task);
        n.put("SamplingFrequency", h.sampleRateHz().toDouble());
        if (span.samples >= 2) {
            n.put("SamplingFrequencyEffective", (span.samples - 1) * 1e6 / span.durationUs());
        }
        n.put("RecordingDuration", span.durationUs() / 1e6);
        n.put("TrackingSystemName", "Posture wearable " + h.deviceId());
        String maker = manufacturer(h.sensorModel());
        if (maker != null) {
            n.put("Manufacturer", maker);
        }
        n.put("ManufacturersModelName", h.sensorModel());
        n.put("DeviceSerialNumber", h.deviceId());
        n.put("MotionChannelCount", NAMES.length);
        n.put("ACCELChannelCount", 3);
        n.put("GYROChannelCount", 3);
        n.put("LATENCYChannelCount", 1);
        n.put("TrackedPointsCount", 1);
        // SpatialAxes and MissingValues are left out: the sensor frame has no fixed anatomical
        // orientation, and samples of damaged chunks are absent (LATENCY shows the gap), not marked.
        n.put("SubjectArtefactDescription", "n/a");
        // Not BIDS fields: what the trace itself says, so nothing of the recording is lost.
        n.put("RecordingId", h.recordingId());
        n.put("SampleCount", span.samples);
        n.set("TraceHeader", TraceMetadata.header(h));
        n.put("TraceDefectCount", reader.defectCount());
        ArrayNode defects = n.putArray("TraceDefects");
        for (TraceDefect d : reader.defects()) {
            defects.add(d.message());
        }
        return n;
    }

    /** The maker for the sensor families the firmware's drivers know; null when unknown. */
    static String manufacturer(String sensorModel) {
        String m = sensorModel.toUpperCase(Locale.ROOT);
        if (m.startsWith("MPU-") || m.startsWith("MPU") || m.startsWith("ICM-")) {
            return "InvenSense";
        }
        if (m.startsWith("BMI") || m.startsWith("BNO")) {
            return "Bosch Sensortec";
        }
        if (m.startsWith("LSM")) {
            return "STMicroelectronics";
        }
        return null;
    }

    private static int writeEvents(TraceHeader h, Span span, List<EventRow> events, Path file) throws ExportException {
        // Wall time of the first sample, in us: the header's wall start plus the device-clock offset.
        long firstWallUs = h.startEpochMs() * 1000 + (span.firstUs - h.deviceStartUs());
        StringBuilder b = new StringBuilder("onset\tduration\ttrial_type\tseq\ttime\tdetail\n");
        int n = 0;
        for (EventRow e : events) {
            long onsetUs = e.timeMs() * 1000 - firstWallUs;
            if (span.samples == 0 || onsetUs < 0 || onsetUs > span.durationUs()) {
                continue;
            }
            b.append(seconds(onsetUs)).append("\t0\t").append(e.type()).append('\t').append(e.seq()).append('\t')
                    .append(Instant.ofEpochMilli(e.timeMs())).append('\t')
                    .append(e.json().replaceAll("[\\t\\r\\n]+", " ")).append('\n');
            n++;
        }
        writeText(file, b.toString());
        return n;
    }

    private static ObjectNode eventsJson() {
        ObjectNode n = TraceMetadata.JSON.createObjectNode();
        column(n, "onset", "Event time in seconds since the first motion sample (LATENCY 0), from the device's "
                + "wall clock", "s");
        column(n, "duration", "Events are instants", "s");
        column(n, "trial_type", "Event type as the device reports it (CUE, RECOVERED, ...)", null);
        column(n, "seq", "The device's event number", null);
        column(n, "time", "Device wall time of the event, ISO-8601 UTC", null);
        column(n, "detail", "The event as the device published it (JSON)", null);
        return n;
    }

    private static void column(ObjectNode n, String name, String description, String units) {
        ObjectNode c = n.putObject(name);
        c.put("Description", description);
        if (units != null) {
            c.put("Units", units);
        }
    }

    /** Adds or replaces this recording's row; rows of other recordings of the subject stay. */
    private static void writeScans(Path file, Path motionTsv, TraceHeader h, Span span) throws ExportException {
        String filename = motionTsv.toString().replace('\\', '/');
        long firstWallUs = h.startEpochMs() * 1000 + (span.firstUs - h.deviceStartUs());
        Instant first = Instant.ofEpochSecond(Math.floorDiv(firstWallUs, 1_000_000), Math.floorMod(firstWallUs, 1_000_000) * 1000);
        StringBuilder b = new StringBuilder("filename\tacq_time\n");
        try {
            if (Files.exists(file)) {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                    if (!line.isBlank() && !line.startsWith(filename + "\t")) {
                        b.append(line).append('\n');
                    }
                }
            }
        } catch (IOException e) {
            throw new ExportException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        b.append(filename).append('\t').append(ACQ_TIME.format(first)).append('\n');
        writeText(file, b.toString());
    }

    private static ObjectNode description(TraceHeader h) {
        ObjectNode n = TraceMetadata.JSON.createObjectNode();
        n.put("Name", "Posture wearable recordings");
        n.put("BIDSVersion", BIDS_VERSION);
        n.put("DatasetType", "raw");
        ArrayNode by = n.putArray("GeneratedBy");
        by.addObject().put("Name", "posture-companion export");
        return n;
    }

    private static void writeText(Path file, String text) throws ExportException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(text);
        } catch (IOException e) {
            throw OutputFiles.writeFailed(file, e);
        }
    }
}
