package dev.posture.protocol.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.posture.protocol.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The form checks that come before any field is read: size, encoding, JSON shape, duplicates, depth. */
class PayloadLimitsTest {
    private static final byte[] CUE = MessageExamples.golden("event-cue.json");

    private static String rejectEvent(byte[] payload) {
        return assertThrows(ProtocolException.class, () -> MessageCodec.decodeEvent(payload)).getMessage();
    }

    private static String rejectEvent(String payload) {
        return rejectEvent(payload.getBytes(StandardCharsets.UTF_8));
    }

    /** The cue golden file with text inserted just before its closing brace. */
    private static byte[] cueWith(String insert) {
        String text = new String(CUE, StandardCharsets.UTF_8);
        return (text.substring(0, text.length() - 1) + insert + "}").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void emptyAndNullPayloadsAreRejected() {
        assertEquals("event: payload is empty", rejectEvent(new byte[0]));
        assertEquals("event: payload is empty", rejectEvent((byte[]) null));
    }

    @Test
    void payloadOfExactlyTheLimitIsReadAndOneByteMoreIsNot() throws ProtocolException {
        byte[] atLimit = Arrays.copyOf(CUE, MessageCodec.MAX_PAYLOAD_BYTES);
        Arrays.fill(atLimit, CUE.length, atLimit.length, (byte) ' ');
        assertEquals(MessageExamples.events().get("event-cue.json"), MessageCodec.decodeEvent(atLimit));

        byte[] over = Arrays.copyOf(atLimit, MessageCodec.MAX_PAYLOAD_BYTES + 1);
        over[over.length - 1] = ' ';
        assertEquals("event: payload is 65537 bytes, more than 65536", rejectEvent(over));
    }

    @Test
    void hugePayloadIsRejectedBeforeParsing() {
        byte[] huge = new byte[10 * 1024 * 1024];
        Arrays.fill(huge, (byte) '[');
        assertEquals("event: payload is 10485760 bytes, more than 65536", rejectEvent(huge));
    }

    @Test
    void invalidUtf8IsRejectedWithItsByteOffset() {
        byte[] bad = CUE.clone();
        bad[27] = (byte) 0xff;
        assertEquals("event: payload is not UTF-8 at byte 27", rejectEvent(bad));
        // An overlong encoding of '/' and a lone UTF-16 surrogate encoded as UTF-8 (CESU) are not UTF-8 either.
        assertEquals("event: payload is not UTF-8 at byte 2",
                rejectEvent(new byte[] {'{', '"', (byte) 0xc0, (byte) 0xaf, '"', ':', '1', '}'}));
        assertEquals("event: payload is not UTF-8 at byte 2",
                rejectEvent(new byte[] {'{', '"', (byte) 0xed, (byte) 0xa0, (byte) 0x80, '"', ':', '1', '}'}));
        // Truncated in the middle of a multi-byte character.
        assertEquals("event: payload is not UTF-8 at byte 1", rejectEvent(new byte[] {'{', (byte) 0xc3}));
    }

    @Test
    void utf16AndByteOrderMarksAreRejected() {
        String text = new String(CUE, StandardCharsets.UTF_8);
        assertEquals("event: payload is not UTF-8 at byte 0", rejectEvent(text.getBytes(StandardCharsets.UTF_16)));
        // UTF-16LE without a mark is valid UTF-8 (ASCII and NUL bytes), and NUL is not JSON.
        assertEquals("event: malformed JSON at line 1, column 3",
                rejectEvent(text.getBytes(StandardCharsets.UTF_16LE)));
        byte[] bom = new byte[CUE.length + 3];
        bom[0] = (byte) 0xef;
        bom[1] = (byte) 0xbb;
        bom[2] = (byte) 0xbf;
        System.arraycopy(CUE, 0, bom, 3, CUE.length);
        assertEquals("event: payload starts with a byte order mark", rejectEvent(bom));
    }

    @Test
    void nonUtf8TextInsideStringsIsStillUtf8WhenEscaped() throws ProtocolException {
        byte[] config = "{\"schema\":1,\"device_id\":\"d\",\"version\":1,\"values\":{\"name\":\"Gr\\u00fc\u00dfe \ud83d\ude00\"}}"
                .getBytes(StandardCharsets.UTF_8);
        assertEquals("Grüße \ud83d\ude00", MessageCodec.decodeConfig(config).values().get("name"));
    }

    @Test
    void onlyASingleJsonObjectIsAccepted() {
        assertEquals("event: payload must be a JSON object", rejectEvent("[1,2]"));
        assertEquals("event: payload must be a JSON object", rejectEvent("\"event\""));
        assertEquals("event: payload must be a JSON object", rejectEvent("null"));
        assertEquals("event: payload must be a JSON object", rejectEvent("   "));
        assertEquals("event: unexpected data after the JSON object at line 1, column 163",
                rejectEvent(new String(CUE, StandardCharsets.UTF_8) + " {}"));
        assertEquals("event: malformed JSON at line 1, column 163",
                rejectEvent(new String(CUE, StandardCharsets.UTF_8) + "x"));
    }

    @Test
    void trailingWhitespaceIsFine() throws ProtocolException {
        String text = new String(CUE, StandardCharsets.UTF_8);
        assertEquals(MessageExamples.events().get("event-cue.json"), MessageCodec.decodeEvent(
                ("\r\n " + text + "\r\n\t ").getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void malformedJsonIsRejectedWithItsPosition() {
        assertEquals("event: malformed JSON at line 1, column 13", rejectEvent("{\"schema\":1,"));
        assertEquals("event: malformed JSON at line 2, column 8", rejectEvent("{\"schema\":1,\n\"seq\":01}"));
        assertEquals("event: malformed JSON at line 1, column 19", rejectEvent("{\"forward_deg\":NaN}"));
        assertEquals("event: malformed JSON at line 1, column 2", rejectEvent("{/* note */\"schema\":1}"));
        assertEquals("event: malformed JSON at line 1, column 2", rejectEvent("{'schema':1}"));
        assertEquals("event: malformed JSON at line 1, column 13", rejectEvent("{\"schema\":1,}"));
        assertEquals("event: malformed JSON at line 1, column 8", rejectEvent("{\"s\":\"a\u0001b\"}"));
    }

    @Test
    void absurdlyLongNumbersAreRejected() {
        String digits = "9".repeat(5000);
        String message = rejectEvent("{\"schema\":1,\"device_id\":\"d\",\"seq\":" + digits + "}");
        assertEquals(true, message.startsWith("event: malformed JSON"), message);
    }

    @Test
    void exponentsBeyondBigDecimalAreRejected() throws ProtocolException {
        // Found by MessageDecodeFuzzTest: Jackson throws NumberFormatException for these.
        assertEquals("event: number out of range at line 1, column 6", rejectEvent("{\"x\":8e8820250114}"));
        assertEquals("event: number out of range at line 1, column 7", rejectEvent("{\"x\":[1e-2147483649]}"));
        // The largest exponent BigDecimal holds is read, and refused by range checks where it matters.
        assertEquals(MessageExamples.events().get("event-cue.json"),
                MessageCodec.decodeEvent(cueWith(",\"x\":1e2147483647")));
    }

    @Test
    void duplicateFieldsAreRejectedAtAnyDepth() {
        assertEquals("event: field 'seq' appears twice", rejectEvent(cueWith(",\"seq\":4711")));
        assertEquals("event: field 'extra.a' appears twice", rejectEvent(cueWith(",\"extra\":{\"a\":1,\"a\":2}")));
        assertEquals("event: field 'extra[1].b' appears twice",
                rejectEvent(cueWith(",\"extra\":[{},{\"b\":1,\"b\":1}]")));
        String config = "{\"schema\":1,\"device_id\":\"d\",\"version\":1,\"values\":{\"dwell_s\":1,\"dwell_s\":2}}";
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> MessageCodec.decodeConfig(config.getBytes(StandardCharsets.UTF_8)));
        assertEquals("config: field 'values.dwell_s' appears twice", e.getMessage());
    }

    @Test
    void duplicateFieldNamesThatDoNotPrintAreNotEchoed() {
        assertEquals("event: field (unprintable name) appears twice",
                rejectEvent(cueWith(",\"a\\nb\":1,\"a\\nb\":2")));
    }

    @Test
    void nestingIsLimitedTo32Levels() throws ProtocolException {
        // The outer object is level 1, so 31 nested arrays reach level 32.
        String deepest = "[".repeat(31) + "]".repeat(31);
        assertEquals(MessageExamples.events().get("event-cue.json"),
                MessageCodec.decodeEvent(cueWith(",\"extra\":" + deepest)));
        String tooDeep = "[".repeat(32) + "]".repeat(32);
        assertEquals("event: payload nests deeper than 32 levels", rejectEvent(cueWith(",\"extra\":" + tooDeep)));
        String hostile = "{\"a\":".repeat(100_000);
        assertEquals("event: payload is " + hostile.length() + " bytes, more than 65536", rejectEvent(hostile));
        String hostileInLimit = "{\"a\":".repeat(10_000);
        assertEquals("event: payload nests deeper than 32 levels", rejectEvent(hostileInLimit));
    }

    @Test
    void encoderRefusesMessagesOverTheLimit() {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < 100; i++) {
            values.put("key_" + i, "x".repeat(1000));
        }
        ConfigMessage big = new ConfigMessage(MessageExamples.DESK, 1, values);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MessageCodec.encode(big));
        assertEquals(true, e.getMessage().startsWith("config message is "), e.getMessage());
    }
}
