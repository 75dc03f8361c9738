package dev.posture.companion.export;

import dev.posture.protocol.trace.Rational;
import dev.posture.protocol.trace.SensorVector;
import dev.posture.protocol.trace.TraceCalibration;
import dev.posture.protocol.trace.TraceHeader;
import dev.posture.protocol.trace.TraceSink;
import dev.posture.protocol.trace.TraceWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;

/** A small known recording for the export tests: 20 samples at 100 Hz in chunks of 8, 8 and 4. */
public final class TestTraces {
    public static final String DEVICE = "desk-07";
    public static final long START_MS = Instant.parse("2025-01-14T09:30:00Z").toEpochMilli();
    public static final long DEVICE_START_US = 1_000_000;
    /** The first sample comes 5 ms after the header's start. */
    public static final long FIRST_OFFSET_US = 5_000;
    public static final int SAMPLES = 20;
    public static final int CHUNK = 8;

    private TestTraces() {
    }

    public static TraceHeader header() {
        return new TraceHeader(DEVICE, "MPU-6050", "r42", Rational.of(2048, 1), 16, Rational.of(164, 10), 2000,
                Rational.of(100, 1), START_MS, DEVICE_START_US,
                TraceCalibration.neutralAndForward(new SensorVector(0, 0, 1), new SensorVector(1, 0, 0)));
    }

    /** Sample i: acc (i, -i, 2048) counts, gyro (164, -164, i) counts, at 10 ms steps. */
    public static byte[] bytes() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TraceWriter w = new TraceWriter(TraceSink.of(out), header(), CHUNK)) {
            for (int i = 0; i < SAMPLES; i++) {
                w.append(DEVICE_START_US + FIRST_OFFSET_US + i * 10_000L, (short) i, (short) -i, (short) 2048,
                        (short) 164, (short) -164, (short) i);
            }
        }
        return out.toByteArray();
    }

    public static Path write(Path file) throws IOException {
        return Files.write(file, bytes());
    }

    /** The recording cut 10 bytes before its end: the last chunk (4 samples) is torn. */
    public static Path writeCut(Path file) throws IOException {
        byte[] b = bytes();
        return Files.write(file, Arrays.copyOf(b, b.length - 10));
    }
}
