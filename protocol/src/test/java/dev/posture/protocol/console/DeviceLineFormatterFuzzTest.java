package dev.posture.protocol.console;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.posture.protocol.ProtocolException;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Arbitrary text and numbers into the device formatter: every line is printable ASCII, ends in one
 * CRLF, stays within the limit, and parses as the kind of line that was asked for; lines built
 * from fields give back those fields unless they had to be cut.
 */
class DeviceLineFormatterFuzzTest {
    private static final List<String> KEYS = List.of("a", "b", "c", "d");

    @FuzzTest
    void everyLineIsOneSafeParsableLine(FuzzedDataProvider data) throws ProtocolException {
        DeviceLineFormatter out = new DeviceLineFormatter();
        int op = data.consumeInt(0, 4);
        int n;
        switch (op) {
            case 0:
                n = out.ok(data.consumeString(1500));
                break;
            case 1:
                n = out.err(data.pickValue(ConsoleErrorCode.values()), data.consumeString(1500));
                break;
            case 2:
                n = out.unsolicited(data.consumeString(20), data.consumeString(1500));
                break;
            case 3:
                n = out.stream(data.consumeLong(), data.consumeInt(), data.consumeBoolean(), data.consumeString(30));
                break;
            default:
                n = fields(out, data);
                break;
        }
        byte[] bytes = out.bytes();
        assertEquals(out.length(), n);
        assertTrue(n >= 4 && n <= ConsoleLimits.MAX_DEVICE_LINE_BYTES + 2, "length " + n);
        assertEquals('\r', bytes[n - 2]);
        assertEquals('\n', bytes[n - 1]);
        for (int i = 0; i < n - 2; i++) {
            assertTrue(bytes[i] >= 0x20 && bytes[i] <= 0x7E, "byte " + i + " is " + bytes[i]);
        }
        ConsoleReply reply = ConsoleReply.parse(out.lineText());
        switch (op) {
            case 0:
                assertTrue(reply instanceof ConsoleReply.Ok);
                break;
            case 1:
                assertTrue(reply instanceof ConsoleReply.Err);
                break;
            case 3:
                assertEquals(StreamSample.KIND, ((ConsoleReply.Unsolicited) reply).kind());
                StreamSample.parse(out.lineText());
                break;
            default:
                assertTrue(reply instanceof ConsoleReply.Unsolicited);
                break;
        }
    }

    /** An EVENT line of up to four fields with distinct keys; checks them if the line was not cut. */
    private static int fields(DeviceLineFormatter out, FuzzedDataProvider data) throws ProtocolException {
        int count = data.consumeInt(0, KEYS.size());
        String[] values = new String[count];
        out.startUnsolicited("EVENT");
        for (int i = 0; i < count; i++) {
            values[i] = data.consumeString(400);
            out.field(KEYS.get(i), values[i]);
        }
        int n = out.finish();
        if (n < ConsoleLimits.MAX_DEVICE_LINE_BYTES + 2) {
            Map<String, String> parsed = ((ConsoleReply.Unsolicited) ConsoleReply.parse(out.lineText())).fields();
            assertEquals(count, parsed.size());
            for (int i = 0; i < count; i++) {
                assertEquals(safe(values[i]), parsed.get(KEYS.get(i)));
            }
        }
        return n;
    }

    /** The documented replacement: control characters become a space, non-ASCII a '?' (a surrogate pair one '?'). */
    private static String safe(String value) {
        StringBuilder safe = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= 0x20 && c <= 0x7E) {
                safe.append(c);
            } else if (c < 0x20 || c == 0x7F) {
                safe.append(' ');
            } else {
                safe.append('?');
                if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                }
            }
        }
        return safe.toString();
    }
}
