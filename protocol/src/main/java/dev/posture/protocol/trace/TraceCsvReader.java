package dev.posture.protocol.trace;

import dev.posture.protocol.ProtocolException;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.StringJoiner;

/**
 * Reads a trace CSV row by row, strictly: a header row naming at least {@link #REQUIRED_COLUMNS}
 * (any order, other columns ignored), then one sample per line with finite numbers and strictly
 * increasing t_s. Gzip input (.csv.gz) is recognised by its magic bytes and decompressed.
 *
 * <p>The first problem ends the reading with a {@link ProtocolException} whose one-line message
 * names the 1-based line of the file and, for a cell, the column: {@code line 7, column acc_x: not
 * a number: "1,5"}. Nothing else escapes apart from the stream's own IOExceptions.
 */
public final class TraceCsvReader implements Closeable {
    public static final List<String> REQUIRED_COLUMNS =
            List.of("t_s", "acc_x", "acc_y", "acc_z", "gyr_x", "gyr_y", "gyr_z");
    /** Longest line accepted, in bytes without its line ending. */
    public static final int MAX_LINE_BYTES = 8192;

    private static final int SHOWN_CELL_CHARS = 40;

    // Parameters, fixed by the header row.
    private final InputStream in;
    private final CsvLineSource lines;
    private final List<String> columns;
    /** Field index of each required column, in the order of REQUIRED_COLUMNS. */
    private final int[] fieldOf = new int[REQUIRED_COLUMNS.size()];

    // State.
    private final CsvFields fields = new CsvFields();
    private final double[] values = new double[REQUIRED_COLUMNS.size()];
    private boolean anyRow;
    private double lastTimeS;
    private String lastTimeText = "";
    private int lastTimeLine;

    private TraceCsvReader(PushbackInputStream in) throws IOException, ProtocolException {
        this.in = in;
        InputStream text = in;
        try {
            if (isGzip(in)) {
                text = GzipErrorStream.open(in);
            }
        } catch (CorruptGzipException e) {
            throw corruptGzip(1, e);
        }
        this.lines = new CsvLineSource(text, MAX_LINE_BYTES);
        this.columns = readHeader();
    }

    /**
     * Reads the header row from {@code in} (plain or gzip text). The reader takes the stream over:
     * {@link #close} closes it.
     */
    public static TraceCsvReader open(InputStream in) throws IOException, ProtocolException {
        return new TraceCsvReader(new PushbackInputStream(in, 2));
    }

    /** Opens {@code file} (.csv or .csv.gz) and reads its header row. */
    public static TraceCsvReader open(Path file) throws IOException, ProtocolException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 65536);
        try {
            return open(in);
        } catch (IOException | ProtocolException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /** The header row's column names, trimmed, in file order. */
    public List<String> columns() {
        return columns;
    }

    /** 1-based line number of the last line read. */
    public int lineNumber() {
        return lines.lineNumber();
    }

    /** The next row as a sample, or null after the last row. */
    public PhysicalSample next() throws IOException, ProtocolException {
        String line = nextLine();
        if (line == null) {
            return null;
        }
        int number = lines.lineNumber();
        if (line.isEmpty()) {
            throw new ProtocolException("line " + number + ": empty line");
        }
        int count = fields.split(line, number);
        if (count != columns.size()) {
            throw new ProtocolException("line " + number + ": " + count + " fields, expected " + columns.size()
                    + " as in the header");
        }
        for (int k = 0; k < values.length; k++) {
            values[k] = number(fields.value(fieldOf[k]), number, REQUIRED_COLUMNS.get(k));
        }
        checkTime(fields.value(fieldOf[0]), values[0], number);
        return new PhysicalSample(values[0], values[1], values[2], values[3], values[4], values[5], values[6]);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private List<String> readHeader() throws IOException, ProtocolException {
        String line = nextLine();
        if (line == null) {
            throw new ProtocolException("line 1: empty file, expected a header row");
        }
        if (line.startsWith("\uFEFF")) {
            line = line.substring(1); // byte order mark, as spreadsheets write it
        }
        int count = fields.split(line, 1);
        List<String> names = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            names.add(fields.value(i));
        }
        StringJoiner missing = new StringJoiner(", ");
        int missingCount = 0;
        for (int k = 0; k < REQUIRED_COLUMNS.size(); k++) {
            String name = REQUIRED_COLUMNS.get(k);
            int first = names.indexOf(name);
            int last = names.lastIndexOf(name);
            if (first < 0) {
                missing.add(name);
                missingCount++;
            } else if (first != last) {
                throw new ProtocolException("line 1: column " + name + " appears twice (fields " + (first + 1)
                        + " and " + (last + 1) + ")");
            }
            fieldOf[k] = first;
        }
        if (missingCount > 0) {
            throw new ProtocolException("line 1: missing required column" + (missingCount > 1 ? "s " : " ") + missing);
        }
        return Collections.unmodifiableList(names);
    }

    private String nextLine() throws IOException, ProtocolException {
        try {
            return lines.next();
        } catch (CorruptGzipException e) {
            throw corruptGzip(lines.lineNumber() + 1, e);
        }
    }

    private static double number(String cell, int line, String column) throws ProtocolException {
        if (cell.isEmpty()) {
            throw new ProtocolException("line " + line + ", column " + column + ": empty");
        }
        if (!DecimalText.isDecimal(cell)) {
            String problem = DecimalText.isNonFinite(cell) ? "not finite: " : "not a number: ";
            throw new ProtocolException("line " + line + ", column " + column + ": " + problem + shown(cell));
        }
        double value = Double.parseDouble(cell);
        if (!Double.isFinite(value)) {
            throw new ProtocolException("line " + line + ", column " + column + ": not finite: " + shown(cell));
        }
        return value;
    }

    private void checkTime(String text, double timeS, int line) throws ProtocolException {
        if (anyRow && timeS <= lastTimeS) {
            String problem = timeS == lastTimeS
                    ? "time repeats (" + text + " as on line " + lastTimeLine + ")"
                    : "time goes backwards (" + text + " after " + lastTimeText + " on line " + lastTimeLine + ")";
            throw new ProtocolException("line " + line + ", column t_s: " + problem);
        }
        anyRow = true;
        lastTimeS = timeS;
        lastTimeText = text;
        lastTimeLine = line;
    }

    /** A cell as shown in a message: quoted, control characters as '?', cut after 40 characters. */
    private static String shown(String cell) {
        StringBuilder s = new StringBuilder("\"");
        int n = Math.min(cell.length(), SHOWN_CELL_CHARS);
        for (int i = 0; i < n; i++) {
            char c = cell.charAt(i);
            s.append(c < 0x20 || c == 0x7F ? '?' : c);
        }
        return s.append(cell.length() > SHOWN_CELL_CHARS ? "...\"" : "\"").toString();
    }

    private static ProtocolException corruptGzip(int line, CorruptGzipException e) {
        return new ProtocolException("line " + line + ": corrupt gzip data (" + e.getMessage() + ")");
    }

    /** Peeks at the first two bytes for the gzip magic 1f 8b, which no UTF-8 text starts with. */
    private static boolean isGzip(PushbackInputStream in) throws IOException {
        byte[] magic = new byte[2];
        int n = 0;
        while (n < 2) {
            int read = in.read(magic, n, 2 - n);
            if (read < 0) {
                break;
            }
            n += read;
        }
        in.unread(magic, 0, n);
        return n == 2 && (magic[0] & 0xFF) == 0x1F && (magic[1] & 0xFF) == 0x8B;
    }
}
