package dev.posture.protocol.trace;

import static dev.posture.protocol.trace.TraceFormat.*;

import dev.posture.protocol.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.zip.CRC32;

/** Encodes and decodes the trace file header (version 1.0 layout; later 1.x minors append fields). */
final class TraceHeaderCodec {
    private TraceHeaderCodec() {
    }

    static byte[] encode(TraceHeader h) {
        byte[][] texts = {utf8(h.deviceId()), utf8(h.sensorModel()), utf8(h.recordingId())};
        int length = H_STRINGS + CRC_BYTES;
        for (byte[] text : texts) {
            length += 1 + text.length;
        }
        byte[] b = new byte[length];
        System.arraycopy(MAGIC, 0, b, H_MAGIC, MAGIC.length);
        b[H_VERSION_MAJOR] = (byte) VERSION_MAJOR;
        b[H_VERSION_MINOR] = (byte) VERSION_MINOR;
        LittleEndian.putU16(b, H_LENGTH, length);
        putRational(b, H_ACCEL_LSB_PER_G, h.accelLsbPerG());
        putRational(b, H_GYRO_LSB_PER_DPS, h.gyroLsbPerDps());
        LittleEndian.putU16(b, H_ACCEL_RANGE_G, h.accelRangeG());
        LittleEndian.putU16(b, H_GYRO_RANGE_DPS, h.gyroRangeDps());
        putRational(b, H_SAMPLE_RATE_HZ, h.sampleRateHz());
        LittleEndian.putI64(b, H_START_EPOCH_MS, h.startEpochMs());
        LittleEndian.putI64(b, H_DEVICE_START_US, h.deviceStartUs());
        TraceCalibration calibration = h.calibration();
        b[H_CALIBRATION] = (byte) (calibration.forward().isPresent() ? CALIBRATION_NEUTRAL_AND_FORWARD
                : calibration.neutralUp().isPresent() ? CALIBRATION_NEUTRAL : CALIBRATION_NONE);
        calibration.neutralUp().ifPresent(v -> putVector(b, H_NEUTRAL_UP, v));
        calibration.forward().ifPresent(v -> putVector(b, H_FORWARD, v));
        int at = H_STRINGS;
        for (byte[] text : texts) {
            b[at] = (byte) text.length;
            System.arraycopy(text, 0, b, at + 1, text.length);
            at += 1 + text.length;
        }
        LittleEndian.putI32(b, at, (int) crc(b, at));
        return b;
    }

    /**
     * Decodes a header whose prefix (magic, version, length) the caller has checked; {@code b[0..length)}
     * holds the whole header, which starts at file offset 0.
     */
    static TraceHeader decode(byte[] b, int length) throws ProtocolException {
        int crcAt = length - CRC_BYTES;
        long stored = LittleEndian.u32(b, crcAt);
        long computed = crc(b, crcAt);
        if (stored != computed) {
            throw new ProtocolException(String.format(
                    "byte %d: header CRC32 0x%08x does not match computed 0x%08x", crcAt, stored, computed));
        }
        Rational accel = rational(b, H_ACCEL_LSB_PER_G, "accelerometer counts per g");
        Rational gyro = rational(b, H_GYRO_LSB_PER_DPS, "gyroscope counts per deg/s");
        int accelRange = range(b, H_ACCEL_RANGE_G, "accelerometer range");
        int gyroRange = range(b, H_GYRO_RANGE_DPS, "gyroscope range");
        Rational rate = rational(b, H_SAMPLE_RATE_HZ, "sample rate");
        long startEpochMs = LittleEndian.i64(b, H_START_EPOCH_MS);
        long deviceStartUs = LittleEndian.i64(b, H_DEVICE_START_US);
        if (!TraceHeader.deviceStartInRange(deviceStartUs)) {
            throw new ProtocolException("byte " + H_DEVICE_START_US + ": device start " + deviceStartUs
                    + " us outside +-2^62");
        }
        TraceCalibration calibration = calibration(b);
        int at = H_STRINGS;
        String deviceId = text(b, at, crcAt, "device id");
        at += 1 + LittleEndian.u8(b, at);
        String sensorModel = text(b, at, crcAt, "sensor model");
        at += 1 + LittleEndian.u8(b, at);
        String recordingId = text(b, at, crcAt, "recording id");
        // Bytes from here up to the CRC are fields of a later 1.x minor version: skipped.
        return new TraceHeader(deviceId, sensorModel, recordingId, accel, accelRange, gyro, gyroRange, rate,
                startEpochMs, deviceStartUs, calibration);
    }

