package dev.posture.device.pipeline.calibration;

import dev.posture.device.pipeline.gate.SimFeed;
import dev.posture.hardware.sim.Scenario;
import dev.posture.hardware.sim.SimRow;
import dev.posture.hardware.sim.TimeWindow;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a scenario through a {@link GeometryStage}: the simulator's TRUE up vector quantised to Q2.30
 * (until the tilt estimator is merged) and its specific force and rate as MPU-6050 counts at 16 g /
 * 2000 dps; the scenario's calibration windows (neutral, then lean) are requested as a replay would
 * from {@code --neutral-window} and {@code --lean-window}.
 */
final class GeometryRun {
    interface Visitor {
        void sample(SimRow row, GeometryOutput out, GeometryStage stage);
    }

    private GeometryRun() {
    }

    /** Every calibration of the scenario: {start, duration, isLean} in us. */
    static List<long[]> requests(Scenario s) {
        List<long[]> out = new ArrayList<>();
        for (Scenario.Calibration c : s.calibrations()) {
            out.add(window(c.neutral(), 0));
            out.add(window(c.lean(), 1));
        }
        return out;
    }

    private static long[] window(TimeWindow w, int lean) {
        long start = Math.round(w.startS() * 1e6);
        return new long[] {start, Math.round(w.endS() * 1e6) - start, lean};
    }

    static GeometryStage run(Scenario s, int rate, boolean noisy, List<long[]> requests, Visitor v) {
        return run(s, rate, noisy, requests, GeometryParams.DEFAULTS, v);
    }

    static GeometryStage run(Scenario s, int rate, boolean noisy, List<long[]> requests, GeometryParams params,
            Visitor v) {
        GeometryStage stage = new GeometryStage(params, rate, SimFeed.ACCEL_LSB_PER_G, SimFeed.GYRO_LSB_PER_DPS_X10);
        GeometryOutput out = new GeometryOutput();
        SimFeed feed = new SimFeed(s, rate, noisy, 21);
        int next = 0;
        while (feed.next()) {
            while (next < requests.size() && feed.tUs >= requests.get(next)[0]) {
                long[] r = requests.get(next++);
                if (r[2] == 0) {
                    stage.requestNeutral(feed.tUs, r[1]);
                } else {
                    stage.requestLean(feed.tUs, r[1]);
                }
            }
            stage.step(feed.tUs, feed.up, feed.raw, true, out);
            v.sample(feed.row(), out, stage);
        }
        return stage;
    }
}
