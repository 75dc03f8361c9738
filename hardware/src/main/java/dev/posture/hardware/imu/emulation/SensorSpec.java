package dev.posture.hardware.imu.emulation;

/**
 * The error figures of a six-axis IMU that an emulator reproduces, in the datasheet's units. Each
 * tolerance is read as a 3-sigma limit: an emulated part draws its offsets, sensitivity errors and
 * temperature coefficients from a normal distribution with sigma = tolerance / 3, clipped to the
 * tolerance.
 *
 * @param accelNoiseUgPerRootHz      accelerometer noise density, micro-g per root-Hz
 * @param gyroNoiseDpsPerRootHz      gyroscope rate noise density, deg/s per root-Hz
 * @param accelZeroGToleranceMgXY    initial zero-g offset tolerance of X and Y, milli-g
 * @param accelZeroGToleranceMgZ     initial zero-g offset tolerance of Z, milli-g
 * @param gyroZeroRateToleranceDps   initial zero-rate offset (ZRO) tolerance, deg/s
 * @param sensitivityTolerancePct    initial sensitivity (scale factor) tolerance, percent
 * @param accelZeroGTempcoMgPerC     zero-g change per degree C away from 25 C, milli-g/C (all axes)
 * @param gyroZeroRateTempcoDpsPerC  ZRO change per degree C away from 25 C, deg/s/C
 * @param gyroBiasWalkDpsPerRootS    gyroscope bias random walk, deg/s per root-second
 */
public record SensorSpec(
        double accelNoiseUgPerRootHz,
        double gyroNoiseDpsPerRootHz,
        double accelZeroGToleranceMgXY,
        double accelZeroGToleranceMgZ,
        double gyroZeroRateToleranceDps,
        double sensitivityTolerancePct,
        double accelZeroGTempcoMgPerC,
        double gyroZeroRateTempcoDpsPerC,
        double gyroBiasWalkDpsPerRootS) {

    /** A perfect sensor: counts are exactly the physics times the nominal sensitivity. */
    public static final SensorSpec IDEAL = new SensorSpec(0, 0, 0, 0, 0, 0, 0, 0, 0);

    public SensorSpec {
        double[] all = {accelNoiseUgPerRootHz, gyroNoiseDpsPerRootHz, accelZeroGToleranceMgXY, accelZeroGToleranceMgZ,
                gyroZeroRateToleranceDps, sensitivityTolerancePct, accelZeroGTempcoMgPerC, gyroZeroRateTempcoDpsPerC,
                gyroBiasWalkDpsPerRootS};
        for (double v : all) {
            if (!(v >= 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException("sensor spec figures must be finite and >= 0: " + v);
            }
        }
    }

    /** The same part without white noise. */
    public SensorSpec withoutNoise() {
        return new SensorSpec(0, 0, accelZeroGToleranceMgXY, accelZeroGToleranceMgZ, gyroZeroRateToleranceDps,
                sensitivityTolerancePct, accelZeroGTempcoMgPerC, gyroZeroRateTempcoDpsPerC, gyroBiasWalkDpsPerRootS);
    }

    /** The same part without bias random walk. */
    public SensorSpec withoutBiasWalk() {
        return new SensorSpec(accelNoiseUgPerRootHz, gyroNoiseDpsPerRootHz, accelZeroGToleranceMgXY,
                accelZeroGToleranceMgZ, gyroZeroRateToleranceDps, sensitivityTolerancePct, accelZeroGTempcoMgPerC,
                gyroZeroRateTempcoDpsPerC, 0);
    }
}