    static long crc(byte[] b, int length) {
        CRC32 crc = new CRC32();
        crc.update(b, 0, length);
        return crc.getValue();
    }

    private static TraceCalibration calibration(byte[] b) throws ProtocolException {
        int kind = LittleEndian.u8(b, H_CALIBRATION);
        if (kind > CALIBRATION_NEUTRAL_AND_FORWARD) {
            throw new ProtocolException("byte " + H_CALIBRATION + ": calibration kind " + kind
                    + " unknown (0 none, 1 neutral, 2 neutral and forward)");
        }
        Optional<SensorVector> up = kind >= CALIBRATION_NEUTRAL
                ? Optional.of(vector(b, H_NEUTRAL_UP, "neutral up")) : Optional.empty();
        Optional<SensorVector> forward = kind == CALIBRATION_NEUTRAL_AND_FORWARD
                ? Optional.of(vector(b, H_FORWARD, "forward")) : Optional.empty();
        return new TraceCalibration(up, forward);
    }

    private static SensorVector vector(byte[] b, int at, String name) throws ProtocolException {
        double[] c = new double[3];
        for (int i = 0; i < 3; i++) {
            int raw = LittleEndian.i32(b, at + 4 * i);
            c[i] = raw / Q30_ONE;
            if (c[i] < -1.0 || c[i] > 1.0) {
                throw new ProtocolException("byte " + (at + 4 * i) + ": " + name + " " + "xyz".charAt(i)
                        + " component " + c[i] + " outside -1..1");
            }
        }
        return new SensorVector(c[0], c[1], c[2]);
    }

    private static Rational rational(byte[] b, int at, String name) throws ProtocolException {
        long numerator = LittleEndian.u32(b, at);
        long denominator = LittleEndian.u32(b, at + 4);
        if (numerator == 0) {
            throw new ProtocolException("byte " + at + ": " + name + " numerator is 0");
        }
        if (denominator == 0) {
            throw new ProtocolException("byte " + (at + 4) + ": " + name + " denominator is 0");
        }
        return Rational.of(numerator, denominator);
    }

    private static int range(byte[] b, int at, String name) throws ProtocolException {
        int value = LittleEndian.u16(b, at);
        if (value == 0) {
            throw new ProtocolException("byte " + at + ": " + name + " is 0");
        }
        return value;
    }

    private static String text(byte[] b, int at, int end, String name) throws ProtocolException {
        if (at >= end) {
            throw new ProtocolException("byte " + at + ": " + name + " starts past the header fields, which end at byte " + end);
        }
        int length = LittleEndian.u8(b, at);
        if (at + 1 + length > end) {
            throw new ProtocolException("byte " + at + ": " + name + " length " + length
                    + " runs past the header fields, which end at byte " + end);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b, at + 1, length))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ProtocolException("byte " + (at + 1) + ": " + name + " is not valid UTF-8");
        }
        String problem = TraceHeader.textProblem(text);
        if (problem != null) {
            throw new ProtocolException("byte " + (at + 1) + ": " + name + " " + problem);
        }
        return text;
    }

    private static void putRational(byte[] b, int at, Rational r) {
        LittleEndian.putI32(b, at, (int) r.numerator());
        LittleEndian.putI32(b, at + 4, (int) r.denominator());
    }

    private static void putVector(byte[] b, int at, SensorVector v) {
        LittleEndian.putI32(b, at, q30(v.x()));
        LittleEndian.putI32(b, at + 4, q30(v.y()));
        LittleEndian.putI32(b, at + 8, q30(v.z()));
    }

    /** Nearest multiple of 2^-30, halves toward +infinity (Math.round); -1..1 maps into -2^30..2^30. */
    private static int q30(double component) {
        return (int) Math.round(component * Q30_ONE);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
