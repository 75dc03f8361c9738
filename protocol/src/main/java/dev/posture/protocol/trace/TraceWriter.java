package dev.posture.protocol.trace;

import static dev.posture.protocol.trace.TraceFormat.*;

import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.util.Objects;
import java.util.zip.CRC32;

/**
 * Writes a binary trace: the header at once, then samples gathered into a preallocated chunk buffer
 * and handed to the sink one whole chunk per write. Appending a sample allocates nothing.
 *
 * <p>Power may be cut at any moment: everything before the chunk being written survives, and a reader
 * reports the torn chunk. {@link #flush} bounds the loss in time: it ends the current chunk early and
 * makes the file durable, so the device calls it every few seconds, not per sample.
 *
 * <p>Timestamps must increase strictly and stay within about 71 years of the header's device start;
 * a gap longer than 65.535 ms between two samples starts a new chunk. Not thread-safe.
 */
public final class TraceWriter implements Closeable, Flushable {
    public static final int DEFAULT_CHUNK_SAMPLES = 256;
    public static final int MAX_CHUNK_SAMPLES = MAX_SAMPLES_PER_CHUNK;

    // Parameters.
    private final TraceSink sink;
    private final int chunkSamples;
    private final long deviceStartUs;

    // State.
    private final byte[] chunk;
    private final CRC32 crc = new CRC32();
    private int pending; // samples in the chunk buffer
    private long sequence; // of the chunk being filled
    private long lastTimestampUs;
    private boolean anySample;
    private short temperatureCentiC = NO_TEMPERATURE;
    private long samplesWritten;
    private boolean closed;

    /** Writes the header to {@code sink} and flushes it; chunks hold {@link #DEFAULT_CHUNK_SAMPLES}. */
    public TraceWriter(TraceSink sink, TraceHeader header) throws IOException {
        this(sink, header, DEFAULT_CHUNK_SAMPLES);
    }

    /** Writes the header to {@code sink} and flushes it; chunks hold up to {@code chunkSamples} (1..4096). */
    public TraceWriter(TraceSink sink, TraceHeader header, int chunkSamples) throws IOException {
        if (chunkSamples < 1 || chunkSamples > MAX_CHUNK_SAMPLES) {
            throw new IllegalArgumentException("chunk size " + chunkSamples + " outside 1.." + MAX_CHUNK_SAMPLES);
        }
        this.sink = Objects.requireNonNull(sink, "sink");
        this.chunkSamples = chunkSamples;
        this.deviceStartUs = header.deviceStartUs();
        this.chunk = new byte[chunkBytes(chunkSamples)];
        System.arraycopy(SYNC, 0, chunk, C_SYNC, SYNC.length);
        byte[] headerBytes = TraceHeaderCodec.encode(header);
        sink.write(headerBytes, 0, headerBytes.length);
        sink.flush();
    }

    /**
     * Adds one sample; writes the chunk when it is full.
     *
     * @param timestampUs device monotonic clock, microseconds, later than the previous sample's
     * @throws IllegalArgumentException when the time does not increase or leaves the header's window
     */
    public void append(long timestampUs, short accX, short accY, short accZ, short gyrX, short gyrY, short gyrZ)
            throws IOException {
        requireOpen();
        if (anySample && timestampUs <= lastTimestampUs) {
            throw new IllegalArgumentException("sample time " + timestampUs + " us is not after " + lastTimestampUs + " us");
        }
        if (!withinTimeWindow(timestampUs, deviceStartUs)) {
            throw new IllegalArgumentException("sample time " + timestampUs + " us is more than 2^51 us from the device start "
                    + deviceStartUs + " us");
        }
        if (pending > 0 && timestampUs - lastTimestampUs > MAX_DELTA_US) {
            writeChunk();
        }
        int deltaUs = 0;
        if (pending == 0) {
            LittleEndian.putI64(chunk, C_FIRST_US, timestampUs);
        } else {
            deltaUs = (int) (timestampUs - lastTimestampUs);
        }
        int at = C_SAMPLES + pending * SAMPLE_BYTES;
        LittleEndian.putU16(chunk, at + S_DELTA_US, deltaUs);
        LittleEndian.putU16(chunk, at + S_COUNTS, accX);
        LittleEndian.putU16(chunk, at + S_COUNTS + 2, accY);
        LittleEndian.putU16(chunk, at + S_COUNTS + 4, accZ);
        LittleEndian.putU16(chunk, at + S_COUNTS + 6, gyrX);
        LittleEndian.putU16(chunk, at + S_COUNTS + 8, gyrY);
        LittleEndian.putU16(chunk, at + S_COUNTS + 10, gyrZ);
        pending++;
        lastTimestampUs = timestampUs;
        anySample = true;
        if (pending == chunkSamples) {
            writeChunk();
        }
    }

    /**
     * Adds the sample held in {@code counts[offset..offset+5]}: accelerometer x, y, z then gyroscope
     * x, y, z, the layout the IMU driver reads into (a FIFO batch is six counts per sample).
     */
    public void append(long timestampUs, short[] counts, int offset) throws IOException {
        append(timestampUs, counts[offset], counts[offset + 1], counts[offset + 2],
                counts[offset + 3], counts[offset + 4], counts[offset + 5]);
    }

    /**
     * The die temperature to store with the chunk being filled and the ones after it, until the next
     * call (a chunk stores one value: temperature drifts over seconds, a chunk lasts about as long).
     *
     * @param centiDegreesC hundredths of a degree Celsius, -327.67..327.67 degC
     */
    public void temperature(int centiDegreesC) {
        if (centiDegreesC <= NO_TEMPERATURE || centiDegreesC > Short.MAX_VALUE) {
            throw new IllegalArgumentException("temperature " + centiDegreesC + " centi-degC outside -32767..32767");
        }
        temperatureCentiC = (short) centiDegreesC;
    }

    /** Writes the samples gathered so far as a (shorter) chunk without forcing them to disk. */
    public void endChunk() throws IOException {
        requireOpen();
        writeChunk();
    }

    /** Ends the current chunk and makes everything written durable (fsync for a file channel sink). */
    @Override
    public void flush() throws IOException {
        requireOpen();
        writeChunk();
        sink.flush();
    }

    /** Flushes, then closes the sink. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        try {
            flush();
        } finally {
            closed = true;
            sink.close();
        }
    }

    /** Samples handed to the sink so far (not counting those still in the chunk buffer). */
    public long samplesWritten() {
        return samplesWritten;
    }

    /** Chunks written so far, which is also the sequence number of the next one. */
    public long chunksWritten() {
        return sequence;
    }

    /** Samples waiting in the chunk buffer. */
    public int pendingSamples() {
        return pending;
    }

    private void writeChunk() throws IOException {
        if (pending == 0) {
            return;
        }
        int length = chunkBytes(pending);
        LittleEndian.putI32(chunk, C_SEQUENCE, (int) sequence);
        LittleEndian.putU16(chunk, C_SAMPLE_COUNT, pending);
        LittleEndian.putU16(chunk, C_TEMPERATURE, temperatureCentiC);
        crc.reset();
        crc.update(chunk, 0, length - CRC_BYTES);
        LittleEndian.putI32(chunk, length - CRC_BYTES, (int) crc.getValue());
        int samples = pending;
        // Even when the sink fails, the chunk is gone and its number used: a reader sees the gap.
        pending = 0;
        sequence++;
        sink.write(chunk, 0, length);
        samplesWritten += samples;
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("trace writer is closed");
        }
    }
}
