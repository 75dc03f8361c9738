package dev.posture.protocol.trace;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * What a trace file says about itself: who recorded it, with which sensor and scale factors, when,
 * and under which calibration. Scale factors are stored exactly as the driver reports them.
 *
 * @param deviceId      the device's id (1..255 UTF-8 bytes, no control characters)
 * @param sensorModel   e.g. "MPU-6050" (same rules)
 * @param recordingId   the recording's id, as in the MQTT topic trace/{recording_id} (same rules)
 * @param accelLsbPerG  accelerometer counts per g (MPU-6050 at +-16 g: 2048/1)
 * @param accelRangeG   accelerometer full scale, +- g, 1..65535
 * @param gyroLsbPerDps gyroscope counts per deg/s (MPU-6050 at +-2000 deg/s: 164/10)
 * @param gyroRangeDps  gyroscope full scale, +- deg/s, 1..65535
 * @param sampleRateHz  nominal output data rate, Hz (the timestamps say what really happened)
 * @param startEpochMs  wall clock when recording started, ms since 1970-01-01 UTC
 * @param deviceStartUs device monotonic clock at the same moment, microseconds, within +-2^62;
 *                      sample timestamps use this clock
 * @param calibration   calibration in force at the start
 */
public record TraceHeader(String deviceId, String sensorModel, String recordingId,
                          Rational accelLsbPerG, int accelRangeG,
                          Rational gyroLsbPerDps, int gyroRangeDps,
                          Rational sampleRateHz, long startEpochMs, long deviceStartUs,
                          TraceCalibration calibration) {
    /** Longest text field, in UTF-8 bytes (its length is stored in one byte). */
    public static final int MAX_TEXT_BYTES = 255;
    public static final int MAX_RANGE = 0xFFFF;

    public TraceHeader {
        requireText("device id", deviceId);
        requireText("sensor model", sensorModel);
        requireText("recording id", recordingId);
        Objects.requireNonNull(accelLsbPerG, "accelLsbPerG");
        Objects.requireNonNull(gyroLsbPerDps, "gyroLsbPerDps");
        Objects.requireNonNull(sampleRateHz, "sampleRateHz");
        Objects.requireNonNull(calibration, "calibration");
        if (accelRangeG < 1 || accelRangeG > MAX_RANGE) {
            throw new IllegalArgumentException("accelerometer range " + accelRangeG + " g outside 1.." + MAX_RANGE);
        }
        if (gyroRangeDps < 1 || gyroRangeDps > MAX_RANGE) {
            throw new IllegalArgumentException("gyroscope range " + gyroRangeDps + " deg/s outside 1.." + MAX_RANGE);
        }
        if (!deviceStartInRange(deviceStartUs)) {
            throw new IllegalArgumentException("device start " + deviceStartUs + " us outside +-2^62");
        }
    }

    static boolean deviceStartInRange(long deviceStartUs) {
        return deviceStartUs >= -TraceFormat.DEVICE_START_LIMIT_US && deviceStartUs <= TraceFormat.DEVICE_START_LIMIT_US;
    }

    /** Why {@code text} cannot be a header text field, or null when it can. */
    static String textProblem(String text) {
        if (text.isEmpty()) {
            return "is empty";
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                return String.format("contains control character 0x%02x", (int) c);
            }
        }
        if (!StandardCharsets.UTF_8.newEncoder().canEncode(text)) {
            return "is not valid Unicode (unpaired surrogate)";
        }
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        return bytes > MAX_TEXT_BYTES ? "is " + bytes + " bytes long, at most " + MAX_TEXT_BYTES + " allowed" : null;
    }

    private static void requireText(String field, String text) {
        Objects.requireNonNull(text, field);
        String problem = textProblem(text);
        if (problem != null) {
            throw new IllegalArgumentException(field + " " + problem);
        }
    }
}
