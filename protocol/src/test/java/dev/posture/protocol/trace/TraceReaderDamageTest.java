package dev.posture.protocol.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posture.protocol.OneByteInputStream;
import dev.posture.protocol.trace.TraceDefect.Kind;
import dev.posture.protocol.trace.TraceFixtures.Readout;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the reader does with torn writes, flipped bits, stray bytes and chunks out of place. */
class TraceReaderDamageTest {
    private static final int CHUNK = 3;
    private final List<RawSample> samples = TraceFixtures.samples(11); // chunks of 3, 3, 3, 2
    private byte[] file;
    private List<Integer> starts;

    @BeforeEach
    void writeFile() {
        file = TraceFixtures.write(samples, CHUNK);
        starts = TraceFixtures.chunkStarts(file);
        assertEquals(4, starts.size());
        for (int i = 0; i + 4 <= file.length; i++) {
            boolean sync = file[i] == 'P' && file[i + 1] == 'T' && file[i + 2] == 'C' && file[i + 3] == 'K';
            assertEquals(starts.contains(i), sync, "sync word only where chunks start, byte " + i);
        }
    }

    @Test
    void truncationAtEveryOffsetKeepsTheCompleteChunksAndReportsTheTornOne() throws Exception {
        int headerBytes = starts.get(0);
        for (int cut = headerBytes; cut <= file.length; cut++) {
            byte[] torn = Arrays.copyOf(file, cut);
            int complete = 0;
            while (complete < starts.size() && chunkEnd(complete) <= cut) {
                complete++;
            }
            boolean atBoundary = cut == headerBytes || complete > 0 && chunkEnd(complete - 1) == cut;

            for (Readout read : List.of(TraceFixtures.read(torn), TraceFixtures.read(new OneByteInputStream(torn)))) {
                assertEquals(samples.subList(0, Math.min(samples.size(), complete * CHUNK)), read.samples(), "cut at " + cut);
                if (atBoundary) {
                    assertEquals(List.of(), read.defects(), "cut at " + cut);
                } else {
                    assertEquals(1, read.defects().size(), "cut at " + cut + ": " + read.defects());
                    TraceDefect defect = read.defects().get(0);
                    assertEquals(Kind.TRUNCATED, defect.kind(), defect.message());
                    assertEquals(starts.get(complete).longValue(), defect.offset(), defect.message());
                    assertTrue(defect.message().startsWith("byte " + starts.get(complete) + ": "), defect.message());
                }
            }
        }
    }

    @Test
    void aFlippedBitAnywhereInAChunkLosesThatChunkOnly() throws Exception {
        for (int chunk = 0; chunk < starts.size(); chunk++) {
            List<RawSample> others = new ArrayList<>(samples);
            others.subList(chunk * CHUNK, Math.min(samples.size(), (chunk + 1) * CHUNK)).clear();
            for (int at = starts.get(chunk); at < chunkEnd(chunk); at++) {
                for (int bit = 0; bit < 8; bit++) {
                    byte[] damaged = file.clone();
                    damaged[at] ^= (byte) (1 << bit);

                    Readout read = TraceFixtures.read(damaged);

                    String where = "chunk " + chunk + ", byte " + at + ", bit " + bit;
                    assertEquals(others, read.samples(), where);
                    long chunkStart = starts.get(chunk);
                    assertTrue(read.defects().stream().anyMatch(d -> d.offset() == chunkStart),
                            where + ": " + read.defects());
                    assertEquals(read.defects(), TraceFixtures.read(new OneByteInputStream(damaged)).defects(), where);
                }
            }
        }
    }

    @Test
    void aBadCrcIsReportedWithOffsetAndSequence() throws Exception {
        file[starts.get(1) + 25] ^= 0x10;

        Readout read = TraceFixtures.read(file);

        int at = starts.get(1);
        long stored = LittleEndian.u32(file, chunkEnd(1) - 4);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(file, at, chunkEnd(1) - 4 - at);
        assertEquals(List.of(
                new TraceDefect(at, Kind.BAD_CRC, String.format(
                        "byte %d: chunk 1 has a bad CRC32 (stored 0x%08x, computed 0x%08x), skipped", at, stored, crc.getValue())),
                new TraceDefect(starts.get(2), Kind.SEQUENCE_GAP, "byte " + starts.get(2) + ": chunk 1 is missing before chunk 2")),
                read.defects());
    }

