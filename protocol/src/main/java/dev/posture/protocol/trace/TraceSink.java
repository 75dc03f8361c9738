package dev.posture.protocol.trace;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;

/**
 * Where a {@link TraceWriter} puts its bytes. The writer hands over the header in one call and then
 * each whole chunk in one call, so a sink can also forward every chunk as one message.
 */
public interface TraceSink extends Closeable {
    void write(byte[] bytes, int offset, int length) throws IOException;

    /** Makes everything written so far durable (the device calls this through {@link TraceWriter#flush}). */
    void flush() throws IOException;

    /** A stream sink; flush is {@link OutputStream#flush}, which for a plain file is not an fsync. */
    static TraceSink of(OutputStream out) {
        return new OutputStreamTraceSink(out);
    }

    /** A file sink; flush is {@link FileChannel#force force(false)}, i.e. fdatasync on Linux. */
    static TraceSink of(FileChannel channel) {
        return new FileChannelTraceSink(channel);
    }
}
