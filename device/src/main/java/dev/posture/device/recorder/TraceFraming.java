package dev.posture.device.recorder;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;

/**
 * Walks a trace file's chunk framing (sync word and sample count of each chunk; see
 * protocol/docs/trace.md) without reading the samples or checking CRCs: one 20-byte read per chunk,
 * cheap enough for every {@link TraceRecorder#list()}. The full check is {@link TraceRecorder#chunks}.
 */
public final class TraceFraming {
    static final int HEADER_MIN_BYTES = 84;
    static final int CHUNK_PREFIX_BYTES = 20;
    static final int CHUNK_OVERHEAD_BYTES = 24;
    static final int SAMPLE_BYTES = 14;
    static final int MAX_CHUNK_SAMPLES = 4096;
    private static final int MAGIC = 0x43525450; // "PTRC" read little-endian
    private static final int SYNC = 0x4b435450; // "PTCK" read little-endian

    private TraceFraming() {
    }

    /**
     * What the framing says.
     *
     * @param headerBytes header length, or -1 when the file is too short or not a trace
     * @param chunks      whole, well-framed chunks from the header on
     * @param samples     samples in them
     * @param endOffset   where the last of them ends (where the framing stopped)
     * @param fileBytes   file size
     */
    public record Summary(int headerBytes, long chunks, long samples, long endOffset, long fileBytes) {
        /** The header is there and the framing runs to the end of the file. */
        public boolean complete() {
            return headerBytes > 0 && endOffset == fileBytes;
        }
    }

    /** Bytes in a chunk of {@code samples} samples. */
    public static int chunkBytes(int samples) {
        return CHUNK_OVERHEAD_BYTES + SAMPLE_BYTES * samples;
    }

    public static Summary scan(FileChannel channel) throws IOException {
        long size = channel.size();
        ByteBuffer prefix = ByteBuffer.allocate(CHUNK_PREFIX_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        if (size < HEADER_MIN_BYTES || !readFully(channel, prefix, 0) || prefix.getInt(0) != MAGIC) {
            return new Summary(-1, 0, 0, 0, size);
        }
        int headerBytes = Short.toUnsignedInt(prefix.getShort(6));
        if (headerBytes < HEADER_MIN_BYTES || headerBytes > size) {
            return new Summary(-1, 0, 0, 0, size);
        }
        long offset = headerBytes;
        long chunks = 0;
        long samples = 0;
        while (offset + CHUNK_PREFIX_BYTES <= size && readFully(channel, prefix, offset)) {
            int n = Short.toUnsignedInt(prefix.getShort(8));
            if (prefix.getInt(0) != SYNC || n < 1 || n > MAX_CHUNK_SAMPLES || offset + chunkBytes(n) > size) {
                break;
            }
            offset += chunkBytes(n);
            chunks++;
            samples += n;
        }
        return new Summary(headerBytes, chunks, samples, offset, size);
    }

    private static boolean readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        buffer.clear();
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, position + buffer.position());
            if (n < 0) {
                return false;
            }
        }
        return true;
    }

    static void readFully(FileChannel channel, byte[] into, long position) throws IOException {
        if (!readFully(channel, ByteBuffer.wrap(into), position)) {
            throw new EOFException("the file ends before byte " + (position + into.length));
        }
    }
}
