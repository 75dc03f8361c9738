package dev.posture.protocol.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.posture.protocol.ProtocolException;
import org.junit.jupiter.api.Test;

/** Recording ids and share group names. */
class NamesTest {
    @Test
    void recordingIdsAreUpTo64OfTheDeviceIdAlphabet() throws ProtocolException {
        assertEquals("20250114-093000", RecordingId.parse("20250114-093000").value());
        assertEquals("x".repeat(64), RecordingId.parse("x".repeat(64)).toString());
        for (String bad : new String[] {"", "x".repeat(65), "20250114T093000Z", "a_b", "a/b", "+", "#", "..", "\u00e9"}) {
            ProtocolException e = assertThrows(ProtocolException.class, () -> RecordingId.parse(bad), bad);
            assertEquals(true, e.getMessage().startsWith("recording id '"), e.getMessage());
            assertEquals(true, e.getMessage().endsWith("' must match [a-z0-9-]{1,64}"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> new RecordingId("A"));
    }

    @Test
    void shareGroupsAllowUnderscoreButNoWildcardsOrSlashes() throws ProtocolException {
        assertEquals("log_writers-2", ShareGroup.parse("log_writers-2").value());
        assertEquals("share group 'a/b' must match [a-z0-9_-]{1,32}",
                assertThrows(ProtocolException.class, () -> ShareGroup.parse("a/b")).getMessage());
        assertEquals("share group '+' must match [a-z0-9_-]{1,32}",
                assertThrows(ProtocolException.class, () -> ShareGroup.parse("+")).getMessage());
        assertEquals("share group '' must match [a-z0-9_-]{1,32}",
                assertThrows(ProtocolException.class, () -> ShareGroup.parse("")).getMessage());
        assertEquals("share group 'Log' must match [a-z0-9_-]{1,32}",
                assertThrows(ProtocolException.class, () -> ShareGroup.parse("Log")).getMessage());
        assertThrows(ProtocolException.class, () -> ShareGroup.parse("x".repeat(33)));
        assertThrows(IllegalArgumentException.class, () -> new ShareGroup("#"));
    }
}
