package dev.posture.protocol.trace;

/**
 * Turns a trace's raw counts into physical units with the scale factors from its header:
 * <pre>
 *   acc [m/s^2] = counts * (9.80665 * den_a / num_a)        accelerometer: num_a/den_a counts per g
 *   gyr [rad/s] = counts * (pi / 180 * den_g / num_g)       gyroscope:     num_g/den_g counts per deg/s
 *   t_s [s]     = (timestamp_us - device_start_us) / 1e6
 * </pre>
 * Each factor is computed once, in that order, in IEEE double, so every program that follows the
 * formula gets the same bits. t_s is exact to the nearest double and strictly increasing, because
 * a reader only returns times within 2^51 us of the device start.
 */
public final class PhysicalUnits {
    /** Standard gravity, m/s^2 (the conventional value, CGPM 1901). */
    public static final double STANDARD_GRAVITY_MPS2 = 9.80665;

    private final double accelMps2PerCount;
    private final double gyroRadpsPerCount;
    private final long deviceStartUs;

    private PhysicalUnits(TraceHeader header) {
        Rational accel = header.accelLsbPerG();
        Rational gyro = header.gyroLsbPerDps();
        this.accelMps2PerCount = STANDARD_GRAVITY_MPS2 * accel.denominator() / accel.numerator();
        this.gyroRadpsPerCount = Math.PI / 180.0 * gyro.denominator() / gyro.numerator();
        this.deviceStartUs = header.deviceStartUs();
    }

    public static PhysicalUnits of(TraceHeader header) {
        return new PhysicalUnits(header);
    }

    public double accelMps2PerCount() {
        return accelMps2PerCount;
    }

    public double gyroRadpsPerCount() {
        return gyroRadpsPerCount;
    }

    public double accelMps2(int counts) {
        return counts * accelMps2PerCount;
    }

    public double gyroRadps(int counts) {
        return counts * gyroRadpsPerCount;
    }

    /** Seconds since the recording started (device monotonic clock). */
    public double secondsSinceStart(long timestampUs) {
        return (timestampUs - deviceStartUs) / 1e6;
    }

    public PhysicalSample toPhysical(RawSample s) {
        return new PhysicalSample(secondsSinceStart(s.timestampUs()),
                accelMps2(s.accX()), accelMps2(s.accY()), accelMps2(s.accZ()),
                gyroRadps(s.gyrX()), gyroRadps(s.gyrY()), gyroRadps(s.gyrZ()));
    }
}
