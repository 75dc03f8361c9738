package dev.posture.device.control;

import dev.posture.protocol.message.PostureState;
import dev.posture.protocol.message.SensorHealth;
import dev.posture.protocol.mqtt.RecordingId;
import java.util.Objects;
import java.util.Optional;

/**
 * The firmware's state at one moment, for the console's STATUS and the MQTT {@code status}.
 *
 * @param uptimeMs        ms since the firmware started
 * @param timeMs          wall clock, ms since 1970 UTC
 * @param posture         posture state after the latest sample
 * @param forwardCentiDeg forward angle from neutral, 0.01 deg; empty before calibration
 * @param neutral         a neutral pose is calibrated (or learned)
 * @param lean            a forward direction is calibrated (or learned)
 * @param snoozeLeftS     seconds of snooze left, 0 if none
 * @param sensor          sensor health
 * @param configVersion   version of the configuration in effect
 * @param recording       the recording in progress, if any
 * @param loop            the sampling loop's counters
 */
public record DeviceSnapshot(long uptimeMs, long timeMs, PostureState posture, Optional<Integer> forwardCentiDeg,
        boolean neutral, boolean lean, long snoozeLeftS, SensorHealth sensor, long configVersion,
        Optional<RecordingId> recording, LoopStats loop) {
    public DeviceSnapshot {
        Objects.requireNonNull(posture, "posture");
        Objects.requireNonNull(forwardCentiDeg, "forwardCentiDeg");
        Objects.requireNonNull(sensor, "sensor");
        Objects.requireNonNull(recording, "recording");
        Objects.requireNonNull(loop, "loop");
    }

    /**
     * The sampling loop's health, for STATUS (the console appends these fields).
     *
     * @param samples       samples processed since start
     * @param missed        sample slots skipped because the loop was late by a whole period or more
     * @param overruns      slots whose work took longer than a period
     * @param sensorFaults  SENSOR_FAULT events since start
     * @param jitterP99Us   99th percentile of the period deviation, us
     * @param jitterMaxUs   largest period deviation, us
     */
    public record LoopStats(long samples, long missed, long overruns, long sensorFaults, long jitterP99Us,
            long jitterMaxUs) {
    }
}
