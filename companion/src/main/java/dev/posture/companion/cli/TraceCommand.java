package dev.posture.companion.cli;

import dev.posture.protocol.ProtocolException;
import dev.posture.protocol.cli.CommandLines;
import dev.posture.protocol.cli.CommandLines.UserError;
import dev.posture.protocol.trace.Rational;
import dev.posture.protocol.trace.SensorVector;
import dev.posture.protocol.trace.TraceCalibration;
import dev.posture.protocol.trace.TraceDefect;
import dev.posture.protocol.trace.TraceExport;
import dev.posture.protocol.trace.TraceHeader;
import dev.posture.protocol.trace.TraceReader;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.zip.GZIPOutputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code trace info FILE} and {@code trace export}: look into a device's binary raw trace file. */
@Command(name = "trace", mixinStandardHelpOptions = true,
        description = "Inspect a recorded raw trace (.ptrace) or convert it to the trace CSV.",
        subcommands = {TraceCommand.Info.class, TraceCommand.Export.class})
final class TraceCommand {

    @Command(name = "info", mixinStandardHelpOptions = true,
            description = "Print a trace's header, its sample count and every damaged chunk.")
    static final class Info implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "a binary trace written by the device")
        Path file;

        @Override
        public Integer call() throws IOException, ProtocolException, UserError {
            PrintWriter out = spec.commandLine().getOut();
            try (InputStream in = open(file); TraceReader reader = TraceReader.open(in, d -> report(out, d))) {
                TraceHeader h = reader.header();
                out.println("recording   " + h.recordingId() + " (format " + reader.formatVersion() + ")");
                out.println("device      " + h.deviceId() + ", sensor " + h.sensorModel());
                out.println("started     " + Instant.ofEpochMilli(h.startEpochMs()));
                out.println("rate        " + h.sampleRateHz() + " Hz");
                out.println("accel       +-" + h.accelRangeG() + " g, " + decimal(h.accelLsbPerG()) + " LSB/g");
                out.println("gyro        +-" + h.gyroRangeDps() + " deg/s, " + decimal(h.gyroLsbPerDps()) + " LSB/(deg/s)");
                out.println("calibration " + describe(h.calibration()));
                long samples = 0;
                long firstUs = 0;
                long lastUs = 0;
                for (var s = reader.next(); s != null; s = reader.next()) {
                    if (samples++ == 0) {
                        firstUs = s.timestampUs();
                    }
                    lastUs = s.timestampUs();
                }
                out.printf(Locale.ROOT, "samples     %d over %.3f s, %d damaged chunk(s)%n", samples,
                        samples == 0 ? 0.0 : (lastUs - firstUs) / 1e6, reader.defectCount());
                return reader.defectCount() == 0 ? CommandLines.OK : CommandLines.FAILED;
            }
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Convert a trace to the trace CSV (m/s^2, rad/s; gzip when OUT ends in .gz). "
                    + "Damaged chunks are reported and skipped; every good sample is kept.")
    static final class Export implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--input", required = true, paramLabel = "FILE", description = "a binary trace")
        Path input;

        @Option(names = "--out", required = true, paramLabel = "OUT.csv", description = "the CSV to write")
        Path output;

        @Override
        public Integer call() throws IOException, ProtocolException, UserError {
            PrintWriter err = spec.commandLine().getErr();
            TraceExport.Summary summary;
            try (InputStream in = open(input); OutputStream csv = create(output)) {
                summary = TraceExport.binaryToCsv(in, csv, d -> report(err, d));
            }
            spec.commandLine().getOut().println(output + ": " + summary.samples() + " samples of "
                    + summary.header().recordingId() + (summary.defectCount() == 0 ? ""
                    : ", " + summary.defectCount() + " damaged chunk(s) skipped"));
            return CommandLines.OK;
        }
    }

    private static String decimal(Rational r) {
        return new BigDecimal(r.numerator()).divide(new BigDecimal(r.denominator()), MathContext.DECIMAL64)
                .stripTrailingZeros().toPlainString();
    }

    private static String describe(TraceCalibration c) {
        if (c.neutralUp().isEmpty()) {
            return "none";
        }
        return "neutral up " + vector(c.neutralUp().get())
                + c.forward().map(f -> ", forward " + vector(f)).orElse(", forward not taught");
    }

    private static String vector(SensorVector v) {
        return String.format(Locale.ROOT, "(%.4f, %.4f, %.4f)", v.x(), v.y(), v.z());
    }

    private static void report(PrintWriter to, TraceDefect defect) {
        to.println("damaged: " + defect.message());
    }

    private static InputStream open(Path file) throws IOException, UserError {
        try {
            return new BufferedInputStream(Files.newInputStream(file));
        } catch (NoSuchFileException e) {
            throw new UserError(file + ": no such file");
        }
    }

    private static OutputStream create(Path file) throws IOException {
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(file));
        return file.getFileName().toString().endsWith(".gz") ? new GZIPOutputStream(out) : out;
    }
}
