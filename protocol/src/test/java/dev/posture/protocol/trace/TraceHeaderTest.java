package dev.posture.protocol.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posture.protocol.OneByteInputStream;
import dev.posture.protocol.ProtocolException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A header the reader cannot trust is a ProtocolException that names the byte offset. */
class TraceHeaderTest {
    private final byte[] file = TraceFixtures.write(TraceFixtures.samples(5), 4);
    private final int headerBytes = LittleEndian.u16(file, TraceFormat.H_LENGTH);

    @Test
    void anEmptyFileIsATruncatedHeader() {
        assertEquals("byte 0: header truncated, the file ends before byte 8", failure(new byte[0]));
    }

    @Test
    void aFileWithoutTheMagicIsNotATrace() {
        assertEquals("byte 0: not a trace file (magic 74 5f 73 2c, expected 50 54 52 43 \"PTRC\")",
                failure("t_s,acc_x,acc_y,acc_z\n".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("byte 0: not a trace file (magic 50 58, expected 50 54 52 43 \"PTRC\")", failure(new byte[] {'P', 'X'}));
    }

    @Test
    void everyTruncationOfTheHeaderNamesWhereTheFileEnds() {
        for (int cut = 0; cut < headerBytes; cut++) {
            int needed = cut < 8 ? 8 : headerBytes;
            assertEquals("byte " + cut + ": header truncated, the file ends before byte " + needed,
                    failure(Arrays.copyOf(file, cut)), "cut at " + cut);
        }
    }

    @Test
    void anotherMajorVersionIsRefused() {
        file[TraceFormat.H_VERSION_MAJOR] = 2;
        assertEquals("byte 4: unsupported format version 2.0 (this reader reads 1.x)", failure(file));
    }

    @Test
    void absurdHeaderLengthsAreRefusedBeforeAllocating() {
        LittleEndian.putU16(file, TraceFormat.H_LENGTH, 12);
        assertEquals("byte 6: header length 12 outside 84..4096", failure(file));
        LittleEndian.putU16(file, TraceFormat.H_LENGTH, 65535);
        assertEquals("byte 6: header length 65535 outside 84..4096", failure(file));
    }

    @Test
    void aBadHeaderCrcNamesWhereTheCrcIs() {
        file[TraceFormat.H_START_EPOCH_MS] ^= 1;
        long stored = LittleEndian.u32(file, headerBytes - 4);
        long computed = TraceHeaderCodec.crc(file, headerBytes - 4);
        assertEquals(String.format("byte %d: header CRC32 0x%08x does not match computed 0x%08x",
                headerBytes - 4, stored, computed), failure(file));
    }

    @Test
    void aFlippedBitAnywhereInTheHeaderIsAProtocolException() {
        for (int at = 0; at < headerBytes; at++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] damaged = file.clone();
                damaged[at] ^= (byte) (1 << bit);
                String message = failure(damaged);
                assertTrue(message.matches("byte \\d+: .*"), "byte " + at + " bit " + bit + ": " + message);
            }
        }
    }

    @Test
    void fieldsThatPassTheCrcAreStillChecked() {
        assertEquals("byte 8: accelerometer counts per g numerator is 0", failureAfter(TraceFormat.H_ACCEL_LSB_PER_G, 0));
        assertEquals("byte 20: gyroscope counts per deg/s denominator is 0", failureAfter(TraceFormat.H_GYRO_LSB_PER_DPS + 4, 0));
        assertEquals("byte 28: sample rate numerator is 0", failureAfter(TraceFormat.H_SAMPLE_RATE_HZ, 0));
        assertEquals("byte 57: neutral up y component 1.5 outside -1..1", failureAfter(TraceFormat.H_NEUTRAL_UP + 4, 3 << 29));
        assertEquals("byte 73: forward z component -2.0 outside -1..1", failureAfter(TraceFormat.H_FORWARD + 8, Integer.MIN_VALUE));

        byte[] b = file.clone();
        LittleEndian.putU16(b, TraceFormat.H_GYRO_RANGE_DPS, 0);
        TraceFixtures.resealHeader(b);
        assertEquals("byte 26: gyroscope range is 0", failure(b));

        b = file.clone();
        b[TraceFormat.H_CALIBRATION] = 7;
        TraceFixtures.resealHeader(b);
        assertEquals("byte 52: calibration kind 7 unknown (0 none, 1 neutral, 2 neutral and forward)", failure(b));

        b = file.clone();
        LittleEndian.putI64(b, TraceFormat.H_DEVICE_START_US, Long.MIN_VALUE);
        TraceFixtures.resealHeader(b);
        assertEquals("byte 44: device start -9223372036854775808 us outside +-2^62", failure(b));
    }

