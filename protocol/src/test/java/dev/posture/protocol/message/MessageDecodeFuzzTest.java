package dev.posture.protocol.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.posture.protocol.ProtocolException;
import dev.posture.protocol.mqtt.TopicKind;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decoders given arbitrary bytes throw only ProtocolException, and whatever decodes re-encodes and
 * re-decodes to an equal record. Half the inputs are golden files with a fuzzed splice, so that
 * the fuzzer reaches the field checks instead of stopping at the first brace.
 */
class MessageDecodeFuzzTest {
    private static final TopicKind[] KINDS = {TopicKind.STATUS, TopicKind.EVENT, TopicKind.TELEMETRY,
        TopicKind.CONFIG, TopicKind.CONFIG_SET, TopicKind.CONFIG_RESULT, TopicKind.CMD, TopicKind.CMD_RESULT};
    private static final List<Map.Entry<TopicKind, byte[]>> GOLDEN = new ArrayList<>();

    static {
        for (Map.Entry<String, Message> e : MessageExamples.all().entrySet()) {
            GOLDEN.add(Map.entry(e.getValue().kind(), MessageExamples.golden(e.getKey())));
        }
    }

    @FuzzTest
    void decodesOrRejectsCleanly(FuzzedDataProvider data) {
        TopicKind kind;
        byte[] payload;
        if (data.consumeBoolean()) {
            Map.Entry<TopicKind, byte[]> golden = GOLDEN.get(data.consumeInt(0, GOLDEN.size() - 1));
            kind = golden.getKey();
            payload = splice(golden.getValue(), data);
        } else {
            kind = KINDS[data.consumeInt(0, KINDS.length - 1)];
            payload = data.consumeRemainingAsBytes();
        }
        Message first;
        try {
            first = MessageCodec.decode(kind, payload);
        } catch (ProtocolException e) {
            String message = e.getMessage();
            assertTrue(message.startsWith(kind.suffix() + ": "), message);
            assertFalse(message.contains("\n"), message);
            return;
        }
        assertEquals(kind, first.kind());
        byte[] encoded = MessageCodec.encode(first);
        Message second;
        try {
            second = MessageCodec.decode(kind, encoded);
        } catch (ProtocolException e) {
            throw new AssertionError("re-encoding does not decode: " + e.getMessage(), e);
        }
        assertEquals(first, second);
        assertArrayEquals(encoded, MessageCodec.encode(second));
    }

    /** The golden bytes with a fuzzed stretch cut out and fuzzed bytes put in its place. */
    private static byte[] splice(byte[] golden, FuzzedDataProvider data) {
        int at = data.consumeInt(0, golden.length);
        int cut = data.consumeInt(0, golden.length - at);
        byte[] insert = data.consumeBytes(data.consumeInt(0, 64));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(golden, 0, at);
        out.write(insert, 0, insert.length);
        out.write(golden, at + cut, golden.length - at - cut);
        return out.toByteArray();
    }
}
