package dev.posture.protocol.console;

import java.nio.charset.StandardCharsets;

/**
 * Assembles console lines from bytes fed one at a time, in a fixed buffer: no allocation per byte.
 * One instance per serial reader thread; not thread-safe. Never throws, whatever the bytes.
 *
 * <p>Rules (see protocol/docs/console.md):
 * <ul>
 *   <li>LF ends a line, and so does a bare CR: picocom sends CR for Enter. A LF right after a CR
 *       belongs to that CR, so CRLF is one line end, and CR CR LF ends two lines.</li>
 *   <li>A line holds printable ASCII (0x20..0x7E) and tabs. BS (0x08) and DEL (0x7F) erase the byte
 *       before them, for clinicians typing by hand; at the start of a line they do nothing.</li>
 *   <li>Blank lines (empty, or only spaces and tabs) complete nothing: pressing Enter in a terminal
 *       gets no reply.</li>
 *   <li>A line that grows past the limit is discarded up to its line end, which then yields one
 *       {@link LineEvent#TOO_LONG}. A line holding any other byte (control, NUL, 0x80 and above) is
 *       discarded the same way and yields one {@link LineEvent#BAD_BYTE}; the first problem in a
 *       line is the one reported.</li>
 *   <li>Bytes after the last line end are held until a line end arrives.</li>
 * </ul>
 */
public final class LineAssembler {
    private static final int BS = 0x08;
    private static final int LF = 0x0A;
    private static final int CR = 0x0D;
    private static final int DEL = 0x7F;

    /** Line-content limit in bytes, without the line end. */
    private final int maxLineBytes;
    /** The line being assembled; after a LINE event, the completed line until the next byte. */
    private final byte[] buffer;
    private final CharSequence lineView = new LineView();

    // State of the line being assembled.
    /** Bytes held in {@link #buffer} (erased bytes removed). */
    private int length;
    /** Bytes received since the line began, erased and erasing bytes included: what offsets count. */
    private long received;
    /** The first problem seen in this line; later bytes up to the line end are dropped. */
    private LineEvent problem = LineEvent.NONE;
    /** The last byte was a CR, so a LF now is its partner, not a second line end. */
    private boolean afterCr;

    // What the last event reported, readable until the next byte.
    private int completedLength;
    private LineEvent lastEvent = LineEvent.NONE;
    private int badByte;
    private long badByteOffset;

    public LineAssembler(int maxLineBytes) {
        if (maxLineBytes < 1) {
            throw new IllegalArgumentException("maxLineBytes must be positive: " + maxLineBytes);
        }
        this.maxLineBytes = maxLineBytes;
        this.buffer = new byte[maxLineBytes];
    }

    /** An assembler for request lines, limited to {@link ConsoleLimits#MAX_REQUEST_BYTES}. */
    public static LineAssembler forRequests() {
        return new LineAssembler(ConsoleLimits.MAX_REQUEST_BYTES);
    }

    /** An assembler for lines the device sends, limited to {@link ConsoleLimits#MAX_DEVICE_LINE_BYTES}. */
    public static LineAssembler forDeviceLines() {
        return new LineAssembler(ConsoleLimits.MAX_DEVICE_LINE_BYTES);
    }

    /** Whether a byte (or char) may appear inside a line: printable ASCII or a tab. */
    public static boolean isLineByte(int c) {
        return c == '\t' || (c >= 0x20 && c <= 0x7E);
    }

    /** Feeds one byte; returns what it completed, usually {@link LineEvent#NONE}. */
    public LineEvent accept(byte b) {
        int c = b & 0xFF;
        if (afterCr) {
            afterCr = false;
            if (c == LF) {
                return report(LineEvent.NONE);
            }
        }
        if (c == CR || c == LF) {
            afterCr = c == CR;
            return endLine();
        }
        if (problem == LineEvent.NONE) {
            store(c);
        }
        return report(LineEvent.NONE);
    }

    /** Forgets the partial line, e.g. when the serial port reconnects. */
    public void reset() {
        startLine();
        afterCr = false;
        report(LineEvent.NONE);
    }

    /** The line of the last {@link LineEvent#LINE} event: a view valid until the next byte. */
    public CharSequence line() {
        return lineView;
    }

    /** The error of the last {@link LineEvent#TOO_LONG} or {@link LineEvent#BAD_BYTE} event. */
    public ConsoleError error() {
        switch (lastEvent) {
            case TOO_LONG:
                return ConsoleError.tooLong(maxLineBytes);
            case BAD_BYTE:
                return ConsoleError.badByte(badByte, badByteOffset);
            default:
                throw new IllegalStateException("the last byte completed " + lastEvent + ", not an error");
        }
    }

    public int maxLineBytes() {
        return maxLineBytes;
    }

    private void store(int c) {
        long offset = received++;
        if (c == BS || c == DEL) {
            if (length > 0) {
                length--;
            }
        } else if (!isLineByte(c)) {
            problem = LineEvent.BAD_BYTE;
            badByte = c;
            badByteOffset = offset;
        } else if (length == maxLineBytes) {
            problem = LineEvent.TOO_LONG;
        } else {
            buffer[length++] = (byte) c;
        }
    }

    private LineEvent endLine() {
        LineEvent event = problem;
        if (event == LineEvent.NONE && !isBlank()) {
            event = LineEvent.LINE;
            completedLength = length;
        }
        startLine();
        return report(event);
    }

    private boolean isBlank() {
        for (int i = 0; i < length; i++) {
            if (buffer[i] != ' ' && buffer[i] != '\t') {
                return false;
            }
        }
        return true;
    }

    private void startLine() {
        length = 0;
        received = 0;
        problem = LineEvent.NONE;
    }

    private LineEvent report(LineEvent event) {
        lastEvent = event;
        return event;
    }

    /** The completed line as chars, straight from the buffer (ASCII, so one byte is one char). */
    private final class LineView implements CharSequence {
        @Override
        public int length() {
            return lastEvent == LineEvent.LINE ? completedLength : 0;
        }

        @Override
        public char charAt(int index) {
            if (index < 0 || index >= length()) {
                throw new IndexOutOfBoundsException("index " + index + ", length " + length());
            }
            return (char) buffer[index];
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return toString().substring(start, end);
        }

        @Override
        public String toString() {
            return new String(buffer, 0, length(), StandardCharsets.US_ASCII);
        }
    }
}
