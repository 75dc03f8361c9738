package dev.posture.device.pipeline.tilt;

import dev.posture.device.pipeline.ImuScale;
import dev.posture.device.pipeline.broad.BroadTrial;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test helpers: a trial as raw counts, both estimators over it, and the samples CSV. */
final class TiltRuns {
    private TiltRuns() {
    }

    /** A trial converted to raw counts of a full scale, as the replay does. */
    record Counts(short[] gx, short[] gy, short[] gz, short[] ax, short[] ay, short[] az, ImuScale scale) {
        int size() {
            return gx.length;
        }
    }

    /** An up vector per row. */
    record Ups(double[] x, double[] y, double[] z) {
    }

    static Counts counts(BroadTrial t, ImuScale s) {
        int n = t.size();
        short[] gx = new short[n], gy = new short[n], gz = new short[n], ax = new short[n], ay = new short[n], az = new short[n];
        for (int i = 0; i < n; i++) {
            gx[i] = s.gyrCounts(t.gyrX[i]);
            gy[i] = s.gyrCounts(t.gyrY[i]);
            gz[i] = s.gyrCounts(t.gyrZ[i]);
            ax[i] = s.accCounts(t.accX[i]);
            ay[i] = s.accCounts(t.accY[i]);
            az[i] = s.accCounts(t.accZ[i]);
        }
        return new Counts(gx, gy, gz, ax, ay, az, s);
    }

    static Ups runFixed(Counts c, TiltParams p, double rateHz) {
        TiltEstimator e = new TiltEstimator(p, c.scale(), rateHz);
        int n = c.size();
        Ups u = new Ups(new double[n], new double[n], new double[n]);
        for (int i = 0; i < n; i++) {
            e.update(c.gx()[i], c.gy()[i], c.gz()[i], c.ax()[i], c.ay()[i], c.az()[i]);
            u.x()[i] = e.upX() / (double) (1 << 30);
            u.y()[i] = e.upY() / (double) (1 << 30);
            u.z()[i] = e.upZ() / (double) (1 << 30);
        }
        return u;
    }

    /** The double twin on the same counts (converted back to physical units). */
    static Ups runTwin(Counts c, TiltParams p, double rateHz) {
        DoubleTiltEstimator e = new DoubleTiltEstimator(p, rateHz);
        ImuScale s = c.scale();
        int n = c.size();
        Ups u = new Ups(new double[n], new double[n], new double[n]);
        for (int i = 0; i < n; i++) {
            e.update(s.gyrRadPerS(c.gx()[i]), s.gyrRadPerS(c.gy()[i]), s.gyrRadPerS(c.gz()[i]),
                    s.accMs2(c.ax()[i]), s.accMs2(c.ay()[i]), s.accMs2(c.az()[i]));
            u.x()[i] = e.upX();
            u.y()[i] = e.upY();
            u.z()[i] = e.upZ();
        }
        return u;
    }

    /** The double twin on the trial's physical values (no quantisation). */
    static Ups runTwin(BroadTrial t, TiltParams p) {
        DoubleTiltEstimator e = new DoubleTiltEstimator(p, t.sampleRateHz());
        int n = t.size();
        Ups u = new Ups(new double[n], new double[n], new double[n]);
        for (int i = 0; i < n; i++) {
            e.update(t.gyrX[i], t.gyrY[i], t.gyrZ[i], t.accX[i], t.accY[i], t.accZ[i]);
            u.x()[i] = e.upX();
            u.y()[i] = e.upY();
            u.z()[i] = e.upZ();
        }
        return u;
    }

    /** RMS over all rows of the angle between two estimates, deg. */
    static double rmsAngleDeg(Ups a, Ups b) {
        double se = 0;
        int n = a.x().length;
        for (int i = 0; i < n; i++) {
            double dot = a.x()[i] * b.x()[i] + a.y()[i] * b.y()[i] + a.z()[i] * b.z()[i];
            double na = Math.sqrt(a.x()[i] * a.x()[i] + a.y()[i] * a.y()[i] + a.z()[i] * a.z()[i]);
            double nb = Math.sqrt(b.x()[i] * b.x()[i] + b.y()[i] * b.y()[i] + b.z()[i] * b.z()[i]);
            double c = Math.max(-1, Math.min(1, dot / (na * nb)));
            double err = Math.toDegrees(Math.acos(c));
            se += err * err;
        }
        return Math.sqrt(se / n);
    }

    /** Writes {@code t_s,up_x,up_y,up_z}, one row per trial row (the format tilt_score.py reads). */
    static void writeSamples(Path file, double[] t, Ups u) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            w.write("t_s,up_x,up_y,up_z\n");
            StringBuilder sb = new StringBuilder(96);
            for (int i = 0; i < t.length; i++) {
                sb.setLength(0);
                sb.append(t[i]).append(',').append(u.x()[i]).append(',').append(u.y()[i]).append(',').append(u.z()[i]).append('\n');
                w.write(sb.toString());
            }
        }
    }
}
