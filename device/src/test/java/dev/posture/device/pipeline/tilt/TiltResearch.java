package dev.posture.device.pipeline.tilt;

import dev.posture.device.pipeline.broad.BroadTrial;
import dev.posture.device.pipeline.broad.TiltScore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Research harness: runs the baseline VQF on the six trials. Args: key=value overrides. */
public final class TiltResearch {
    private TiltResearch() {
    }

    public static void main(String[] args) throws IOException {
        List<BroadTrial> trials = new ArrayList<>();
        for (String f : BroadTrial.SIX) {
            trials.add(BroadTrial.read(BroadTrial.dataDir().resolve(f)));
        }
        double sum = 0;
        if (args.length > 0 && args[0].equals("rates")) {
            for (int n : new int[] {1, 2, 3, 5, 10}) {
                double sumP = 0, sumU = 0;
                for (BroadTrial full : trials) {
                    BroadTrial t = n == 1 ? full : full.decimate(n);
                    double[] r = new double[2];
                    for (int k = 0; k < 2; k++) {
                        DoubleTiltEstimator e = new DoubleTiltEstimator(TiltParams.DEFAULTS, t.sampleRateHz(), k == 0);
                        int m = t.size();
                        double[] ux = new double[m], uy = new double[m], uz = new double[m];
                        for (int i = 0; i < m; i++) {
                            e.update(t.gyrX[i], t.gyrY[i], t.gyrZ[i], t.accX[i], t.accY[i], t.accZ[i]);
                            ux[i] = e.upX();
                            uy[i] = e.upY();
                            uz[i] = e.upZ();
                        }
                        r[k] = TiltScore.rmseDeg(t, ux, uy, uz);
                    }
                    sumP += r[0];
                    sumU += r[1];
                }
                System.out.printf(Locale.ROOT, "%.1f Hz: mean RMSE paired %.3f unpaired %.3f%n",
                        trials.get(0).sampleRateHz() / n, sumP / trials.size(), sumU / trials.size());
            }
            return;
        }
        if (args.length > 0 && args[0].equals("sweep")) {
            sweep(trials);
            return;
        }
        if (args.length > 0 && args[0].equals("fixed")) {
            fixed(trials, java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("twin")) {
            twin(trials, java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        for (BroadTrial tr : trials) {
            ResearchVqf v = new ResearchVqf();
            for (String a : args) {
                String[] kv = a.split("=");
                try {
                    var field = ResearchVqf.class.getDeclaredField(kv[0]);
                    if (field.getType() == boolean.class) {
                        field.setBoolean(v, Boolean.parseBoolean(kv[1]));
                    } else {
                        field.setDouble(v, Double.parseDouble(kv[1]));
                    }
                } catch (ReflectiveOperationException e) {
                    throw new IllegalArgumentException(a, e);
                }
            }
            v.setup(tr.sampleRateHz());
            int n = tr.size();
            double[] ux = new double[n], uy = new double[n], uz = new double[n];
            for (int i = 0; i < n; i++) {
                double[] u = v.update(tr.gyrX[i], tr.gyrY[i], tr.gyrZ[i], tr.accX[i], tr.accY[i], tr.accZ[i]);
                ux[i] = u[0];
                uy[i] = u[1];
                uz[i] = u[2];
            }
            double r = TiltScore.rmseDeg(tr, ux, uy, uz);
            String dump = System.getenv("DUMP");
            if (dump != null) {
                try (var w = java.nio.file.Files.newBufferedWriter(java.nio.file.Path.of(dump, tr.name.replace(".csv.gz", ".up.csv")))) {
                    w.write("t_s,up_x,up_y,up_z\n");
                    for (int i = 0; i < n; i++) {
                        w.write(tr.t[i] + "," + ux[i] + "," + uy[i] + "," + uz[i] + "\n");
                    }
                }
            }
            sum += r;
            System.out.printf(Locale.ROOT, "%-52s %.3f  bias %s%n", tr.name, r,
                    java.util.Arrays.toString(java.util.Arrays.stream(v.bias()).map(Math::toDegrees).toArray()));
        }
        System.out.printf(Locale.ROOT, "mean %.3f%n", sum / trials.size());
    }

    /**
     * Sensitivity of the fixed-point estimator to tauAcc, driftTime and the shock limit, and
     * leave-one-out: for each trial, the (tauAcc, driftTime) that is best on the other five, scored on it.
     */
    static void sweep(List<BroadTrial> trials) {
        double[] taus = {2, 2.5, 3, 3.5, 4};
        double[] drifts = {0, 5, 7, 10, 15, 20, 40};
        int n = trials.size();
        List<TiltRuns.Counts> counts = new ArrayList<>();
        for (BroadTrial t : trials) {
            counts.add(TiltRuns.counts(t, dev.posture.device.pipeline.ImuScale.MPU6050_16G_2000DPS));
        }
        double[][][] r = new double[taus.length][drifts.length][n];
        System.out.println("tauAcc driftTime: per-trial RMSE ... mean (deg), fixed point");
        for (int a = 0; a < taus.length; a++) {
            for (int b = 0; b < drifts.length; b++) {
                if (drifts[b] > 0 && drifts[b] < taus[a]) {
                    r[a][b] = null;
                    continue;
                }
                TiltParams p = TiltParams.DEFAULTS.withTauAccS(taus[a]).withDriftTimeS(drifts[b]);
                StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%4.1f %4.0f:", taus[a], drifts[b]));
                double sum = 0;
                for (int i = 0; i < n; i++) {
                    BroadTrial t = trials.get(i);
                    TiltRuns.Ups u = TiltRuns.runFixed(counts.get(i), p, t.sampleRateHz());
                    r[a][b][i] = TiltScore.rmseDeg(t, u.x(), u.y(), u.z());
                    sum += r[a][b][i];
                    sb.append(String.format(Locale.ROOT, " %.3f", r[a][b][i]));
                }
                System.out.println(sb.append(String.format(Locale.ROOT, "  mean %.3f", sum / n)));
            }
        }
        double loo = 0;
        for (int i = 0; i < n; i++) {
            double best = Double.MAX_VALUE;
            int ba = 0, bb = 0;
            for (int a = 0; a < taus.length; a++) {
                for (int b = 0; b < drifts.length; b++) {
                    if (r[a][b] == null) {
                        continue;
                    }
                    double others = 0;
                    for (int j = 0; j < n; j++) {
                        others += j == i ? 0 : r[a][b][j];
                    }
                    if (others < best) {
                        best = others;
                        ba = a;
                        bb = b;
                    }
                }
            }
            loo += r[ba][bb][i];
            System.out.printf(Locale.ROOT, "leave out %-50s best on the others: tauAcc %.1f driftTime %.0f -> held-out RMSE %.3f%n",
                    trials.get(i).name, taus[ba], drifts[bb], r[ba][bb][i]);
        }
        System.out.printf(Locale.ROOT, "leave-one-out mean (tauAcc and driftTime chosen) %.3f%n", loo / n);
        int a3 = 2; // tauAcc fixed at VQF's 3 s; only driftTime chosen on the other five
        double loo3 = 0;
        for (int i = 0; i < n; i++) {
            double best = Double.MAX_VALUE;
            int bb = 0;
            for (int b = 0; b < drifts.length; b++) {
                double others = 0;
                for (int j = 0; j < n; j++) {
                    others += j == i ? 0 : r[a3][b][j];
                }
                if (others < best) {
                    best = others;
                    bb = b;
                }
            }
            loo3 += r[a3][bb][i];
            System.out.printf(Locale.ROOT, "leave out %-50s tauAcc 3 (VQF), best driftTime on the others %.0f -> held-out RMSE %.3f%n",
                    trials.get(i).name, drifts[bb], r[a3][bb][i]);
        }
        System.out.printf(Locale.ROOT, "leave-one-out mean (tauAcc 3 s, driftTime chosen) %.3f%n", loo3 / n);
        for (double shock : new double[] {9.81, 19.6, 29.4, 49.0, 78.4}) {
            double sum = 0;
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "shock %5.1f:", shock));
            for (int i = 0; i < n; i++) {
                TiltRuns.Ups u = TiltRuns.runFixed(counts.get(i), TiltParams.DEFAULTS.withShockLimitMs2(shock), trials.get(i).sampleRateHz());
                double x = TiltScore.rmseDeg(trials.get(i), u.x(), u.y(), u.z());
                sum += x;
                sb.append(String.format(Locale.ROOT, " %.3f", x));
            }
            System.out.println(sb.append(String.format(Locale.ROOT, "  mean %.3f", sum / n)));
        }
        for (double lead : new double[] {0.001, 0.002, 0.0025, 0.003, 0.004}) {
            double sum = 0;
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "lead %.4f:", lead));
            for (int i = 0; i < n; i++) {
                TiltRuns.Ups u = TiltRuns.runFixed(counts.get(i), TiltParams.DEFAULTS.withOutputLeadS(lead), trials.get(i).sampleRateHz());
                double x = TiltScore.rmseDeg(trials.get(i), u.x(), u.y(), u.z());
                sum += x;
                sb.append(String.format(Locale.ROOT, " %.3f", x));
            }
            System.out.println(sb.append(String.format(Locale.ROOT, "  mean %.3f", sum / n)));
        }
    }

    static TiltParams parse(String[] args) {
        TiltParams p = TiltParams.DEFAULTS;
        for (String a : args) {
            String[] kv = a.split("=");
            double v = Double.parseDouble(kv[1]);
            switch (kv[0]) {
                case "tau" -> p = p.withTauAccS(v);
                case "drift" -> p = p.withDriftTimeS(v);
                case "lead" -> p = p.withOutputLeadS(v);
                case "shock" -> p = p.withShockLimitMs2(v);
                default -> throw new IllegalArgumentException(a);
            }
        }
        return p;
    }

    static void fixed(List<BroadTrial> trials, String[] args) throws IOException {
        TiltParams p = parse(args);
        String dump = System.getenv("DUMP");
        double sumF = 0, sumT = 0, sumRaw = 0;
        for (BroadTrial tr : trials) {
            TiltRuns.Counts c = TiltRuns.counts(tr, dev.posture.device.pipeline.ImuScale.MPU6050_16G_2000DPS);
            TiltRuns.Ups raw = TiltRuns.runTwin(tr, p);
            TiltRuns.Ups twin = TiltRuns.runTwin(c, p, tr.sampleRateHz());
            long t0 = System.nanoTime();
            TiltRuns.Ups fix = TiltRuns.runFixed(c, p, tr.sampleRateHz());
            long t1 = System.nanoTime();
            double rRaw = TiltScore.rmseDeg(tr, raw.x(), raw.y(), raw.z());
            double rT = TiltScore.rmseDeg(tr, twin.x(), twin.y(), twin.z());
            double rF = TiltScore.rmseDeg(tr, fix.x(), fix.y(), fix.z());
            sumRaw += rRaw;
            sumT += rT;
            sumF += rF;
            System.out.printf(Locale.ROOT, "%-52s raw %.4f twin %.4f fixed %.4f |fixed-twin| rms %.5f deg  (%.0f ns/sample incl. copy)%n",
                    tr.name, rRaw, rT, rF, TiltRuns.rmsAngleDeg(twin, fix), (t1 - t0) / (double) tr.size());
            if (dump != null) {
                TiltRuns.writeSamples(java.nio.file.Path.of(dump, tr.name.replace(".csv.gz", ".up.csv")), tr.t, fix);
            }
        }
        int n = trials.size();
        System.out.printf(Locale.ROOT, "mean raw %.4f twin %.4f fixed %.4f%n", sumRaw / n, sumT / n, sumF / n);
    }

    static void twin(List<BroadTrial> trials, String[] args) throws IOException {
        TiltParams p = TiltParams.DEFAULTS;
        for (String a : args) {
            String[] kv = a.split("=");
            double v = kv[1].equals("true") ? 1 : kv[1].equals("false") ? 0 : Double.parseDouble(kv[1]);
            switch (kv[0]) {
                case "tau" -> p = p.withTauAccS(v);
                case "drift" -> p = p.withDriftTimeS(v);
                case "lead" -> p = p.withOutputLeadS(v);
                case "shock" -> p = p.withShockLimitMs2(v);
                default -> throw new IllegalArgumentException(a);
            }
        }
        double sum = 0;
        for (BroadTrial tr : trials) {
            DoubleTiltEstimator e = new DoubleTiltEstimator(p, tr.sampleRateHz());
            int n = tr.size();
            double[] ux = new double[n], uy = new double[n], uz = new double[n];
            double maxDrift = 0;
            for (int i = 0; i < n; i++) {
                double[] dd = e.drift();
                maxDrift = Math.max(maxDrift, Math.sqrt(dd[0] * dd[0] + dd[1] * dd[1] + dd[2] * dd[2]));
                e.update(tr.gyrX[i], tr.gyrY[i], tr.gyrZ[i], tr.accX[i], tr.accY[i], tr.accZ[i]);
                ux[i] = e.upX();
                uy[i] = e.upY();
                uz[i] = e.upZ();
            }
            double r = TiltScore.rmseDeg(tr, ux, uy, uz);
            sum += r;
            System.out.printf(Locale.ROOT, "%-52s %.3f  maxdrift %.3f dps bias %s%n", tr.name, r, Math.toDegrees(maxDrift),
                    java.util.Arrays.toString(java.util.Arrays.stream(e.bias()).map(Math::toDegrees).toArray()));
        }
        System.out.printf(Locale.ROOT, "mean %.3f%n", sum / trials.size());
    }
}
