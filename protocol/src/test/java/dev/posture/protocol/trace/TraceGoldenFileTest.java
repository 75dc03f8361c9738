package dev.posture.protocol.trace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.posture.protocol.OneByteInputStream;
import dev.posture.protocol.TestResources;
import dev.posture.protocol.trace.TraceFixtures.Readout;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/**
 * Pins the exact bytes of a small trace (golden-small.ptrace) and of its CSV export
 * (golden-small.csv): three chunks of at most 3 samples, the second cut short by a 70 ms gap.
 */
class TraceGoldenFileTest {
    static final TraceHeader HEADER = new TraceHeader("dev-1", "MPU-6050", "r1", Rational.of(2048), 16,
            Rational.of(164, 10), 2000, Rational.of(100), 1_700_000_000_000L, 1_000_000L,
            TraceCalibration.neutralAndForward(new SensorVector(0, 0.5, -1), new SensorVector(1, -0.25, 0)));

    static final List<RawSample> SAMPLES = List.of(
            raw(1_000_000, 0, 0, 2048, 0, 0, 0),
            raw(1_010_000, -1, 2, 2047, 164, -164, 1),
            raw(1_020_003, 32767, -32768, 1024, 32767, -32768, -1),
            raw(1_029_998, 100, 200, 300, 400, 500, 600),
            raw(1_100_000, 7, 8, 9, 10, 11, 12));

    @Test
    void writerProducesTheGoldenBytes() throws Exception {
        assertArrayEquals(resource("golden-small.ptrace"), writeGolden());
    }

    @Test
    void readerDecodesTheGoldenFile() throws Exception {
        byte[] golden = resource("golden-small.ptrace");
        for (Readout read : List.of(TraceFixtures.read(golden), TraceFixtures.read(new OneByteInputStream(golden)))) {
            assertEquals(HEADER, read.header());
            assertEquals(SAMPLES, read.samples());
            assertEquals(List.of(0L, 0L, 0L, 1L, 2L), read.chunkSequences());
            assertEquals(List.of(99L, 99L, 99L, 165L, 203L), read.chunkOffsets());
            assertEquals(List.of(), read.defects());
        }
        TraceReader reader = TraceReader.open(new ByteArrayInputStream(golden));
        List<Short> temperatures = new ArrayList<>();
        while (reader.next() != null) {
            temperatures.add(reader.chunkTemperatureCentiC());
        }
        assertEquals(List.of((short) 2512, (short) 2512, (short) 2512, (short) -1050, (short) -1050), temperatures);
        assertEquals("1.0", reader.formatVersion());
    }

