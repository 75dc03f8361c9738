package dev.posture.protocol.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posture.protocol.ThreadAllocation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TraceWriterTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    @Test
    void headerIsWrittenAndFlushedAtOnce() throws Exception {
        List<String> calls = new ArrayList<>();
        TraceSink sink = new TraceSink() {
            @Override
            public void write(byte[] bytes, int offset, int length) {
                calls.add("write " + length);
            }

            @Override
            public void flush() {
                calls.add("flush");
            }

            @Override
            public void close() {
                calls.add("close");
            }
        };
        TraceWriter writer = new TraceWriter(sink, TraceFixtures.header(), 2);
        int headerBytes = TraceHeaderCodec.encode(TraceFixtures.header()).length;
        assertEquals(List.of("write " + headerBytes, "flush"), calls);

        for (RawSample s : TraceFixtures.samples(3)) {
            writer.append(s.timestampUs(), s.accX(), s.accY(), s.accZ(), s.gyrX(), s.gyrY(), s.gyrZ());
        }
        writer.close();
        writer.close();

        assertEquals(List.of("write " + headerBytes, "flush", "write 52", "write 38", "flush", "close"), calls,
                "one write per whole chunk: 20 + 2 * 14 + 4 and 20 + 14 + 4 bytes");
    }

    @Test
    void appendsSamplesFromTheDriversCountsArray() throws Exception {
        short[] fifo = {1, 2, 3, 4, 5, 6, -1, -2, -3, -4, -5, -6};
        try (TraceWriter writer = new TraceWriter(TraceSink.of(out), TraceFixtures.header())) {
            writer.append(6_000_000, fifo, 0);
            writer.append(6_010_000, fifo, 6);
        }

        assertEquals(List.of(
                new RawSample(6_000_000, (short) 1, (short) 2, (short) 3, (short) 4, (short) 5, (short) 6),
                new RawSample(6_010_000, (short) -1, (short) -2, (short) -3, (short) -4, (short) -5, (short) -6)),
                TraceFixtures.read(out.toByteArray()).samples());
    }

    @Test
    void refusesTimeThatDoesNotIncrease() throws Exception {
        TraceWriter writer = new TraceWriter(TraceSink.of(out), TraceFixtures.header());
        writer.append(6_000_000, (short) 0, (short) 0, (short) 0, (short) 0, (short) 0, (short) 0);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> writer.append(6_000_000, (short) 0, (short) 0, (short) 0, (short) 0, (short) 0, (short) 0));
        assertEquals("sample time 6000000 us is not after 6000000 us", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> writer.append(5_999_999, (short) 0, (short) 0, (short) 0, (short) 0, (short) 0, (short) 0));
    }

    @Test
    void refusesTimeFarFromTheDeviceStart() throws Exception {
        TraceWriter writer = new TraceWriter(TraceSink.of(out), TraceFixtures.header());
        long tooLate = TraceFixtures.DEVICE_START_US + (1L << 51) + 1;

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> writer.append(tooLate, (short) 0, (short) 0, (short) 0, (short) 0, (short) 0, (short) 0));
        assertEquals("sample time " + tooLate + " us is more than 2^51 us from the device start 5000000 us", e.getMessage());
        writer.append(tooLate - 1, (short) 0, (short) 0, (short) 0, (short) 0, (short) 0, (short) 0);
    }

    @Test
    void refusesBadChunkSizesAndTemperatures() throws Exception {
        assertEquals("chunk size 0 outside 1..4096", assertThrows(IllegalArgumentException.class,
                () -> new TraceWriter(TraceSink.of(out), TraceFixtures.header(), 0)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new TraceWriter(TraceSink.of(out), TraceFixtures.header(), 4097));
        TraceWriter writer = new TraceWriter(TraceSink.of(out), TraceFixtures.header(), 4096);
        assertEquals("temperature -32768 centi-degC outside -32767..32767",
                assertThrows(IllegalArgumentException.class, () -> writer.temperature(-32768)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> writer.temperature(32768));
    }

    @Test
    void refusesAppendsAfterClose() throws Exception {
        TraceWriter writer = new TraceWriter(TraceSink.of(out), TraceFixtures.header());
        writer.close();
        assertThrows(IllegalStateException.class,
                () -> writer.append(6_000_000, (short) 0, (short) 0, (short) 0, (short) 0, (short) 0, (short) 0));
    }

    @Test
    void aFailedChunkWriteLeavesAGapTheReaderReports() throws Exception {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        boolean[] failNext = {false};
        TraceSink flaky = new TraceSink() {
            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                if (failNext[0]) {
                    failNext[0] = false;
                    throw new IOException("disk full");
                }
                file.write(bytes, offset, length);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        TraceWriter writer = new TraceWriter(flaky, TraceFixtures.header(), 2);
        List<RawSample> samples = TraceFixtures.samples(6);
        for (int i = 0; i < 6; i++) {
            RawSample s = samples.get(i);
            failNext[0] = i == 3;
            if (i == 3) {
                assertThrows(IOException.class, () -> writer.append(s.timestampUs(), s.accX(), s.accY(), s.accZ(), s.gyrX(), s.gyrY(), s.gyrZ()));
            } else {
                writer.append(s.timestampUs(), s.accX(), s.accY(), s.accZ(), s.gyrX(), s.gyrY(), s.gyrZ());
            }
        }

        TraceFixtures.Readout read = TraceFixtures.read(file.toByteArray());
        assertEquals(List.of(samples.get(0), samples.get(1), samples.get(4), samples.get(5)), read.samples());
        assertEquals(1, read.defects().size());
        assertEquals(TraceDefect.Kind.SEQUENCE_GAP, read.defects().get(0).kind());
    }

    @Test
    void appendingAllocatesNothing() throws Exception {
        TraceWriter writer = new TraceWriter(TraceSink.of(OutputStream.nullOutputStream()), TraceFixtures.header(), 256);
        long t = TraceFixtures.DEVICE_START_US;
        for (int i = 0; i < 20_000; i++) { // warm up
            writer.append(t += 10_000, (short) i, (short) 1, (short) 2, (short) 3, (short) 4, (short) 5);
        }
        long before = ThreadAllocation.bytes();
        for (int i = 0; i < 100_000; i++) {
            writer.append(t += 10_000, (short) i, (short) 1, (short) 2, (short) 3, (short) 4, (short) 5);
        }
        long allocated = ThreadAllocation.bytes() - before;

        assertTrue(allocated < 1024, "100000 appends allocated " + allocated + " bytes");
    }
}
