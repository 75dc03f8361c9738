package dev.posture.device.console;

import java.io.OutputStream;
import java.util.function.Consumer;

/**
 * An OutputStream that cuts what {@code TraceCsvWriter} writes into lines at LF and hands each
 * line's text to a consumer, so TRACE GET sends the trace CSV format itself, written by its own
 * writer, one {@code * TRACE} line per CSV line.
 */
final class TraceLines extends OutputStream {
    /** Longest CSV line kept; a trace row is about 80 bytes, so this is never reached by real rows. */
    private static final int MAX_LINE = 1000;

    private final Consumer<CharSequence> lineConsumer;
    private final StringBuilder line = new StringBuilder(128);

    TraceLines(Consumer<CharSequence> lineConsumer) {
        this.lineConsumer = lineConsumer;
    }

    @Override
    public void write(int b) {
        if (b == '\n') {
            lineConsumer.accept(line);
            line.setLength(0);
        } else if (b != '\r' && line.length() < MAX_LINE) {
            line.append((char) (b & 0xFF));
        }
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        for (int i = 0; i < length; i++) {
            write(bytes[offset + i]);
        }
    }

    /** The trace writer closes its stream; the lines have all been handed on by then. */
    @Override
    public void close() {
    }
}
