package dev.posture.hardware.imu.emulation;

import java.util.SplittableRandom;

/**
 * Turns true motion into what a MEMS accelerometer and gyroscope measure, one internal tick at a time:
 *
 * <pre>
 *   measured = true * (1 + sensitivity error) + offset(temperature) + gyro bias walk + white noise
 *   output   = one-pole low-pass(measured, chip bandwidth)
 * </pre>
 *
 * in g and deg/s. The part's offsets, sensitivity errors and temperature coefficients are drawn once
 * from the seed (see {@link SensorSpec}); the noise and the bias walk come from a second stream of the
 * same seed, so a given seed, configuration and sequence of ticks always gives the same numbers.
 *
 * <p>White noise is added per tick with sigma = density * sqrt(tickRate / 2), i.e. the datasheet's
 * density over the whole band the tick rate can carry; the low-pass then shapes it as the chip's
 * digital filter does. The low-pass is a first-order approximation of the chip's filter at its
 * stated bandwidth; the real filters' exact shape and group delay are not modelled.
 *
 * <p>Allocates nothing per tick. Not thread-safe: the emulator that owns it serialises access.
 */
public final class SensorErrorModel {
    /** Standard gravity, m/s^2 per g: accelerometers are specified in units of g0. */
    public static final double STANDARD_GRAVITY = 9.80665;
    /** Temperature at which the initial offsets are specified, deg C. */
    public static final double REFERENCE_TEMPERATURE_C = 25.0;

    private final SensorSpec spec;
    private final SplittableRandom noise;

    // Part parameters, drawn once.
    private final double[] accelOffsetG = new double[3];
    private final double[] gyroOffsetDps = new double[3];
    private final double[] accelScale = new double[3];
    private final double[] gyroScale = new double[3];
    private final double[] accelTempcoGPerC = new double[3];
    private final double[] gyroTempcoDpsPerC = new double[3];

    // State.
    /** Gyro bias random-walk state, deg/s. */
    private final double[] gyroWalkDps = new double[3];
    /** Low-pass outputs, g and deg/s. */
    private final double[] accelG = new double[3];
    private final double[] gyroDps = new double[3];
    private boolean filterPrimed;

    public SensorErrorModel(SensorSpec spec, long seed) {
        this.spec = spec;
        SplittableRandom part = new SplittableRandom(seed);
        this.noise = part.split();
        for (int axis = 0; axis < 3; axis++) {
            double zeroGTolMg = axis == 2 ? spec.accelZeroGToleranceMgZ() : spec.accelZeroGToleranceMgXY();
            accelOffsetG[axis] = clippedNormal(part, zeroGTolMg) / 1000.0;
            gyroOffsetDps[axis] = clippedNormal(part, spec.gyroZeroRateToleranceDps());
            accelScale[axis] = 1 + clippedNormal(part, spec.sensitivityTolerancePct()) / 100.0;
            gyroScale[axis] = 1 + clippedNormal(part, spec.sensitivityTolerancePct()) / 100.0;
            accelTempcoGPerC[axis] = clippedNormal(part, spec.accelZeroGTempcoMgPerC()) / 1000.0;
            gyroTempcoDpsPerC[axis] = clippedNormal(part, spec.gyroZeroRateTempcoDpsPerC());
        }
    }

    public SensorSpec spec() {
        return spec;
    }

