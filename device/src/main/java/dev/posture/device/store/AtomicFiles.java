package dev.posture.device.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Replaces a file so that after a power cut it holds either the old or the new bytes, never a mix:
 * write a temporary file in the same directory, fsync it, rename it over the target (atomic on one
 * POSIX file system), then fsync the directory so that the rename itself is durable.
 */
public final class AtomicFiles {
    /** Test hook: called before each step; a test throws from it to simulate a crash there. */
    interface Steps {
        Steps NONE = (step, target) -> { };

        void before(Step step, Path target) throws IOException;
    }

    enum Step { WRITE, FSYNC, RENAME, DIRECTORY_FSYNC }

    /** The temporary file's name: fixed, so that a start-up can find and remove a leftover one. */
    static final String TEMP_SUFFIX = ".tmp";

    private AtomicFiles() {
    }

    /** Replaces {@code target} with {@code content} durably (the steps above). */
    public static void write(Path target, byte[] content) throws IOException {
        replace(target, content, Steps.NONE);
    }

    static Path tempFor(Path target) {
        return target.resolveSibling(target.getFileName() + TEMP_SUFFIX);
    }

    static void replace(Path target, byte[] content, Steps steps) throws IOException {
        Path temp = tempFor(target);
        steps.before(Step.WRITE, target);
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer bytes = ByteBuffer.wrap(content);
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            steps.before(Step.FSYNC, target);
            channel.force(true);
        }
        steps.before(Step.RENAME, target);
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        steps.before(Step.DIRECTORY_FSYNC, target);
        syncDirectory(target.toAbsolutePath().getParent());
    }

    /**
     * Makes a directory's entries (a rename, a new file) durable. Linux (ext4, f2fs, the Pi's SD
     * card) allows opening a directory read-only and fsyncing it; Windows refuses to open one, and
     * there NTFS journals the rename itself, so the failure is ignored on Windows only.
     */
    static void syncDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            if (!System.getProperty("os.name", "").startsWith("Windows")) {
                throw e;
            }
        }
    }
}
