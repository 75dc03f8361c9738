package dev.posture.companion.cli;

import dev.posture.companion.broker.BrokerException;
import dev.posture.companion.broker.EmbeddedBroker;
import dev.posture.companion.ingest.IngestException;
import dev.posture.companion.ingest.IngestHandler;
import dev.posture.companion.ingest.MqttIngest;
import dev.posture.companion.store.Store;
import dev.posture.protocol.ProtocolException;
import dev.posture.protocol.cli.CommandLines;
import dev.posture.protocol.cli.CommandLines.UserError;
import dev.posture.protocol.mqtt.ShareGroup;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code serve}: the broker (embedded unless one is given) and the ingest into the event log. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Log every device's status, events, telemetry and configuration into the event log.",
                "Without --broker, starts an embedded MQTT 5 broker (HiveMQ CE) and uses it. Prints one line per "
                        + "new event; Ctrl-C stops cleanly."})
final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StoreOptions store;

    @Option(names = "--broker", paramLabel = "URL",
            description = "an MQTT 5 broker, tcp://host:port or ssl://host:port (default: start an embedded one)")
    String broker;

    @Option(names = "--port", paramLabel = "N", defaultValue = "1883",
            description = "embedded broker: the TCP port to listen on (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "embedded broker: the address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for every interface)")
    String bind;

    @Option(names = "--share", paramLabel = "GROUP",
            description = "split events and telemetry with other companions in this MQTT 5 shared-subscription group")
    String share;

    @Option(names = "--client-id", paramLabel = "ID",
            description = "MQTT client id; unique per companion (default: posture-companion-<host>, plus the process id with --share)")
    String clientId;

    @Option(names = "--username", paramLabel = "NAME", description = "broker user name")
    String username;

    @Option(names = "--password-file", paramLabel = "FILE", description = "a file whose first line is the broker password")
    Path passwordFile;

    /** Counted down to stop (by the shutdown hook on Ctrl-C or SIGTERM, or by a test). */
    final CountDownLatch stop = new CountDownLatch(1);
    /** Counted down once everything is closed, so the shutdown hook can wait for it. */
    private final CountDownLatch stopped = new CountDownLatch(1);

    @Override
    public Integer call() throws UserError, ProtocolException {
        if (broker != null && spec.commandLine().getParseResult().hasMatchedOption("--port")) {
            throw new ParameterException(spec.commandLine(), "--port is for the embedded broker; give it in --broker's URL");
        }
        ShareGroup group = share == null ? null : ShareGroup.parse(share);
        byte[] password = readPassword();
        PrintWriter out = spec.commandLine().getOut();
        Thread hook = new Thread(this::stopAndWait, "serve-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        EmbeddedBroker embedded = null;
        try (Store log = store.open()) {
            String url = broker;
            if (url == null) {
                embedded = EmbeddedBroker.start(brokerFolder(), bind, port, true);
                url = embedded.url();
                out.println("embedded MQTT 5 broker listening on " + bind + ":" + port);
            }
            IngestHandler handler = new IngestHandler(log, System::currentTimeMillis, line -> {
                out.println(line);
                out.flush();
            });
            String id = clientId != null ? clientId : defaultClientId(group);
            var options = new MqttIngest.Options(url, id, group, username, password, 3600, 10);
            try (MqttIngest ingest = MqttIngest.connect(options, handler)) {
                out.println("logging " + url + " into " + store.db + " as " + id
                        + (group == null ? "" : " (sharing events and telemetry in group " + group + ")"));
                out.flush();
                stop.await();
                out.println(String.format(Locale.ROOT, "stopped: %d stored, %d duplicates dropped, %d rejected",
                        handler.storedCount(), handler.duplicateCount(), handler.rejectedCount()));
            }
            return CommandLines.OK;
        } catch (BrokerException | IngestException e) {
            throw new UserError(e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CommandLines.FAILED;
        } finally {
            if (embedded != null) {
                try {
                    embedded.close();
                } catch (BrokerException e) {
                    spec.commandLine().getErr().println("serve: " + e.getMessage());
                }
            }
            out.flush();
            stopped.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down: the hook is running
            }
        }
    }

    /** Ctrl-C: ask {@link #call} to finish and give it time to close the log and the broker. */
    private void stopAndWait() {
        stop.countDown();
        try {
            stopped.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Next to the database, so a second run finds the retained status and sessions again. */
    private Path brokerFolder() {
        Path parent = store.db.toAbsolutePath().getParent();
        return parent.resolve("posture-broker");
    }

    private byte[] readPassword() throws UserError {
        if (passwordFile == null) {
            return null;
        }
        try {
            String text = Files.readString(passwordFile, StandardCharsets.UTF_8);
            return text.lines().findFirst().orElse("").getBytes(StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new UserError(passwordFile + ": no such file");
        } catch (IOException e) {
            throw new UserError(passwordFile + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static String defaultClientId(ShareGroup group) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
        } catch (IOException e) {
            host = "localhost";
        }
        // With --share several instances usually run on one host: the pid keeps their ids apart.
        return "posture-companion-" + host + (group == null ? "" : "-" + ProcessHandle.current().pid());
    }
}
