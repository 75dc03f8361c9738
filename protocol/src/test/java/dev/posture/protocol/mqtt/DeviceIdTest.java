package dev.posture.protocol.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posture.protocol.ProtocolException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DeviceIdTest {
    @ParameterizedTest
    @ValueSource(strings = {"a", "0", "-", "desk-07", "abcdefghijklmnopqrstuvwxyz012345"})
    void acceptsLowerCaseDigitsAndHyphensUpTo32(String text) throws ProtocolException {
        assertEquals(text, DeviceId.parse(text).value());
        assertEquals(text, new DeviceId(text).toString());
        assertTrue(DeviceId.isValid(text));
    }

    @Test
    void rejectsEdgeCasesWithTheirText() {
        assertParseError("", "device id '' must match [a-z0-9-]{1,32}");
        assertParseError("abcdefghijklmnopqrstuvwxyz0123456",
                "device id 'abcdefghijklmnopqrstuvwxyz0123456' must match [a-z0-9-]{1,32}");
        assertParseError("Desk-07", "device id 'Desk-07' must match [a-z0-9-]{1,32}");
        assertParseError("+", "device id '+' must match [a-z0-9-]{1,32}");
        assertParseError("#", "device id '#' must match [a-z0-9-]{1,32}");
        assertParseError("a/b", "device id 'a/b' must match [a-z0-9-]{1,32}");
        assertParseError("desk_07", "device id 'desk_07' must match [a-z0-9-]{1,32}");
        assertParseError("desk 07", "device id 'desk 07' must match [a-z0-9-]{1,32}");
        assertParseError("d\u00e9sk", "device id 'd\\u00e9sk' must match [a-z0-9-]{1,32}");
        assertParseError("\u0430", "device id '\\u0430' must match [a-z0-9-]{1,32}");
        assertParseError("a\nb", "device id 'a\\u000ab' must match [a-z0-9-]{1,32}");
        assertParseError(null, "device id null must match [a-z0-9-]{1,32}");
    }

    @Test
    void longGarbageIsCutInTheMessage() {
        ProtocolException e = assertThrows(ProtocolException.class, () -> DeviceId.parse("X".repeat(1000)));
        assertEquals("device id '" + "X".repeat(40) + "...' must match [a-z0-9-]{1,32}", e.getMessage());
    }

    @Test
    void constructorRejectsWithIllegalArgument() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new DeviceId("UP"));
        assertEquals("device id 'UP' must match [a-z0-9-]{1,32}", e.getMessage());
        assertFalse(DeviceId.isValid(null));
    }

    @Test
    void ordersByText() {
        assertTrue(new DeviceId("a").compareTo(new DeviceId("b")) < 0);
    }

    private static void assertParseError(String text, String expected) {
        assertEquals(expected, assertThrows(ProtocolException.class, () -> DeviceId.parse(text)).getMessage());
        assertFalse(DeviceId.isValid(text));
    }
}
