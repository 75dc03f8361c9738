package dev.posture.device.recorder;

import dev.posture.protocol.ProtocolException;
import dev.posture.protocol.mqtt.RecordingId;
import dev.posture.protocol.trace.RawSample;
import dev.posture.protocol.trace.TraceHeader;
import dev.posture.protocol.trace.TraceReader;
import dev.posture.protocol.trace.TraceSink;
import dev.posture.protocol.trace.TraceWriter;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records raw IMU counts into binary trace files ({@code <id>.ptrace}) in one directory, with
 * rotation and a directory size cap; device/docs/recorder.md describes the layout and the rules.
 *
 * <p><b>Threads.</b> The sampling loop calls only {@link #offer}: a volatile read and a slot in a
 * preallocated {@link SampleRing}; it never blocks and allocates nothing. The recorder thread calls
 * {@link #drainOnce()} (by hand in tests, through {@link RecorderRunner} on the device), which moves
 * samples into the {@link TraceWriter} and fdatasyncs every {@code flushSeconds}. Commands
 * ({@link #start}, {@link #stop}) may come from any thread (console, MQTT); they and the drain step
 * take one lock, which the loop never touches. {@link #list}, {@link #open}, {@link #chunks} only
 * read files.
 */
public final class TraceRecorder implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(TraceRecorder.class);
    /** File name suffix of a trace. */
    public static final String SUFFIX = ".ptrace";
    private static final DateTimeFormatter ID_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    // Parameters.
    private final RecorderSettings settings;
    private final RecorderClock clock;
    private final Consumer<RecordingInfo> onDeleted;
    private final long flushIntervalUs;
    private final long maxFileUs;

    // Loop side.
    private final SampleRing ring;
    /** True while the loop should offer samples; the recorder thread drains whatever was offered. */
    private volatile boolean armed;

    // Recorder side, under {@code lock}.
    private final Object lock = new Object();
    /** Samples drained but not recorded (see {@link #skippedSamples()}). */
    private long skipped;
    private final SampleRing.Consumer appender = this::append;
    private final SampleRing.Consumer discarder = (tUs, counts, offset) -> skipped++;
    private RecordingMetadata metadata;
    private String baseId;
    private int part;
    private CountingSink sink;
    private TraceWriter writer;
    private long recordingStartUs;
    private long partStartUs;
    private long lastFlushUs;
    private long lastSampleUs;
    private boolean anySample;
    /** Header start times by file name: headers never change, and the cap looks at them every flush. */
    private final Map<String, Long> startTimes = new ConcurrentHashMap<>();

    // Readable from any thread.
    private volatile String currentId;
    private volatile long recordingSamples;
    private volatile long durableSamples;
    private volatile long errors;
    private volatile String lastError = "";

    public TraceRecorder(RecorderSettings settings, RecorderClock clock, Consumer<RecordingInfo> onDeleted)
            throws IOException {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.onDeleted = Objects.requireNonNull(onDeleted, "onDeleted");
        this.flushIntervalUs = Math.round(settings.flushSeconds() * 1e6);
        this.maxFileUs = settings.maxFileSeconds() * 1_000_000L;
        this.ring = new SampleRing(settings.ringCapacity());
        Files.createDirectories(settings.directory());
    }

    // ---- sampling loop ----

    /**
     * Hands one sample to the recorder: {@code counts[offset..offset+5]} = accelerometer x, y, z,
     * gyroscope x, y, z, stamped on the {@link RecorderClock#monoUs()} clock. Never blocks, never
     * allocates. Sampling thread only.
     *
     * @return false when not recording, or when the ring is full (counted in {@link #droppedSamples()})
     */
    public boolean offer(long tUs, short[] counts, int offset) {
        return armed && ring.offer(tUs, counts, offset);
    }

    /** {@link #offer(long, short[], int)} at offset 0. */
    public boolean offer(long tUs, short[] counts) {
        return offer(tUs, counts, 0);
    }

    // ---- recorder thread ----

    /**
     * Moves what the loop offered into the trace, rotating files as needed, and fdatasyncs when the
     * flush interval has passed. An I/O error ends the recording (logged, counted in
     * {@link #errorCount()}); the loop is never affected.
     *
     * @return samples taken from the ring
     */
    public int drainOnce() {
        synchronized (lock) {
            int n = 0;
            try {
                n = ring.drain(writer == null ? discarder : appender, ring.capacity());
                if (writer != null && clock.monoUs() - lastFlushUs >= flushIntervalUs) {
                    flushNow();
                }
            } catch (IOException e) {
                fail(e);
            }
            return n;
        }
    }

    // ---- commands ----

    /**
     * Starts a recording named after the wall clock (UTC {@code yyyymmdd-hhmmss}, {@code -2},
     * {@code -3}... on a clash).
     *
     * @throws IllegalStateException when a recording is already running
     */
    public RecordingId start(RecordingMetadata metadata) throws IOException {
        Objects.requireNonNull(metadata, "metadata");
        synchronized (lock) {
            if (writer != null) {
                throw new IllegalStateException("already recording " + currentId);
            }
            ring.drain(discarder, ring.capacity()); // stragglers from before
            long wallMs = clock.wallMs();
            long monoUs = clock.monoUs();
            this.metadata = metadata;
            this.baseId = freeId(ID_TIME.format(Instant.ofEpochMilli(wallMs)));
            this.part = 1;
            this.recordingStartUs = monoUs;
            this.anySample = false;
            openPart(baseId, wallMs, monoUs);
            armed = true;
            LOG.info("recording {} started in {}", baseId, settings.directory());
            enforceCap();
            return new RecordingId(baseId);
        }
    }

    /**
     * Records what the loop has offered so far, closes the file (fdatasync) and applies the cap.
     *
     * @return the id {@link #start} returned
     * @throws IllegalStateException when not recording
     */
    public RecordingId stop() throws IOException {
        synchronized (lock) {
            if (writer == null) {
                throw new IllegalStateException("not recording");
            }
            armed = false;
            String id = baseId;
            try {
                ring.drain(appender, ring.capacity());
                closePart();
            } catch (IOException e) {
                fail(e);
                throw e;
            }
            LOG.info("recording {} stopped", id);
            enforceCap();
            return new RecordingId(id);
        }
    }

    /** True from {@link #start} until {@link #stop} or an I/O error (also while a part rotates). */
    public boolean isRecording() {
        return armed;
    }

    /** The file being written now (the start id, or a later part), if recording. */
    public Optional<RecordingId> currentId() {
        String id = currentId;
        return id == null ? Optional.empty() : Optional.of(new RecordingId(id));
    }

    /** Samples written into the current file (including its unfinished chunk), 0 when idle. */
    public long currentSamples() {
        return recordingSamples;
    }

    /**
     * Samples of the current file that were fdatasynced by the last flush: a power cut now keeps at
     * least these. The rest (the writer's chunk, chunks written since, and the ring) is at most one
     * flush interval plus the ring's backlog.
     */
    public long durableSamples() {
        return durableSamples;
    }

    /** Samples the loop offered while the ring was full. */
    public long droppedSamples() {
        return ring.dropped();
    }

    /** Samples drained but not recorded: offered after a stop, stamped before the start, or not after the previous one. */
    public long skippedSamples() {
        synchronized (lock) {
            return skipped;
        }
    }

    /** I/O errors that ended a recording or failed a flush. */
    public long errorCount() {
        return errors;
    }

    /** The last I/O error's message, or "". */
    public String lastError() {
        return lastError;
    }

    /** Stops a running recording. */
    @Override
    public void close() throws IOException {
        synchronized (lock) {
            if (writer != null) {
                stop();
            }
        }
    }

    // ---- list and fetch ----

    /** Every trace in the directory, oldest first (by header start time, then id). */
    public List<RecordingInfo> list() throws IOException {
        String current = currentId;
        List<RecordingInfo> out = new ArrayList<>();
        for (Path file : traceFiles()) {
            String id = idOf(file);
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                long start = startTime(file);
                if (id.equals(current)) {
                    out.add(new RecordingInfo(new RecordingId(id), start, ch.size(), recordingSamples,
                            RecordingInfo.Status.RECORDING));
                } else {
                    TraceFraming.Summary s = TraceFraming.scan(ch);
                    out.add(new RecordingInfo(new RecordingId(id), start, s.fileBytes(), s.samples(),
                            s.complete() ? RecordingInfo.Status.COMPLETE : RecordingInfo.Status.DAMAGED));
                }
            } catch (NoSuchFileException e) {
                // deleted by the cap while we looked
            }
        }
        out.sort(OLDEST_FIRST);
        return out;
    }

    /**
     * The file's bytes, for fetching (the console converts them with {@code TraceExport}).
     *
     * @throws ProtocolException when there is no such recording
     */
    public InputStream open(RecordingId id) throws IOException, ProtocolException {
        try {
            return Files.newInputStream(pathOf(id.value()));
        } catch (NoSuchFileException e) {
            throw new ProtocolException("no recording " + id);
        }
    }

    /**
     * Reads the whole file (CRCs checked) and returns the header and each good chunk's byte range,
     * for publishing one MQTT message per range.
     *
     * @throws ProtocolException when there is no such recording or its header is unreadable
     */
    public TraceChunks chunks(RecordingId id) throws IOException, ProtocolException {
        try (TraceReader reader = TraceReader.open(new BufferedInputStream(open(id), 65536))) {
            List<ChunkRange> ranges = new ArrayList<>();
            long offset = -1;
            long sequence = -1;
            int count = 0;
            long samples = 0;
            RawSample sample;
            while ((sample = reader.next()) != null) {
                if (reader.chunkOffset() != offset) {
                    if (count > 0) {
                        ranges.add(new ChunkRange(offset, TraceFraming.chunkBytes(count), sequence, count));
                    }
                    offset = reader.chunkOffset();
                    sequence = reader.chunkSequence();
                    count = 0;
                }
                count++;
                samples++;
            }
            if (count > 0) {
                ranges.add(new ChunkRange(offset, TraceFraming.chunkBytes(count), sequence, count));
            }
            int headerBytes;
            try (FileChannel ch = FileChannel.open(pathOf(id.value()), StandardOpenOption.READ)) {
                headerBytes = TraceFraming.scan(ch).headerBytes();
            }
            return new TraceChunks(id, headerBytes, ranges, samples, reader.defects());
        }
    }

    /** The bytes of one range of a recording's file: {@code read(id, 0, headerBytes)} is the header. */
    public byte[] read(RecordingId id, long offset, int length) throws IOException, ProtocolException {
        try (FileChannel ch = FileChannel.open(pathOf(id.value()), StandardOpenOption.READ)) {
            byte[] bytes = new byte[length];
            TraceFraming.readFully(ch, bytes, offset);
            return bytes;
        } catch (NoSuchFileException e) {
            throw new ProtocolException("no recording " + id);
        }
    }

    /** The bytes of one chunk: one MQTT message. */
    public byte[] read(RecordingId id, ChunkRange chunk) throws IOException, ProtocolException {
        return read(id, chunk.offset(), chunk.length());
    }

    /**
     * Deletes the oldest finished traces while the directory holds more than the cap; never the file
     * being written. Runs by itself after every flush, start, rotation and stop.
     *
     * @return what was deleted, oldest first (also passed to the listener and logged)
     */
    public List<RecordingInfo> enforceCap() throws IOException {
        synchronized (lock) {
            List<RecordingInfo> all = new ArrayList<>();
            long total = 0;
            for (Path file : traceFiles()) {
                try {
                    long size = Files.size(file);
                    total += size;
                    all.add(new RecordingInfo(new RecordingId(idOf(file)), startTime(file), size, -1,
                            idOf(file).equals(currentId) ? RecordingInfo.Status.RECORDING
                                    : RecordingInfo.Status.COMPLETE));
                } catch (NoSuchFileException e) {
                    // gone meanwhile
                }
            }
            List<RecordingInfo> deleted = new ArrayList<>();
            if (total <= settings.capBytes()) {
                return deleted;
            }
            all.sort(OLDEST_FIRST);
            for (RecordingInfo candidate : all) {
                RecordingInfo r = candidate;
                if (total <= settings.capBytes()) {
                    break;
                }
                if (r.status() == RecordingInfo.Status.RECORDING) {
                    continue;
                }
                Path file = pathOf(r.id().value());
                try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                    TraceFraming.Summary framing = TraceFraming.scan(ch); // what is lost, for the report
                    r = new RecordingInfo(r.id(), r.startEpochMs(), r.sizeBytes(), framing.samples(),
                            framing.complete() ? RecordingInfo.Status.COMPLETE : RecordingInfo.Status.DAMAGED);
                } catch (NoSuchFileException e) {
                    continue;
                }
                Files.deleteIfExists(file);
                startTimes.remove(file.getFileName().toString());
                total -= r.sizeBytes();
                deleted.add(r);
                LOG.info("deleted {} ({} bytes) to keep {} under {} bytes", r.id(), r.sizeBytes(),
                        settings.directory(), settings.capBytes());
                onDeleted.accept(r);
            }
            syncDirectory();
            return deleted;
        }
    }

    // ---- internals ----

    private static final Comparator<RecordingInfo> OLDEST_FIRST =
            Comparator.comparingLong(RecordingInfo::startEpochMs).thenComparing(RecordingInfo::id);

    /** Called by the ring for each sample, under the lock. */
    private void append(long tUs, short[] counts, int offset) throws IOException {
        if (tUs < recordingStartUs || (anySample && tUs <= lastSampleUs)) {
            skipped++;
            return;
        }
        if (anySample && partIsFull(tUs)) {
            rotate(tUs);
        }
        try {
            writer.append(tUs, counts, offset);
        } catch (IllegalArgumentException e) {
            skipped++; // more than 71 years from the start: a broken clock, not worth a recording
            return;
        }
        lastSampleUs = tUs;
        anySample = true;
        recordingSamples++;
    }

    /**
     * True when the next sample might not fit: the pending chunk plus this sample, plus the overhead
     * of one more chunk in case a gap splits it, must stay within the size limit.
     */
    private boolean partIsFull(long tUs) {
        long worst = sink.bytes + TraceFraming.chunkBytes(writer.pendingSamples() + 1)
                + TraceFraming.CHUNK_OVERHEAD_BYTES;
        return worst > settings.maxFileBytes() || (maxFileUs > 0 && tUs - partStartUs >= maxFileUs);
    }

    /** Ends the current part and opens the next one, whose header starts at this sample. */
    private void rotate(long tUs) throws IOException {
        closePart();
        part++;
        long wallMs = clock.wallMs() - (clock.monoUs() - tUs) / 1000; // wall time of tUs
        openPart(baseId + "-p" + part, wallMs, tUs);
        LOG.info("recording {} continues in {}", baseId, currentId);
        enforceCap();
    }

    private void openPart(String id, long wallMs, long deviceStartUs) throws IOException {
        TraceHeader header = metadata.header(id, wallMs, deviceStartUs);
        Path file = pathOf(id);
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try {
            CountingSink counting = new CountingSink(TraceSink.of(ch));
            writer = new TraceWriter(counting, header, settings.chunkSamples());
            sink = counting;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        startTimes.put(file.getFileName().toString(), wallMs);
        syncDirectory(); // the new name must survive a power cut too
        currentId = id;
        partStartUs = deviceStartUs;
        lastFlushUs = clock.monoUs();
        recordingSamples = 0;
        durableSamples = 0;
    }

    private void closePart() throws IOException {
        TraceWriter w = writer;
        writer = null;
        sink = null;
        currentId = null;
        recordingSamples = 0;
        durableSamples = 0;
        w.close(); // flush + fdatasync + close
    }

    private void flushNow() throws IOException {
        writer.flush();
        durableSamples = recordingSamples;
        lastFlushUs = clock.monoUs();
        enforceCap();
    }

    private void fail(IOException e) {
        errors++;
        lastError = e.getMessage() == null ? e.toString() : e.getMessage();
        LOG.error("recording {} ended by an I/O error: {}", currentId, lastError);
        armed = false;
        if (writer != null) {
            try {
                writer.close();
            } catch (IOException | RuntimeException ignored) {
                // the error above is the one to report
            }
            writer = null;
            sink = null;
                currentId = null;
        }
    }

    /** {@code base}, or {@code base-2}, {@code base-3}... whichever names no file and no file's part. */
    private String freeId(String base) throws IOException {
        List<String> names = new ArrayList<>();
        for (Path file : traceFiles()) {
            names.add(idOf(file));
        }
        String id = base;
        for (int n = 2; taken(names, id); n++) {
            id = base + "-" + n;
        }
        return id;
    }

    private static boolean taken(List<String> names, String id) {
        for (String name : names) {
            if (name.equals(id) || name.startsWith(id + "-p")) {
                return true;
            }
        }
        return false;
    }

    private List<Path> traceFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(settings.directory(), "*" + SUFFIX)) {
            for (Path file : dir) {
                if (RecordingId.isValid(idOf(file)) && Files.isRegularFile(file)) {
                    files.add(file);
                }
            }
        }
        return files;
    }

    private static String idOf(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, name.length() - SUFFIX.length());
    }

    private Path pathOf(String id) {
        return settings.directory().resolve(id + SUFFIX);
    }

    /** The header's start time (cached), or the file's modification time when the header is unreadable. */
    private long startTime(Path file) throws IOException {
        String name = file.getFileName().toString();
        Long cached = startTimes.get(name);
        if (cached != null) {
            return cached;
        }
        long start;
        try (TraceReader reader = TraceReader.open(new BufferedInputStream(Files.newInputStream(file), 4096))) {
            start = reader.header().startEpochMs();
            startTimes.put(name, start);
        } catch (ProtocolException e) {
            start = Files.getLastModifiedTime(file).toMillis(); // not cached: the file may still be growing
        }
        return start;
    }

    private void syncDirectory() {
        // fsync of the directory makes a new or removed name durable; not every OS allows it.
        try (FileChannel dir = FileChannel.open(settings.directory(), StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            LOG.debug("cannot fsync directory {}: {}", settings.directory(), e.toString());
        }
    }

    /** Counts the bytes handed to the file, for the size limit. */
    private static final class CountingSink implements TraceSink {
        private final TraceSink out;
        private long bytes;

        CountingSink(TraceSink out) {
            this.out = out;
        }

        @Override
        public void write(byte[] b, int offset, int length) throws IOException {
            out.write(b, offset, length);
            bytes += length;
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
}
