package dev.posture.protocol.console;

import dev.posture.protocol.console.ConsoleRequest.Calibrate;
import dev.posture.protocol.console.ConsoleRequest.CueTest;
import dev.posture.protocol.console.ConsoleRequest.Get;
import dev.posture.protocol.console.ConsoleRequest.Help;
import dev.posture.protocol.console.ConsoleRequest.Set;
import dev.posture.protocol.console.ConsoleRequest.Snooze;
import dev.posture.protocol.console.ConsoleRequest.Status;
import dev.posture.protocol.console.ConsoleRequest.StreamOff;
import dev.posture.protocol.console.ConsoleRequest.StreamOn;
import dev.posture.protocol.console.ConsoleRequest.TraceGet;
import dev.posture.protocol.console.ConsoleRequest.TraceList;
import dev.posture.protocol.console.ConsoleRequest.TraceStart;
import dev.posture.protocol.console.ConsoleRequest.TraceStop;
import dev.posture.protocol.console.ConsoleRequest.Version;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static dev.posture.protocol.console.ConsoleErrorCode.BAD_BYTE;
import static dev.posture.protocol.console.ConsoleErrorCode.BAD_NUMBER;
import static dev.posture.protocol.console.ConsoleErrorCode.OUT_OF_RANGE;
import static dev.posture.protocol.console.ConsoleErrorCode.SYNTAX;
import static dev.posture.protocol.console.ConsoleErrorCode.TOO_LONG;
import static dev.posture.protocol.console.ConsoleErrorCode.UNKNOWN_COMMAND;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class ConsoleRequestParserTest {

    /** One request of every type, in canonical form: shared with the HELP and golden tests. */
    static final List<ConsoleRequest> ONE_OF_EACH = List.of(
            new Help(),
            new Help(Optional.of(ConsoleCommand.STREAM)),
            new Version(),
            new Status(),
            new Get(),
            new Get("threshold_deg"),
            new Set("threshold_deg", "15"),
            new Set("quiet_hours", "22:00-07:00"),
            new Set("device_id", "Desk 3"),
            new Set("device_id", ""),
            new Set("device_id", " \"padded\" "),
            new Calibrate(CalibrationPose.NEUTRAL),
            new Calibrate(CalibrationPose.LEAN),
            new CueTest(),
            new CueTest("double"),
            new StreamOn(),
            new StreamOn(25),
            new StreamOff(),
            new Snooze(30),
            new Snooze(0),
            new TraceList(),
            new TraceStart(),
            new TraceStop(),
            new TraceGet("r0012"));

    static Stream<Arguments> requests() {
        return Stream.of(
                arguments("HELP", new Help()),
                arguments("help", new Help()),
                arguments("  Help \t", new Help()),
                arguments("HELP set", new Help(Optional.of(ConsoleCommand.SET))),
                arguments("help\tStream", new Help(Optional.of(ConsoleCommand.STREAM))),
                arguments("VERSION", new Version()),
                arguments("version", new Version()),
                arguments("\tVeRsIoN", new Version()),
                arguments("STATUS", new Status()),
                arguments("status  ", new Status()),
                arguments("GET", new Get()),
                arguments("get", new Get()),
                arguments("GET threshold_deg", new Get("threshold_deg")),
                arguments("get THRESHOLD_DEG", new Get("threshold_deg")),
                arguments("Get \t Threshold_Deg \t", new Get("threshold_deg")),
                arguments("SET threshold_deg 15", new Set("threshold_deg", "15")),
                arguments("set Quiet_Hours 22:00-07:00", new Set("quiet_hours", "22:00-07:00")),
                arguments("SET cue_pattern Double", new Set("cue_pattern", "Double")),
                arguments("SET device_id Desk 3  ", new Set("device_id", "Desk 3")),
                arguments("SET\tdevice_id \t Desk\t 3\t", new Set("device_id", "Desk\t 3")),
                arguments("SET device_id \"  padded \"", new Set("device_id", "  padded ")),
                arguments("SET device_id \"\"  ", new Set("device_id", "")),
                arguments("SET device_id \"a \\\"q\\\" \\\\ b\"", new Set("device_id", "a \"q\" \\ b")),
                arguments("SET device_id a\"b", new Set("device_id", "a\"b")),
                arguments("CALIBRATE NEUTRAL", new Calibrate(CalibrationPose.NEUTRAL)),
                arguments("calibrate neutral", new Calibrate(CalibrationPose.NEUTRAL)),
                arguments("Calibrate\tLean", new Calibrate(CalibrationPose.LEAN)),
                arguments("CUE TEST", new CueTest()),
                arguments("cue test", new CueTest()),
                arguments("Cue Test Double", new CueTest("Double")),
                arguments("STREAM ON", new StreamOn()),
                arguments("stream on 25", new StreamOn(25)),
                arguments("STREAM ON 1", new StreamOn(1)),
                arguments("STREAM ON 50", new StreamOn(50)),
                arguments("STREAM ON 007", new StreamOn(7)),
                arguments("STREAM OFF", new StreamOff()),
                arguments("stream Off", new StreamOff()),
                arguments("SNOOZE 30", new Snooze(30)),
                arguments("snooze 0", new Snooze(0)),
                arguments("SNOOZE\t240", new Snooze(240)),
                arguments("TRACE LIST", new TraceList()),
                arguments("trace list", new TraceList()),
                arguments("TRACE START", new TraceStart()),
                arguments("Trace Stop", new TraceStop()),
                arguments("TRACE GET r0012", new TraceGet("r0012")),
                arguments("trace get R0012", new TraceGet("R0012")));
    }

    @ParameterizedTest
    @MethodSource("requests")
    void parsesEveryCommand(String line, ConsoleRequest expected) {
        assertEquals(expected, ConsoleRequestParser.parse(line));
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                arguments("", SYNTAX, "empty line"),
                arguments(" \t ", SYNTAX, "empty line"),
                arguments("FOO", UNKNOWN_COMMAND, "unknown command 'FOO' (try HELP)"),
                arguments("foo bar", UNKNOWN_COMMAND, "unknown command 'foo' (try HELP)"),
                arguments("HELP FOO", UNKNOWN_COMMAND, "unknown command 'FOO' (try HELP)"),
                arguments("HELP SET GET", SYNTAX, "unexpected 'GET'; usage: HELP [command]"),
                arguments("VERSION x", SYNTAX, "unexpected 'x'; usage: VERSION"),
                arguments("STATUS now please", SYNTAX, "unexpected 'now'; usage: STATUS"),
                arguments("GET a b", SYNTAX, "unexpected 'b'; usage: GET [key]"),
                arguments("SET", SYNTAX, "missing key; usage: SET key value"),
                arguments("SET threshold_deg", SYNTAX, "missing value; usage: SET key value"),
                arguments("SET threshold_deg \t ", SYNTAX, "missing value; usage: SET key value"),
                arguments("SET device_id \"abc", SYNTAX, "value of device_id: missing closing quote for the quote at offset 14"),
                arguments("SET device_id \"abc\\\"", SYNTAX, "value of device_id: missing closing quote for the quote at offset 14"),
                arguments("SET device_id \"abc\\", SYNTAX, "value of device_id: missing closing quote for the quote at offset 14"),
                arguments("SET device_id \"abc\" x", SYNTAX, "value of device_id: text after the closing quote at offset 19"),
                arguments("SET device_id \"a\\nb\"", SYNTAX, "value of device_id: unknown escape '\\n' at offset 16"),
                arguments("CALIBRATE", SYNTAX, "missing NEUTRAL|LEAN; usage: CALIBRATE NEUTRAL|LEAN"),
                arguments("CALIBRATE UP", SYNTAX, "unexpected 'UP'; usage: CALIBRATE NEUTRAL|LEAN"),
                arguments("CALIBRATE NEUTRAL now", SYNTAX, "unexpected 'now'; usage: CALIBRATE NEUTRAL|LEAN"),
                arguments("CUE", SYNTAX, "missing TEST; usage: CUE TEST [pattern]"),
                arguments("CUE PLAY", SYNTAX, "unexpected 'PLAY'; usage: CUE TEST [pattern]"),
                arguments("CUE TEST double twice", SYNTAX, "unexpected 'twice'; usage: CUE TEST [pattern]"),
                arguments("STREAM", SYNTAX, "missing ON|OFF; usage: STREAM ON [hz]|OFF"),
                arguments("STREAM FAST", SYNTAX, "unexpected 'FAST'; usage: STREAM ON [hz]|OFF"),
                arguments("STREAM ON 10 20", SYNTAX, "unexpected '20'; usage: STREAM ON [hz]"),
                arguments("STREAM OFF 10", SYNTAX, "unexpected '10'; usage: STREAM OFF"),
                arguments("STREAM ON fast", BAD_NUMBER, "hz: 'fast' is not a whole number"),
                arguments("STREAM ON 2.5", BAD_NUMBER, "hz: '2.5' is not a whole number"),
                arguments("STREAM ON -", BAD_NUMBER, "hz: '-' is not a whole number"),
                arguments("STREAM ON 1e3", BAD_NUMBER, "hz: '1e3' is not a whole number"),
                arguments("STREAM ON 0", OUT_OF_RANGE, "hz: 0 is outside 1..50"),
                arguments("STREAM ON 51", OUT_OF_RANGE, "hz: 51 is outside 1..50"),
                arguments("STREAM ON -3", OUT_OF_RANGE, "hz: -3 is outside 1..50"),
                arguments("STREAM ON 99999999999999999999999", OUT_OF_RANGE, "hz: 99999999999999999999999 is outside 1..50"),
                arguments("STREAM ON -99999999999999999999999", OUT_OF_RANGE, "hz: -99999999999999999999999 is outside 1..50"),
                arguments("SNOOZE", SYNTAX, "missing minutes; usage: SNOOZE minutes"),
                arguments("SNOOZE 10 20", SYNTAX, "unexpected '20'; usage: SNOOZE minutes"),
                arguments("SNOOZE ten", BAD_NUMBER, "minutes: 'ten' is not a whole number"),
                arguments("SNOOZE +5", BAD_NUMBER, "minutes: '+5' is not a whole number"),
                arguments("SNOOZE 241", OUT_OF_RANGE, "minutes: 241 is outside 0..240"),
                arguments("SNOOZE -1", OUT_OF_RANGE, "minutes: -1 is outside 0..240"),
                arguments("TRACE", SYNTAX, "missing LIST|START|STOP|GET; usage: TRACE LIST|START|STOP|GET id"),
                arguments("TRACE DELETE r1", SYNTAX, "unexpected 'DELETE'; usage: TRACE LIST|START|STOP|GET id"),
                arguments("TRACE LIST all", SYNTAX, "unexpected 'all'; usage: TRACE LIST"),
                arguments("TRACE START now", SYNTAX, "unexpected 'now'; usage: TRACE START"),
                arguments("TRACE STOP now", SYNTAX, "unexpected 'now'; usage: TRACE STOP"),
                arguments("TRACE GET", SYNTAX, "missing id; usage: TRACE GET id"),
                arguments("TRACE GET r1 r2", SYNTAX, "unexpected 'r2'; usage: TRACE GET id"),
                arguments("x".repeat(257), TOO_LONG, "line longer than 256 bytes"),
                arguments("GET\u0000", BAD_BYTE, "byte 0x00 at offset 3 is not printable ASCII"),
                arguments("GET\r", BAD_BYTE, "byte 0x0d at offset 3 is not printable ASCII"),
                arguments("GET caf\u00e9", BAD_BYTE, "byte 0xe9 at offset 7 is not printable ASCII"),
                arguments("SET cue_pattern \u20ac", BAD_BYTE, "character U+20AC at offset 16 is not printable ASCII"));
    }

    @ParameterizedTest
    @MethodSource("errors")
    void answersEveryMistakeWithItsCodeAndMessage(String line, ConsoleErrorCode code, String message) {
        assertEquals(new ConsoleError(code, message), ConsoleRequestParser.parse(line));
    }

    @Test
    void aLineOfExactly256BytesIsParsed() {
        String value = "v".repeat(256 - "SET device_id ".length());
        assertEquals(new Set("device_id", value), ConsoleRequestParser.parse("SET device_id " + value));
    }

    @ParameterizedTest
    @MethodSource("requests")
    void theCanonicalLineParsesBackToTheSameRequest(String ignored, ConsoleRequest request) {
        assertEquals(request, ConsoleRequestParser.parse(request.toLine()));
    }

    @Test
    void everySampleRoundTripsThroughItsCanonicalLine() {
        for (ConsoleRequest request : ONE_OF_EACH) {
            assertEquals(request, ConsoleRequestParser.parse(request.toLine()), request.toLine());
        }
    }

    @Test
    void canonicalLinesUseUpperCaseKeywordsAndQuoteOnlyWhenNeeded() {
        assertEquals("HELP STREAM", new Help(Optional.of(ConsoleCommand.STREAM)).toLine());
        assertEquals("GET threshold_deg", new Get("Threshold_Deg").toLine());
        assertEquals("SET device_id Desk 3", new Set("DEVICE_ID", "Desk 3").toLine());
        assertEquals("SET device_id a\"b", new Set("device_id", "a\"b").toLine());
        assertEquals("SET device_id \"\"", new Set("device_id", "").toLine());
        assertEquals("SET device_id \" x\"", new Set("device_id", " x").toLine());
        assertEquals("SET device_id \"x\t\"", new Set("device_id", "x\t").toLine());
        assertEquals("SET device_id \"\\\"q\\\\\"", new Set("device_id", "\"q\\").toLine());
        assertEquals("CALIBRATE LEAN", new Calibrate(CalibrationPose.LEAN).toLine());
        assertEquals("CUE TEST double", new CueTest("double").toLine());
        assertEquals("STREAM ON", new StreamOn().toLine());
        assertEquals("STREAM ON 5", new StreamOn(5).toLine());
        assertEquals("SNOOZE 15", new Snooze(15).toLine());
        assertEquals("TRACE GET r0012", new TraceGet("r0012").toLine());
    }

    @Test
    void streamOnWithoutARateUsesTheDefault() {
        assertEquals(ConsoleLimits.DEFAULT_STREAM_HZ, new StreamOn().hzOrDefault());
        assertEquals(25, new StreamOn(25).hzOrDefault());
    }

    @Test
    void theCommandOfARequestIsItsFirstWord() {
        for (ConsoleRequest request : ONE_OF_EACH) {
            String firstWord = request.toLine().split(" ")[0];
            assertEquals(request.command().keyword(), firstWord);
        }
    }

    @Test
    void aParsedErrorIsAParsedLineTheDeviceCanAnswer() {
        ParsedLine parsed = ConsoleRequestParser.parse("SNOOZE");
        ConsoleError error = assertInstanceOf(ConsoleError.class, parsed);
        DeviceLineFormatter out = new DeviceLineFormatter();
        out.err(error);
        assertEquals("ERR SYNTAX missing minutes; usage: SNOOZE minutes", out.lineText());
    }
}
