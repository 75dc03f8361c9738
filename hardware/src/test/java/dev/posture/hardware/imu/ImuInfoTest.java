package dev.posture.hardware.imu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Counts to physical units with the driver's scale factors, pinned by hand-worked numbers. */
class ImuInfoTest {
    @Test
    void oneGAndOneDegreePerSecondComeOutRight() {
        ImuInfo info = new ImuInfo("MPU-6050", 16, 2048, 2000, 164, 100);
        assertEquals(9.80665, 2048 * info.accelMps2PerCount(), 1e-12);
        assertEquals(Math.toRadians(1), 16.4 * info.gyroRadpsPerCount(), 1e-15);
        ImuInfo fine = new ImuInfo("ICM-42688-P", 2, 16384, 250, 1310, 100);
        assertEquals(-2 * 9.80665, -32768 * fine.accelMps2PerCount(), 1e-12);
        assertEquals(Math.toRadians(250), 32750 * fine.gyroRadpsPerCount(), 1e-12);
    }
}