    @Test
    void textFieldsMustFitValidAndPrintable() {
        byte[] ok = "ok".getBytes(StandardCharsets.UTF_8);
        assertEquals("byte 78: device id is empty", failure(withTexts(new byte[0], ok, ok, new byte[0])));
        assertEquals("byte 81: sensor model is not valid UTF-8",
                failure(withTexts(ok, new byte[] {'M', (byte) 0xC3}, ok, new byte[0])));
        assertEquals("byte 84: recording id contains control character 0x0a",
                failure(withTexts(ok, ok, "r\n1".getBytes(StandardCharsets.UTF_8), new byte[0])));

        byte[] b = withTexts(ok, ok, ok, new byte[0]);
        b[83] = 9; // recording id length, past the CRC at byte 86
        TraceFixtures.resealHeader(b);
        assertEquals("byte 83: recording id length 9 runs past the header fields, which end at byte 86", failure(b));
    }

    @Test
    void fieldsOfALaterMinorVersionAreSkipped() throws Exception {
        byte[] ok = "ok".getBytes(StandardCharsets.UTF_8);
        byte[] later = withTexts(ok, ok, ok, new byte[] {9, 8, 7, 6, 5});
        later[TraceFormat.H_VERSION_MINOR] = 3;
        TraceFixtures.resealHeader(later);
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.write(later);
        file.write(this.file, headerBytes, this.file.length - headerBytes); // the chunks

        TraceReader reader = TraceReader.open(new OneByteInputStream(file.toByteArray()));

        assertEquals("1.3", reader.formatVersion());
        assertEquals("ok", reader.header().recordingId());
        assertEquals(TraceFixtures.header().calibration(), reader.header().calibration());
        assertEquals(TraceFixtures.sample(0), reader.next());
        assertEquals(List.of(), reader.defects());
    }

    @Test
    void theHeaderRecordRefusesWhatTheFormatCannotHold() {
        TraceHeader h = TraceFixtures.header();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TraceHeader("x".repeat(256),
                h.sensorModel(), h.recordingId(), h.accelLsbPerG(), h.accelRangeG(), h.gyroLsbPerDps(),
                h.gyroRangeDps(), h.sampleRateHz(), h.startEpochMs(), h.deviceStartUs(), h.calibration()));
        assertEquals("device id is 256 bytes long, at most 255 allowed", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new TraceHeader(h.deviceId(), "\ud800", h.recordingId(),
                h.accelLsbPerG(), h.accelRangeG(), h.gyroLsbPerDps(), h.gyroRangeDps(), h.sampleRateHz(),
                h.startEpochMs(), h.deviceStartUs(), h.calibration()));
        assertThrows(IllegalArgumentException.class, () -> new TraceHeader(h.deviceId(), h.sensorModel(), h.recordingId(),
                h.accelLsbPerG(), 65536, h.gyroLsbPerDps(), h.gyroRangeDps(), h.sampleRateHz(),
                h.startEpochMs(), h.deviceStartUs(), h.calibration()));
        assertThrows(IllegalArgumentException.class, () -> Rational.of(1L << 32, 1));
        assertThrows(IllegalArgumentException.class, () -> new SensorVector(0, 1.0000001, 0));
        assertThrows(IllegalArgumentException.class, () -> new SensorVector(Double.NaN, 0, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new TraceCalibration(java.util.Optional.empty(), java.util.Optional.of(new SensorVector(1, 0, 0))));
    }

    /** The test file's header with other text fields and extra later-version bytes, resealed. */
    private byte[] withTexts(byte[] deviceId, byte[] model, byte[] recording, byte[] later) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(file, 0, TraceFormat.H_STRINGS);
        for (byte[] text : List.of(deviceId, model, recording)) {
            b.write(text.length);
            b.write(text, 0, text.length);
        }
        b.write(later, 0, later.length);
        b.write(new byte[4], 0, 4);
        byte[] header = b.toByteArray();
        LittleEndian.putU16(header, TraceFormat.H_LENGTH, header.length);
        TraceFixtures.resealHeader(header);
        return header;
    }

    private String failureAfter(int at, int value) {
        byte[] b = file.clone();
        LittleEndian.putI32(b, at, value);
        TraceFixtures.resealHeader(b);
        return failure(b);
    }

    /** The reader's message for {@code bytes}, the same whether the stream delivers all or one byte per read. */
    private static String failure(byte[] bytes) {
        String whole = assertThrows(ProtocolException.class, () -> TraceReader.open(new ByteArrayInputStream(bytes))).getMessage();
        String oneByOne = assertThrows(ProtocolException.class, () -> TraceReader.open(new OneByteInputStream(bytes))).getMessage();
        assertEquals(whole, oneByOne);
        return whole;
    }
}
