package dev.posture.protocol.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.posture.protocol.OneByteInputStream;
import dev.posture.protocol.ProtocolException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TraceExportTest {

    @Test
    void exportsTheGoodChunksInPhysicalUnitsAndPassesDefectsOn() throws Exception {
        List<RawSample> raw = TraceFixtures.samples(10);
        byte[] file = TraceFixtures.write(raw, 4);
        int second = TraceFixtures.chunkStarts(file).get(1);
        file[second + 30] ^= 0x40; // damages chunk 1: samples 4..7
        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        List<TraceDefect> heard = new ArrayList<>();

        TraceExport.Summary summary = TraceExport.binaryToCsv(new OneByteInputStream(file), csv, heard::add);

        PhysicalUnits units = PhysicalUnits.of(TraceFixtures.header());
        List<PhysicalSample> expected = new ArrayList<>();
        for (int i : new int[] {0, 1, 2, 3, 8, 9}) {
            expected.add(units.toPhysical(raw.get(i)));
        }
        assertEquals(expected, TraceCsvReaderTest.readAll(new ByteArrayInputStream(csv.toByteArray())));
        assertEquals(6, summary.samples());
        assertEquals(TraceFixtures.header(), summary.header());
        assertEquals(heard, summary.defects());
        assertEquals(2, summary.defectCount());
        assertEquals(List.of(TraceDefect.Kind.BAD_CRC, TraceDefect.Kind.SEQUENCE_GAP), heard.stream().map(TraceDefect::kind).toList());
        assertEquals(0.0, expected.get(0).timeS());
        assertEquals(0.010007, expected.get(1).timeS(), "10 ms and 7 us of jitter after the start");
    }

    @Test
    void aHeaderItCannotReadWritesNothing() {
        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        ProtocolException e = assertThrows(ProtocolException.class, () -> TraceExport.binaryToCsv(
                new ByteArrayInputStream(new byte[] {'P', 'T', 'R', 'C', 9, 0}), csv, d -> { }));
        assertEquals("byte 4: unsupported format version 9.0 (this reader reads 1.x)", e.getMessage());
        assertEquals(0, csv.size());
    }
}
