package dev.posture.device.mqtt;

import dev.posture.protocol.message.MessageCodec;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable queue of encoded events between the firmware and the broker: an append-only journal
 * of segment files in one directory, plus an {@code acked} file naming the position up to which the
 * broker has acknowledged (PUBACK) every event. It survives broker outages and device restarts, and
 * is the only source of truth for what still has to be sent.
 *
 * <p>Layout: segment files {@code 0000000000000042.evt} (numbers grow; the highest is appended to),
 * each a run of records {@code [int length][int CRC32C of payload][payload]} (big-endian). A power
 * cut mid-append leaves a torn record at the end of the last segment; {@link #open} finds it (short,
 * zero length or bad CRC) and truncates it away. The {@code acked} file is 20 bytes
 * {@code [long segment][long offset][int CRC32C]}, replaced atomically; if it is missing or corrupt
 * the outbox resends from its oldest record (duplicates are fine, receivers dedupe by seq).
 *
 * <p>Capped by bytes: when the segments together exceed the cap, whole oldest segments are deleted
 * and the unacknowledged records in them are counted in {@link #dropped()}; receivers see a seq gap.
 * Segments wholly before the acknowledged position are deleted when the position is saved.
 *
 * <p>Thread-safe: the firmware's event thread appends while the link's thread reads and acknowledges.
 * One outbox per directory: a {@code lock} file is locked while it is open.
 */
public final class EventOutbox implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(EventOutbox.class);

    /** Default cap: at a few events a minute of ~200 bytes, months; at a burst rate, still days. */
    public static final long DEFAULT_CAP_BYTES = 64L << 20;
    /** Record header: length and CRC32C, 4 bytes each. */
    static final int HEADER_BYTES = 8;
    /** Largest payload: the codec never makes a bigger message. */
    static final int MAX_PAYLOAD = MessageCodec.MAX_PAYLOAD_BYTES;
    static final String SEGMENT_SUFFIX = ".evt";
    static final String ACK_FILE = "acked";
    static final String LOCK_FILE = "lock";
    private static final int ACK_BYTES = 20;

    /**
     * A place in the journal: a segment and a byte offset in it. Record boundaries are positions;
     * comparison follows journal order.
     */
    public record Position(long segment, long offset) implements Comparable<Position> {
        @Override
        public int compareTo(Position other) {
            int bySegment = Long.compare(segment, other.segment);
            return bySegment != 0 ? bySegment : Long.compare(offset, other.offset);
        }
    }

    /** One stored record: where it starts, where the next one starts, and its payload. */
    public record Entry(Position start, Position end, byte[] payload) {
    }

    private final Object lock = new Object();
    private final Path dir;
    private final long capBytes;
    private final long segmentBytes;
    /** Segment number -> its size in bytes. */
    private final TreeMap<Long, Long> segments = new TreeMap<>();
    private FileChannel active;
    private FileChannel lockChannel;
    private long activeNumber;
    private Position acked;
    private boolean ackDirty;
    private long pending;
    private long dropped;
    private long totalBytes;
    private boolean closed;

    private EventOutbox(Path dir, long capBytes) {
        this.dir = dir;
        this.capBytes = capBytes;
        // 1/32 of the cap per segment keeps a drop to ~3 % of the backlog; clamped for tiny test caps.
        this.segmentBytes = Math.max(1024, Math.min(2L << 20, capBytes / 32));
    }

    /**
     * Opens (creating if needed) the outbox in {@code dir}, dropping a torn record at the end.
     *
     * @param capBytes most bytes the segments may hold together; at least 4 KiB
     * @throws IOException with a one-line message naming the directory when it cannot be used
     */
    public static EventOutbox open(Path dir, long capBytes) throws IOException {
        Objects.requireNonNull(dir, "dir");
        if (capBytes < 4096) {
            throw new IllegalArgumentException("event outbox cap must be at least 4096 bytes, got " + capBytes);
        }
        EventOutbox outbox = new EventOutbox(dir, capBytes);
        try {
            outbox.load();
        } catch (IOException e) {
            outbox.closeQuietly();
            throw new IOException("event outbox " + dir + ": " + describe(e), e);
        }
        return outbox;
    }

    private void load() throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IOException("not a directory");
        }
        Files.createDirectories(dir);
        // Two writers would interleave records: a second process (an overlapping restart) fails here.
        lockChannel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            if (lockChannel.tryLock() == null) {
                throw new IOException("in use by another process");
            }
        } catch (OverlappingFileLockException e) {
            throw new IOException("already open in this process");
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SEGMENT_SUFFIX)) {
            for (Path file : files) {
                Long number = segmentNumber(file.getFileName().toString());
                if (number != null) {
                    segments.put(number, Files.size(file));
                }
            }
        }
        Position savedAck = readAck();
        long first = segments.isEmpty() ? 0 : segments.firstKey();
        acked = savedAck == null || savedAck.segment() < first ? new Position(first, 0) : savedAck;
        // Segments wholly acknowledged before the crash: nothing to send from them.
        while (!segments.isEmpty() && segments.firstKey() < acked.segment()) {
            deleteSegment(segments.firstKey());
        }
        long last = segments.isEmpty() ? -1 : segments.lastKey();
        for (Map.Entry<Long, Long> segment : new TreeMap<>(segments).entrySet()) {
            long number = segment.getKey();
            pending += scanAndRepair(number, segment.getValue(), number == last);
        }
        for (long size : segments.values()) {
            totalBytes += size;
        }
        activeNumber = segments.isEmpty() ? acked.segment() : segments.lastKey();
        if (segments.isEmpty()) {
            segments.put(activeNumber, 0L);
        }
        active = FileChannel.open(segmentPath(activeNumber), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        syncDirectory();
    }

    /**
     * Walks a segment's records, truncating it at the first bad one (a torn append in the last
     * segment; damage anywhere else is logged too), and counts the records at or after the
     * acknowledged position.
     */
    private long scanAndRepair(long number, long size, boolean last) throws IOException {
        Path path = segmentPath(number);
        byte[] bytes = Files.readAllBytes(path);
        long offset = 0;
        long unacked = 0;
        while (offset < bytes.length) {
            int length = recordLength(bytes, (int) offset);
            if (length < 0) {
                break;
            }
            if (number > acked.segment() || offset >= acked.offset()) {
                unacked++;
            }
            offset += HEADER_BYTES + length;
        }
        if (offset < bytes.length) {
            LOG.warn("event outbox: dropped {} bytes of a {} record at the end of {}", bytes.length - offset,
                    last ? "torn" : "damaged", path.getFileName());
            try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
                channel.truncate(offset);
                channel.force(true);
            }
            segments.put(number, offset);
        } else {
            segments.put(number, size);
        }
        if (number == acked.segment() && acked.offset() > offset) {
            acked = new Position(number, offset);
        }
        return unacked;
    }

    /** The payload length of a whole, intact record at {@code offset}, or -1 if it is torn or damaged. */
    private static int recordLength(byte[] bytes, int offset) {
        if (bytes.length - offset < HEADER_BYTES) {
            return -1;
        }
        ByteBuffer header = ByteBuffer.wrap(bytes, offset, HEADER_BYTES);
        int length = header.getInt();
        int crc = header.getInt();
        if (length <= 0 || length > MAX_PAYLOAD || bytes.length - offset - HEADER_BYTES < length) {
            return -1;
        }
        CRC32C check = new CRC32C();
        check.update(bytes, offset + HEADER_BYTES, length);
        return (int) check.getValue() == crc ? length : -1;
    }

    /**
     * Appends one payload and forces it to the storage device before returning, so an event handed
     * over survives a power cut. Drops the oldest segments if the cap is exceeded.
     *
     * @throws IOException when the write fails (disk full, I/O error); the outbox stays usable
     */
    public void append(byte[] payload) throws IOException {
        if (payload.length == 0 || payload.length > MAX_PAYLOAD) {
            throw new IllegalArgumentException("event payload must be 1.." + MAX_PAYLOAD + " bytes, got "
                    + payload.length);
        }
        synchronized (lock) {
            ensureOpen();
            long size = segments.get(activeNumber);
            if (size > 0 && size + HEADER_BYTES + payload.length > segmentBytes) {
                roll();
                size = 0;
            }
            CRC32C crc = new CRC32C();
            crc.update(payload);
            ByteBuffer record = ByteBuffer.allocate(HEADER_BYTES + payload.length).order(ByteOrder.BIG_ENDIAN);
            record.putInt(payload.length).putInt((int) crc.getValue()).put(payload).flip();
            long at = size;
            try {
                while (record.hasRemaining()) {
                    at += active.write(record, at);
                }
                active.force(false);
            } catch (IOException e) {
                // Cut off whatever part made it, so the next append starts on a record boundary.
                try {
                    active.truncate(size);
                } catch (IOException ignored) {
                    // the torn tail is dropped at the next open
                }
                throw e;
            }
            segments.put(activeNumber, size + record.limit());
            totalBytes += record.limit();
            pending++;
            enforceCap();
        }
    }

    private void roll() throws IOException {
        active.close();
        activeNumber++;
        segments.put(activeNumber, 0L);
        active = FileChannel.open(segmentPath(activeNumber), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        syncDirectory();
    }

    private void enforceCap() throws IOException {
        while (totalBytes > capBytes && segments.size() > 1) {
            long oldest = segments.firstKey();
            long lost = 0;
            if (acked.segment() <= oldest) {
                lost = countRecordsFrom(oldest, acked.segment() == oldest ? acked.offset() : 0);
            }
            deleteSegment(oldest);
            if (lost > 0) {
                dropped += lost;
                pending = Math.max(0, pending - lost);
                LOG.warn("event outbox full ({} bytes): dropped {} unsent events, {} in all", capBytes, lost, dropped);
            }
            if (acked.segment() <= oldest) {
                acked = new Position(segments.firstKey(), 0);
                ackDirty = true;
            }
        }
    }

    private long countRecordsFrom(long number, long from) throws IOException {
        byte[] bytes = Files.readAllBytes(segmentPath(number));
        long count = 0;
        int offset = 0;
        while (offset < bytes.length) {
            int length = recordLength(bytes, offset);
            if (length < 0) {
                break;
            }
            if (offset >= from) {
                count++;
            }
            offset += HEADER_BYTES + length;
        }
        return count;
    }

    /**
     * The first record at or after {@code from}, skipping to the oldest stored record if {@code from}
     * lies in a segment that was dropped. Empty when there is nothing more to read.
     */
    public Optional<Entry> next(Position from) throws IOException {
        synchronized (lock) {
            ensureOpen();
            Position at = from;
            while (true) {
                Long number = segments.ceilingKey(at.segment());
                if (number == null) {
                    return Optional.empty();
                }
                if (number != at.segment()) {
                    at = new Position(number, 0);
                }
                long size = segments.get(number);
                if (at.offset() >= size) {
                    Long later = segments.higherKey(number);
                    if (later == null) {
                        return Optional.empty();
                    }
                    at = new Position(later, 0);
                    continue;
                }
                Optional<Entry> entry = readAt(at, size);
                if (entry.isPresent()) {
                    return entry;
                }
                // A damaged sealed segment (bit rot): its rest is unreadable, go on with the next one.
                LOG.warn("event outbox: damaged record in {} at byte {}; skipping the rest of the segment",
                        segmentPath(number).getFileName(), at.offset());
                at = new Position(number, size);
            }
        }
    }

    private Optional<Entry> readAt(Position at, long segmentSize) throws IOException {
        try (FileChannel channel = FileChannel.open(segmentPath(at.segment()), StandardOpenOption.READ)) {
            ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
            readFully(channel, header, at.offset());
            int length = header.getInt(0);
            int crc = header.getInt(4);
            if (length <= 0 || length > MAX_PAYLOAD || at.offset() + HEADER_BYTES + length > segmentSize) {
                return Optional.empty();
            }
            ByteBuffer payload = ByteBuffer.allocate(length);
            readFully(channel, payload, at.offset() + HEADER_BYTES);
            CRC32C check = new CRC32C();
            check.update(payload.array());
            if ((int) check.getValue() != crc) {
                return Optional.empty();
            }
            return Optional.of(new Entry(at, new Position(at.segment(), at.offset() + HEADER_BYTES + length),
                    payload.array()));
        }
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, at);
            if (n < 0) {
                throw new IOException("unexpected end of file at byte " + at);
            }
            at += n;
        }
    }

    /** Where sending starts after a connect or a restart: just after the last acknowledged record. */
    public Position acknowledged() {
        synchronized (lock) {
            return acked;
        }
    }

    /**
     * Records that every record before {@code upTo} was acknowledged by the broker ({@code records}
     * of them since the previous position). Positions at or before the current one are ignored (an
     * acknowledgement that arrives after its segment was dropped). Kept in memory until
     * {@link #saveAcknowledged()}: losing the latest acknowledgements in a crash only means resending.
     */
    public void acknowledge(Position upTo, int records) {
        synchronized (lock) {
            if (upTo.compareTo(acked) > 0) {
                acked = upTo;
                pending = Math.max(0, pending - records);
                ackDirty = true;
            }
        }
    }

    /** Writes the acknowledged position if it changed, and deletes segments wholly before it. */
    public void saveAcknowledged() throws IOException {
        synchronized (lock) {
            if (!ackDirty || closed) {
                return;
            }
            ByteBuffer bytes = ByteBuffer.allocate(ACK_BYTES);
            bytes.putLong(acked.segment()).putLong(acked.offset());
            CRC32C crc = new CRC32C();
            crc.update(bytes.array(), 0, 16);
            bytes.putInt((int) crc.getValue());
            Path target = dir.resolve(ACK_FILE);
            Path temp = dir.resolve(ACK_FILE + ".tmp");
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                bytes.flip();
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            ackDirty = false;
            while (segments.firstKey() < acked.segment()) {
                deleteSegment(segments.firstKey());
            }
            syncDirectory();
        }
    }

    private Position readAck() {
        Path path = dir.resolve(ACK_FILE);
        try {
            byte[] bytes = Files.readAllBytes(path);
            if (bytes.length == ACK_BYTES) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                long segment = buffer.getLong();
                long offset = buffer.getLong();
                CRC32C crc = new CRC32C();
                crc.update(bytes, 0, 16);
                if (buffer.getInt() == (int) crc.getValue() && segment >= 0 && offset >= 0) {
                    return new Position(segment, offset);
                }
            }
            LOG.warn("event outbox: {} is corrupt; resending from the oldest stored event", path.getFileName());
        } catch (NoSuchFileException e) {
            // a new outbox, or nothing was ever acknowledged
        } catch (IOException e) {
            LOG.warn("event outbox: cannot read {} ({}); resending from the oldest stored event",
                    path.getFileName(), describe(e));
        }
        return null;
    }

    private void deleteSegment(long number) throws IOException {
        Long size = segments.remove(number);
        if (size != null) {
            totalBytes -= size;
        }
        Files.deleteIfExists(segmentPath(number));
    }

    /** Events stored and not yet acknowledged. */
    public long pending() {
        synchronized (lock) {
            return pending;
        }
    }

    /** Unacknowledged events deleted because the outbox was full, since it was opened. */
    public long dropped() {
        synchronized (lock) {
            return dropped;
        }
    }

    /** Bytes the segment files hold together. */
    public long sizeBytes() {
        synchronized (lock) {
            return totalBytes;
        }
    }

    public Path directory() {
        return dir;
    }

    /** Saves the acknowledged position and closes the journal. */
    @Override
    public void close() throws IOException {
        synchronized (lock) {
            if (closed) {
                return;
            }
            try {
                saveAcknowledged();
            } finally {
                closed = true;
                active.close();
                lockChannel.close();
            }
        }
    }

    private void closeQuietly() {
        closed = true;
        for (FileChannel channel : new FileChannel[] {active, lockChannel}) {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // nothing more to do with a half-opened outbox
                }
            }
        }
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("event outbox " + dir + " is closed");
        }
    }

    private Path segmentPath(long number) {
        return dir.resolve(String.format("%016d%s", number, SEGMENT_SUFFIX));
    }

    private static Long segmentNumber(String name) {
        String digits = name.substring(0, name.length() - SEGMENT_SUFFIX.length());
        if (digits.length() != 16 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return null;
        }
        return Long.parseLong(digits);
    }

    /** Makes a new or deleted file name durable (Linux: fsync of the directory). */
    private void syncDirectory() {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Not every platform can open a directory; the data itself was forced already.
        }
    }

    /** One line for a log or an error: what failed, without the exception's class when it says nothing. */
    static String describe(IOException e) {
        if (e instanceof NoSuchFileException f) {
            return "no such file or directory: " + f.getFile();
        }
        if (e instanceof AccessDeniedException f) {
            return "permission denied: " + f.getFile();
        }
        if (e instanceof FileSystemException f) {
            return (f.getReason() != null ? f.getReason() : e.getClass().getSimpleName()) + ": " + f.getFile();
        }
        if (e.getMessage() == null) {
            return e.getClass().getSimpleName();
        }
        return e.getClass() == IOException.class ? e.getMessage() : e.getClass().getSimpleName() + " " + e.getMessage();
    }
}
