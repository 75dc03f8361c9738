package dev.posture.protocol.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.posture.protocol.OneByteInputStream;
import dev.posture.protocol.ProtocolException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The CSV reader on arbitrary text (raw, after a valid header row, or gzip-compressed): only
 * ProtocolException escapes, every sample is finite with strictly increasing time, and
 * one-byte-per-read gives the same result.
 */
class TraceCsvReaderFuzzTest {
    private static final String HEADER = "gt_qw,t_s,acc_x,acc_y,acc_z,gyr_x,gyr_y,gyr_z\n";

    private record Outcome(String failure, List<PhysicalSample> samples) {
    }

    @FuzzTest
    void onlyProtocolExceptionEscapes(FuzzedDataProvider data) {
        int mode = data.consumeInt(0, 2);
        byte[] input = mode == 0 ? data.consumeRemainingAsBytes()
                : (HEADER + data.consumeRemainingAsString()).getBytes(StandardCharsets.UTF_8);
        if (mode == 2) {
            input = TraceCsvReaderTest.gzip(input);
        }

        Outcome whole = read(new ByteArrayInputStream(input));
        Outcome oneByOne = read(new OneByteInputStream(input));

        assertEquals(whole, oneByOne);
    }

    private static Outcome read(InputStream in) {
        List<PhysicalSample> samples = new ArrayList<>();
        try (TraceCsvReader reader = TraceCsvReader.open(in)) {
            for (PhysicalSample s = reader.next(); s != null; s = reader.next()) {
                for (double v : new double[] {s.timeS(), s.accX(), s.accY(), s.accZ(), s.gyrX(), s.gyrY(), s.gyrZ()}) {
                    assertTrue(Double.isFinite(v), s.toString());
                }
                if (!samples.isEmpty()) {
                    assertTrue(s.timeS() > samples.get(samples.size() - 1).timeS(), "time increases");
                }
                samples.add(s);
            }
            return new Outcome(null, samples);
        } catch (ProtocolException e) {
            assertTrue(e.getMessage().startsWith("line "), e.getMessage());
            assertTrue(!e.getMessage().contains("\n") && !e.getMessage().contains("\r"), "one line");
            return new Outcome(e.getMessage(), samples);
        } catch (IOException e) {
            throw new AssertionError("a byte array stream cannot fail", e);
        }
    }
}
