package dev.posture.companion.cli;

import dev.posture.companion.store.EventRow;
import dev.posture.companion.store.Store;
import dev.posture.companion.store.StoreException;
import dev.posture.companion.view.EventText;
import dev.posture.companion.view.TextTable;
import dev.posture.protocol.ProtocolException;
import dev.posture.protocol.cli.CommandLines;
import dev.posture.protocol.cli.CommandLines.UserError;
import dev.posture.protocol.message.EventType;
import dev.posture.protocol.message.MessageCodec;
import dev.posture.protocol.mqtt.DeviceId;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code events --device D}: one device's logged events in the device's order. */
@Command(name = "events", mixinStandardHelpOptions = true,
        description = "List one device's logged events in seq order (the device's own order). Times are UTC.")
final class EventsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StoreOptions store;

    @Option(names = "--device", required = true, paramLabel = "D", description = "device id")
    String device;

    @Option(names = "--since", paramLabel = "T",
            description = "only events at or after T (device time): 2025-01-14, 2025-01-14T09:30, 2025-01-14T09:30:00+01:00")
    String since;

    @Option(names = "--type", paramLabel = "TYPE", description = "only this event type (CUE, RECOVERED, ...)")
    String type;

    @Option(names = "--csv", description = "print CSV (with each event's JSON) instead of a table")
    boolean csv;

    @Override
    public Integer call() throws UserError, ProtocolException {
        DeviceId id = DeviceId.parse(device);
        Long sinceMs = since == null ? null : StoreOptions.parseTime(since, "--since");
        EventType eventType = type == null ? null : parseType(type);
        TextTable table = csv
                ? new TextTable("device_id", "seq", "time", "time_ms", "uptime_ms", "type", "json")
                : new TextTable("seq", "time", "uptime_s", "type", "details");
        try (Store s = store.openExisting()) {
            if (s.device(id).isEmpty()) {
                throw new UserError("no device '" + id + "' in " + store.db);
            }
            for (EventRow e : s.events(id, sinceMs, eventType)) {
                if (csv) {
                    table.row(e.deviceId(), e.seq(), StoreOptions.formatTime(e.timeMs()), e.timeMs(), e.uptimeMs(),
                            e.type(), e.json());
                } else {
                    table.row(e.seq(), StoreOptions.formatTime(e.timeMs()),
                            String.format(Locale.ROOT, "%.3f", e.uptimeMs() / 1000.0), e.type(), details(e));
                }
            }
        } catch (StoreException e) {
            throw new UserError(e.getMessage(), e);
        }
        table.print(spec.commandLine().getOut(), csv);
        return CommandLines.OK;
    }

    private static EventType parseType(String text) throws UserError {
        return EventType.fromWire(text.toUpperCase(Locale.ROOT)).orElseThrow(() -> new UserError("--type: unknown event type '"
                + StoreOptions.printable(text) + "'; one of " + Arrays.stream(EventType.values())
                .map(EventType::wireName).collect(Collectors.joining(", "))));
    }

    /** Stored JSON was valid when it arrived; a newer schema's event shows its raw JSON instead. */
    private static String details(EventRow e) {
        try {
            return EventText.details(MessageCodec.decodeEvent(e.json().getBytes(StandardCharsets.UTF_8)).detail());
        } catch (ProtocolException ex) {
            return e.json();
        }
    }
}
