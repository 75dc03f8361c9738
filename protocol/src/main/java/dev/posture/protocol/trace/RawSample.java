package dev.posture.protocol.trace;

/**
 * One IMU sample as the driver read it: device time and raw int16 counts in the sensor frame.
 *
 * @param timestampUs device monotonic clock, microseconds (same clock as the header's device start)
 */
public record RawSample(long timestampUs, short accX, short accY, short accZ, short gyrX, short gyrY, short gyrZ) {
}
