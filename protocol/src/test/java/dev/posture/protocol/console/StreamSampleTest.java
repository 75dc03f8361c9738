package dev.posture.protocol.console;

import dev.posture.protocol.ProtocolException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class StreamSampleTest {

    @Test
    void parsesTheFixedFields() throws ProtocolException {
        StreamSample sample = StreamSample.parse("* STREAM t=12.340 fwd=17.2 state=FORWARD");
        assertEquals(new StreamSample(12_340, OptionalInt.of(172), "FORWARD"), sample);
        assertEquals(12.34, sample.timeS(), 1e-12);
        assertEquals(OptionalDouble.of(17.2), sample.forwardDeg());
    }

    @Test
    void negativeValuesAndNoAngle() throws ProtocolException {
        assertEquals(new StreamSample(-5, OptionalInt.of(-5), "UPRIGHT"), StreamSample.parse("* STREAM t=-0.005 fwd=-0.5 state=UPRIGHT"));
        StreamSample uncalibrated = StreamSample.parse("* STREAM t=1.000 fwd=none state=UNCALIBRATED");
        assertEquals(OptionalInt.empty(), uncalibrated.forwardDeciDeg());
        assertEquals(OptionalDouble.empty(), uncalibrated.forwardDeg());
    }

    @Test
    void laterFieldsAreSkipped() throws ProtocolException {
        assertEquals(new StreamSample(1_000, OptionalInt.of(0), "UPRIGHT"),
                StreamSample.parse("* STREAM t=1.000 fwd=0.0 state=UPRIGHT side=-2.1 note=\"x y\""));
    }

    @Test
    void everyFormattedSampleParsesBackExactly() throws ProtocolException {
        DeviceLineFormatter out = new DeviceLineFormatter();
        long[] times = {0, 1, -1, 999, 1_000, -1_000, 86_400_000L, Long.MIN_VALUE, Long.MAX_VALUE};
        int[] angles = {0, 1, -1, 9, -9, 10, -10, 1_800, -1_800, Integer.MIN_VALUE, Integer.MAX_VALUE};
        for (long t : times) {
            for (int fwd : angles) {
                out.stream(t, fwd, true, "FORWARD");
                assertEquals(new StreamSample(t, OptionalInt.of(fwd), "FORWARD"), StreamSample.parse(out.lineText()), out.lineText());
            }
            out.stream(t, 0, false, "UNCALIBRATED");
            assertEquals(new StreamSample(t, OptionalInt.empty(), "UNCALIBRATED"), StreamSample.parse(out.lineText()));
        }
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                arguments("* EVENT t=1.000 type=CUE", "expected '* STREAM ' at offset 0"),
                arguments("* STREAM", "expected '* STREAM ' at offset 0"),
                arguments("* STREAM ", "STREAM line ends before field 1 't'"),
                arguments("* STREAM t=1.000 fwd=1.0", "STREAM line ends before field 3 'state'"),
                arguments("* STREAM fwd=1.0 t=1.000 state=X", "STREAM field 1: expected 't', got 'fwd'"),
                arguments("* STREAM t=1.000 state=X fwd=1.0", "STREAM field 2: expected 'fwd', got 'state'"),
                arguments("* STREAM t=1.00 fwd=1.0 state=X", "STREAM field t: expected a number with 3 decimals, got '1.00'"),
                arguments("* STREAM t=.123 fwd=1.0 state=X", "STREAM field t: expected a number with 3 decimals, got '.123'"),
                arguments("* STREAM t=-.123 fwd=1.0 state=X", "STREAM field t: expected a number with 3 decimals, got '-.123'"),
                arguments("* STREAM t=1.2a3 fwd=1.0 state=X", "STREAM field t: expected a number with 3 decimals, got '1.2a3'"),
                arguments("* STREAM t=1.000 fwd=1 state=X", "STREAM field fwd: expected a number with 1 decimal, got '1'"),
                arguments("* STREAM t=1.000 fwd=NaN state=X", "STREAM field fwd: expected a number with 1 decimal, got 'NaN'"),
                arguments("* STREAM t=9223372036854775.808 fwd=1.0 state=X", "STREAM field t: 9223372036854775.808 is out of range"),
                arguments("* STREAM t=99999999999999999999.999 fwd=1.0 state=X", "STREAM field t: 99999999999999999999.999 is out of range"),
                arguments("* STREAM t=1.000 fwd=214748364.8 state=X", "STREAM field fwd: 214748364.8 is out of range"),
                arguments("* STREAM t=1.000 fwd=1.0 state=Forward", "STREAM field state: expected A-Z, 0-9 and _, got 'Forward'"),
                arguments("* STREAM t=1.000 fwd=1.0 state=\"A B\"", "STREAM field state: expected A-Z, 0-9 and _, got 'A B'"),
                arguments("* STREAM t=1.000 fwd=1.0 state=X t=2.000", "duplicate key 't' at offset 33"),
                arguments("* STREAM t=1.000  fwd=1.0 state=X", "expected a key at offset 17"),
                arguments("* STREAM t=1.000 fwd=1.0 state=X\n", "byte 0x0a at offset 32 is not printable ASCII"),
                arguments("* STREAM " + "a=1 ".repeat(300) + "b=2", "line longer than 1024 bytes"));
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void rejectsMalformedStreamLines(String line, String message) {
        ProtocolException e = assertThrows(ProtocolException.class, () -> StreamSample.parse(line));
        assertEquals(message, e.getMessage());
    }
}
