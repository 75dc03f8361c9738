package dev.posture.protocol.trace;

import dev.posture.protocol.ProtocolException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Headers, samples and whole trace files for the trace tests. */
final class TraceFixtures {
    private TraceFixtures() {
    }

    static final long DEVICE_START_US = 5_000_000L;

    /** An MPU-6050 at +-16 g and +-2000 deg/s, 100 Hz, calibrated. */
    static TraceHeader header() {
        return new TraceHeader("posture-01", "MPU-6050", "rec-0001",
                Rational.of(2048), 16, Rational.of(164, 10), 2000, Rational.of(100),
                1_700_000_000_000L, DEVICE_START_US,
                TraceCalibration.neutralAndForward(new SensorVector(0, 0, 1), new SensorVector(1, 0, 0)));
    }

    /** Sample i: 10 ms apart with a little jitter, counts that tell samples apart and never spell "PTCK". */
    static RawSample sample(int i) {
        long t = DEVICE_START_US + 10_000L * i + (i % 3) * 7;
        return new RawSample(t, (short) (i % 2000 - 1000), (short) (i * 3 % 1999), (short) 2048,
                (short) -(i % 500), (short) (i % 7), (short) (i / 100));
    }

    static List<RawSample> samples(int count) {
        List<RawSample> samples = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            samples.add(sample(i));
        }
        return samples;
    }

    static byte[] write(TraceHeader header, List<RawSample> samples, int chunkSamples) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TraceWriter writer = new TraceWriter(TraceSink.of(out), header, chunkSamples)) {
            for (RawSample s : samples) {
                writer.append(s.timestampUs(), s.accX(), s.accY(), s.accZ(), s.gyrX(), s.gyrY(), s.gyrZ());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] write(List<RawSample> samples, int chunkSamples) {
        return write(header(), samples, chunkSamples);
    }

    /** Everything a reader returned from a file. */
    record Readout(TraceHeader header, List<RawSample> samples, List<Long> chunkOffsets, List<Long> chunkSequences,
                   List<TraceDefect> defects) {
    }

    static Readout read(InputStream in) throws IOException, ProtocolException {
        List<TraceDefect> heard = new ArrayList<>();
        TraceReader reader = TraceReader.open(in, heard::add);
        List<RawSample> samples = new ArrayList<>();
        List<Long> offsets = new ArrayList<>();
        List<Long> sequences = new ArrayList<>();
        for (RawSample s = reader.next(); s != null; s = reader.next()) {
            samples.add(s);
            offsets.add(reader.chunkOffset());
            sequences.add(reader.chunkSequence());
        }
        if (!heard.equals(reader.defects())) {
            throw new AssertionError("listener heard " + heard + " but the reader kept " + reader.defects());
        }
        return new Readout(reader.header(), samples, offsets, sequences, reader.defects());
    }

    static Readout read(byte[] bytes) throws IOException, ProtocolException {
        return read(new ByteArrayInputStream(bytes));
    }

    /** Byte offsets where chunks start in a file the writer made (found by walking the lengths). */
    static List<Integer> chunkStarts(byte[] file) {
        List<Integer> starts = new ArrayList<>();
        int at = LittleEndian.u16(file, TraceFormat.H_LENGTH);
        while (at < file.length) {
            starts.add(at);
            at += TraceFormat.chunkBytes(LittleEndian.u16(file, at + TraceFormat.C_SAMPLE_COUNT));
        }
        return starts;
    }

    /** Recomputes a chunk's CRC32 after a test changed its bytes on purpose. */
    static void resealChunk(byte[] file, int chunkStart) {
        int length = TraceFormat.chunkBytes(LittleEndian.u16(file, chunkStart + TraceFormat.C_SAMPLE_COUNT));
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(file, chunkStart, length - 4);
        LittleEndian.putI32(file, chunkStart + length - 4, (int) crc.getValue());
    }

    /** Recomputes the header CRC32 after a test changed header bytes on purpose. */
    static void resealHeader(byte[] file) {
        int length = LittleEndian.u16(file, TraceFormat.H_LENGTH);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(file, 0, length - 4);
        LittleEndian.putI32(file, length - 4, (int) crc.getValue());
    }
}
