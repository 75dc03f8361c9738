package dev.posture.protocol.console;

import dev.posture.protocol.ProtocolException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class ConsoleReplyTest {

    static Stream<Arguments> lines() {
        return Stream.of(
                arguments("OK", new ConsoleReply.Ok("")),
                arguments("OK threshold_deg=15", new ConsoleReply.Ok("threshold_deg=15")),
                arguments("OK  two spaces", new ConsoleReply.Ok(" two spaces")),
                arguments("ERR UNKNOWN_KEY no key 'thresh'", new ConsoleReply.Err("UNKNOWN_KEY", "no key 'thresh'")),
                arguments("ERR FUTURE_CODE2 from a newer device", new ConsoleReply.Err("FUTURE_CODE2", "from a newer device")),
                arguments("* STREAM t=12.340 fwd=17.2 state=FORWARD", new ConsoleReply.Unsolicited("STREAM", "t=12.340 fwd=17.2 state=FORWARD")),
                arguments("* READY", new ConsoleReply.Unsolicited("READY", "")),
                arguments("* TRACE 0.020,0.12,-0.03,9.80,0.001,0.002,-0.001", new ConsoleReply.Unsolicited("TRACE", "0.020,0.12,-0.03,9.80,0.001,0.002,-0.001")));
    }

    @ParameterizedTest
    @MethodSource("lines")
    void parsesEveryShape(String line, ConsoleReply expected) throws ProtocolException {
        assertEquals(expected, ConsoleReply.parse(line));
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                arguments("", "expected 'OK', 'ERR ' or '* ' at offset 0"),
                arguments("OKAY", "expected 'OK', 'ERR ' or '* ' at offset 0"),
                arguments("ok", "expected 'OK', 'ERR ' or '* ' at offset 0"),
                arguments("ERR", "expected 'OK', 'ERR ' or '* ' at offset 0"),
                arguments("*", "expected 'OK', 'ERR ' or '* ' at offset 0"),
                arguments("*STREAM", "expected 'OK', 'ERR ' or '* ' at offset 0"),
                arguments("> STATUS", "expected 'OK', 'ERR ' or '* ' at offset 0"),
                arguments("ERR unknown_key x", "expected an error code (A-Z, 0-9, _) at offset 4"),
                arguments("ERR _X x", "expected an error code (A-Z, 0-9, _) at offset 4"),
                arguments("ERR  SYNTAX x", "expected an error code (A-Z, 0-9, _) at offset 4"),
                arguments("ERR SYNTAX", "expected ' ' and a message after the error code at offset 10"),
                arguments("ERR SYNTAX ", "expected ' ' and a message after the error code at offset 10"),
                arguments("ERR SYNTAX-2 x", "expected ' ' and a message after the error code at offset 10"),
                arguments("* ", "expected a line kind (A-Z, 0-9, _) at offset 2"),
                arguments("* stream t=1", "expected a line kind (A-Z, 0-9, _) at offset 2"),
                arguments("* STREAM-x", "expected ' ' after the line kind at offset 8"),
                arguments("OK \u0000", "byte 0x00 at offset 3 is not printable ASCII"),
                arguments("OK\t", "byte 0x09 at offset 2 is not printable ASCII"),
                arguments("OK done\r", "byte 0x0d at offset 7 is not printable ASCII"),
                arguments("OK \u00ff", "byte 0xff at offset 3 is not printable ASCII"),
                arguments("OK \u2603", "character U+2603 at offset 3 is not printable ASCII"),
                arguments("OK " + "x".repeat(1022), "line longer than 1024 bytes"));
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void rejectsMalformedLinesNamingTheOffset(String line, String message) {
        ProtocolException e = assertThrows(ProtocolException.class, () -> ConsoleReply.parse(line));
        assertEquals(message, e.getMessage());
    }

    @Test
    void aLineOfExactly1024BytesParses() throws ProtocolException {
        String text = "x".repeat(1021);
        assertEquals(new ConsoleReply.Ok(text), ConsoleReply.parse("OK " + text));
    }

    @Test
    void errorCodesAreMatchedWhenKnown() throws ProtocolException {
        ConsoleReply.Err known = (ConsoleReply.Err) ConsoleReply.parse("ERR INVALID_VALUE threshold_deg: 99 is outside 5..45");
        assertEquals(Optional.of(ConsoleErrorCode.INVALID_VALUE), known.knownCode());
        ConsoleReply.Err unknown = (ConsoleReply.Err) ConsoleReply.parse("ERR LOW_BATTERY 3 % left");
        assertEquals(Optional.empty(), unknown.knownCode());
    }

    @Test
    void okAndErrAnswerRequestsAndStarLinesDoNot() throws ProtocolException {
        assertTrue(ConsoleReply.parse("OK").answersRequest());
        assertTrue(ConsoleReply.parse("ERR BUSY busy").answersRequest());
        assertFalse(ConsoleReply.parse("* READY").answersRequest());
    }

    @Test
    void fieldErrorsCountOffsetsFromTheStartOfTheLine() throws ProtocolException {
        ConsoleReply.Ok ok = (ConsoleReply.Ok) ConsoleReply.parse("OK a=1 a=2");
        ProtocolException e = assertThrows(ProtocolException.class, ok::fields);
        assertEquals("duplicate key 'a' at offset 7", e.getMessage());
        ConsoleReply.Unsolicited event = (ConsoleReply.Unsolicited) ConsoleReply.parse("* EVENT t=1.000 type=");
        e = assertThrows(ProtocolException.class, event::fields);
        assertEquals("missing value for key 'type' at offset 21", e.getMessage());
        assertEquals(Map.of(), ((ConsoleReply.Ok) ConsoleReply.parse("OK")).fields());
    }

    @Test
    void everyFormattedLineParsesBack() throws ProtocolException {
        DeviceLineFormatter out = new DeviceLineFormatter();
        out.ok();
        assertEquals(new ConsoleReply.Ok(""), ConsoleReply.parse(out.lineText()));
        out.ok("threshold_deg=15 dwell_s=120");
        assertEquals(new ConsoleReply.Ok("threshold_deg=15 dwell_s=120"), ConsoleReply.parse(out.lineText()));
        for (ConsoleErrorCode code : ConsoleErrorCode.values()) {
            out.err(code, "");
            assertEquals(new ConsoleReply.Err(code.word(), code.defaultMessage()), ConsoleReply.parse(out.lineText()));
            out.err(code, "line one\nline two");
            assertEquals(new ConsoleReply.Err(code.word(), "line one line two"), ConsoleReply.parse(out.lineText()));
        }
        out.unsolicited("EVENT", "t=1.000 type=SNOOZE minutes=30");
        assertEquals(new ConsoleReply.Unsolicited("EVENT", "t=1.000 type=SNOOZE minutes=30"), ConsoleReply.parse(out.lineText()));
        out.ok("z".repeat(3000));
        ConsoleReply.Ok cut = (ConsoleReply.Ok) ConsoleReply.parse(out.lineText());
        assertTrue(cut.text().endsWith(ConsoleLimits.TRUNCATION_MARKER));
        assertEquals(ConsoleLimits.MAX_DEVICE_LINE_BYTES - 3, cut.text().length());
    }
}