    /** Reads the golden file with the offsets of protocol/docs/trace.md, independently of the codec. */
    @Test
    void goldenFileFollowsTheDocumentedLayout() throws Exception {
        byte[] golden = resource("golden-small.ptrace");
        ByteBuffer b = ByteBuffer.wrap(golden).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals("PTRC", new String(golden, 0, 4, StandardCharsets.US_ASCII));
        assertEquals(1, b.get(4));
        assertEquals(0, b.get(5));
        assertEquals(99, b.getShort(6));
        assertEquals(List.of(2048, 1, 164, 10), List.of(b.getInt(8), b.getInt(12), b.getInt(16), b.getInt(20)));
        assertEquals(List.of((short) 16, (short) 2000), List.of(b.getShort(24), b.getShort(26)));
        assertEquals(List.of(100, 1), List.of(b.getInt(28), b.getInt(32)));
        assertEquals(1_700_000_000_000L, b.getLong(36));
        assertEquals(1_000_000L, b.getLong(44));
        assertEquals(2, b.get(52));
        assertEquals(List.of(0, 1 << 29, -(1 << 30)), List.of(b.getInt(53), b.getInt(57), b.getInt(61)));
        assertEquals(List.of(1 << 30, -(1 << 28), 0), List.of(b.getInt(65), b.getInt(69), b.getInt(73)));
        assertEquals(5, b.get(77));
        assertEquals("dev-1", new String(golden, 78, 5, StandardCharsets.UTF_8));
        assertEquals(8, b.get(83));
        assertEquals("MPU-6050", new String(golden, 84, 8, StandardCharsets.UTF_8));
        assertEquals(2, b.get(92));
        assertEquals("r1", new String(golden, 93, 2, StandardCharsets.UTF_8));
        assertEquals(crc(golden, 0, 95), b.getInt(95));

        // Chunk 0 at byte 99: sync, sequence 0, 3 samples, 25.12 degC, first time, then 14-byte samples.
        assertEquals("PTCK", new String(golden, 99, 4, StandardCharsets.US_ASCII));
        assertEquals(0, b.getInt(103));
        assertEquals(3, b.getShort(107));
        assertEquals(2512, b.getShort(109));
        assertEquals(1_000_000L, b.getLong(111));
        int second = 119 + 14;
        assertEquals(List.of((short) 10_000, (short) -1, (short) 2, (short) 2047, (short) 164, (short) -164, (short) 1),
                List.of(b.getShort(second), b.getShort(second + 2), b.getShort(second + 4), b.getShort(second + 6),
                        b.getShort(second + 8), b.getShort(second + 10), b.getShort(second + 12)));
        assertEquals(10_003, b.getShort(119 + 28));
        assertEquals(crc(golden, 99, 20 + 3 * 14), b.getInt(99 + 62));
        // Chunk 1 at byte 165 (99 + 66) and chunk 2 at byte 203 (165 + 38): one sample each.
        assertEquals(1, b.getInt(169));
        assertEquals(1, b.getShort(173));
        assertEquals(-1050, b.getShort(175));
        assertEquals(1_029_998L, b.getLong(177));
        assertEquals(2, b.getInt(207));
        assertEquals(1_100_000L, b.getLong(215));
        assertEquals(241, golden.length);
    }

    @Test
    void exportProducesTheGoldenCsv() throws Exception {
        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        List<TraceDefect> defects = new ArrayList<>();

        TraceExport.Summary summary = TraceExport.binaryToCsv(new ByteArrayInputStream(resource("golden-small.ptrace")),
                csv, defects::add);

        assertEquals(new String(resource("golden-small.csv"), StandardCharsets.US_ASCII), csv.toString(StandardCharsets.US_ASCII));
        assertEquals(new TraceExport.Summary(HEADER, 5, List.of(), 0), summary);
        assertEquals(List.of(), defects);
    }

    @Test
    void goldenCsvReadsBackAsTheConvertedSamples() throws Exception {
        PhysicalUnits units = PhysicalUnits.of(HEADER);
        List<PhysicalSample> expected = SAMPLES.stream().map(units::toPhysical).toList();

        List<PhysicalSample> read = new ArrayList<>();
        try (TraceCsvReader reader = TraceCsvReader.open(new ByteArrayInputStream(resource("golden-small.csv")))) {
            for (PhysicalSample s = reader.next(); s != null; s = reader.next()) {
                read.add(s);
            }
        }

        assertEquals(expected, read);
        assertEquals(new PhysicalSample(0.01, -0.0047884033203125, 0.009576806640625, 9.801861596679688,
                0.17453292519943295, -0.17453292519943295, 0.001064225153655079), read.get(1));
    }

    static byte[] writeGolden() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TraceWriter writer = new TraceWriter(TraceSink.of(out), HEADER, 3)) {
            writer.temperature(2512);
            for (int i = 0; i < SAMPLES.size(); i++) {
                if (i == 3) {
                    writer.temperature(-1050); // chunk 0 went out with sample 2
                }
                RawSample s = SAMPLES.get(i);
                writer.append(s.timestampUs(), s.accX(), s.accY(), s.accZ(), s.gyrX(), s.gyrY(), s.gyrZ());
            }
        }
        return out.toByteArray();
    }

    static byte[] resource(String name) {
        return TestResources.bytes("/trace/" + name);
    }

    private static int crc(byte[] b, int from, int length) {
        CRC32 crc = new CRC32();
        crc.update(b, from, length);
        return (int) crc.getValue();
    }

    private static RawSample raw(long t, int ax, int ay, int az, int gx, int gy, int gz) {
        return new RawSample(t, (short) ax, (short) ay, (short) az, (short) gx, (short) gy, (short) gz);
    }
}
