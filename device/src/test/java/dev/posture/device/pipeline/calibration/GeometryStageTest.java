package dev.posture.device.pipeline.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posture.device.pipeline.filter.Allocation;
import dev.posture.device.pipeline.gate.Activity;
import dev.posture.device.pipeline.gate.SimFeed;
import dev.posture.hardware.sim.Scenario;
import dev.posture.hardware.sim.Scenarios;
import java.util.List;
import org.junit.jupiter.api.Test;

class GeometryStageTest {
    @Test
    void stepAllocatesNothingOverADeskDay() {
        Scenario s = Scenarios.named("desk-day");
        int n = (int) (s.durationS() * 100);
        short[][] raws = new short[n][];
        int[][] ups = new int[n][];
        long[] ts = new long[n];
        SimFeed feed = new SimFeed(s, 100);
        for (int i = 0; i < n && feed.next(); i++) {
            raws[i] = feed.raw.clone();
            ups[i] = feed.up.clone();
            ts[i] = feed.tUs;
        }
        GeometryStage stage = new GeometryStage(GeometryParams.DEFAULTS, 100, 2048, 164);
        GeometryOutput out = new GeometryOutput();
        long best = Long.MAX_VALUE;
        long offset = 0;
        for (int round = 0; round < 5 && best > 0; round++) {
            // Each round recalibrates, walks through re-clip detection, walking, the bus...
            stage.requestNeutral(offset + 2_500_000, 9_250_000);
            long before = Allocation.bytes();
            for (int i = 0; i < n; i++) {
                if (i == 1375) {
                    stage.requestLean(ts[i] + offset, 3_500_000);
                }
                stage.step(ts[i] + offset, ups[i], raws[i], i % 5000 != 7, out);
            }
            best = Math.min(best, Allocation.bytes() - before);
            offset += ts[n - 1] + 10_000;
        }
        assertEquals(0, best);
    }

    @Test
    void aRateChangeKeepsTheCalibrationAndTheAngles() {
        Scenario s = Scenarios.named("drift", 2);
        List<long[]> req = GeometryRun.requests(s);
        GeometryRun.run(s, 100, false, req, (row, o, st) -> {
            if (Math.abs(row.tS() - 100) < 0.005) {
                // The config changes from 100 to 200 Hz while the stream goes on (the rate is nominal).
                st.reconfigure(GeometryParams.DEFAULTS, 200, 2048, 164);
            }
            if (row.tS() > 100 && row.gateOpen()) {
                assertTrue(o.calibrated && o.forwardKnown && !o.needsRecalibration);
                assertEquals(row.forwardDeg(), o.forwardCentiDeg / 100.0, 0.5);
                assertTrue(o.activity == Activity.STILL.ordinal() || o.activity == Activity.LIGHT.ordinal());
            }
        });
    }

    @Test
    void outputCarriesTheSensorFlagAndTheActivity() {
        GeometryStage stage = new GeometryStage(GeometryParams.DEFAULTS, 100, 2048, 164);
        GeometryOutput out = new GeometryOutput();
        int[] up = {0, 0, AngleMath.ONE};
        short[] raw = {0, 0, 2048, 0, 0, 0};
        stage.step(5, up, raw, false, out);
        assertEquals(5, out.tUs);
        assertTrue(!out.sensorOk && !out.calibrated && out.upright && !out.needsRecalibration);
        assertEquals(Activity.STILL.ordinal(), out.activity);
        assertTrue(out.toString().startsWith("GeometryOutput{tUs=5, calibrated=false"));
    }
}
