package dev.posture.device.pipeline.calibration;

import dev.posture.device.pipeline.gate.SimFeed;
import dev.posture.hardware.sim.Scenario;
import dev.posture.hardware.sim.Scenarios;

/**
 * The first {@link #N} samples of the desk-day scenario at 100 Hz (MPU-6050 counts with noise and
 * bias, true up vectors), recorded once so that benchmarks time the geometry code and not the
 * simulator, plus a geometry stage calibrated on the day's own first neutral and lean windows.
 */
final class DeskDayRecording {
    static final int N = 1 << 16;

    final short[][] raws = new short[N][];
    final int[][] ups = new int[N][];
    final long[] ts = new long[N];
    final GeometryStage stage = new GeometryStage(GeometryParams.DEFAULTS, 100, 2048, 164);

    DeskDayRecording() {
        Scenario s = Scenarios.named("desk-day");
        SimFeed feed = new SimFeed(s, 100, true, 1);
        for (int k = 0; k < N && feed.next(); k++) {
            raws[k] = feed.raw.clone();
            ups[k] = feed.up.clone();
            ts[k] = feed.tUs;
        }
        for (long[] r : GeometryRun.requests(s).subList(0, 2)) {
            GeometryOutput o = new GeometryOutput();
            if (r[2] == 0) {
                stage.requestNeutral(r[0], r[1]);
            } else {
                stage.requestLean(r[0], r[1]);
            }
            for (int k = 0; k < N && ts[k] <= r[0] + r[1]; k++) {
                if (ts[k] >= r[0]) {
                    stage.step(ts[k], ups[k], raws[k], true, o);
                }
            }
        }
    }
}
