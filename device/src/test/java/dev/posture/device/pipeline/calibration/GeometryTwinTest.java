package dev.posture.device.pipeline.calibration;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posture.hardware.sim.Scenario;
import dev.posture.hardware.sim.Scenarios;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The fixed-point calibration and angles against their {@code double} twin on the same inputs (the
 * same Q2.30 up vectors, the same window samples): the integer code is the same algorithm within
 * 0.05 deg. Where an angle is ill-conditioned (the up vector nearly orthogonal to its plane, e.g. the
 * forward angle while lying on the side) atan2 of two near-zero numbers says little and is skipped:
 * projection length below 0.2. Forward is compared on every sample; sideways and tilt on the samples
 * where the stage measures them (about 25 Hz; they hold in between).
 */
class GeometryTwinTest {
    private static final double TOLERANCE_DEG = 0.05;

    static double[] compare(Scenario s) {
        List<long[]> req = GeometryRun.requests(s).subList(0, 2); // the first neutral and lean
        long[] nw = req.get(0);
        long[] lw = req.get(1);
        double[] nSum = new double[3];
        double[] lSum = new double[3];
        GeometryTwin twin = new GeometryTwin();
        boolean[] taught = new boolean[2];
        double[] worst = new double[3];
        double reclipAt = s.offBodyWindows().isEmpty() ? Double.MAX_VALUE : s.offBodyWindows().get(0).startS();
        GeometryRun.run(s, 100, false, req, (row, out, stage) -> {
            long t = Math.round(row.tS() * 1e6);
            double[] u = {row.up(0), row.up(1), row.up(2)};
            double[] uq = new double[3];
            for (int i = 0; i < 3; i++) { // the same quantised vector the stage got
                uq[i] = Math.round(u[i] * (1 << 30)) / (double) (1 << 30);
            }
            if (t >= nw[0] && t <= nw[0] + nw[1]) {
                for (int i = 0; i < 3; i++) {
                    nSum[i] += uq[i];
                }
            }
            if (t >= lw[0] && t <= lw[0] + lw[1]) {
                for (int i = 0; i < 3; i++) {
                    lSum[i] += uq[i];
                }
            }
            if (!taught[0] && out.calibrationEvent == CalibrationStatus.NEUTRAL_SET) {
                twin.neutral(nSum);
                taught[0] = true;
            }
            if (!taught[1] && out.calibrationEvent == CalibrationStatus.LEAN_SET) {
                twin.lean(lSum);
                taught[1] = true;
            }
            if (!taught[1] || row.tS() >= reclipAt) {
                return;
            }
            double[] a = twin.angles(uq);
            if (twin.forwardPlane(uq) > 0.2) {
                worst[0] = Math.max(worst[0], Math.abs(out.forwardCentiDeg / 100.0 - a[0]));
            }
            if (!stage.frame().sidewaysTiltFresh()) {
                return; // sideways and tilt run at ~25 Hz and hold in between: compare where they were measured
            }
            if (twin.sidewaysPlane(uq) > 0.2) {
                worst[1] = Math.max(worst[1], Math.abs(out.sidewaysCentiDeg / 100.0 - a[1]));
            }
            worst[2] = Math.max(worst[2], Math.abs(out.tiltCentiDeg / 100.0 - a[2]));
        });
        assertTrue(taught[0] && taught[1]);
        return worst;
    }

    @Test
    void fixedPointAnglesEqualTheDoubleTwin() {
        double[] all = new double[3];
        for (String name : List.of("drift", "desk-day", "sideways", "lying", "bending", "second-monitor")) {
            for (long seed = 1; seed <= 2; seed++) {
                double[] w = compare(Scenarios.named(name, seed));
                for (int i = 0; i < 3; i++) {
                    assertTrue(w[i] <= TOLERANCE_DEG, name + " seed " + seed + " angle " + i + ": " + w[i] + " deg");
                    all[i] = Math.max(all[i], w[i]);
                }
            }
        }
        System.out.printf(Locale.ROOT, "fixed vs double twin: forward %.4f, sideways %.4f, tilt %.4f deg (worst)%n",
                all[0], all[1], all[2]);
    }
}
