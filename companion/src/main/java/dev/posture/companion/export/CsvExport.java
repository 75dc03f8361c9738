package dev.posture.companion.export;

import dev.posture.protocol.ProtocolException;
import dev.posture.protocol.trace.TraceCsvWriter;
import dev.posture.protocol.trace.TraceDefect;
import dev.posture.protocol.trace.TraceExport;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code export --format csv}: the trace CSV ({@link TraceExport#binaryToCsv}, byte for byte) as
 * {@code OUT/<name>.csv}, and the header and defects as {@code OUT/<name>.json}, where name is the
 * trace file's name without {@code .ptrace}.
 */
public final class CsvExport {
    private CsvExport() {
    }

    /**
     * @param onDefect told of each damaged stretch as the reader steps over it
     * @throws ProtocolException when the trace's header is unreadable (nothing is written then)
     */
    public static ExportResult export(Path trace, Path outDir, boolean force, Consumer<TraceDefect> onDefect)
            throws ExportException, ProtocolException {
        String name = TraceFiles.baseName(trace);
        Path csv = outDir.resolve(name + ".csv");
        Path json = outDir.resolve(name + ".json");
        try (InputStream in = TraceFiles.open(trace)) {
            // The header is checked before anything is created, so "not a trace" leaves no files behind.
            TraceFiles.checkHeader(trace);
            OutputFiles.createDirectory(outDir);
            OutputFiles.refuseExisting(List.of(csv, json), force);
            TraceExport.Summary summary;
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(csv))) {
                summary = TraceExport.binaryToCsv(in, out, onDefect);
            } catch (IOException e) {
                throw OutputFiles.writeFailed(csv, e);
            }
            ObjectNode meta = TraceMetadata.header(summary.header());
            meta.put("csv", csv.getFileName().toString());
            meta.put("columns", TraceCsvWriter.HEADER);
            meta.put("units", "t_s: s since the recording started (device clock); acc: m/s^2; gyr: rad/s; sensor frame");
            meta.put("samples", summary.samples());
            meta.put("defect_count", summary.defectCount());
            meta.set("defects", TraceMetadata.defects(summary.defects()));
            TraceMetadata.write(meta, json);
            return new ExportResult(summary.header(), summary.samples(), summary.defects(), summary.defectCount(),
                    0, List.of(csv, json));
        } catch (IOException e) {
            throw new ExportException(trace + ": cannot read (" + e.getMessage() + ")", e);
        }
    }
}
