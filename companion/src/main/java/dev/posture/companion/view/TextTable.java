package dev.posture.companion.view;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Rows of text printed either as an aligned table (for people) or as RFC 4180 CSV (for programs).
 * Null cells print as empty.
 */
public final class TextTable {
    private final List<String> header;
    private final List<String[]> rows = new ArrayList<>();

    public TextTable(String... header) {
        this.header = List.of(header);
    }

    /** Adds a row with one cell per header column. */
    public TextTable row(Object... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException("row has " + cells.length + " cells, header " + header.size());
        }
        rows.add(Arrays.stream(cells).map(c -> c == null ? "" : c.toString()).toArray(String[]::new));
        return this;
    }

    public int size() {
        return rows.size();
    }

    /** Prints as CSV (header row first) or as a table with columns padded to their widest cell. */
    public void print(PrintWriter out, boolean csv) {
        if (csv) {
            out.println(csvLine(header.toArray(String[]::new)));
            rows.forEach(r -> out.println(csvLine(r)));
            return;
        }
        int[] width = new int[header.size()];
        for (int i = 0; i < width.length; i++) {
            width[i] = header.get(i).length();
        }
        for (String[] r : rows) {
            for (int i = 0; i < width.length; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        out.println(tableLine(header.toArray(String[]::new), width));
        rows.forEach(r -> out.println(tableLine(r, width)));
    }

    private static String tableLine(String[] cells, int[] width) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            line.append(cells[i]);
            if (i < cells.length - 1) {
                line.append(" ".repeat(width[i] - cells[i].length() + 2));
            }
        }
        return line.toString().stripTrailing();
    }

    private static String csvLine(String[] cells) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                line.append(',');
            }
            String c = cells[i];
            if (c.indexOf(',') >= 0 || c.indexOf('"') >= 0 || c.indexOf('\n') >= 0 || c.indexOf('\r') >= 0) {
                line.append('"').append(c.replace("\"", "\"\"")).append('"');
            } else {
                line.append(c);
            }
        }
        return line.toString();
    }
}
