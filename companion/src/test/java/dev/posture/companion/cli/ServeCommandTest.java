package dev.posture.companion.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posture.companion.broker.EmbeddedBroker;
import dev.posture.companion.ingest.Poll;
import dev.posture.companion.ingest.TestDevice;
import dev.posture.protocol.cli.CommandLines;
import dev.posture.protocol.message.EventDetail;
import dev.posture.protocol.message.EventMessage;
import dev.posture.protocol.mqtt.DeviceId;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve} as a user runs it: embedded broker, a device publishing, a clean stop; and its one-line failures. */
class ServeCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void servesAnEmbeddedBrokerLogsAndPrintsEventsAndStopsCleanly() throws Exception {
        int port = EmbeddedBroker.freePort();
        Path db = dir.resolve("posture.db");
        ServeCommand serve = new ServeCommand();
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> CommandLines.run(serve,
                new PrintWriter(out), new PrintWriter(err), "--port", String.valueOf(port), "--db", db.toString(),
                "--client-id", "companion-serve-test"));
        Poll.until("serve is logging", () -> out.toString().contains("logging tcp://127.0.0.1:" + port) || exit.isDone());
        assertTrue(out.toString().startsWith("embedded MQTT 5 broker listening on 127.0.0.1:" + port), out + " " + err);

        DeviceId id = new DeviceId("desk-07");
        try (TestDevice device = TestDevice.connect("tcp://127.0.0.1:" + port, id.value())) {
            device.publish(new EventMessage(id, 12, 1_736_847_012_345L, 3_612_345,
                    new EventDetail.Cue(21.25, 121_500, 3, 1)));
            Poll.until("the event line", () -> out.toString().contains("desk-07 #12 CUE fwd=21.25 forward_ms=121500"));
        }
        serve.stop.countDown();
        assertEquals(0, exit.get(60, TimeUnit.SECONDS), err.toString());
        assertTrue(out.toString().contains("stopped: 1 stored, 0 duplicates dropped, 0 rejected"), out.toString());
        assertTrue(Files.isDirectory(dir.resolve("posture-broker/data")), "the broker's data lives next to the db");

        StringWriter listing = new StringWriter();
        assertEquals(0, CommandLines.run(new CompanionCommand(), new PrintWriter(listing), new PrintWriter(err),
                "events", "--device", "desk-07", "--db", db.toString()));
        assertTrue(listing.toString().contains("12   2025-01-14T09:30:12.345Z  3612.345  CUE"), listing.toString());
    }

    @Test
    void aBrokerThatRefusesIsOneLine() throws Exception {
        int port = EmbeddedBroker.freePort();   // nothing listens there
        int code = CommandLines.run(new CompanionCommand(), new PrintWriter(out), new PrintWriter(err), "serve",
                "--broker", "tcp://127.0.0.1:" + port, "--db", dir.resolve("posture.db").toString());
        assertEquals(CommandLines.FAILED, code);
        String[] lines = err.toString().strip().split("\\R");
        assertEquals(1, lines.length, err.toString());
        assertTrue(lines[0].startsWith("posture-companion serve: broker tcp://127.0.0.1:" + port + ": "), lines[0]);
    }

    @Test
    void aTakenPortIsOneLine() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int code = CommandLines.run(new CompanionCommand(), new PrintWriter(out), new PrintWriter(err), "serve",
                    "--port", String.valueOf(taken.getLocalPort()), "--db", dir.resolve("posture.db").toString());
            assertEquals(CommandLines.FAILED, code);
            String[] lines = err.toString().strip().split("\\R");
            assertEquals(1, lines.length, err.toString());
            assertTrue(lines[0].startsWith("posture-companion serve: embedded broker: cannot listen on 127.0.0.1:"
                    + taken.getLocalPort() + ": "), lines[0]);
        }
    }

    @Test
    void aMissingPasswordFileIsOneLine() {
        Path missing = dir.resolve("nope.txt");
        int code = CommandLines.run(new CompanionCommand(), new PrintWriter(out), new PrintWriter(err), "serve",
                "--broker", "tcp://127.0.0.1:1", "--username", "clinic", "--password-file", missing.toString(),
                "--db", dir.resolve("posture.db").toString());
        assertEquals(CommandLines.FAILED, code);
        assertEquals("posture-companion serve: " + missing + ": no such file", err.toString().strip());
    }

    @Test
    void aPortWithABrokerIsAUsageError() {
        int code = CommandLines.run(new CompanionCommand(), new PrintWriter(out), new PrintWriter(err), "serve",
                "--broker", "tcp://127.0.0.1:1", "--port", "1884", "--db", dir.resolve("posture.db").toString());
        assertEquals(CommandLines.USAGE, code);
        assertTrue(err.toString().startsWith("serve: --port is for the embedded broker; give it in --broker's URL"),
                err.toString());
    }

    @Test
    void aBadShareGroupIsOneLine() {
        int code = CommandLines.run(new CompanionCommand(), new PrintWriter(out), new PrintWriter(err), "serve",
                "--share", "Group A", "--db", dir.resolve("posture.db").toString());
        assertEquals(CommandLines.FAILED, code);
        assertEquals("posture-companion serve: share group 'Group A' must match [a-z0-9_-]{1,32}", err.toString().strip());
    }
}
