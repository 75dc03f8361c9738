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
            sum += r;
            System.out.printf(Locale.ROOT, "%-52s %.3f  bias %s%n", tr.name, r,
                    java.util.Arrays.toString(java.util.Arrays.stream(v.bias()).map(Math::toDegrees).toArray()));
        }
        System.out.printf(Locale.ROOT, "mean %.3f%n", sum / trials.size());
    }
}
