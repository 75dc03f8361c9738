package dev.posture.device.runtime;

import dev.posture.device.store.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The next event sequence number, kept across restarts: receivers drop duplicates by (device id,
 * seq), so a number must never be used twice. The event thread stores {@code seq + 1} (atomically:
 * temporary file, fsync, rename) before it hands event {@code seq} to anyone.
 */
final class SequenceFile {
    private final Path file;

    SequenceFile(Path file) {
        this.file = file;
    }

    /**
     * The stored next number; 0 when there is no file yet.
     *
     * @throws IOException when the file exists but cannot be read or holds no number: starting
     *                     again from 0 would reuse numbers, so the caller must decide
     */
    long load() throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII).trim();
        } catch (NoSuchFileException e) {
            return 0;
        }
        try {
            long next = Long.parseLong(text);
            if (next < 0) {
                throw new NumberFormatException();
            }
            return next;
        } catch (NumberFormatException e) {
            throw new IOException(file + ": expected the next event number, found '"
                    + (text.length() > 20 ? text.substring(0, 20) + "..." : text) + "'");
        }
    }

    void store(long next) throws IOException {
        AtomicFiles.write(file, (next + "\n").getBytes(StandardCharsets.US_ASCII));
    }
}
