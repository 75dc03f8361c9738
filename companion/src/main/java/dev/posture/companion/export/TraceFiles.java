package dev.posture.companion.export;

import dev.posture.protocol.ProtocolException;
import dev.posture.protocol.trace.TraceReader;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Opening the input trace with one-line errors. */
final class TraceFiles {
    private TraceFiles() {
    }

    static InputStream open(Path trace) throws ExportException {
        if (Files.isDirectory(trace)) {
            throw new ExportException(trace + ": is a directory, not a trace file");
        }
        try {
            return new BufferedInputStream(Files.newInputStream(trace));
        } catch (NoSuchFileException e) {
            throw new ExportException(trace + ": no such file");
        } catch (AccessDeniedException e) {
            throw new ExportException(trace + ": permission denied");
        } catch (IOException e) {
            throw new ExportException(trace + ": cannot open (" + e.getMessage() + ")", e);
        }
    }

    /** Reads just the header, so a file that is not a trace fails before any output exists. */
    static void checkHeader(Path trace) throws ExportException, ProtocolException, IOException {
        try (InputStream in = open(trace)) {
            TraceReader.open(in).header();
        } catch (ProtocolException e) {
            throw new ProtocolException(trace + ": " + e.getMessage(), e);
        }
    }

    /** The trace's file name without {@code .ptrace}: the stem of every file an export writes. */
    static String baseName(Path trace) {
        String name = trace.getFileName().toString();
        return name.endsWith(".ptrace") && name.length() > ".ptrace".length()
                ? name.substring(0, name.length() - ".ptrace".length()) : name;
    }
}
