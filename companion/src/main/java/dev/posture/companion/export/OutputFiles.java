package dev.posture.companion.export;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The no-overwrite rule and the one-line errors for an output directory, shared by both formats. */
final class OutputFiles {
    private OutputFiles() {
    }

    /** Creates {@code dir} (and parents) or fails with one line naming it. */
    static void createDirectory(Path dir) throws ExportException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new ExportException(dir + ": not a directory");
        }
        try {
            Files.createDirectories(dir);
        } catch (FileAlreadyExistsException e) {
            throw new ExportException(e.getFile() + ": not a directory");
        } catch (AccessDeniedException e) {
            throw new ExportException(e.getFile() + ": permission denied, cannot create the output directory");
        } catch (IOException e) {
            throw new ExportException(dir + ": cannot create the output directory (" + e.getMessage() + ")", e);
        }
        if (!Files.isWritable(dir)) {
            throw new ExportException(dir + ": output directory is not writable");
        }
    }

    /** Refuses before anything is written if one of {@code files} exists and {@code force} is off. */
    static void refuseExisting(List<Path> files, boolean force) throws ExportException {
        if (force) {
            return;
        }
        for (Path f : files) {
            if (Files.exists(f)) {
                throw new ExportException(f + ": already exists (use --force to overwrite)");
            }
        }
    }

    /** An I/O failure while writing, as one line naming the file. */
    static ExportException writeFailed(Path file, IOException e) {
        String why = e instanceof AccessDeniedException ? "permission denied" : String.valueOf(e.getMessage());
        return new ExportException(file + ": cannot write (" + why + ")", e);
    }
}
