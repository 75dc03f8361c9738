package dev.posture.protocol.console;

import dev.posture.protocol.OneByteInputStream;
import dev.posture.protocol.ProtocolException;
import dev.posture.protocol.TestResources;
import dev.posture.protocol.console.ConsoleRequest.Calibrate;
import dev.posture.protocol.console.ConsoleRequest.Get;
import dev.posture.protocol.console.ConsoleRequest.Help;
import dev.posture.protocol.console.ConsoleRequest.Set;
import dev.posture.protocol.console.ConsoleRequest.Status;
import dev.posture.protocol.console.ConsoleRequest.StreamOn;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Golden files in src/test/resources/console pin the exact bytes of both directions. */
class ConsoleGoldenTest {

    private static byte[] resource(String name) {
        return TestResources.bytes("/console/" + name);
    }

    @Test
    void requestLinesAreTheCanonicalForms() throws IOException {
        StringBuilder encoded = new StringBuilder();
        for (ConsoleRequest request : ConsoleRequestParserTest.ONE_OF_EACH) {
            encoded.append(request.toLine()).append('\n');
        }
        assertArrayEquals(resource("requests.txt"), encoded.toString().getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void requestLinesDecodeBackByteByByteAndThroughAOneByteStream() throws IOException {
        byte[] golden = resource("requests.txt");
        assertEquals(ConsoleRequestParserTest.ONE_OF_EACH, decodeDirect(golden));
        List<ParsedLine> viaStream = new ArrayList<>();
        ConsoleLineReader reader = new ConsoleLineReader(new OneByteInputStream(golden), LineAssembler.forRequests());
        for (LineEvent event = reader.next(); event != null; event = reader.next()) {
            viaStream.add(event == LineEvent.LINE ? ConsoleRequestParser.parse(reader.line()) : reader.error());
        }
        assertEquals(ConsoleRequestParserTest.ONE_OF_EACH, viaStream);
    }

    @Test
    void whatAClinicianTypesInPicocomDecodes() throws IOException {
        List<ParsedLine> expected = List.of(
                new Help(),
                new Status(),
                new Get("threshold_deg"),
                new Set("dwell_s", "120"),
                new ConsoleError(ConsoleErrorCode.BAD_BYTE, "byte 0x1b at offset 0 is not printable ASCII"),
                new StreamOn(5),
                new ConsoleError(ConsoleErrorCode.SYNTAX, "unexpected 'min'; usage: SNOOZE minutes"),
                new ConsoleError(ConsoleErrorCode.TOO_LONG, "line longer than 256 bytes"),
                new Calibrate(CalibrationPose.NEUTRAL));
        assertEquals(expected, decodeDirect(resource("typed-session.bin")));
    }

    @Test
    void deviceLinesAreFormattedToTheByte() throws IOException {
        DeviceLineFormatter out = new DeviceLineFormatter();
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        send(sent, out, out.startOk().field("firmware", "0.1.0").field("console", ConsoleLimits.GRAMMAR_VERSION).field("config_schema", 1).finish());
        send(sent, out, out.startOk().field("threshold_deg", 15).finish());
        send(sent, out, out.err(ConsoleErrorCode.UNKNOWN_KEY, "no config key 'thresold_deg'"));
        send(sent, out, out.err(new ConsoleError(ConsoleErrorCode.INVALID_VALUE, "threshold_deg: 99 is outside 5..45")));
        send(sent, out, out.err(ConsoleError.tooLong(ConsoleLimits.MAX_REQUEST_BYTES)));
        send(sent, out, out.err(ConsoleError.badByte(0x1b, 0)));
        send(sent, out, out.stream(12_340, 172, true, "FORWARD"));
        send(sent, out, out.stream(12_440, -31, true, "UPRIGHT"));
        send(sent, out, out.stream(100, 0, false, "UNCALIBRATED"));
        send(sent, out, out.startUnsolicited("EVENT").fixedField("t", 754_120, 3).field("type", "CUE").fixedField("fwd", 213, 1).finish());
        send(sent, out, out.startOk().field("device_id", "Desk 3").field("broker_url", "").finish());
        send(sent, out, out.ok());
        send(sent, out, out.unsolicited("READY", "firmware=0.1.0 console=1"));
        send(sent, out, out.ok("y".repeat(1100)));
        assertArrayEquals(resource("device-lines.txt"), sent.toByteArray());
    }

    @Test
    void deviceLinesParseBackThroughAOneByteStream() throws IOException, ProtocolException {
        ConsoleLineReader reader = new ConsoleLineReader(new OneByteInputStream(resource("device-lines.txt")), LineAssembler.forDeviceLines());
        List<ConsoleReply> replies = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        for (LineEvent event = reader.next(); event != null; event = reader.next()) {
            assertEquals(LineEvent.LINE, event);
            lines.add(reader.line().toString());
            replies.add(ConsoleReply.parse(reader.line()));
        }
        assertEquals(List.of(
                new ConsoleReply.Ok("firmware=0.1.0 console=1 config_schema=1"),
                new ConsoleReply.Ok("threshold_deg=15"),
                new ConsoleReply.Err("UNKNOWN_KEY", "no config key 'thresold_deg'"),
                new ConsoleReply.Err("INVALID_VALUE", "threshold_deg: 99 is outside 5..45"),
                new ConsoleReply.Err("TOO_LONG", "line longer than 256 bytes"),
                new ConsoleReply.Err("BAD_BYTE", "byte 0x1b at offset 0 is not printable ASCII"),
                new ConsoleReply.Unsolicited("STREAM", "t=12.340 fwd=17.2 state=FORWARD"),
                new ConsoleReply.Unsolicited("STREAM", "t=12.440 fwd=-3.1 state=UPRIGHT"),
                new ConsoleReply.Unsolicited("STREAM", "t=0.100 fwd=none state=UNCALIBRATED"),
                new ConsoleReply.Unsolicited("EVENT", "t=754.120 type=CUE fwd=21.3"),
                new ConsoleReply.Ok("device_id=\"Desk 3\" broker_url=\"\""),
                new ConsoleReply.Ok(""),
                new ConsoleReply.Unsolicited("READY", "firmware=0.1.0 console=1"),
                new ConsoleReply.Ok("y".repeat(1018) + "...")), replies);
        assertEquals(new StreamSample(12_440, OptionalInt.of(-31), "UPRIGHT"), StreamSample.parse(lines.get(7)));
        assertEquals(new StreamSample(100, OptionalInt.empty(), "UNCALIBRATED"), StreamSample.parse(lines.get(8)));
        assertEquals(java.util.Map.of("device_id", "Desk 3", "broker_url", ""), ((ConsoleReply.Ok) replies.get(10)).fields());
    }

    private static void send(ByteArrayOutputStream sent, DeviceLineFormatter out, int length) {
        sent.write(out.bytes(), 0, length);
    }

    private static List<ParsedLine> decodeDirect(byte[] bytes) {
        ConsoleRequestDecoder decoder = new ConsoleRequestDecoder();
        List<ParsedLine> parsed = new ArrayList<>();
        for (byte b : bytes) {
            ParsedLine line = decoder.accept(b);
            if (line != null) {
                parsed.add(line);
            }
        }
        return parsed;
    }
}
