package dev.posture.protocol.trace;

import static dev.posture.protocol.trace.TraceFormat.*;

import dev.posture.protocol.ProtocolException;
import dev.posture.protocol.trace.TraceDefect.Kind;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.zip.CRC32;

/**
 * Streams the samples out of a binary trace, stepping over damage.
 *
 * <p>The header must be intact: anything wrong with it is a {@link ProtocolException} naming the byte
 * offset. After it, every chunk whose CRC32 matches is kept and every other one is reported as a
 * {@link TraceDefect} and skipped; the reader then looks for the next sync word, starting one byte
 * after the damaged chunk began (its length field may be the damaged part). No sample from a chunk
 * with a bad CRC is ever returned, and the samples returned have strictly increasing times.
 *
 * <p>Memory is bounded: one buffer, at most the size of the largest legal chunk (about 56 KiB),
 * whatever the file claims.
 * Works on streams that deliver any number of bytes per read. Not thread-safe.
 */
public final class TraceReader implements Closeable {
    /** The reader keeps this many defects for {@link #defects()}; the listener still sees all of them. */
    public static final int MAX_KEPT_DEFECTS = 1000;

    /** Enough for a header and a chunk of 256 samples; grows up to the largest legal chunk on demand. */
    private static final int INITIAL_BUFFER_BYTES = 8192;
    private static final int MAX_BUFFER_BYTES = Math.max(MAX_CHUNK_BYTES, HEADER_MAX_BYTES);

    // Parameters.
    private final InputStream in;
    private final Consumer<TraceDefect> listener;
    private final TraceHeader header;
    private final String formatVersion;

    // Input window: buf[head..tail) holds the unread bytes, buf[head] is at file offset headOffset.
    private byte[] buf = new byte[INITIAL_BUFFER_BYTES];
    private int head;
    private int tail;
    private long headOffset;
    private boolean endOfStream;

    // Where the reader is between chunks.
    /** True right after the header or a good chunk, where the next chunk must start. */
    private boolean atBoundary = true;
    /** File offset where a run of unexpected bytes began at a chunk boundary, or -1. */
    private long garbageStart = -1;
    private final CRC32 crc = new CRC32();

    // The last good chunk and the sample cursor inside it (its bytes stay in buf until the next chunk is read).
    private int chunkAt;
    private int chunkSamples;
    private int nextSample;
    private long sampleTimeUs;
    private long chunkOffset = -1;
    private long chunkSequence = -1;
    private short chunkTemperature = NO_TEMPERATURE;
    private boolean anyChunk;
    private long lastSequence = -1;
    private long lastTimestampUs;

    // Defects.
    private final List<TraceDefect> kept = new ArrayList<>();
    private long defectCount;

    private TraceReader(InputStream in, Consumer<TraceDefect> listener) throws IOException, ProtocolException {
        this.in = Objects.requireNonNull(in, "in");
        this.listener = Objects.requireNonNull(listener, "listener");
        int length = readHeaderPrefix();
        this.formatVersion = LittleEndian.u8(buf, H_VERSION_MAJOR) + "." + LittleEndian.u8(buf, H_VERSION_MINOR);
        this.header = TraceHeaderCodec.decode(buf, length);
        consume(length);
    }

    /** Reads the header; defects found later are kept in {@link #defects()}. */
    public static TraceReader open(InputStream in) throws IOException, ProtocolException {
        return new TraceReader(in, defect -> { });
    }

    /** Reads the header; every defect found later also goes to {@code listener} as it is found. */
    public static TraceReader open(InputStream in, Consumer<TraceDefect> listener) throws IOException, ProtocolException {
        return new TraceReader(in, listener);
    }

    public TraceHeader header() {
        return header;
    }

    /** The file's format version, e.g. "1.0". */
    public String formatVersion() {
        return formatVersion;
    }

