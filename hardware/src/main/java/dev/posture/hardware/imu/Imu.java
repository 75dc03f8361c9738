package dev.posture.hardware.imu;

import dev.posture.hardware.HardwareException;
import java.io.Closeable;

/**
 * A six-axis IMU as the firmware sees it: raw int16 counts in the sensor frame plus the scale factors
 * that turn them into physical units. Nothing above a driver knows which chip it talks to.
 *
 * <p>Counts layout used by every read: index 0..2 accelerometer x, y, z; 3..5 gyroscope x, y, z.
 */
public interface Imu extends Closeable {
    int AXES = 6;

    /** Chip model and the scale factors in force after the last {@link #configure}. */
    ImuInfo info();

    /** Applies ranges, rate and digital low-pass; resets the chip's FIFO. */
    void configure(ImuSettings settings) throws HardwareException;

    /** True when a new sample is waiting (data-ready flag). */
    boolean dataReady() throws HardwareException;

    /** Reads the latest sample into {@code counts[0..5]} with one burst read; allocates nothing. */
    void read(short[] counts) throws HardwareException;

    /**
     * Drains up to {@code maxSamples} samples from the FIFO into {@code counts} (six per sample,
     * oldest first) and returns how many were read. Throws on FIFO overflow (samples were lost).
     */
    int readFifo(short[] counts, int maxSamples) throws HardwareException;

    /** Die temperature in centi-degrees Celsius. */
    int temperatureCentiC() throws HardwareException;

    @Override
    void close();
}
