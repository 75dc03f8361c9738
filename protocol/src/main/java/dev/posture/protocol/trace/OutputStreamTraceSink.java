package dev.posture.protocol.trace;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

final class OutputStreamTraceSink implements TraceSink {
    private final OutputStream out;

    OutputStreamTraceSink(OutputStream out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        out.write(bytes, offset, length);
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
