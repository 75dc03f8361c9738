package dev.posture.device.cli;

import dev.posture.device.cli.CalibrationWindows.Window;
import dev.posture.device.pipeline.ImuScale;
import dev.posture.device.pipeline.Pipeline;
import dev.posture.device.pipeline.PipelineParams;
import dev.posture.device.pipeline.calibration.CalibrationStatus;
import dev.posture.device.pipeline.event.EventRecord;
import dev.posture.device.pipeline.event.EventRing;
import dev.posture.protocol.ProtocolException;
import dev.posture.protocol.cli.CommandLines;
import dev.posture.protocol.cli.CommandLines.UserError;
import dev.posture.protocol.config.Config;
import dev.posture.protocol.message.EventType;
import dev.posture.protocol.trace.PhysicalSample;
import dev.posture.protocol.trace.TraceCsvReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code replay}: a recorded trace CSV through the device's exact fixed-point pipeline, as fast as it
 * goes (DESIGN.md, "Device commands" and "Trace CSV").
 *
 * <ul>
 *   <li>Rate: the trace's own, the median interval between the first {@value #RATE_ROWS} rows (robust
 *       to a dropped sample or jitter); it must be 25..1000 Hz. The estimator and the activity
 *       classifier use this nominal rate; calibration windows and every posture rule use each row's
 *       own time. The config's {@code sample_rate_hz} is not used.</li>
 *   <li>Counts: m/s^2 and rad/s become the counts of {@code --accel-range-g} / {@code
 *       --gyro-range-dps} (MPU-6050 sensitivities; default 16 g = 2048 LSB/g and 2000 deg/s = 16.4
 *       LSB/(deg/s)), rounded and saturated at the int16 limits as the chip does.</li>
 *   <li>Time: device time is the row's t_s in whole microseconds; output t_s is printed from it.</li>
 *   <li>Calibration windows: A:B in the trace's seconds. A window starts on the first row with t_s
 *       >= A and closes on the first row with t_s >= B. Each option may be repeated (a trace with a
 *       re-clip and a second calibration); windows must not overlap.</li>
 *   <li>Wall clock: {@code --start HH:MM} is the local time of the first row; the minute of day
 *       follows the trace's time, so quiet hours apply. Without it the clock is unknown and quiet
 *       hours are off.</li>
 * </ul>
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Run a recorded trace CSV through the device's fixed-point pipeline; write the "
                + "per-sample up vector, forward angle and state, and the events (a CUE row for every cue).")
final class ReplayCommand implements Callable<Integer> {
    /** Rows whose intervals give the trace's rate. */
    static final int RATE_ROWS = 1001;
    private static final double TWO_POW_30 = 1 << 30;

