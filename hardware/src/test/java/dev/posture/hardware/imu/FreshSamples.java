package dev.posture.hardware.imu;

import dev.posture.hardware.HardwareException;
import dev.posture.hardware.ManualClock;

/** Fresh samples through the data-ready path, with the clock stepped by hand 1 ms at a time. */
public final class FreshSamples {
    private FreshSamples() {
    }

    /** Steps the clock until data-ready, then reads the sample into {@code counts}. */
    public static void read(Imu imu, ManualClock clock, short[] counts) throws HardwareException {
        do {
            clock.advanceMillis(1);
        } while (!imu.dataReady());
        imu.read(counts);
    }

    /** The mean counts of the next {@code n} fresh samples; {@code counts} holds the last one. */
    public static double[] mean(Imu imu, ManualClock clock, short[] counts, int n) throws HardwareException {
        double[] sum = new double[Imu.AXES];
        for (int i = 0; i < n; i++) {
            read(imu, clock, counts);
            for (int axis = 0; axis < Imu.AXES; axis++) {
                sum[axis] += counts[axis];
            }
        }
        for (int axis = 0; axis < Imu.AXES; axis++) {
            sum[axis] /= n;
        }
        return sum;
    }
}