    /** The next sample from a good chunk, or null at the end of the file. */
    public RawSample next() throws IOException {
        while (nextSample == chunkSamples) {
            if (!nextChunk()) {
                return null;
            }
        }
        int at = chunkAt + C_SAMPLES + nextSample * SAMPLE_BYTES;
        sampleTimeUs += LittleEndian.u16(buf, at + S_DELTA_US);
        nextSample++;
        int c = at + S_COUNTS;
        return new RawSample(sampleTimeUs,
                LittleEndian.i16(buf, c), LittleEndian.i16(buf, c + 2), LittleEndian.i16(buf, c + 4),
                LittleEndian.i16(buf, c + 6), LittleEndian.i16(buf, c + 8), LittleEndian.i16(buf, c + 10));
    }

    /** Byte offset of the chunk that held the last sample returned, or -1 before the first. */
    public long chunkOffset() {
        return chunkOffset;
    }

    /** Sequence number of the chunk that held the last sample returned, or -1 before the first. */
    public long chunkSequence() {
        return chunkSequence;
    }

    /**
     * Die temperature stored with the chunk that held the last sample returned, centi-degC, or
     * {@link Short#MIN_VALUE} when the device did not measure one.
     */
    public short chunkTemperatureCentiC() {
        return chunkTemperature;
    }

    /** The first {@value #MAX_KEPT_DEFECTS} defects found so far, in file order. */
    public List<TraceDefect> defects() {
        return Collections.unmodifiableList(kept);
    }

    /** All defects found so far, including those beyond {@link #MAX_KEPT_DEFECTS}. */
    public long defectCount() {
        return defectCount;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    // ---- Header ----

    /** Checks magic, version and length, and makes sure the whole header is in the buffer. */
    private int readHeaderPrefix() throws IOException, ProtocolException {
        boolean complete = fill(MAGIC.length);
        int have = Math.min(tail - head, MAGIC.length);
        if (!startsWith(buf, head, have, MAGIC)) {
            throw new ProtocolException("byte 0: not a trace file (magic " + hex(buf, head, have)
                    + ", expected 50 54 52 43 \"PTRC\")");
        }
        if (!complete) {
            throw headerTruncated(HEADER_PREFIX_BYTES);
        }
        if (!fill(H_LENGTH)) {
            throw headerTruncated(HEADER_PREFIX_BYTES);
        }
        int major = LittleEndian.u8(buf, H_VERSION_MAJOR);
        if (major != VERSION_MAJOR) {
            throw new ProtocolException("byte " + H_VERSION_MAJOR + ": unsupported format version " + major + "."
                    + LittleEndian.u8(buf, H_VERSION_MINOR) + " (this reader reads " + VERSION_MAJOR + ".x)");
        }
        if (!fill(HEADER_PREFIX_BYTES)) {
            throw headerTruncated(HEADER_PREFIX_BYTES);
        }
        int length = LittleEndian.u16(buf, H_LENGTH);
        if (length < HEADER_MIN_BYTES || length > HEADER_MAX_BYTES) {
            throw new ProtocolException("byte " + H_LENGTH + ": header length " + length + " outside "
                    + HEADER_MIN_BYTES + ".." + HEADER_MAX_BYTES);
        }
        if (!fill(length)) {
            throw headerTruncated(length);
        }
        return length;
    }

    private ProtocolException headerTruncated(int needed) {
        return new ProtocolException("byte " + (tail - head) + ": header truncated, the file ends before byte " + needed);
    }

    private static String hex(byte[] b, int at, int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append(i == 0 ? "" : " ").append(String.format("%02x", b[at + i] & 0xFF));
        }
        return n == 0 ? "empty" : s.toString();
    }

    // ---- Chunks ----