    /**
     * One internal tick.
     *
     * @param specificForce     true specific force, m/s^2, sensor frame
     * @param angularRate       true angular rate, rad/s, sensor frame
     * @param temperatureC      die temperature
     * @param tickRateHz        internal sample rate of the chip's signal path
     * @param accelBandwidthHz  accelerometer low-pass bandwidth (>= tickRate / 2: no filtering)
     * @param gyroBandwidthHz   gyroscope low-pass bandwidth
     */
    public void step(double[] specificForce, double[] angularRate, double temperatureC, double tickRateHz,
                     double accelBandwidthHz, double gyroBandwidthHz) {
        double dt = 1.0 / tickRateHz;
        double accelSigmaG = spec.accelNoiseUgPerRootHz() * 1e-6 * Math.sqrt(tickRateHz / 2);
        double gyroSigmaDps = spec.gyroNoiseDpsPerRootHz() * Math.sqrt(tickRateHz / 2);
        double walkSigmaDps = spec.gyroBiasWalkDpsPerRootS() * Math.sqrt(dt);
        double accelAlpha = lowPassAlpha(accelBandwidthHz, tickRateHz);
        double gyroAlpha = lowPassAlpha(gyroBandwidthHz, tickRateHz);
        double dT = temperatureC - REFERENCE_TEMPERATURE_C;
        for (int axis = 0; axis < 3; axis++) {
            if (walkSigmaDps > 0) {
                gyroWalkDps[axis] += walkSigmaDps * noise.nextGaussian();
            }
            double a = specificForce[axis] / STANDARD_GRAVITY * accelScale[axis]
                    + accelOffsetG[axis] + accelTempcoGPerC[axis] * dT;
            double g = Math.toDegrees(angularRate[axis]) * gyroScale[axis]
                    + gyroOffsetDps[axis] + gyroTempcoDpsPerC[axis] * dT + gyroWalkDps[axis];
            if (accelSigmaG > 0) {
                a += accelSigmaG * noise.nextGaussian();
            }
            if (gyroSigmaDps > 0) {
                g += gyroSigmaDps * noise.nextGaussian();
            }
            if (filterPrimed) {
                accelG[axis] += accelAlpha * (a - accelG[axis]);
                gyroDps[axis] += gyroAlpha * (g - gyroDps[axis]);
            } else {
                accelG[axis] = a;
                gyroDps[axis] = g;
            }
        }
        filterPrimed = true;
    }

    /** The filtered accelerometer output of the last tick, g. */
    public double accelG(int axis) {
        return accelG[axis];
    }

    /** The filtered gyroscope output of the last tick, deg/s. */
    public double gyroDps(int axis) {
        return gyroDps[axis];
    }

    /** Forget the filter state (a signal-path reset); the next tick starts the filter afresh. */
    public void resetSignalPath() {
        filterPrimed = false;
    }

    /** This part's accelerometer offset at {@code temperatureC}, g (for tests and docs). */
    public double accelOffsetG(int axis, double temperatureC) {
        return accelOffsetG[axis] + accelTempcoGPerC[axis] * (temperatureC - REFERENCE_TEMPERATURE_C);
    }

    /** This part's gyroscope offset at {@code temperatureC} including the bias walk so far, deg/s. */
    public double gyroOffsetDps(int axis, double temperatureC) {
        return gyroOffsetDps[axis] + gyroTempcoDpsPerC[axis] * (temperatureC - REFERENCE_TEMPERATURE_C)
                + gyroWalkDps[axis];
    }

    /** This part's accelerometer sensitivity relative to nominal (1.0 = exact). */
    public double accelScale(int axis) {
        return accelScale[axis];
    }

    /** This part's gyroscope sensitivity relative to nominal. */
    public double gyroScale(int axis) {
        return gyroScale[axis];
    }

    /** Rounds to int16 counts, saturating at -32768 and +32767 as the ADC output does. */
    public static int toCounts(double value, double countsPerUnit) {
        double counts = Math.rint(value * countsPerUnit);
        if (counts > Short.MAX_VALUE) {
            return Short.MAX_VALUE;
        }
        if (counts < Short.MIN_VALUE) {
            return Short.MIN_VALUE;
        }
        return (int) counts;
    }

    private static double lowPassAlpha(double bandwidthHz, double tickRateHz) {
        if (bandwidthHz <= 0 || bandwidthHz * 2 >= tickRateHz) {
            return 1.0;
        }
        return 1.0 - Math.exp(-2 * Math.PI * bandwidthHz / tickRateHz);
    }

    /** Normal with sigma = tolerance / 3, clipped to +-tolerance. */
    private static double clippedNormal(SplittableRandom random, double tolerance) {
        double value = random.nextGaussian() * tolerance / 3;
        return Math.max(-tolerance, Math.min(tolerance, value));
    }
}
