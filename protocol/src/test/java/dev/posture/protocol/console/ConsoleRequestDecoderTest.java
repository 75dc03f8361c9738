package dev.posture.protocol.console;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ConsoleRequestDecoderTest {

    private static ParsedLine feed(ConsoleRequestDecoder decoder, String text) {
        ParsedLine last = null;
        for (byte b : text.getBytes(StandardCharsets.ISO_8859_1)) {
            ParsedLine parsed = decoder.accept(b);
            if (parsed != null) {
                assertNull(last, "one result per call at most");
                last = parsed;
            }
        }
        return last;
    }

    @Test
    void onlyALineEndCompletesSomething() {
        ConsoleRequestDecoder decoder = new ConsoleRequestDecoder();
        assertNull(feed(decoder, "SNOOZE 1"));
        assertEquals(new ConsoleRequest.Snooze(15), feed(decoder, "5\r"));
        assertNull(feed(decoder, "\n"));
        assertNull(feed(decoder, "  \r\n"));
    }

    @Test
    void lineErrorsComeOutAsConsoleErrors() {
        ConsoleRequestDecoder decoder = new ConsoleRequestDecoder();
        assertEquals(ConsoleError.tooLong(256), feed(decoder, "a".repeat(1000) + "\n"));
        assertEquals(ConsoleError.badByte(0xff, 2), feed(decoder, "OK\u00ff\n"));
        assertEquals(new ConsoleError(ConsoleErrorCode.UNKNOWN_COMMAND, "unknown command 'OK' (try HELP)"), feed(decoder, "OK\n"));
    }

    @Test
    void resetDropsAHalfLineFromBeforeAReconnect() {
        ConsoleRequestDecoder decoder = new ConsoleRequestDecoder();
        assertNull(feed(decoder, "SET threshold_deg 1"));
        decoder.reset();
        assertEquals(new ConsoleRequest.Version(), feed(decoder, "VERSION\r\n"));
    }
}
