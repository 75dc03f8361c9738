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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a trace CSV that {@link TraceCsvReader} reads back to the same doubles: the header row
 * {@value #HEADER}, then one row per sample, LF line endings, numbers in plain decimal notation
 * with the digits of {@link Double#toString} (e.g. 0.0035, 9.80665, -0.000532). The output is a
 * function of the samples alone. Refuses what the reader would refuse: non-finite values and
 * times that do not increase.
 *
 * <p>Extra columns (the format lets readers ignore any column besides the seven) are named once,
 * after the seven in the header, and given one cell each per row as text, e.g. a simulator's ground
 * truth; {@link #decimal} writes a number the way the seven are written. Names and cells are plain
 * text (printable ASCII, no comma or quote: nothing that needs CSV quoting), and a name must not repeat.
 */
public final class TraceCsvWriter implements Closeable, Flushable {
    public static final String HEADER = "t_s,acc_x,acc_y,acc_z,gyr_x,gyr_y,gyr_z";

    private static final String[] NO_CELLS = {};

    private final Writer out;
    /** Number of extra columns after the seven. */
    private final int extraColumns;
    private boolean anyRow;
    private double lastTimeS;

    /** Writes the header row; {@link #close} closes {@code out}. */
    public TraceCsvWriter(OutputStream out) throws IOException {
        this(out, List.of());
    }

    /**
     * Writes the header row, the seven columns then {@code extraColumns}; {@link #close} closes
     * {@code out}.
     *
     * @throws IllegalArgumentException for an extra column name that is empty, needs quoting, or repeats
     *                                  a column
     */
    public TraceCsvWriter(OutputStream out, List<String> extraColumns) throws IOException {
        Set<String> names = new HashSet<>(TraceCsvReader.REQUIRED_COLUMNS);
        for (String name : extraColumns) {
            if (name.isEmpty() || !plain(name) || !name.strip().equals(name)) {
                throw new IllegalArgumentException("extra column name \"" + name + "\" is not plain text"
                        + " (printable ASCII, no comma or quote, no blanks around it)");
            }
            if (!names.add(name)) {
                throw new IllegalArgumentException("column " + name + " appears twice");
            }
        }
        this.extraColumns = extraColumns.size();
        this.out = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.US_ASCII), 65536);
        this.out.write(HEADER);
        for (String name : extraColumns) {
            this.out.write(',');
            this.out.write(name);
        }
        this.out.write('\n');
    }

    /** Creates {@code file}, gzip-compressed when its name ends in ".gz", and writes the header row. */
    public static TraceCsvWriter create(Path file) throws IOException {
        return create(file, List.of());
    }

    /** As {@link #create(Path)}, with extra columns after the seven. */
    public static TraceCsvWriter create(Path file, List<String> extraColumns) throws IOException {
        OutputStream stream = Files.newOutputStream(file);
        try {
            if (file.getFileName().toString().endsWith(".gz")) {
                stream = new GZIPOutputStream(stream, 65536);
            }
            return new TraceCsvWriter(stream, extraColumns);
        } catch (IOException | RuntimeException e) {
            stream.close();
            throw e;
        }
    }

    /** {@code value} as the seven columns are written: plain decimal, round-trip digits; finite only. */
    public static String decimal(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("not finite: " + value);
        }
        return DecimalText.format(value);
    }

    /**
     * @throws IllegalArgumentException for a non-finite value or a time not after the previous row's,
     *                                  or when the header has extra columns
     */
    public void write(PhysicalSample s) throws IOException {
        write(s, NO_CELLS);
    }

    /**
     * A row with one cell per extra column, written as given.
     *
     * @throws IllegalArgumentException as {@link #write(PhysicalSample)}, for a cell count other than the
     *                                  extra column count, or a cell that needs CSV quoting
     */
    public void write(PhysicalSample s, String... extraCells) throws IOException {
        if (extraCells.length != extraColumns) {
            throw new IllegalArgumentException(extraCells.length + " extra cells for " + extraColumns + " extra columns");
        }
        for (String cell : extraCells) {
            if (!plain(cell)) {
                throw new IllegalArgumentException("extra cell \"" + cell + "\" is not plain text"
                        + " (printable ASCII, no comma or quote)");
            }
        }
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
        for (String cell : extraCells) {
            out.write(',');
            out.write(cell);
        }
        out.write('\n');
    }

    /** Printable ASCII without comma or quote: written as it is, read back the same. */
    private static boolean plain(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7E || c == ',' || c == '"') {
                return false;
            }
        }
        return true;
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
