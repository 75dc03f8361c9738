package dev.posture.protocol.trace;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a trace CSV that {@link TraceCsvReader} reads back to the same doubles: the header row
 * {@value #HEADER}, then one row per sample, LF line endings, numbers in plain decimal notation
 * with the digits of {@link Double#toString} (e.g. 0.0035, 9.80665, -0.000532). The output is a
 * function of the samples alone. Refuses what the reader would refuse: non-finite values and
 * times that do not increase.
 */
public final class TraceCsvWriter implements Closeable, Flushable {
    public static final String HEADER = "t_s,acc_x,acc_y,acc_z,gyr_x,gyr_y,gyr_z";

    private final Writer out;
    private boolean anyRow;
    private double lastTimeS;

    /** Writes the header row; {@link #close} closes {@code out}. */
    public TraceCsvWriter(OutputStream out) throws IOException {
        this.out = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.US_ASCII), 65536);
        this.out.write(HEADER);
        this.out.write('\n');
    }

    /** Creates {@code file}, gzip-compressed when its name ends in ".gz", and writes the header row. */
    public static TraceCsvWriter create(Path file) throws IOException {
        OutputStream stream = Files.newOutputStream(file);
        try {
            if (file.getFileName().toString().endsWith(".gz")) {
                stream = new GZIPOutputStream(stream, 65536);
            }
            return new TraceCsvWriter(stream);
        } catch (IOException | RuntimeException e) {
            stream.close();
            throw e;
        }
    }

    /**
     * @throws IllegalArgumentException for a non-finite value or a time not after the previous row's
     */
    public void write(PhysicalSample s) throws IOException {
        double[] values = {s.timeS(), s.accX(), s.accY(), s.accZ(), s.gyrX(), s.gyrY(), s.gyrZ()};
        for (int k = 0; k < values.length; k++) {
            if (!Double.isFinite(values[k])) {
                throw new IllegalArgumentException(TraceCsvReader.REQUIRED_COLUMNS.get(k) + " is not finite: " + values[k]);
            }
        }
        if (anyRow && !(s.timeS() > lastTimeS)) {
            throw new IllegalArgumentException("t_s " + s.timeS() + " is not after " + lastTimeS);
        }
        anyRow = true;
        lastTimeS = s.timeS();
        for (int k = 0; k < values.length; k++) {
            if (k > 0) {
                out.write(',');
            }
            out.write(DecimalText.format(values[k]));
        }
        out.write('\n');
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
