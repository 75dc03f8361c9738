package dev.posture.hardware.haptic;

import dev.posture.hardware.HardwareException;
import java.io.Closeable;

/**
 * A vibration motor at its lowest level: on at an intensity, or off. Timed patterns are played on top
 * of this by a pattern player so that the sampling loop never waits for a motor.
 */
public interface Haptic extends Closeable {
    /** Drives the motor at {@code intensityPct} (0 = off, 100 = full). */
    void drive(int intensityPct) throws HardwareException;

    @Override
    void close();
}
