package dev.posture.device.pipeline.posture;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posture.device.pipeline.event.EventRecord;
import dev.posture.device.pipeline.event.EventRing;
import dev.posture.hardware.sim.RowCursor;
import dev.posture.hardware.sim.Scenario;
import dev.posture.hardware.sim.Scenarios;
import dev.posture.hardware.sim.SegmentKind;
import dev.posture.hardware.sim.SimRow;
import dev.posture.hardware.sim.TimeWindow;
import dev.posture.protocol.message.EventType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The posture stage on the wearer simulator's scenarios, fed the simulator's GROUND TRUTH: the true
 * forward angle (rounded to 0.01 deg) and gates taken from the segment labels (walking, jogging and
 * bus are the moving activities, bending and lying are not upright, the clip is uncalibrated until
 * the first lean window ends and needs recalibration from an off-body stretch until the next lean
 * window ends). This checks the state machine's rules against the scenarios' reference rule with
 * perfect geometry and gates; the estimator and the geometry stage are scored in their own tests
 * and end to end by the integrator. Threshold 15 deg, hysteresis 3 deg, dwell 10 s.
 *
 * <p>Pass: every expected cue window gets a cue within 1 s of its start (the reference works on a
 * 20 ms grid, so a cue may come up to 30 ms before it), and every cue lies in an expected window.
 */
class PostureScenarioTest {
    static List<String> names() {
        return Scenarios.names();
    }

    @ParameterizedTest
    @MethodSource("names")
    void cuesExactlyWhereTheReferenceRuleExpectsThem(String name) {
        for (int rate : new int[] {25, 100}) {
            Scenario scenario = Scenarios.named(name);
            List<Double> cues = run(scenario, rate);
            List<TimeWindow> expected = scenario.expectedCues();
            for (TimeWindow w : expected) {
                boolean cued = false;
                for (double c : cues) {
                    cued |= c >= w.startS() - 0.03 && c <= w.startS() + 1.0;
                }
                assertTrue(cued, name + " at " + rate + " Hz: no cue within 1 s of " + w + "; cues " + cues);
            }
            for (double c : cues) {
                boolean inside = false;
                for (TimeWindow w : expected) {
                    inside |= c >= w.startS() - 0.03 && c <= w.endS() + 0.03;
                }
                assertTrue(inside, name + " at " + rate + " Hz: cue at " + c + " s outside " + expected);
            }
        }
    }

    /** Cue times (s) of the posture stage over the whole scenario at {@code rate}. */
    private static List<Double> run(Scenario scenario, int rate) {
        EventRing ring = new EventRing(1024, 0);
        PostureStage stage = new PostureStage(PostureStateMachineTest.BASE, ring);
        PostureInput in = new PostureInput();
        EventRecord out = new EventRecord();
        List<Double> cues = new ArrayList<>();
        double firstLeanEnd = scenario.leanWindow().endS();
        List<TimeWindow> offBody = scenario.offBodyWindows();
        List<Scenario.Calibration> calibrations = scenario.calibrations();
        RowCursor rows = scenario.rows(rate);
        while (rows.next()) {
            SimRow row = rows.row();
            double t = row.tS();
            SegmentKind kind = row.segment();
            in.tUs = Math.round(t * 1e6);
            in.sensorOk = true;
            in.calibrated = t >= firstLeanEnd && kind != SegmentKind.LEAN_FORWARD;
            in.needsRecalibration = reclipPending(t, offBody, calibrations);
            in.forwardCentiDeg = (int) Math.round(row.forwardDeg() * 100);
            in.activity = switch (kind) {
                case WALKING -> PostureInput.ACTIVITY_WALKING;
                case JOGGING -> PostureInput.ACTIVITY_JOGGING;
                case BUS -> PostureInput.ACTIVITY_VEHICLE;
                case DESK_TYPING -> PostureInput.ACTIVITY_LIGHT;
                default -> PostureInput.ACTIVITY_STILL;
            };
            in.upright = kind != SegmentKind.BENDING && kind != SegmentKind.LYING;
            stage.step(in);
            while (ring.poll(out)) {
                if (out.type() == EventType.CUE) {
                    cues.add(out.tUs() / 1e6);
                }
            }
        }
        return cues;
    }

    /** From the start of an off-body stretch until the end of the first lean window after it. */
    private static boolean reclipPending(double t, List<TimeWindow> offBody, List<Scenario.Calibration> calibrations) {
        for (TimeWindow off : offBody) {
            if (t < off.startS()) {
                continue;
            }
            double resolved = Double.POSITIVE_INFINITY;
            for (Scenario.Calibration c : calibrations) {
                if (c.lean().endS() > off.startS()) {
                    resolved = Math.min(resolved, c.lean().endS());
                }
            }
            if (t < resolved) {
                return true;
            }
        }
        return false;
    }
}
