package dev.posture.companion.export;

import dev.posture.protocol.trace.TraceDefect;
import dev.posture.protocol.trace.TraceHeader;
import java.nio.file.Path;
import java.util.List;

/**
 * What an export wrote.
 *
 * @param samples     samples written (every sample of every intact chunk)
 * @param defects     the first {@value dev.posture.protocol.trace.TraceReader#MAX_KEPT_DEFECTS} defects
 * @param defectCount all defects the reader stepped over
 * @param events      events written to events.tsv (0 without a store)
 * @param files       the files written, in the order written
 */
public record ExportResult(TraceHeader header, long samples, List<TraceDefect> defects, long defectCount,
                           int events, List<Path> files) {
    public ExportResult {
        defects = List.copyOf(defects);
        files = List.copyOf(files);
    }
}
