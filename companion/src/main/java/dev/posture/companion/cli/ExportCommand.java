package dev.posture.companion.cli;

import dev.posture.companion.export.BidsExport;
import dev.posture.companion.export.CsvExport;
import dev.posture.companion.export.ExportException;
import dev.posture.companion.export.ExportResult;
import dev.posture.companion.store.EventRow;
import dev.posture.companion.store.Store;
import dev.posture.companion.store.StoreException;
import dev.posture.protocol.ProtocolException;
import dev.posture.protocol.cli.CommandLines;
import dev.posture.protocol.cli.CommandLines.UserError;
import dev.posture.protocol.mqtt.DeviceId;
import dev.posture.protocol.trace.TraceDefect;
import dev.posture.protocol.trace.TraceReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code export --trace FILE --format csv|bids --out DIR}: a raw recording for researchers. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export a raw recording (.ptrace) as the trace CSV with a JSON sidecar, or as a BIDS-Motion "
                + "dataset (with --db: the device's events during the recording). Damaged chunks are reported "
                + "and skipped; existing files are kept unless --force.")
final class ExportCommand implements Callable<Integer> {
    enum Format { csv, bids }

    @Spec
    CommandSpec spec;

    @Option(names = "--trace", required = true, paramLabel = "FILE", description = "the binary trace")
    Path trace;

    @Option(names = "--format", required = true, paramLabel = "csv|bids", description = "csv or bids")
    Format format;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output directory (created if missing)")
    Path out;

    @Option(names = "--db", paramLabel = "FILE", description = "bids: the SQLite event log to take events from")
    Path db;

    @Option(names = "--device", paramLabel = "D", description = "bids: whose events (default: the trace's device)")
    String device;

    @Option(names = "--subject", paramLabel = "S", description = "bids: subject label (default: the device id's letters and digits)")
    String subject;

    @Option(names = "--task", paramLabel = "T", description = "bids: task label (default: posture)")
    String task;

    @Option(names = "--force", description = "overwrite files this export writes")
    boolean force;

    @Override
    public Integer call() throws UserError, ProtocolException {
        PrintWriter err = spec.commandLine().getErr();
        Consumer<TraceDefect> onDefect = d -> err.println("damaged: " + d.message());
        ExportResult result;
        try {
            if (format == Format.csv) {
                if (db != null || device != null || subject != null || task != null) {
                    throw new UserError("--db, --device, --subject and --task are for --format bids");
                }
                result = CsvExport.export(trace, out, force, onDefect);
            } else {
                List<EventRow> events = db == null ? null : events();
                result = BidsExport.export(trace, out, new BidsExport.Options(subject, task, force, events), onDefect);
            }
        } catch (ExportException e) {
            throw new UserError(e.getMessage(), e);
        }
        PrintWriter o = spec.commandLine().getOut();
        o.println(out + ": " + result.samples() + " samples of " + result.header().recordingId()
                + (result.defectCount() == 0 ? "" : ", " + result.defectCount() + " damaged chunk(s) skipped")
                + (db == null ? "" : ", " + result.events() + " event(s)"));
        for (Path f : result.files()) {
            o.println("  " + f);
        }
        return CommandLines.OK;
    }

    /** The device's stored events; the device defaults to the trace's. */
    private List<EventRow> events() throws UserError, ProtocolException {
        if (!Files.isRegularFile(db)) {
            throw new UserError(db + ": no such file (serve creates it)");
        }
        DeviceId id = DeviceId.parse(device != null ? device : traceDevice());
        try (Store s = Store.open(db)) {
            if (s.device(id).isEmpty()) {
                throw new UserError("no device '" + id + "' in " + db);
            }
            return s.events(id, null, null);
        } catch (StoreException e) {
            throw new UserError(e.getMessage(), e);
        }
    }

    private String traceDevice() throws UserError, ProtocolException {
        try (InputStream in = Files.newInputStream(trace)) {
            return TraceReader.open(in).header().deviceId();
        } catch (NoSuchFileException e) {
            throw new UserError(trace + ": no such file");
        } catch (ProtocolException e) {
            throw new ProtocolException(trace + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UserError(trace + ": cannot read (" + e.getMessage() + ")", e);
        }
    }
}
