package dev.posture.device.recorder;

import dev.posture.hardware.imu.ImuInfo;
import dev.posture.protocol.trace.Rational;
import dev.posture.protocol.trace.TraceCalibration;
import dev.posture.protocol.trace.TraceHeader;
import java.util.Objects;

/**
 * What the caller of {@link TraceRecorder#start} knows about a recording: everything in a
 * {@link TraceHeader} except the recording id and the start times, which the recorder fills in.
 *
 * @param deviceId      the device id (header text rules: 1..255 UTF-8 bytes, no control characters)
 * @param sensorModel   e.g. "MPU-6050"
 * @param accelLsbPerG  accelerometer counts per g, as the driver reports it (MPU-6050 at 16 g: 2048/1)
 * @param accelRangeG   accelerometer full scale, +- g
 * @param gyroLsbPerDps gyroscope counts per deg/s (MPU-6050 at 2000 deg/s: 164/10)
 * @param gyroRangeDps  gyroscope full scale, +- deg/s
 * @param sampleRateHz  nominal sample rate, Hz
 * @param calibration   calibration in force at the start ({@link TraceCalibration#NONE} if none)
 */
public record RecordingMetadata(String deviceId, String sensorModel, Rational accelLsbPerG, int accelRangeG,
                                Rational gyroLsbPerDps, int gyroRangeDps, Rational sampleRateHz,
                                TraceCalibration calibration) {
    public RecordingMetadata {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(sensorModel, "sensorModel");
        Objects.requireNonNull(accelLsbPerG, "accelLsbPerG");
        Objects.requireNonNull(gyroLsbPerDps, "gyroLsbPerDps");
        Objects.requireNonNull(sampleRateHz, "sampleRateHz");
        Objects.requireNonNull(calibration, "calibration");
        // The header's own rules (text fields, ranges) now rather than at start(); fields are not set yet.
        new TraceHeader(deviceId, sensorModel, "check", accelLsbPerG, accelRangeG, gyroLsbPerDps, gyroRangeDps,
                sampleRateHz, 0, 0, calibration);
    }

    /** The driver's scale factors and rate ({@link ImuInfo} keeps deg/s sensitivity times 10). */
    public static RecordingMetadata of(String deviceId, ImuInfo imu, TraceCalibration calibration) {
        return new RecordingMetadata(deviceId, imu.model(), Rational.of(imu.accelLsbPerG(), 1), imu.accelRangeG(),
                Rational.of(imu.gyroLsbPerDpsX10(), 10), imu.gyroRangeDps(), Rational.of(imu.sampleRateHz(), 1),
                calibration);
    }

    /** The header of one file of this recording. */
    TraceHeader header(String recordingId, long startEpochMs, long deviceStartUs) {
        return new TraceHeader(deviceId, sensorModel, recordingId, accelLsbPerG, accelRangeG, gyroLsbPerDps,
                gyroRangeDps, sampleRateHz, startEpochMs, deviceStartUs, calibration);
    }
}
