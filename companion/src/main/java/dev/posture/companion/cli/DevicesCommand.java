package dev.posture.companion.cli;

import dev.posture.companion.store.DeviceRow;
import dev.posture.companion.store.Store;
import dev.posture.companion.store.StoreException;
import dev.posture.companion.view.TextTable;
import dev.posture.protocol.cli.CommandLines;
import dev.posture.protocol.cli.CommandLines.UserError;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code devices}: every device in the log with its last status. */
@Command(name = "devices", mixinStandardHelpOptions = true,
        description = "List every device in the event log: online/offline, last status, config version, "
                + "first and last seen, event count. Times are UTC.")
final class DevicesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StoreOptions store;

    @Option(names = "--csv", description = "print CSV instead of a table")
    boolean csv;

    @Override
    public Integer call() throws UserError {
        TextTable table = new TextTable("device", "state", "firmware", "posture", "sensor", "config", "battery_pct",
                "rssi_dbm", "status_time", "first_seen", "last_seen", "events");
        try (Store s = store.openExisting()) {
            for (DeviceRow d : s.devices()) {
                table.row(d.deviceId(), d.state(), d.firmware(), d.posture(), d.sensor(), d.configVersion(),
                        d.batteryPct(), d.rssiDbm(), StoreOptions.formatTime(d.statusTimeMs()),
                        StoreOptions.formatTime(d.firstSeenMs()), StoreOptions.formatTime(d.lastSeenMs()),
                        d.events());
            }
        } catch (StoreException e) {
            throw new UserError(e.getMessage(), e);
        }
        table.print(spec.commandLine().getOut(), csv);
        return CommandLines.OK;
    }
}
