package dev.posture.device.pipeline.broad;

import dev.posture.protocol.SharedData;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * One BROAD trial in memory (test scope): IMU columns, optical ground truth and the movement flag.
 *
 * <p>A deliberately tiny reader (gzip + {@code String.split}) for the research harness and the
 * accuracy tests. The product's strict, bounded trace reader lives in {@code protocol}; once it
 * exists this class should delegate to it for the IMU columns.
 */
public final class BroadTrial {
    /** File name without directory, e.g. {@code 01_undisturbed_slow_rotation_A.csv.gz}. */
    public final String name;
    /** Sample times, s. */
    public final double[] t;
    /** Specific force in the sensor frame, m/s^2, one array per axis. */
    public final double[] accX, accY, accZ;
    /** Angular rate in the sensor frame, rad/s. */
    public final double[] gyrX, gyrY, gyrZ;
    /** Ground-truth quaternion sensor -> ENU (w, x, y, z); NaN where tracking was lost. */
    public final double[] gtW, gtX, gtY, gtZ;
    /** True in the rows the benchmark scores. */
    public final boolean[] movement;

    private BroadTrial(String name, int n) {
        this.name = name;
        t = new double[n];
        accX = new double[n];
        accY = new double[n];
        accZ = new double[n];
        gyrX = new double[n];
        gyrY = new double[n];
        gyrZ = new double[n];
        gtW = new double[n];
        gtX = new double[n];
        gtY = new double[n];
        gtZ = new double[n];
        movement = new boolean[n];
    }

    /** Number of rows. */
    public int size() {
        return t.length;
    }

    /** Mean sample rate over the whole trial, Hz. */
    public double sampleRateHz() {
        return (size() - 1) / (t[size() - 1] - t[0]);
    }

    /**
     * This trial at 1/n of its rate, as a sensor sampling slower would deliver it: gyro and acc
     * averaged over each block of n rows (the gyro mean keeps the block's rotation), time, ground
     * truth and movement taken from the block's last row.
     */
    public BroadTrial decimate(int n) {
        int m = size() / n;
        BroadTrial d = new BroadTrial(name + "/" + n, m);
        double[][] src = {accX, accY, accZ, gyrX, gyrY, gyrZ};
        double[][] dst = {d.accX, d.accY, d.accZ, d.gyrX, d.gyrY, d.gyrZ};
        for (int i = 0; i < m; i++) {
            int last = i * n + n - 1;
            for (int c = 0; c < src.length; c++) {
                double sum = 0;
                for (int j = i * n; j <= last; j++) {
                    sum += src[c][j];
                }
                dst[c][i] = sum / n;
            }
            d.t[i] = t[last];
            d.gtW[i] = gtW[last];
            d.gtX[i] = gtX[last];
            d.gtY[i] = gtY[last];
            d.gtZ[i] = gtZ[last];
            d.movement[i] = movement[last];
        }
        return d;
    }

    /** File names of the six trials in {@code shared/data/broad}. */
    public static final List<String> SIX = List.of(
            "01_undisturbed_slow_rotation_A.csv.gz",
            "04_undisturbed_slow_rotation_with_breaks_A.csv.gz",
            "06_undisturbed_fast_rotation_A.csv.gz",
            "10_undisturbed_slow_translation_A.csv.gz",
            "24_disturbed_tapping_A.csv.gz",
            "26_disturbed_phone_vibration_A.csv.gz");

    /** Reads a BROAD trial (.csv or .csv.gz). */
    public static BroadTrial read(Path file) throws IOException {
        String[] lines;
        try (InputStream raw = Files.newInputStream(file);
                InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
            lines = r.lines().toArray(String[]::new);
        }
        List<String> header = Arrays.asList(lines[0].split(",", -1));
        int[] col = new int[COLUMNS.length];
        for (int i = 0; i < COLUMNS.length; i++) {
            col[i] = header.indexOf(COLUMNS[i]);
            if (col[i] < 0) {
                throw new IOException(file + ": no column " + COLUMNS[i]);
            }
        }
        BroadTrial trial = new BroadTrial(file.getFileName().toString(), lines.length - 1);
        double[][] dst = {trial.t, trial.accX, trial.accY, trial.accZ, trial.gyrX, trial.gyrY, trial.gyrZ,
                trial.gtW, trial.gtX, trial.gtY, trial.gtZ};
        for (int row = 1; row < lines.length; row++) {
            String[] f = lines[row].split(",", -1);
            for (int i = 0; i < dst.length; i++) {
                String s = f[col[i]];
                dst[i][row - 1] = s.isEmpty() ? Double.NaN : Double.parseDouble(s);
            }
            trial.movement[row - 1] = "1".equals(f[col[COLUMNS.length - 1]]);
        }
        return trial;
    }

    private static final String[] COLUMNS = {"t_s", "acc_x", "acc_y", "acc_z", "gyr_x", "gyr_y", "gyr_z",
            "gt_qw", "gt_qx", "gt_qy", "gt_qz", "movement"};

    /** The directory holding the BROAD trials (see {@link SharedData#broadTrials()}). */
    public static Path dataDir() {
        return SharedData.broadTrials();
    }
}
