package dev.posture.protocol.trace;

import dev.posture.protocol.ProtocolException;
import java.util.Arrays;

/**
 * Splits one CSV line into fields without copying them: a field is plain text up to the next comma,
 * or a quoted field ("..." with "" for a quote, as RFC 4180 writes; blanks around the quotes are
 * allowed; quoted line breaks are not supported). Only the fields a caller asks for become strings. Reused from line to line.
 */
final class CsvFields {
    private String line = "";
    private int count;
    private int[] starts = new int[16];
    private int[] ends = new int[16];
    private boolean[] quoted = new boolean[16];

    /** Splits {@code line} (line number {@code lineNumber} in the file) and returns the field count. */
    int split(String line, int lineNumber) throws ProtocolException {
        this.line = line;
        count = 0;
        int n = line.length();
        int i = 0;
        while (true) {
            if (count == starts.length) {
                grow();
            }
            int open = skipBlanks(line, i);
            if (open < n && line.charAt(open) == '"') {
                int close = closingQuote(line, open + 1);
                if (close < 0) {
                    throw new ProtocolException("line " + lineNumber + ", field " + (count + 1) + ": unterminated quoted field");
                }
                record(open + 1, close, true);
                i = skipBlanks(line, close + 1);
                if (i < n && line.charAt(i) != ',') {
                    throw new ProtocolException("line " + lineNumber + ", field " + count + ": text after the closing quote");
                }
            } else {
                int comma = line.indexOf(',', i);
                int end = comma < 0 ? n : comma;
                record(i, end, false);
                i = end;
            }
            if (i >= n) {
                return count;
            }
            i++; // the comma
        }
    }

    int count() {
        return count;
    }

    /** Field {@code index} (0-based): quotes removed, "" unescaped, spaces and tabs around it trimmed. */
    String value(int index) {
        String text = line.substring(starts[index], ends[index]);
        if (quoted[index]) {
            text = text.replace("\"\"", "\"");
        }
        return trimBlanks(text);
    }

    private static int closingQuote(String line, int from) {
        int i = from;
        while (i < line.length()) {
            if (line.charAt(i) == '"') {
                if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    i += 2;
                    continue;
                }
                return i;
            }
            i++;
        }
        return -1;
    }

    private static int skipBlanks(String line, int from) {
        int i = from;
        while (i < line.length() && isBlank(line.charAt(i))) {
            i++;
        }
        return i;
    }

    private static String trimBlanks(String s) {
        int from = 0;
        int to = s.length();
        while (from < to && isBlank(s.charAt(from))) {
            from++;
        }
        while (to > from && isBlank(s.charAt(to - 1))) {
            to--;
        }
        return s.substring(from, to);
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    private void record(int start, int end, boolean isQuoted) {
        starts[count] = start;
        ends[count] = end;
        quoted[count] = isQuoted;
        count++;
    }

    private void grow() {
        int size = starts.length * 2;
        starts = Arrays.copyOf(starts, size);
        ends = Arrays.copyOf(ends, size);
        quoted = Arrays.copyOf(quoted, size);
    }
}
