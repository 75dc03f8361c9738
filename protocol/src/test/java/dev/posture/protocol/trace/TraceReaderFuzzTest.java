package dev.posture.protocol.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.posture.protocol.OneByteInputStream;
import dev.posture.protocol.ProtocolException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * The binary reader on damaged and arbitrary bytes: only ProtocolException escapes, every sample
 * it returns comes from a chunk whose bytes pass an independent CRC check (and decode to that
 * sample), times increase strictly, and one-byte-per-read gives the same result.
 */
class TraceReaderFuzzTest {
    /** Five chunks of four samples: damage usually lands in a chunk, sometimes in the header. */
    private static final byte[] TEMPLATE = TraceFixtures.write(TraceFixtures.samples(20), 4);

    private record Outcome(String failure, List<RawSample> samples, List<TraceDefect> defects) {
    }

    @FuzzTest
    void returnsOnlySamplesOfIntactChunks(FuzzedDataProvider data) {
        byte[] input = data.consumeBoolean() ? mutate(TEMPLATE, data) : data.consumeRemainingAsBytes();

        Outcome whole = read(input, new ByteArrayInputStream(input));
        Outcome oneByOne = read(input, new OneByteInputStream(input));

        assertEquals(whole, oneByOne);
    }

    private static Outcome read(byte[] input, InputStream in) {
        try {
            TraceReader reader = TraceReader.open(in);
            List<RawSample> samples = new ArrayList<>();
            long previousOffset = -1;
            int index = 0;
            for (RawSample s = reader.next(); s != null; s = reader.next()) {
                index = reader.chunkOffset() == previousOffset ? index + 1 : 0;
                previousOffset = reader.chunkOffset();
                assertFromIntactChunk(input, reader.chunkOffset(), reader.chunkSequence(), index, s);
                if (!samples.isEmpty()) {
                    assertTrue(s.timestampUs() > samples.get(samples.size() - 1).timestampUs(), "times increase");
                }
                samples.add(s);
            }
            return new Outcome(null, samples, reader.defects());
        } catch (ProtocolException e) {
            assertTrue(e.getMessage().startsWith("byte "), e.getMessage());
            return new Outcome(e.getMessage(), List.of(), List.of());
        } catch (IOException e) {
            throw new AssertionError("a byte array stream cannot fail", e);
        }
    }

    /** Decodes the chunk at {@code offset} of {@code input} by the documented layout and checks the sample. */
    private static void assertFromIntactChunk(byte[] input, long offset, long sequence, int index, RawSample s) {
        int at = Math.toIntExact(offset);
        ByteBuffer b = ByteBuffer.wrap(input).order(ByteOrder.LITTLE_ENDIAN);
        assertTrue(at + 24 <= input.length, "chunk inside the input");
        assertEquals(List.of((byte) 'P', (byte) 'T', (byte) 'C', (byte) 'K'),
                List.of(input[at], input[at + 1], input[at + 2], input[at + 3]));
        int count = Short.toUnsignedInt(b.getShort(at + 8));
        int length = 24 + 14 * count;
        assertTrue(count >= 1 && count <= 4096 && at + length <= input.length, "chunk length");
        CRC32 crc = new CRC32();
        crc.update(input, at, length - 4);
        assertEquals((int) crc.getValue(), b.getInt(at + length - 4), "never a sample from a chunk with a bad CRC");
        assertEquals(Integer.toUnsignedLong(b.getInt(at + 4)), sequence);
        assertTrue(index < count);
        long t = b.getLong(at + 12);
        for (int i = 0; i <= index; i++) {
            t += Short.toUnsignedInt(b.getShort(at + 20 + 14 * i));
        }
        int p = at + 20 + 14 * index;
        assertEquals(new RawSample(t, b.getShort(p + 2), b.getShort(p + 4), b.getShort(p + 6), b.getShort(p + 8),
                b.getShort(p + 10), b.getShort(p + 12)), s);
    }

    /** A few edits of a valid file: flipped bits, overwritten, deleted, inserted and repeated bytes, a cut. */
    private static byte[] mutate(byte[] file, FuzzedDataProvider data) {
        byte[] b = file.clone();
        int edits = data.consumeInt(1, 6);
        for (int e = 0; e < edits && b.length > 0; e++) {
            int at = data.consumeInt(0, b.length - 1);
            switch (data.consumeInt(0, 5)) {
                case 0 -> b[at] ^= (byte) (1 << data.consumeInt(0, 7));
                case 1 -> b[at] = data.consumeByte();
                case 2 -> b = splice(b, at, Math.min(b.length, at + data.consumeInt(1, 100)), new byte[0]);
                case 3 -> b = splice(b, at, at, data.consumeBytes(data.consumeInt(1, 100)));
                case 4 -> b = splice(b, at, b.length, new byte[0]);
                default -> {
                    int from = data.consumeInt(0, b.length - 1);
                    int to = Math.min(b.length, from + data.consumeInt(1, 200));
                    byte[] copy = java.util.Arrays.copyOfRange(b, from, to);
                    b = splice(b, at, at, copy);
                }
            }
        }
        return b;
    }

    private static byte[] splice(byte[] b, int from, int to, byte[] insert) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(b, 0, from);
        out.write(insert, 0, insert.length);
        out.write(b, to, b.length - to);
        return out.toByteArray();
    }
}
