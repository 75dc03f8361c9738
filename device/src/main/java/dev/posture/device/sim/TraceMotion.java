package dev.posture.device.sim;

import dev.posture.hardware.motion.MotionSource;
import dev.posture.protocol.ProtocolException;
import dev.posture.protocol.trace.PhysicalSample;
import dev.posture.protocol.trace.TraceCsvReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A recorded trace CSV played back as motion for the IMU emulator: at time t the emulator sees the
 * last row at or before t (times relative to the first row), and after the end the last row holds.
 * The whole trace is loaded once (a day at 100 Hz is 8.6 M rows x 7 doubles; sim traces are minutes).
 */
public final class TraceMotion implements MotionSource {
    private final long[] tNanos;
    private final double[] values;   // 6 per row: acc x, y, z, gyr x, y, z
    private int cursor;

    private TraceMotion(long[] tNanos, double[] values) {
        this.tNanos = tNanos;
        this.values = values;
    }

    /** Reads the whole file; bad rows fail with the reader's row-and-column message. */
    public static TraceMotion load(Path file) throws IOException, ProtocolException {
        long[] t = new long[1024];
        double[] v = new double[6 * 1024];
        int n = 0;
        double first = Double.NaN;
        try (TraceCsvReader reader = TraceCsvReader.open(file)) {
            for (PhysicalSample s = reader.next(); s != null; s = reader.next()) {
                if (n == t.length) {
                    t = Arrays.copyOf(t, n * 2);
                    v = Arrays.copyOf(v, n * 12);
                }
                if (n == 0) {
                    first = s.timeS();
                }
                t[n] = Math.round((s.timeS() - first) * 1e9);
                v[6 * n] = s.accX();
                v[6 * n + 1] = s.accY();
                v[6 * n + 2] = s.accZ();
                v[6 * n + 3] = s.gyrX();
                v[6 * n + 4] = s.gyrY();
                v[6 * n + 5] = s.gyrZ();
                n++;
            }
        }
        if (n == 0) {
            throw new ProtocolException(file + ": no samples");
        }
        return new TraceMotion(Arrays.copyOf(t, n), Arrays.copyOf(v, 6 * n));
    }

    /** Seconds from the first row to the last. */
    public double durationS() {
        return tNanos[tNanos.length - 1] / 1e9;
    }

    @Override
    public synchronized void sample(long t, double[] specificForce, double[] angularRate) {
        if (cursor > 0 && tNanos[cursor] > t) {
            cursor = 0;                          // time went back (the emulator restarted): search again
        }
        while (cursor + 1 < tNanos.length && tNanos[cursor + 1] <= t) {
            cursor++;
        }
        int o = 6 * cursor;
        specificForce[0] = values[o];
        specificForce[1] = values[o + 1];
        specificForce[2] = values[o + 2];
        angularRate[0] = values[o + 3];
        angularRate[1] = values[o + 4];
        angularRate[2] = values[o + 5];
    }
}
