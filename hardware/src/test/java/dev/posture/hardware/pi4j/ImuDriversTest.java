package dev.posture.hardware.pi4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.posture.hardware.imu.Imu;
import dev.posture.hardware.imu.icm42688.Icm42688Emulator;
import dev.posture.hardware.imu.mpu6050.Mpu6050Emulator;
import dev.posture.hardware.motion.MotionSource;
import org.junit.jupiter.api.Test;

/** Every model name the factory offers opens the real driver (WHO_AM_I check and reset pass). */
class ImuDriversTest {
    private static final MotionSource AT_REST = (t, f, w) -> {
        f[0] = 0; f[1] = 0; f[2] = 9.80665;
        w[0] = 0; w[1] = 0; w[2] = 0;
    };

    @Test
    void mpu6050OpensOnItsEmulator() throws Exception {
        try (Imu imu = ImuDrivers.forModel("mpu6050").open(
                new Mpu6050Emulator(1, 0x68, AT_REST, Mpu6050Emulator.DATASHEET, 1))) {
            assertEquals("MPU-6050", imu.info().model());
        }
    }

    @Test
    void icm42688OpensOnItsEmulator() throws Exception {
        try (Imu imu = ImuDrivers.forModel("icm42688").open(
                new Icm42688Emulator(1, 0x68, AT_REST, Icm42688Emulator.DATASHEET, 1))) {
            assertEquals("ICM-42688-P", imu.info().model());
        }
    }

    @Test
    void everyListedModelHasADriver() {
        for (String model : ImuDrivers.MODELS) {
            assertNotNull(ImuDrivers.forModel(model), model);
        }
    }
}