    /** Moves to the next good chunk, reporting and skipping everything else; false at the end. */
    private boolean nextChunk() throws IOException {
        chunkSamples = 0;
        nextSample = 0;
        while (true) {
            int available = fill(SYNC.length) ? SYNC.length : tail - head;
            if (available < SYNC.length) {
                finishAtEnd(available);
                return false;
            }
            if (!startsWith(buf, head, SYNC.length, SYNC)) {
                if (atBoundary) {
                    garbageStart = headOffset;
                    atBoundary = false;
                }
                consume(1);
                continue;
            }
            reportGarbage(headOffset);
            if (tryChunk()) {
                return true;
            }
        }
    }

    /**
     * Examines the chunk that starts with a sync word at head. Returns true with the chunk current,
     * or false after reporting it and moving past it (one byte when its length is not trusted).
     */
    private boolean tryChunk() throws IOException {
        long offset = headOffset;
        if (!fill(C_SAMPLES)) {
            int available = tail - head;
            String which = available >= C_SAMPLE_COUNT ? "chunk " + LittleEndian.u32(buf, head + C_SEQUENCE) : "a chunk";
            return rejectUntrusted(offset, Kind.TRUNCATED, "byte " + offset + ": " + which
                    + " is truncated, the file ends after " + available + " of its at least " + chunkBytes(1) + " bytes");
        }
        long sequence = LittleEndian.u32(buf, head + C_SEQUENCE);
        int samples = LittleEndian.u16(buf, head + C_SAMPLE_COUNT);
        if (samples < 1 || samples > MAX_SAMPLES_PER_CHUNK) {
            return rejectUntrusted(offset, Kind.BAD_CHUNK, "byte " + offset + ": chunk " + sequence + " claims "
                    + samples + " samples (1.." + MAX_SAMPLES_PER_CHUNK + " allowed), skipped");
        }
        int length = chunkBytes(samples);
        if (!fill(length)) {
            return rejectUntrusted(offset, Kind.TRUNCATED, "byte " + offset + ": chunk " + sequence
                    + " is truncated, the file ends after " + (tail - head) + " of its " + length + " bytes");
        }
        long stored = LittleEndian.u32(buf, head + length - CRC_BYTES);
        crc.reset();
        crc.update(buf, head, length - CRC_BYTES);
        if (crc.getValue() != stored) {
            return rejectUntrusted(offset, Kind.BAD_CRC, String.format(
                    "byte %d: chunk %d has a bad CRC32 (stored 0x%08x, computed 0x%08x), skipped",
                    offset, sequence, stored, crc.getValue()));
        }
        // The CRC vouches for the length from here on: a rejected chunk is skipped whole.
        long firstUs = LittleEndian.i64(buf, head + C_FIRST_US);
        String problem = contentProblem(samples, firstUs);
        if (problem != null) {
            return rejectWhole(offset, length, Kind.BAD_CHUNK, "byte " + offset + ": chunk " + sequence + " " + problem + ", skipped");
        }
        if (anyChunk && (sequence <= lastSequence || firstUs <= lastTimestampUs)) {
            return rejectWhole(offset, length, Kind.OUT_OF_ORDER, "byte " + offset + ": chunk " + sequence
                    + " starting at " + firstUs + " us does not follow chunk " + lastSequence + " ending at "
                    + lastTimestampUs + " us, skipped");
        }
        if (sequence != lastSequence + 1) {
            long missing = sequence - lastSequence - 1;
            report(offset, Kind.SEQUENCE_GAP, "byte " + offset + ": " + (missing == 1
                    ? "chunk " + (lastSequence + 1) + " is" : "chunks " + (lastSequence + 1) + ".." + (sequence - 1) + " are")
                    + " missing before chunk " + sequence);
        }
        chunkAt = head;
        chunkSamples = samples;
        nextSample = 0;
        sampleTimeUs = firstUs;
        chunkOffset = offset;
        chunkSequence = sequence;
        chunkTemperature = LittleEndian.i16(buf, head + C_TEMPERATURE);
        anyChunk = true;
        lastSequence = sequence;
        lastTimestampUs = firstUs + sumOfDeltas(samples);
        consume(length);
        atBoundary = true;
        return true;
    }

