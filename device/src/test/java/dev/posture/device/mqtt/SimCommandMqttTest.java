package dev.posture.device.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posture.device.cli.DeviceCommand;
import dev.posture.protocol.cli.CommandLines;
import dev.posture.protocol.message.ConnectionState;
import dev.posture.protocol.message.EventMessage;
import dev.posture.protocol.message.EventType;
import dev.posture.protocol.message.MessageCodec;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sim --broker URL} through its command line, against the embedded broker over TCP. */
class SimCommandMqttTest {
    @TempDir
    Path dir;

    @Test
    void simPublishesEveryEventAndGoesOfflineAtTheEnd() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start(dir.resolve("broker"));
             Companion companion = Companion.connect(broker.url(), "watcher", "posture/v1/+/event",
                     "posture/v1/+/status")) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = CommandLines.run(new DeviceCommand(), new PrintWriter(out), new PrintWriter(err), "sim",
                    "--scenario", "drift", "--speed", "100", "--broker", broker.url(), "--device-id", "desk-9",
                    "--state-dir", dir.resolve("state").toString());
            assertEquals(0, code, err::toString);
            long printed = out.toString().lines().filter(l -> l.startsWith("* EVENT")).count();
            Await.until(printed + " events over MQTT",
                    () -> companion.matching(r -> r.topic().equals("posture/v1/desk-9/event")).size() >= printed);
            List<Long> seqs = new ArrayList<>();
            List<EventType> types = new ArrayList<>();
            for (Companion.Received r : companion.matching(r -> r.topic().endsWith("/event"))) {
                EventMessage e = MessageCodec.decodeEvent(r.payload());
                seqs.add(e.seq());
                types.add(e.type());
            }
            List<Long> expected = new ArrayList<>();
            for (long i = 0; i < printed; i++) {
                expected.add(i);
            }
            assertEquals(expected, seqs, "every event the sim printed, once, in order");
            assertEquals(2, types.stream().filter(t -> t == EventType.CUE).count(), types.toString());
            Await.until("offline status", () -> companion.matching(r -> r.topic().equals("posture/v1/desk-9/status"))
                    .stream().anyMatch(r -> decodeState(r) == ConnectionState.OFFLINE));
            assertTrue(out.toString().contains("sim: 354."), out::toString);
        }
    }

    private static ConnectionState decodeState(Companion.Received r) {
        try {
            return MessageCodec.decodeStatus(r.payload()).state();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
