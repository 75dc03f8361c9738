package dev.posture.device.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ImuScaleTest {
    @Test
    void usesTheMpu6050DataSheetSensitivities() {
        ImuScale s = ImuScale.MPU6050_16G_2000DPS;
        assertEquals(2048, s.accLsbPerG());
        assertEquals(16.4, s.gyrLsbPerDps());
        assertEquals(16384, ImuScale.mpu6050(2, 250).accLsbPerG());
        assertEquals(131, ImuScale.mpu6050(2, 250).gyrLsbPerDps());
        assertEquals(65.5, ImuScale.mpu6050(4, 500).gyrLsbPerDps());
        assertEquals(32.8, ImuScale.mpu6050(8, 1000).gyrLsbPerDps());
        assertThrows(IllegalArgumentException.class, () -> ImuScale.mpu6050(3, 2000));
        assertThrows(IllegalArgumentException.class, () -> ImuScale.mpu6050(16, 300));
    }

    @Test
    void convertsPhysicalValuesToCountsAndBack() {
        ImuScale s = ImuScale.MPU6050_16G_2000DPS;
        assertEquals(2048, s.accCounts(ImuScale.STANDARD_GRAVITY));
        assertEquals(-1024, s.accCounts(-ImuScale.STANDARD_GRAVITY / 2));
        assertEquals(164, s.gyrCounts(Math.toRadians(10)));
        assertEquals(ImuScale.STANDARD_GRAVITY, s.accMs2(2048), 1e-12);
        assertEquals(Math.toRadians(10), s.gyrRadPerS(164), 1e-12);
    }

    @Test
    void saturatesLikeTheChip() {
        ImuScale s = ImuScale.MPU6050_16G_2000DPS;
        assertEquals(Short.MAX_VALUE, s.accCounts(20 * ImuScale.STANDARD_GRAVITY));
        assertEquals(Short.MIN_VALUE, s.accCounts(-20 * ImuScale.STANDARD_GRAVITY));
        assertEquals(Short.MAX_VALUE, s.gyrCounts(Math.toRadians(2500)));
        assertEquals(Short.MIN_VALUE, s.gyrCounts(-100));
        assertThrows(IllegalArgumentException.class, () -> s.accCounts(Double.NaN));
    }
}