    /** Why a chunk with a good CRC still cannot be used, or null. */
    private String contentProblem(int samples, long firstUs) {
        if (!withinTimeWindow(firstUs, header.deviceStartUs())) {
            return "starts at " + firstUs + " us, more than 2^51 us from the device start";
        }
        int at = head + C_SAMPLES;
        if (LittleEndian.u16(buf, at + S_DELTA_US) != 0) {
            return "has a first time delta of " + LittleEndian.u16(buf, at + S_DELTA_US) + " us instead of 0";
        }
        for (int i = 1; i < samples; i++) {
            if (LittleEndian.u16(buf, at + i * SAMPLE_BYTES + S_DELTA_US) == 0) {
                return "repeats the time of sample " + (i - 1) + " in sample " + i;
            }
        }
        // firstUs is within 2^51 of a start within 2^62, and the deltas add at most 2^28: no overflow.
        if (!withinTimeWindow(firstUs + sumOfDeltas(samples), header.deviceStartUs())) {
            return "ends more than 2^51 us from the device start";
        }
        return null;
    }

    private long sumOfDeltas(int samples) {
        long sum = 0;
        for (int i = 1; i < samples; i++) {
            sum += LittleEndian.u16(buf, head + C_SAMPLES + i * SAMPLE_BYTES + S_DELTA_US);
        }
        return sum;
    }

    /** Reports a chunk whose length cannot be trusted and resumes the search one byte after its start. */
    private boolean rejectUntrusted(long offset, Kind kind, String message) {
        report(offset, kind, message);
        consume(1);
        atBoundary = false;
        return false;
    }

    /** Reports a chunk whose CRC is good (so its length is) and skips it whole. */
    private boolean rejectWhole(long offset, int length, Kind kind, String message) {
        report(offset, kind, message);
        consume(length);
        atBoundary = true;
        return false;
    }

    /** Fewer than four bytes are left: the end of the file. */
    private void finishAtEnd(int available) {
        if (available > 0 && atBoundary && startsWith(buf, head, available, SYNC)) {
            report(headOffset, Kind.TRUNCATED, "byte " + headOffset + ": a chunk is truncated, the file ends after "
                    + available + " of its at least " + chunkBytes(1) + " bytes");
        } else if (available > 0 && atBoundary) {
            garbageStart = headOffset;
        }
        consume(available);
        reportGarbage(headOffset);
    }

    /** Reports the run of unexpected bytes that ends at {@code end}, if one is open. */
    private void reportGarbage(long end) {
        if (garbageStart >= 0) {
            long start = garbageStart;
            garbageStart = -1;
            report(start, Kind.GARBAGE, "byte " + start + ": " + (end - start)
                    + " bytes that are not a chunk (no sync word), skipped");
        }
    }

    private void report(long offset, Kind kind, String message) {
        TraceDefect defect = new TraceDefect(offset, kind, message);
        defectCount++;
        if (kept.size() < MAX_KEPT_DEFECTS) {
            kept.add(defect);
        }
        listener.accept(defect);
    }

    // ---- Input window ----

    /**
     * Makes at least {@code n} bytes available at head; false if the stream ends first. Callers ask
     * for at most {@link #MAX_BUFFER_BYTES}, and only for lengths they have checked against it.
     */
    private boolean fill(int n) throws IOException {
        while (tail - head < n) {
            if (endOfStream) {
                return false;
            }
            if (n > buf.length) {
                buf = Arrays.copyOf(buf, Math.min(MAX_BUFFER_BYTES, Math.max(n, 2 * buf.length)));
            }
            if (buf.length - head < n) {
                System.arraycopy(buf, head, buf, 0, tail - head);
                tail -= head;
                head = 0;
            }
            int read = in.read(buf, tail, buf.length - tail);
            if (read < 0) {
                endOfStream = true;
            } else {
                tail += read;
            }
        }
        return true;
    }

    private void consume(int n) {
        head += n;
        headOffset += n;
    }
}
