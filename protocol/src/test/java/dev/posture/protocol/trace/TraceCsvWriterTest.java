package dev.posture.protocol.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceCsvWriterTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    @Test
    void writesPlainDecimalsThatParseBackExactly() throws Exception {
        try (TraceCsvWriter writer = new TraceCsvWriter(out)) {
            writer.write(new PhysicalSample(0.0, -0.0, 1e-4, 9.80665, -0.000532, 12.0, 1.5e-10));
            writer.write(new PhysicalSample(0.0035, 1e7, 123456789.125, -1e21, 0.1 + 0.2, 4.9e-324, -1.7976931348623157e308));
        }

        String[] lines = out.toString(StandardCharsets.US_ASCII).split("\n", -1);
        assertEquals("t_s,acc_x,acc_y,acc_z,gyr_x,gyr_y,gyr_z", lines[0]);
        assertEquals("0.0,0.0,0.0001,9.80665,-0.000532,12.0,0.00000000015", lines[1]);
        assertEquals("0.0035,10000000.0,123456789.125,-1000000000000000000000.0,0.30000000000000004,"
                + "0." + "0".repeat(323) + "49," + "-17976931348623157" + "0".repeat(292) + ".0", lines[2]);
        assertEquals("", lines[3]);
    }

    @Test
    void randomDoublesSurviveTheRoundTrip() throws Exception {
        Random random = new Random(42);
        List<PhysicalSample> written = new ArrayList<>();
        double t = -1.0;
        for (int i = 0; i < 2000; i++) {
            t = Math.nextUp(t + random.nextDouble() * Math.pow(10, random.nextInt(6) - 4));
            written.add(new PhysicalSample(t, any(random), any(random), any(random), any(random), any(random), any(random)));
        }
        try (TraceCsvWriter writer = new TraceCsvWriter(out)) {
            for (PhysicalSample s : written) {
                writer.write(s);
            }
        }

        assertEquals(written, TraceCsvReaderTest.readAll(new java.io.ByteArrayInputStream(out.toByteArray())));
    }

    @Test
    void writesGzipForAGzName(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("export.csv.gz");
        List<PhysicalSample> written = List.of(new PhysicalSample(0, 1, 2, 3, 4, 5, 6), new PhysicalSample(0.01, -1, -2, -3, -4, -5, -6));
        try (TraceCsvWriter writer = TraceCsvWriter.create(file)) {
            for (PhysicalSample s : written) {
                writer.write(s);
            }
        }

        byte[] bytes = java.nio.file.Files.readAllBytes(file);
        assertEquals(0x1f, bytes[0] & 0xFF);
        assertEquals(0x8b, bytes[1] & 0xFF);
        assertEquals(written, TraceCsvReaderTest.readAll(new java.io.ByteArrayInputStream(bytes)));
    }

    @Test
    void refusesWhatTheReaderWouldRefuse() throws Exception {
        TraceCsvWriter writer = new TraceCsvWriter(out);
        assertEquals("gyr_y is not finite: NaN", assertThrows(IllegalArgumentException.class,
                () -> writer.write(new PhysicalSample(0, 0, 0, 0, 0, Double.NaN, 0))).getMessage());
        assertEquals("t_s is not finite: Infinity", assertThrows(IllegalArgumentException.class,
                () -> writer.write(new PhysicalSample(Double.POSITIVE_INFINITY, 0, 0, 0, 0, 0, 0))).getMessage());
        writer.write(new PhysicalSample(1, 0, 0, 0, 0, 0, 0));
        assertEquals("t_s 1.0 is not after 1.0", assertThrows(IllegalArgumentException.class,
                () -> writer.write(new PhysicalSample(1, 0, 0, 0, 0, 0, 0))).getMessage());
        assertThrows(IllegalArgumentException.class, () -> writer.write(new PhysicalSample(0.5, 0, 0, 0, 0, 0, 0)));
    }

    @Test
    void extraColumnsFollowTheSevenAndReadersSkipThem() throws Exception {
        try (TraceCsvWriter writer = new TraceCsvWriter(out, List.of("true_forward_deg", "segment"))) {
            writer.write(new PhysicalSample(0, 0, 0, 9.80665, 0, 0, 0), TraceCsvWriter.decimal(1e-4), "STANDING");
            writer.write(new PhysicalSample(0.01, 1, 2, 3, 4, 5, 6), TraceCsvWriter.decimal(-12.5), "");
        }

        assertEquals("t_s,acc_x,acc_y,acc_z,gyr_x,gyr_y,gyr_z,true_forward_deg,segment\n"
                + "0.0,0.0,0.0,9.80665,0.0,0.0,0.0,0.0001,STANDING\n"
                + "0.01,1.0,2.0,3.0,4.0,5.0,6.0,-12.5,\n", out.toString(StandardCharsets.US_ASCII));
        assertEquals(List.of(new PhysicalSample(0, 0, 0, 9.80665, 0, 0, 0), new PhysicalSample(0.01, 1, 2, 3, 4, 5, 6)),
                TraceCsvReaderTest.readAll(new java.io.ByteArrayInputStream(out.toByteArray())));
    }

    @Test
    void refusesExtrasTheFormatCouldNotCarry() throws Exception {
        assertEquals("column acc_x appears twice", assertThrows(IllegalArgumentException.class,
                () -> new TraceCsvWriter(out, List.of("acc_x"))).getMessage());
        assertEquals("column note appears twice", assertThrows(IllegalArgumentException.class,
                () -> new TraceCsvWriter(out, List.of("note", "note"))).getMessage());
        for (String bad : List.of("", "a,b", "say \"hi\"", " padded", "line\nbreak", "gr\u00fcn")) {
            assertThrows(IllegalArgumentException.class, () -> new TraceCsvWriter(out, List.of(bad)), bad);
        }
        TraceCsvWriter writer = new TraceCsvWriter(new ByteArrayOutputStream(), List.of("note"));
        PhysicalSample sample = new PhysicalSample(0, 0, 0, 0, 0, 0, 0);
        assertEquals("0 extra cells for 1 extra columns", assertThrows(IllegalArgumentException.class,
                () -> writer.write(sample)).getMessage());
        assertEquals("extra cell \"a,b\" is not plain text (printable ASCII, no comma or quote)",
                assertThrows(IllegalArgumentException.class, () -> writer.write(sample, "a,b")).getMessage());
        assertEquals("not finite: NaN", assertThrows(IllegalArgumentException.class,
                () -> TraceCsvWriter.decimal(Double.NaN)).getMessage());
    }

    /** Doubles over many magnitudes and signs, including raw bit patterns (never NaN or infinite). */
    private static double any(Random random) {
        switch (random.nextInt(3)) {
            case 0:
                return (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(20) - 10);
            case 1:
                return random.nextInt(65536) - 32768;
            default:
                double bits = Double.longBitsToDouble(random.nextLong());
                return Double.isFinite(bits) ? bits : 0.5;
        }
    }
}
