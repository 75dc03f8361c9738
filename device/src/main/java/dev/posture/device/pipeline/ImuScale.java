package dev.posture.device.pipeline;

/**
 * Scale factors of raw int16 IMU counts, and the conversion of physical values to counts that the
 * replay uses to feed recorded traces through the same fixed-point path as the device.
 *
 * @param accLsbPerG    accelerometer counts per g (standard gravity, {@link #STANDARD_GRAVITY})
 * @param gyrLsbPerDps  gyroscope counts per deg/s
 */
public record ImuScale(double accLsbPerG, double gyrLsbPerDps) {
    /** Standard gravity, m/s^2 (the unit "g" of accelerometer data sheets). */
    public static final double STANDARD_GRAVITY = 9.80665;

    /** MPU-6050 at +-16 g and +-2000 deg/s (data sheet: 2048 LSB/g, AFS_SEL=3; 16.4 LSB/(deg/s), FS_SEL=3). */
    public static final ImuScale MPU6050_16G_2000DPS = mpu6050(16, 2000);

    public ImuScale {
        if (!(accLsbPerG >= 1 && accLsbPerG <= 1 << 20)) {
            throw new IllegalArgumentException("accLsbPerG out of [1, 2^20]: " + accLsbPerG);
        }
        if (!(gyrLsbPerDps >= 0.5 && gyrLsbPerDps <= 1 << 16)) {
            throw new IllegalArgumentException("gyrLsbPerDps out of [0.5, 65536]: " + gyrLsbPerDps);
        }
    }

    /**
     * The MPU-6050's sensitivity at a full-scale range (data sheet, sections 6.1 and 6.2):
     * accelerometer 2/4/8/16 g = 16384/8192/4096/2048 LSB/g, gyroscope 250/500/1000/2000 deg/s =
     * 131/65.5/32.8/16.4 LSB/(deg/s).
     */
    public static ImuScale mpu6050(int accFullScaleG, int gyrFullScaleDps) {
        double acc = switch (accFullScaleG) {
            case 2 -> 16384;
            case 4 -> 8192;
            case 8 -> 4096;
            case 16 -> 2048;
            default -> throw new IllegalArgumentException("MPU-6050 accelerometer full scale is 2, 4, 8 or 16 g: " + accFullScaleG);
        };
        double gyr = switch (gyrFullScaleDps) {
            case 250 -> 131;
            case 500 -> 65.5;
            case 1000 -> 32.8;
            case 2000 -> 16.4;
            default -> throw new IllegalArgumentException("MPU-6050 gyroscope full scale is 250, 500, 1000 or 2000 deg/s: " + gyrFullScaleDps);
        };
        return new ImuScale(acc, gyr);
    }

    /** Accelerometer counts for a specific force in m/s^2: rounded, saturated to int16 like the chip. */
    public short accCounts(double ms2) {
        return saturate(ms2 / STANDARD_GRAVITY * accLsbPerG);
    }

    /** Gyroscope counts for a rate in rad/s: rounded, saturated to int16 like the chip. */
    public short gyrCounts(double radPerS) {
        return saturate(Math.toDegrees(radPerS) * gyrLsbPerDps);
    }

    /** m/s^2 of accelerometer counts. */
    public double accMs2(int counts) {
        return counts / accLsbPerG * STANDARD_GRAVITY;
    }

    /** rad/s of gyroscope counts. */
    public double gyrRadPerS(int counts) {
        return Math.toRadians(counts / gyrLsbPerDps);
    }

    /** Largest rate the gyroscope reports, deg/s. */
    public double gyrFullScaleDps() {
        return Short.MAX_VALUE / gyrLsbPerDps;
    }

    private static short saturate(double counts) {
        if (Double.isNaN(counts)) {
            throw new IllegalArgumentException("not a number");
        }
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(counts)));
    }
}
