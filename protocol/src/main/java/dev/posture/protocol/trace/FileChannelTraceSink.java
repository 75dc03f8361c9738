package dev.posture.protocol.trace;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Objects;

final class FileChannelTraceSink implements TraceSink {
    private final FileChannel channel;
    /** Wraps the writer's chunk buffer once, so writing a chunk allocates nothing. */
    private ByteBuffer wrapped = ByteBuffer.allocate(0);

    FileChannelTraceSink(FileChannel channel) {
        this.channel = Objects.requireNonNull(channel, "channel");
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        if (!wrapped.hasArray() || wrapped.array() != bytes) {
            wrapped = ByteBuffer.wrap(bytes);
        }
        wrapped.clear().position(offset).limit(offset + length);
        while (wrapped.hasRemaining()) {
            channel.write(wrapped);
        }
    }

    @Override
    public void flush() throws IOException {
        channel.force(false);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
