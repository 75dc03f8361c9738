package dev.posture.protocol.console;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * Reads console lines from a stream through a {@link LineAssembler}: the companion reading what
 * the device sends, or the device reading a serial port's input stream. Reads in small chunks into
 * a buffer it owns and does not care how many bytes each read returns.
 */
public final class ConsoleLineReader {
    private final InputStream in;
    private final LineAssembler lines;
    private final byte[] chunk = new byte[64];
    private int position;
    private int limit;

    public ConsoleLineReader(InputStream in, LineAssembler lines) {
        this.in = Objects.requireNonNull(in, "in");
        this.lines = Objects.requireNonNull(lines, "lines");
    }

    /**
     * Blocks until a line or a line error completes and returns {@link LineEvent#LINE},
     * {@link LineEvent#TOO_LONG} or {@link LineEvent#BAD_BYTE}; then read {@link #line()} or
     * {@link #error()}. Returns null at the end of the stream (an unterminated last line is dropped).
     */
    public LineEvent next() throws IOException {
        while (true) {
            if (position == limit) {
                int n = in.read(chunk, 0, chunk.length);
                if (n < 0) {
                    return null;
                }
                position = 0;
                limit = n;
                continue;
            }
            LineEvent event = lines.accept(chunk[position++]);
            if (event != LineEvent.NONE) {
                return event;
            }
        }
    }

    /** The line after {@link LineEvent#LINE}, valid until the next call to {@link #next()}. */
    public CharSequence line() {
        return lines.line();
    }

    /** The error after {@link LineEvent#TOO_LONG} or {@link LineEvent#BAD_BYTE}. */
    public ConsoleError error() {
        return lines.error();
    }
}
