package dev.posture.protocol.console;

import dev.posture.protocol.ProtocolException;
import dev.posture.protocol.ThreadAllocation;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeviceLineFormatterTest {
    private final DeviceLineFormatter out = new DeviceLineFormatter();

    private byte[] sent(int length) {
        assertEquals(length, out.length());
        return Arrays.copyOf(out.bytes(), length);
    }

    @Test
    void okIsTwoLettersAndCrlf() {
        assertArrayEquals("OK\r\n".getBytes(StandardCharsets.US_ASCII), sent(out.ok()));
    }

    @Test
    void okWithText() {
        assertArrayEquals("OK threshold_deg=15\r\n".getBytes(StandardCharsets.US_ASCII), sent(out.ok("threshold_deg=15")));
        assertEquals("OK threshold_deg=15", out.lineText());
        out.ok("");
        assertEquals("OK", out.lineText());
        out.ok(null);
        assertEquals("OK", out.lineText());
    }

    @Test
    void errCarriesTheCodeWord() {
        assertArrayEquals("ERR UNKNOWN_KEY no key 'thresh'\r\n".getBytes(StandardCharsets.US_ASCII),
                sent(out.err(ConsoleErrorCode.UNKNOWN_KEY, "no key 'thresh'")));
        out.err(new ConsoleError(ConsoleErrorCode.NOT_NOW, "calibrate NEUTRAL first"));
        assertEquals("ERR NOT_NOW calibrate NEUTRAL first", out.lineText());
    }

    @Test
    void anErrWithoutAMessageGetsTheDefaultMessage() {
        out.err(ConsoleErrorCode.BUSY, "");
        assertEquals("ERR BUSY busy", out.lineText());
        out.err(ConsoleErrorCode.INTERNAL, null);
        assertEquals("ERR INTERNAL internal error", out.lineText());
        out.err(null, "oops");
        assertEquals("ERR INTERNAL oops", out.lineText());
        assertEquals("line too long", new ConsoleError(ConsoleErrorCode.TOO_LONG, null).message());
    }

    @Test
    void unsolicitedLinesStartWithAStarAndAnUpperCaseKind() {
        out.unsolicited("EVENT", "t=12.340 type=CUE fwd=21.3");
        assertEquals("* EVENT t=12.340 type=CUE fwd=21.3", out.lineText());
        out.unsolicited("ready", "");
        assertEquals("* READY", out.lineText());
        out.unsolicited("trace row", "0.000,0.1");
        assertEquals("* TRACE_ROW 0.000,0.1", out.lineText());
        out.unsolicited("", null);
        assertEquals("* _", out.lineText());
    }

    @Test
    void textIsMadeSafeAsciiOnOneLine() {
        out.ok("a\r\nb\tc\u0000d\u007fe caf\u00e9 \u20ac \uD83D\uDE00 \uD800x");
        assertEquals("OK a  b c d e caf? ? ? ?x", out.lineText());
        byte[] line = sent(out.length());
        for (int i = 0; i < line.length - 2; i++) {
            assertTrue(line[i] >= 0x20 && line[i] <= 0x7E, "byte " + i);
        }
    }

    @Test
    void aLineOfExactlyTheLimitIsNotCut() {
        String text = "x".repeat(ConsoleLimits.MAX_DEVICE_LINE_BYTES - 3);
        assertEquals(1026, out.ok(text));
        assertEquals("OK " + text, out.lineText());
    }

    @Test
    void aLongerLineIsCutAndMarked() {
        assertEquals(1026, out.ok("y".repeat(5000)));
        assertEquals("OK " + "y".repeat(1018) + "...", out.lineText());
        assertEquals('\r', out.bytes()[1024]);
        assertEquals('\n', out.bytes()[1025]);
        out.ok("short");
        assertEquals("OK short", out.lineText(), "a cut line leaves nothing behind");
    }

    @Test
    void streamLinesHaveFixedFieldsAndDecimals() {
        out.stream(12_340, 172, true, "FORWARD");
        assertEquals("* STREAM t=12.340 fwd=17.2 state=FORWARD", out.lineText());
        out.stream(5, -5, true, "upright");
        assertEquals("* STREAM t=0.005 fwd=-0.5 state=UPRIGHT", out.lineText());
        out.stream(-1_500, -123, true, "UPRIGHT");
        assertEquals("* STREAM t=-1.500 fwd=-12.3 state=UPRIGHT", out.lineText());
        out.stream(0, 0, true, "UPRIGHT");
        assertEquals("* STREAM t=0.000 fwd=0.0 state=UPRIGHT", out.lineText());
        out.stream(3_600_000, 999, false, "uncalibrated");
        assertEquals("* STREAM t=3600.000 fwd=none state=UNCALIBRATED", out.lineText());
        out.stream(1, 1, true, "lying down");
        assertEquals("* STREAM t=0.001 fwd=0.1 state=LYING_DOWN", out.lineText());
    }

    @Test
    void extremeNumbersAreWrittenInFull() {
        out.stream(Long.MIN_VALUE, Integer.MIN_VALUE, true, "X");
        assertEquals("* STREAM t=-9223372036854775.808 fwd=-214748364.8 state=X", out.lineText());
        out.stream(Long.MAX_VALUE, Integer.MAX_VALUE, true, "X");
        assertEquals("* STREAM t=9223372036854775.807 fwd=214748364.7 state=X", out.lineText());
        out.startOk().field("a", Long.MIN_VALUE).field("b", 0).fixedField("c", -7, 2).fixedField("d", 42, 0).finish();
        assertEquals("OK a=-9223372036854775808 b=0 c=-0.07 d=42", out.lineText());
    }

    @Test
    void fieldsAreQuotedOnlyWhenNeededAndParseBack() throws ProtocolException {
        out.startOk()
                .field("threshold_deg", 15)
                .field("quiet_hours", "22:00-07:00")
                .field("device_id", "desk 3")
                .field("broker_url", "")
                .field("cue_pattern", "\"odd\\")
                .field("note", "tab\there")
                .finish();
        String expected = "OK threshold_deg=15 quiet_hours=22:00-07:00 device_id=\"desk 3\" broker_url=\"\""
                + " cue_pattern=\"\\\"odd\\\\\" note=\"tab here\"";
        assertEquals(expected, out.lineText());
        ConsoleReply.Ok ok = (ConsoleReply.Ok) ConsoleReply.parse(out.lineText());
        assertEquals(Map.of("threshold_deg", "15", "quiet_hours", "22:00-07:00", "device_id", "desk 3",
                "broker_url", "", "cue_pattern", "\"odd\\", "note", "tab here"), ok.fields());
    }

    @Test
    void eventLinesAreBuiltFromFields() throws ProtocolException {
        out.startUnsolicited("EVENT").fixedField("t", 754_120, 3).field("type", "CUE").fixedField("fwd", 213, 1).finish();
        assertEquals("* EVENT t=754.120 type=CUE fwd=21.3", out.lineText());
        ConsoleReply.Unsolicited event = (ConsoleReply.Unsolicited) ConsoleReply.parse(out.lineText());
        assertEquals(Map.of("t", "754.120", "type", "CUE", "fwd", "21.3"), event.fields());
        out.startOk().text("neutral set").finish();
        assertEquals("OK neutral set", out.lineText());
    }

    @Test
    void badKeysBecomeWordCharacters() {
        out.startOk().field("bad key=", "v").field(null, "w").finish();
        assertEquals("OK bad_key_=v _=w", out.lineText());
    }

    @Test
    void formattingALineAllocatesNothing() {
        StringBuilder message = new StringBuilder("calibrate NEUTRAL first \u00e9\r\n");
        long sum = 0;
        for (int round = 0; round < 20_000; round++) {
            sum += formatSome(message, round);
        }
        long before = ThreadAllocation.bytes();
        for (int round = 0; round < 100_000; round++) {
            sum += formatSome(message, round);
        }
        long allocated = ThreadAllocation.bytes() - before;
        assertTrue(sum > 0);
        // 400,000 lines; one allocation per line would be several MB.
        assertTrue(allocated < 4_096, "allocated " + allocated + " bytes");
    }

    private int formatSome(CharSequence message, int round) {
        return out.stream(round * 20L, round % 400 - 200, true, "FORWARD")
                + out.err(ConsoleErrorCode.NOT_NOW, message)
                + out.startUnsolicited("EVENT").fixedField("t", round, 3).field("type", "CUE").field("n", round).finish()
                + out.startOk().field("device_id", "desk 3").finish();
    }
}
