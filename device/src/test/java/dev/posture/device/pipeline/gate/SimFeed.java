package dev.posture.device.pipeline.gate;

import dev.posture.hardware.sim.RowCursor;
import dev.posture.hardware.sim.Scenario;
import dev.posture.hardware.sim.SimRow;
import java.util.SplittableRandom;

/**
 * Turns wearer-simulator rows into what the geometry stage receives on the device: raw counts
 * {@code short[6]} (accel x, y, z then gyro x, y, z) of an MPU-6050 at 16 g (2048 LSB/g) and
 * 2000 dps (16.4 LSB/(deg/s)), and the up vector as Q2.30. Until the tilt estimator is merged the up
 * vector is the simulator's TRUE up vector, quantised; the counts are the true specific force and
 * rate, optionally with the chip's white noise and a constant bias (seeded).
 */
public final class SimFeed {
    /** MPU-6050 at +-16 g: 2048 LSB/g (datasheet table 6.2). */
    public static final int ACCEL_LSB_PER_G = 2048;
    /** MPU-6050 at +-2000 dps: 16.4 LSB/(deg/s), times 10 (datasheet table 6.1). */
    public static final int GYRO_LSB_PER_DPS_X10 = 164;
    public static final double G = 9.80665;

    private final RowCursor rows;
    private final double rateHz;
    private final boolean noisy;
    private final SplittableRandom rng;
    private final double[] accelBiasG = new double[3];
    private final double[] gyroBiasDps = new double[3];
    public final short[] raw = new short[6];
    public final int[] up = new int[3];
    public long tUs;

    /** Noise-free counts. */
    public SimFeed(Scenario scenario, double rateHz) {
        this(scenario, rateHz, false, 0);
    }

    /**
     * With {@code noisy}: MPU-6050 noise densities (accel 400 ug/sqrt(Hz), gyro 0.005 dps/sqrt(Hz)) over
     * the Nyquist band, accel bias up to 40 mg and gyro bias up to 3 dps per axis (seeded).
     */
    public SimFeed(Scenario scenario, double rateHz, boolean noisy, long seed) {
        this.rows = scenario.rows(rateHz);
        this.rateHz = rateHz;
        this.noisy = noisy;
        this.rng = new SplittableRandom(seed);
        if (noisy) {
            for (int i = 0; i < 3; i++) {
                accelBiasG[i] = rng.nextDouble(-0.04, 0.04);
                gyroBiasDps[i] = rng.nextDouble(-3, 3);
            }
        }
    }

    /** Advances one row; false at the end. */
    public boolean next() {
        if (!rows.next()) {
            return false;
        }
        SimRow r = rows.row();
        tUs = Math.round(r.tS() * 1e6);
        double accelSigmaG = 400e-6 * Math.sqrt(rateHz / 2);
        double gyroSigmaDps = 0.005 * Math.sqrt(rateHz / 2);
        for (int i = 0; i < 3; i++) {
            double g = r.acc(i) / G;
            double dps = Math.toDegrees(r.gyr(i));
            if (noisy) {
                g += accelBiasG[i] + accelSigmaG * gaussian();
                dps += gyroBiasDps[i] + gyroSigmaDps * gaussian();
            }
            raw[i] = clamp(Math.round(g * ACCEL_LSB_PER_G));
            raw[3 + i] = clamp(Math.round(dps * GYRO_LSB_PER_DPS_X10 / 10.0));
            up[i] = (int) Math.round(r.up(i) * (1 << 30));
        }
        return true;
    }

    public SimRow row() {
        return rows.row();
    }

    private static short clamp(long v) {
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, v));
    }

    private double gaussian() {
        double u1 = 1 - rng.nextDouble();
        double u2 = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