    @Test
    void strayBytesBetweenChunksAreSkippedAndReported() throws Exception {
        byte[] garbage = {1, 2, 'P', 'T', 'C', 3, 4};
        byte[] damaged = insert(file, starts.get(2), garbage);

        Readout read = TraceFixtures.read(damaged);

        assertEquals(samples, read.samples());
        assertEquals(List.of(new TraceDefect(starts.get(2), Kind.GARBAGE,
                "byte " + starts.get(2) + ": 7 bytes that are not a chunk (no sync word), skipped")), read.defects());
    }

    @Test
    void zerosAfterTheLastChunkAreReportedAsGarbage() throws Exception {
        byte[] damaged = Arrays.copyOf(file, file.length + 4096); // a torn write that left a block of zeros

        Readout read = TraceFixtures.read(damaged);

        assertEquals(samples, read.samples());
        assertEquals(List.of(new TraceDefect(file.length, Kind.GARBAGE,
                "byte " + file.length + ": 4096 bytes that are not a chunk (no sync word), skipped")), read.defects());
    }

    @Test
    void aMissingChunkIsAGapAndTheRestIsKept() throws Exception {
        byte[] damaged = remove(file, starts.get(1), chunkEnd(1));

        Readout read = TraceFixtures.read(damaged);

        List<RawSample> expected = new ArrayList<>(samples);
        expected.subList(3, 6).clear();
        assertEquals(expected, read.samples());
        assertEquals(List.of(new TraceDefect(starts.get(1), Kind.SEQUENCE_GAP,
                "byte " + starts.get(1) + ": chunk 1 is missing before chunk 2")), read.defects());
    }

    @Test
    void aRepeatedChunkIsSkippedAsOutOfOrder() throws Exception {
        byte[] chunk1 = Arrays.copyOfRange(file, starts.get(1), chunkEnd(1));
        byte[] damaged = insert(file, chunkEnd(1), chunk1); // as if a chunk were appended twice

        Readout read = TraceFixtures.read(damaged);

        assertEquals(samples, read.samples());
        assertEquals(List.of(new TraceDefect(chunkEnd(1), Kind.OUT_OF_ORDER, "byte " + chunkEnd(1)
                + ": chunk 1 starting at " + samples.get(3).timestampUs() + " us does not follow chunk 1 ending at "
                + samples.get(5).timestampUs() + " us, skipped")), read.defects());
    }

    @Test
    void anAbsurdSampleCountIsRejectedBeforeReadingTheChunk() throws Exception {
        int at = starts.get(1);
        LittleEndian.putU16(file, at + TraceFormat.C_SAMPLE_COUNT, 60_000);

        Readout read = TraceFixtures.read(file);

        assertEquals(List.of(new TraceDefect(at, Kind.BAD_CHUNK,
                "byte " + at + ": chunk 1 claims 60000 samples (1..4096 allowed), skipped"),
                new TraceDefect(starts.get(2), Kind.SEQUENCE_GAP, "byte " + starts.get(2) + ": chunk 1 is missing before chunk 2")),
                read.defects());
        assertEquals(8, read.samples().size());
    }

    @Test
    void aChunkThatRepeatsATimeIsRejectedEvenWithAGoodCrc() throws Exception {
        int at = starts.get(1);
        LittleEndian.putU16(file, at + TraceFormat.C_SAMPLES + 2 * TraceFormat.SAMPLE_BYTES, 0);
        TraceFixtures.resealChunk(file, at);

        assertEquals(new TraceDefect(at, Kind.BAD_CHUNK, "byte " + at + ": chunk 1 repeats the time of sample 1 in sample 2, skipped"),
                TraceFixtures.read(file).defects().get(0));
    }

