package dev.posture.device.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.posture.protocol.config.Config;
import dev.posture.protocol.config.ConfigChange;
import dev.posture.protocol.config.ConfigKey;
import dev.posture.protocol.console.ConsoleRequest;
import dev.posture.protocol.console.ConsoleRequestDecoder;
import dev.posture.protocol.console.ParsedLine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Any bytes into a ConsoleSession: nothing throws, every line is whole printable ASCII of at most
 * 1024 bytes (checked by the sink), every non-blank request line gets exactly one OK or ERR in
 * order, and the config changes only by the SETs that were answered OK, exactly as the config model
 * applies them.
 */
class ConsoleSessionFuzzTest {
    private static final byte[] TRACE = FakeDeviceControl.FakeTraces.trace("r0013", 3);

    @FuzzTest
    void anyBytesGetOneReplyPerLineAndOnlyValidSetsChangeTheConfig(byte[] data) throws Exception {
        FakeDeviceControl device = new FakeDeviceControl();
        device.traces.add("r0013", TRACE);
        CollectingSink sink = new CollectingSink();
        ConsoleSession session = new ConsoleSession(device, sink, Duration.ofMillis(50));
        session.opened();
        sink.take();

        session.receive(data, 0, data.length);

        // What the protocol's decoder makes of the same bytes: one entry per line that must be answered.
        ConsoleRequestDecoder decoder = new ConsoleRequestDecoder();
        List<ParsedLine> requests = new ArrayList<>();
        for (byte b : data) {
            ParsedLine parsed = decoder.accept(b);
            if (parsed != null) {
                requests.add(parsed);
            }
        }
        List<String> replies = new ArrayList<>();
        for (String line : sink.take()) {
            if (line.startsWith("* ")) {
                assertTrue(line.startsWith("* TRACE "), line); // nothing else is sent unasked here
            } else {
                replies.add(line);
            }
        }
        assertEquals(requests.size(), replies.size(), () -> requests + " -> " + replies);
        assertEquals(requests.size(), session.requests());

        Config expected = Config.defaults();
        int setsReachingTheDevice = 0;
        for (int i = 0; i < requests.size(); i++) {
            String reply = replies.get(i);
            assertTrue(reply.equals("OK") || reply.startsWith("OK ") || reply.startsWith("ERR "), reply);
            if (requests.get(i) instanceof ConsoleRequest.Set set) {
                if (ConfigKey.byName(set.key()).isPresent()) {
                    setsReachingTheDevice++;
                }
                if (reply.startsWith("OK ")) {
                    ConfigChange.Result result = ConfigChange.set(expected, set.key(), set.value());
                    assertTrue(result.ok(), reply);
                    expected = result.config();
                }
            }
        }
        assertEquals(expected, device.config());
        assertEquals(expected.version(), device.config().version());
        assertEquals(setsReachingTheDevice, device.changeRequests.size());
    }
}