    @Spec
    CommandSpec spec;

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "trace CSV (.csv or .csv.gz)")
    Path input;

    @Option(names = "--samples", required = true, paramLabel = "OUT.csv",
            description = "per input row: t_s,up_x,up_y,up_z,forward_deg,state")
    Path samples;

    @Option(names = "--events", required = true, paramLabel = "OUT.csv",
            description = "one row per event: t_s,type,forward_deg,duration_s")
    Path eventsFile;

    @Mixin
    ConfigOptions configOptions = new ConfigOptions();

    @Mixin
    CalibrationWindows calibrationWindows = new CalibrationWindows();

    @Option(names = "--accel-range-g", paramLabel = "G", defaultValue = "16",
            description = "accelerometer full scale the trace is converted to: 2, 4, 8 or 16 (default 16)")
    int accelRangeG;

    @Option(names = "--gyro-range-dps", paramLabel = "DPS", defaultValue = "2000",
            description = "gyroscope full scale: 250, 500, 1000 or 2000 (default 2000)")
    int gyroRangeDps;

    @Option(names = "--start", paramLabel = "HH:MM",
            description = "local time of the first row (quiet hours apply); default: unknown, quiet hours off")
    String start;

    @Override
    public Integer call() throws IOException, UserError, ProtocolException {
        Config cfg = configOptions.read();
        ImuScale scale;
        try {
            scale = ImuScale.mpu6050(accelRangeG, gyroRangeDps);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        List<Window> windows = calibrationWindows.windows();
        int startMinute = start == null ? -1 : parseStart(start);

        try {
            replay(cfg, scale, windows, startMinute);
        } catch (ProtocolException e) {
            throw new ProtocolException(input + ": " + e.getMessage(), e);
        }
        return CommandLines.OK;
    }

    private void replay(Config cfg, ImuScale scale, List<Window> windows, int startMinute)
            throws IOException, UserError, ProtocolException {
        try (TraceCsvReader reader = openTrace()) {
            List<PhysicalSample> head = new ArrayList<>();
            for (PhysicalSample s; head.size() < RATE_ROWS && (s = reader.next()) != null; ) {
                head.add(s);
            }
            if (head.size() < 2) {
                throw new UserError(input + ": needs at least 2 rows to know the sample rate, has " + head.size());
            }
            double rate = rateOf(head);
            if (!(rate >= 25 && rate <= 1000)) {
                throw new UserError(input + ": sample rate " + Math.round(rate * 10) / 10.0
                        + " Hz (median interval of the first rows) is outside 25..1000 Hz");
            }
            EventRing ring = new EventRing(1024, 1);
            Pipeline pipeline = new Pipeline(PipelineParams.fromConfig(cfg, scale, rate), ring);
            Run run = new Run(pipeline, scale, windows, startMinute, Math.round(head.get(0).timeS() * 1e6));
            try (Writer sOut = writer(samples); Writer eOut = writer(eventsFile)) {
                sOut.write("t_s,up_x,up_y,up_z,forward_deg,state\n");
                eOut.write("t_s,type,forward_deg,duration_s\n");
                for (PhysicalSample s : head) {
                    run.step(s, sOut, eOut);
                }
                head.clear();
                for (PhysicalSample s; (s = reader.next()) != null; ) {
                    run.step(s, sOut, eOut);
                }
            }
            spec.commandLine().getOut().println(run.summary(input, rate));
            if (run.nextWindow < windows.size()) {
                throw new UserError(windows.get(run.nextWindow).text() + ": starts after the trace's last row");
            }
        }
    }

    private TraceCsvReader openTrace() throws IOException, UserError, ProtocolException {
        try {
            return TraceCsvReader.open(input);
        } catch (NoSuchFileException e) {
            throw new UserError(input + ": no such file");
        }
    }

    /** The per-row loop; reused buffers only (the CSV text is built in one StringBuilder). */
    private static final class Run {
        final Pipeline pipeline;
        final ImuScale scale;
        final List<Window> windows;
        final int startMinute;
        final long firstUs;
        final short[] raw = new short[6];
        final StringBuilder line = new StringBuilder(128);
        final EventRecord event = new EventRecord();
        int nextWindow;
        long rows;
        long cues;
        long events;
        long lastUs = Long.MIN_VALUE;
        final List<String> calibrations = new ArrayList<>();

        Run(Pipeline pipeline, ImuScale scale, List<Window> windows, int startMinute, long firstUs) {
            this.pipeline = pipeline;
            this.scale = scale;
            this.windows = windows;
            this.startMinute = startMinute;
            this.firstUs = firstUs;
        }

        void step(PhysicalSample s, Writer sOut, Writer eOut) throws IOException {
            long tUs = Math.round(s.timeS() * 1e6);
            if (tUs <= lastUs) {
                tUs = lastUs + 1; // rows closer than 1 us (the reader guarantees t_s increases)
            }
            lastUs = tUs;
            raw[0] = scale.accCounts(s.accX());
            raw[1] = scale.accCounts(s.accY());
            raw[2] = scale.accCounts(s.accZ());
            raw[3] = scale.gyrCounts(s.gyrX());
            raw[4] = scale.gyrCounts(s.gyrY());
            raw[5] = scale.gyrCounts(s.gyrZ());
            while (nextWindow < windows.size() && tUs >= windows.get(nextWindow).startUs()) {
                Window w = windows.get(nextWindow++);
                long duration = Math.max(0, w.endUs() - tUs);
                if (w.neutral()) {
                    pipeline.requestNeutral(duration);
                } else {
                    pipeline.requestLean(duration);
                }
            }
            if (startMinute >= 0) {
                pipeline.setLocalMinuteOfDay((int) ((startMinute + Math.floorDiv(tUs - firstUs, 60_000_000L)) % 1440));
            }
            pipeline.step(tUs, raw);
            rows++;
            CalibrationStatus cal = pipeline.geometryOutput().calibrationEvent;
            if (cal != CalibrationStatus.NONE) {
                calibrations.add(pipeline.geometry().report().message());
            }
            writeSample(tUs, sOut);
            while (pipeline.events().poll(event)) {
                writeEvent(eOut);
            }
        }

        private void writeSample(long tUs, Writer out) throws IOException {
            StringBuilder b = line;
            b.setLength(0);
            appendSeconds(b, tUs).append(',');
            appendFixed(b, pipeline.upX() / TWO_POW_30, 9).append(',');
            appendFixed(b, pipeline.upY() / TWO_POW_30, 9).append(',');
            appendFixed(b, pipeline.upZ() / TWO_POW_30, 9).append(',');
            if (pipeline.calibrated()) {
                appendCenti(b, pipeline.forwardCentiDeg());
            }
            b.append(',').append(pipeline.state().name()).append('\n');
            out.append(b);
        }

        private void writeEvent(Writer out) throws IOException {
            EventType type = event.type();
            events++;
            if (type == EventType.CUE) {
                cues++;
            }
            StringBuilder b = line;
            b.setLength(0);
            appendSeconds(b, event.tUs()).append(',').append(type.name()).append(',');
            if (type != EventType.CALIBRATED && type != EventType.SENSOR_RECOVERED
                    && type != EventType.CONFIG_CHANGED) {
                appendCenti(b, event.angleCentiDeg());
            }
            b.append(',');
            long durationMs = switch (type) {
                case CUE, RECOVERED, CHECKIN_DONE, CHECKIN_MISSED, SENSOR_RECOVERED -> event.d0();
                case SNOOZED -> event.d0() * 60_000;
                default -> -1;
            };
            if (durationMs >= 0) {
                appendMillisAsSeconds(b, durationMs);
            }
            b.append('\n');
            out.append(b);
        }

        String summary(Path input, double rate) {
            StringBuilder b = new StringBuilder();
            b.append(input).append(": ").append(rows).append(" rows at ").append(Math.round(rate * 100) / 100.0)
                    .append(" Hz, ").append(cues).append(" cues, ").append(events).append(" events");
            for (String c : calibrations) {
                b.append("\n  calibration: ").append(c);
            }
            return b.toString();
        }
    }

    static int parseStart(String text) throws UserError {
        String[] parts = text.split(":", -1);
        if (parts.length == 2 && parts[0].matches("\\d{1,2}") && parts[1].matches("\\d{2}")) {
            int h = Integer.parseInt(parts[0]);
            int m = Integer.parseInt(parts[1]);
            if (h < 24 && m < 60) {
                return h * 60 + m;
            }
        }
        throw new UserError("--start '" + text + "': expected HH:MM, 00:00 to 23:59");
    }

    /** Median interval of the rows, as a rate. */
    static double rateOf(List<PhysicalSample> rows) {
        double[] dt = new double[rows.size() - 1];
        for (int i = 1; i < rows.size(); i++) {
            dt[i - 1] = rows.get(i).timeS() - rows.get(i - 1).timeS();
        }
        Arrays.sort(dt);
        int n = dt.length;
        double median = n % 2 == 1 ? dt[n / 2] : (dt[n / 2 - 1] + dt[n / 2]) / 2;
        return 1 / median;
    }

    private static Writer writer(Path file) throws UserError {
        try {
            return new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16);
        } catch (IOException e) {
            throw new UserError(file + ": cannot write: " + e.getMessage());
        }
    }

    private static StringBuilder appendSeconds(StringBuilder b, long us) {
        if (us < 0) {
            b.append('-');
            us = -us;
        }
        b.append(us / 1_000_000).append('.');
        String frac = Long.toString(us % 1_000_000 + 1_000_000);
        return b.append(frac, 1, 7);
    }

    private static void appendMillisAsSeconds(StringBuilder b, long ms) {
        b.append(ms / 1000).append('.');
        String frac = Long.toString(ms % 1000 + 1000);
        b.append(frac, 1, 4);
    }

    private static void appendCenti(StringBuilder b, int centi) {
        if (centi < 0) {
            b.append('-');
        }
        long a = Math.abs((long) centi);
        b.append(a / 100).append('.');
        long f = a % 100;
        if (f < 10) {
            b.append('0');
        }
        b.append(f);
    }

    /** {@code v} with {@code decimals} decimals (|v| <= 2). */
    private static StringBuilder appendFixed(StringBuilder b, double v, int decimals) {
        long scale = 1;
        for (int i = 0; i < decimals; i++) {
            scale *= 10;
        }
        long units = Math.round(v * scale);
        if (units < 0) {
            b.append('-');
            units = -units;
        }
        b.append(units / scale).append('.');
        String frac = Long.toString(units % scale + scale);
        return b.append(frac, 1, decimals + 1);
    }
}
