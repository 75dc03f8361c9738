package dev.posture.device.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.posture.protocol.config.Config;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The append-only audit log: JSON lines, one object per changed key, ASCII only (non-ASCII is
 * escaped), each line ended by LF:
 *
 * <pre>{"time":"2025-03-01T10:15:30.125Z","source":"mqtt:companion-7","old_version":3,"new_version":4,"key":"threshold_deg","old":"15","new":"17.5"}</pre>
 *
 * <p>Every append is one write of whole lines followed by an fsync, so a power cut can only tear
 * the last line. {@link #read} reports a torn or malformed line and keeps every other one; opening
 * the log for appending first cuts a torn tail off so that the next record starts on its own line.
 *
 * <p>Credentials never enter the log: the config model has no password key, and as a second guard
 * the values of any key whose name contains "password", "secret" or "token" are written as
 * {@value #MASK}. Not thread-safe: {@link ConfigStore} is its single writer.
 */
public final class AuditLog implements Closeable {
    /** What a secret value is written as. */
    public static final String MASK = "***";

    /** Longest line the reader accepts; a real record is about 150 bytes. */
    static final int MAX_LINE_BYTES = 4096;

    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
    private static final List<String> SECRET_WORDS = List.of("password", "secret", "token");
    private static final Set<String> FIELDS = Set.of("time", "source", "old_version", "new_version", "key", "old",
            "new");
    private static final JsonMapper JSON = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    private final Path file;
    private final FileChannel channel;

    private AuditLog(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /**
     * Opens (creating if needed) the log for appending. A torn last line (no LF) is cut off, unless
     * it is a whole valid record that only lacks its LF, which is then completed.
     */
    public static AuditLog open(Path file) throws IOException {
        boolean created = !Files.exists(file);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try {
            repairTail(file, channel);
            channel.position(channel.size());
            if (created) {
                AtomicFiles.syncDirectory(file.toAbsolutePath().getParent());
            }
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        return new AuditLog(file, channel);
    }

    /** Appends the records as whole lines in one write, then fsyncs. */
    public void append(List<AuditRecord> records) throws IOException {
        if (records.isEmpty()) {
            return;
        }
        StringBuilder text = new StringBuilder(records.size() * 160);
        for (AuditRecord record : records) {
            text.append(format(record)).append('\n');
        }
        ByteBuffer bytes = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.US_ASCII));
        channel.position(channel.size());
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
        channel.force(true);
    }

    public Path file() {
        return file;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /** Whether the values of this key are masked: its name contains password, secret or token. */
    public static boolean isSecret(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        return SECRET_WORDS.stream().anyMatch(lower::contains);
    }

    /** One record as its JSON line (without the LF), secret values masked. */
    public static String format(AuditRecord record) {
        boolean secret = isSecret(record.key());
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("time", record.time().truncatedTo(ChronoUnit.MILLIS).toString());
        fields.put("source", record.origin().text());
        fields.put("old_version", record.oldVersion());
        fields.put("new_version", record.newVersion());
        fields.put("key", record.key());
        fields.put("old", secret ? MASK : record.oldValue());
        fields.put("new", secret ? MASK : record.newValue());
        try {
            return JSON.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings and longs always serialises", e);
        }
    }

    /**
     * What {@link #read} found.
     *
     * @param records the valid lines, in file order
     * @param problems one line each, "audit.jsonl: line 7: ..." for every line left out
     */
    public record Contents(List<AuditRecord> records, List<String> problems) {
        public Contents {
            records = List.copyOf(records);
            problems = List.copyOf(problems);
        }
    }

    /**
     * Reads and validates the whole log; never throws for bad content, only when the file cannot be
     * read. A missing file is an empty log.
     */
    public static Contents read(Path file) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return new Contents(List.of(), List.of());
        }
        List<AuditRecord> records = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        String name = file.getFileName().toString();
        int start = 0;
        int lineNumber = 1;
        while (start < bytes.length) {
            int end = indexOf(bytes, (byte) '\n', start);
            boolean torn = end < 0;
            int lineEnd = torn ? bytes.length : end;
            String problem = null;
            AuditRecord record = null;
            try {
                record = parse(bytes, start, lineEnd);
            } catch (IllegalArgumentException e) {
                problem = e.getMessage();
            }
            if (record != null) {
                records.add(record);
            } else if (torn) {
                problems.add(name + ": line " + lineNumber + ": torn last line (" + (lineEnd - start)
                        + " bytes without a line end), ignored");
            } else {
                problems.add(name + ": line " + lineNumber + ": " + problem);
            }
            start = lineEnd + 1;
            lineNumber++;
        }
        return new Contents(records, problems);
    }

    /** One line as a record; IllegalArgumentException with a short reason when it is not one. */
    static AuditRecord parse(byte[] bytes, int from, int to) {
        if (to - from > MAX_LINE_BYTES) {
            throw new IllegalArgumentException("longer than " + MAX_LINE_BYTES + " bytes");
        }
        for (int i = from; i < to; i++) {
            if (bytes[i] < 0x20 || bytes[i] > 0x7E) {
                throw new IllegalArgumentException("not printable ASCII at column " + (i - from + 1));
            }
        }
        JsonNode node;
        try {
            node = JSON.readTree(bytes, from, to - from);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a JSON object");
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
            String field = names.next();
            if (!FIELDS.contains(field)) {
                throw new IllegalArgumentException("unknown field '" + field + "'");
            }
        }
        Instant time;
        try {
            String text = text(node, "time");
            if (!text.endsWith("Z")) {
                throw new IllegalArgumentException("time is not in UTC");
            }
            time = Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("time is not ISO-8601");
        }
        ChangeOrigin origin = ChangeOrigin.parse(text(node, "source"));
        if (origin == null) {
            throw new IllegalArgumentException("unknown source '" + text(node, "source") + "'");
        }
        String key = text(node, "key");
        if (key.isEmpty()) {
            throw new IllegalArgumentException("empty key");
        }
        return new AuditRecord(time, origin, version(node, "old_version"), version(node, "new_version"), key,
                text(node, "old"), text(node, "new"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException(field + " is missing or not a string");
        }
        return value.textValue();
    }

    private static long version(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 0
                || value.longValue() > Config.MAX_VERSION) {
            throw new IllegalArgumentException(field + " is missing or not a version 0.." + Config.MAX_VERSION);
        }
        return value.longValue();
    }

    private static int indexOf(byte[] bytes, byte b, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** Cuts a torn last line off, or completes it with LF if it is a whole record. */
    private static void repairTail(Path file, FileChannel channel) throws IOException {
        long size = channel.size();
        if (size == 0) {
            return;
        }
        // Only the tail matters: read back at most one line's worth.
        int window = (int) Math.min(size, MAX_LINE_BYTES + 1L);
        ByteBuffer tail = ByteBuffer.allocate(window);
        long tailStart = size - window;
        while (tail.hasRemaining() && channel.read(tail, tailStart + tail.position()) >= 0) {
            // read until full
        }
        byte[] bytes = tail.array();
        if (bytes[window - 1] == '\n') {
            return;
        }
        int lastLf = -1;
        for (int i = window - 1; i >= 0; i--) {
            if (bytes[i] == '\n') {
                lastLf = i;
                break;
            }
        }
        boolean whole;
        try {
            whole = parse(bytes, lastLf + 1, window) != null;
        } catch (IllegalArgumentException e) {
            whole = false;
        }
        // An over-long line (no LF in the window) is garbage, not a torn record: end it and let the
        // reader report it, rather than cut into lines we cannot see.
        if (whole || (lastLf < 0 && tailStart > 0)) {
            channel.write(ByteBuffer.wrap(new byte[] {'\n'}), size);
            LOG.warn("{}: last line had no line end; completed it", file);
        } else {
            long keep = tailStart + lastLf + 1; // lastLf == -1 here means the whole file is the torn line
            channel.truncate(keep);
            LOG.warn("{}: cut off a torn last line of {} bytes (power cut during an append)", file, size - keep);
        }
        channel.force(true);
    }
}
