package dev.posture.protocol.trace;

import dev.posture.protocol.ProtocolException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.function.Consumer;

/** Converts a binary trace to a trace CSV in physical units: what the companion's export and the CLI call. */
public final class TraceExport {
    private TraceExport() {
    }

    /**
     * What a conversion read.
     *
     * @param defects the first {@value TraceReader#MAX_KEPT_DEFECTS} defects; all went to the listener
     */
    public record Summary(TraceHeader header, long samples, List<TraceDefect> defects, long defectCount) {
        public Summary {
            defects = List.copyOf(defects);
        }
    }

    /**
     * Reads the binary trace {@code trace} and writes every sample of its good chunks to {@code csv}
     * (t_s since the recording started, m/s^2, rad/s; see {@link PhysicalUnits}); damaged chunks are
     * skipped and reported to {@code onDefect}. Flushes {@code csv} but leaves both streams open.
     *
     * @throws ProtocolException when the header cannot be read (nothing is written then)
     */
    public static Summary binaryToCsv(InputStream trace, OutputStream csv, Consumer<TraceDefect> onDefect)
            throws IOException, ProtocolException {
        TraceReader reader = TraceReader.open(trace, onDefect);
        PhysicalUnits units = PhysicalUnits.of(reader.header());
        TraceCsvWriter writer = new TraceCsvWriter(csv);
        long samples = 0;
        for (RawSample s = reader.next(); s != null; s = reader.next()) {
            writer.write(units.toPhysical(s));
            samples++;
        }
        writer.flush();
        return new Summary(reader.header(), samples, reader.defects(), reader.defectCount());
    }
}