    @Test
    void aChunkWhoseFirstDeltaIsNotZeroIsRejected() throws Exception {
        int at = starts.get(0);
        LittleEndian.putU16(file, at + TraceFormat.C_SAMPLES, 5);
        TraceFixtures.resealChunk(file, at);

        Readout read = TraceFixtures.read(file);

        assertEquals(new TraceDefect(at, Kind.BAD_CHUNK, "byte " + at + ": chunk 0 has a first time delta of 5 us instead of 0, skipped"),
                read.defects().get(0));
        assertEquals(samples.subList(3, 11), read.samples());
    }

    @Test
    void aChunkFarFromTheDeviceStartIsRejected() throws Exception {
        int at = starts.get(3);
        LittleEndian.putI64(file, at + TraceFormat.C_FIRST_US, TraceFixtures.DEVICE_START_US - (1L << 51) - 1);
        TraceFixtures.resealChunk(file, at);

        Readout read = TraceFixtures.read(file);

        assertEquals(List.of(new TraceDefect(at, Kind.BAD_CHUNK, "byte " + at + ": chunk 3 starts at "
                + (TraceFixtures.DEVICE_START_US - (1L << 51) - 1) + " us, more than 2^51 us from the device start, skipped")),
                read.defects());
        assertEquals(samples.subList(0, 9), read.samples());
    }

    @Test
    void aChunkAfterTheHeaderWithoutSyncIsGarbageUpToTheNextChunk() throws Exception {
        file[starts.get(0)] = 'Q';

        Readout read = TraceFixtures.read(file);

        assertEquals(samples.subList(3, 11), read.samples());
        assertEquals(List.of(new TraceDefect(starts.get(0), Kind.GARBAGE, "byte " + starts.get(0) + ": "
                        + (starts.get(1) - starts.get(0)) + " bytes that are not a chunk (no sync word), skipped"),
                new TraceDefect(starts.get(1), Kind.SEQUENCE_GAP, "byte " + starts.get(1) + ": chunk 0 is missing before chunk 1")),
                read.defects());
    }

    @Test
    void keepsTheFirstThousandDefectsAndCountsTheRest() throws Exception {
        ByteArrayOutputStream damaged = new ByteArrayOutputStream();
        damaged.write(file, 0, starts.get(0));
        byte[] emptyChunk = Arrays.copyOf(new byte[] {'P', 'T', 'C', 'K'}, TraceFormat.C_SAMPLES); // claims 0 samples
        for (int i = 0; i < 1500; i++) {
            damaged.write(emptyChunk, 0, emptyChunk.length);
        }
        List<TraceDefect> heard = new ArrayList<>();
        TraceReader reader = TraceReader.open(new java.io.ByteArrayInputStream(damaged.toByteArray()), heard::add);

        assertEquals(null, reader.next());
        assertEquals(1500, reader.defectCount());
        assertEquals(1500, heard.size());
        assertEquals(TraceReader.MAX_KEPT_DEFECTS, reader.defects().size());
        assertEquals(heard.subList(0, 1000), reader.defects());
        assertEquals(TraceDefect.Kind.BAD_CHUNK, heard.get(1499).kind());
        assertFalse(heard.stream().anyMatch(d -> d.kind() == Kind.GARBAGE), "bytes after a bad chunk are part of it");
    }

    private int chunkEnd(int chunk) {
        return chunk + 1 < starts.size() ? starts.get(chunk + 1) : file.length;
    }

    private static byte[] insert(byte[] b, int at, byte[] extra) {
        byte[] out = new byte[b.length + extra.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(extra, 0, out, at, extra.length);
        System.arraycopy(b, at, out, at + extra.length, b.length - at);
        return out;
    }

    private static byte[] remove(byte[] b, int from, int to) {
        byte[] out = new byte[b.length - (to - from)];
        System.arraycopy(b, 0, out, 0, from);
        System.arraycopy(b, to, out, from, b.length - to);
        return out;
    }
}
