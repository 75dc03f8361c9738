package dev.posture.protocol.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posture.protocol.OneByteInputStream;
import dev.posture.protocol.trace.TraceFixtures.Readout;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TraceRoundTripTest {

    static Stream<Arguments> chunkSizesAndCounts() {
        List<Arguments> cases = new ArrayList<>();
        for (int chunk : new int[] {1, 2, 3, 7, 256, 4096}) {
            TreeSet<Integer> counts = new TreeSet<>(List.of(0, 1, chunk - 1, chunk, chunk + 1, 3 * chunk + 2));
            for (int count : counts) {
                cases.add(Arguments.of(chunk, count));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "chunk {0}, {1} samples")
    @MethodSource("chunkSizesAndCounts")
    void everySampleComesBackInItsChunk(int chunkSamples, int count) throws Exception {
        List<RawSample> written = TraceFixtures.samples(count);
        byte[] file = TraceFixtures.write(written, chunkSamples);

        for (Readout read : List.of(TraceFixtures.read(file), TraceFixtures.read(new OneByteInputStream(file)))) {
            assertEquals(TraceFixtures.header(), read.header());
            assertEquals(written, read.samples());
            assertEquals(List.of(), read.defects());
            for (int i = 0; i < count; i++) {
                assertEquals(i / chunkSamples, read.chunkSequences().get(i), "chunk of sample " + i);
            }
        }
        int chunks = (count + chunkSamples - 1) / chunkSamples;
        int headerBytes = LittleEndian.u16(file, TraceFormat.H_LENGTH);
        assertEquals(headerBytes + chunks * (TraceFormat.C_SAMPLES + TraceFormat.CRC_BYTES) + count * TraceFormat.SAMPLE_BYTES,
                file.length, "file size");
    }

    @Test
    void aGapLongerThan65535UsStartsANewChunk() throws Exception {
        long t = TraceFixtures.DEVICE_START_US;
        List<RawSample> written = List.of(
                new RawSample(t, (short) 1, (short) 0, (short) 0, (short) 0, (short) 0, (short) 0),
                new RawSample(t + 65_535, (short) 2, (short) 0, (short) 0, (short) 0, (short) 0, (short) 0),
                new RawSample(t + 65_535 + 65_536, (short) 3, (short) 0, (short) 0, (short) 0, (short) 0, (short) 0),
                new RawSample(t + 65_535 + 65_536 + 1, (short) 4, (short) 0, (short) 0, (short) 0, (short) 0, (short) 0));

        Readout read = TraceFixtures.read(TraceFixtures.write(written, 256));

        assertEquals(written, read.samples());
        assertEquals(List.of(0L, 0L, 1L, 1L), read.chunkSequences());
        assertEquals(List.of(), read.defects());
    }

    @Test
    void eachChunkCarriesTheLatestTemperature() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TraceWriter writer = new TraceWriter(TraceSink.of(out), TraceFixtures.header(), 2);
        List<Short> expected = List.of(Short.MIN_VALUE, Short.MIN_VALUE, (short) 2512, (short) 2512, (short) -1050, (short) -1050);
        for (int i = 0; i < 6; i++) {
            if (i == 3) {
                writer.temperature(2512); // stored with the chunk being filled, samples 2 and 3
            }
            if (i == 4) {
                writer.temperature(-1050);
            }
            RawSample s = TraceFixtures.sample(i);
            writer.append(s.timestampUs(), s.accX(), s.accY(), s.accZ(), s.gyrX(), s.gyrY(), s.gyrZ());
        }
        writer.close();

        TraceReader reader = TraceReader.open(new ByteArrayInputStream(out.toByteArray()));
        List<Short> temperatures = new ArrayList<>();
        while (reader.next() != null) {
            temperatures.add(reader.chunkTemperatureCentiC());
        }
        assertEquals(expected, temperatures);
    }

    @Test
    void flushEndsTheChunkSoFlushedSamplesSurviveACut() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TraceWriter writer = new TraceWriter(TraceSink.of(out), TraceFixtures.header(), 256);
        List<RawSample> written = TraceFixtures.samples(5);
        for (RawSample s : written.subList(0, 3)) {
            writer.append(s.timestampUs(), s.accX(), s.accY(), s.accZ(), s.gyrX(), s.gyrY(), s.gyrZ());
        }
        writer.flush();
        byte[] afterFlush = out.toByteArray();
        for (RawSample s : written.subList(3, 5)) {
            writer.append(s.timestampUs(), s.accX(), s.accY(), s.accZ(), s.gyrX(), s.gyrY(), s.gyrZ());
        }

        assertEquals(1, writer.chunksWritten());
        assertEquals(3, writer.samplesWritten());
        assertEquals(2, writer.pendingSamples());
        assertEquals(out.toByteArray().length, afterFlush.length, "nothing written until the next chunk ends");
        assertEquals(written.subList(0, 3), TraceFixtures.read(afterFlush).samples());
        writer.close();
        assertEquals(written, TraceFixtures.read(out.toByteArray()).samples());
        assertEquals(List.of(0L, 0L, 0L, 1L, 1L), TraceFixtures.read(out.toByteArray()).chunkSequences());
    }

    @Test
    void writesThroughAFileChannel(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("rec.ptrace");
        List<RawSample> written = TraceFixtures.samples(600);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
             TraceWriter writer = new TraceWriter(TraceSink.of(channel), TraceFixtures.header(), 256)) {
            for (RawSample s : written) {
                writer.append(s.timestampUs(), s.accX(), s.accY(), s.accZ(), s.gyrX(), s.gyrY(), s.gyrZ());
            }
            writer.flush();
            assertEquals(written, TraceFixtures.read(Files.readAllBytes(file)).samples(), "on disk after flush");
        }
        assertEquals(TraceFixtures.write(written, 256).length, Files.size(file));
    }

    @Test
    void calibrationSurvivesToTheNearestTwoToTheMinus30() throws Exception {
        double third = 1.0 / 3.0;
        for (TraceCalibration calibration : List.of(TraceCalibration.NONE,
                TraceCalibration.neutral(new SensorVector(-1, 1, 0)),
                TraceCalibration.neutralAndForward(new SensorVector(third, -third, 0.5), new SensorVector(0, -1, 1e-12)))) {
            TraceHeader h = TraceFixtures.header();
            TraceHeader written = new TraceHeader(h.deviceId(), h.sensorModel(), h.recordingId(), h.accelLsbPerG(),
                    h.accelRangeG(), h.gyroLsbPerDps(), h.gyroRangeDps(), h.sampleRateHz(), h.startEpochMs(),
                    h.deviceStartUs(), calibration);

            TraceCalibration read = TraceFixtures.read(TraceFixtures.write(written, List.of(), 4)).header().calibration();

            assertEquals(calibration.neutralUp().isPresent(), read.neutralUp().isPresent());
            assertEquals(calibration.forward().isPresent(), read.forward().isPresent());
            assertVectorNear(calibration.neutralUp(), read.neutralUp());
            assertVectorNear(calibration.forward(), read.forward());
        }
    }

    @Test
    void textFieldsMayHoldAnyUnicodeUpTo255Bytes() throws Exception {
        String longest = "é".repeat(127) + "x"; // 255 UTF-8 bytes
        TraceHeader written = new TraceHeader("hals-kragen-🦒", "ICM-42688-P", longest, Rational.of(16384), 2,
                Rational.of(131, 2), 500, Rational.of(1000, 7), -1, -(1L << 62), TraceCalibration.NONE);

        Readout read = TraceFixtures.read(TraceFixtures.write(written, List.of(), 4));

        assertEquals(written, read.header());
    }

    private static void assertVectorNear(Optional<SensorVector> expected, Optional<SensorVector> actual) {
        if (expected.isEmpty()) {
            return;
        }
        double step = 1.0 / (1 << 30);
        SensorVector e = expected.get();
        SensorVector a = actual.orElseThrow();
        assertTrue(Math.abs(e.x() - a.x()) <= step / 2 && Math.abs(e.y() - a.y()) <= step / 2
                && Math.abs(e.z() - a.z()) <= step / 2, e + " read back as " + a);
        assertEquals(a.x(), Math.rint(a.x() / step) * step, "a multiple of 2^-30");
    }
}
