package dev.posture.protocol.console;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.posture.protocol.ProtocolException;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Arbitrary text into the companion's readers (reply lines, their fields, stream samples): only
 * ProtocolException escapes, and whatever parses is formatted back by the device formatter into a
 * line that parses to the same thing.
 */
class ConsoleReplyFuzzTest {

    @FuzzTest
    void arbitraryTextThrowsOnlyProtocolException(FuzzedDataProvider data) {
        String line = data.consumeRemainingAsString();
        DeviceLineFormatter out = new DeviceLineFormatter();
        ConsoleReply reply;
        try {
            reply = ConsoleReply.parse(line);
        } catch (ProtocolException e) {
            return;
        }
        if (reply instanceof ConsoleReply.Ok ok) {
            out.ok(ok.text());
            if (!ok.text().isEmpty()) {
                assertEquals(line, out.lineText());
            }
            fields(ok);
        } else if (reply instanceof ConsoleReply.Err err) {
            assertEquals(line, "ERR " + err.code() + " " + err.message());
        } else {
            ConsoleReply.Unsolicited unsolicited = (ConsoleReply.Unsolicited) reply;
            out.unsolicited(unsolicited.kind(), unsolicited.text());
            if (!unsolicited.text().isEmpty()) {
                assertEquals(line, out.lineText());
            }
            fields(unsolicited);
            stream(line);
        }
    }

    private static void fields(ConsoleReply reply) {
        try {
            if (reply instanceof ConsoleReply.Ok ok) {
                ok.fields();
            } else {
                ((ConsoleReply.Unsolicited) reply).fields();
            }
        } catch (ProtocolException expected) {
            // Malformed fields are reported as such; anything else fails the test.
        }
    }

    private static void stream(String line) {
        StreamSample sample;
        try {
            sample = StreamSample.parse(line);
        } catch (ProtocolException e) {
            return;
        }
        DeviceLineFormatter out = new DeviceLineFormatter();
        out.stream(sample.timeMs(), sample.forwardDeciDeg().orElse(0), sample.forwardDeciDeg().isPresent(), sample.state());
        try {
            assertEquals(sample, StreamSample.parse(out.lineText()));
        } catch (ProtocolException e) {
            throw new AssertionError("formatted sample does not parse: " + out.lineText(), e);
        }
    }
}
