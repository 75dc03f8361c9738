package dev.posture.device.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.ThreadMXBean;
import dev.posture.device.pipeline.calibration.CalibrationStatus;
import dev.posture.device.pipeline.event.EventRecord;
import dev.posture.device.pipeline.event.EventRing;
import dev.posture.device.pipeline.posture.PatternRequest;
import dev.posture.hardware.sim.RowCursor;
import dev.posture.hardware.sim.Scenario;
import dev.posture.hardware.sim.Scenarios;
import dev.posture.hardware.sim.SimRow;
import dev.posture.protocol.config.Config;
import dev.posture.protocol.message.EventType;
import dev.posture.protocol.message.PostureState;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The whole pipeline on the simulator's drift scenario (ideal physics as counts): calibration, cues, no garbage. */
class PipelineTest {
    static final int RATE = 100;

    /** The drift scenario's rows as counts at 16 g / 2000 deg/s, with their times in us. */
    static final class Rows {
        final long[] tUs;
        final short[][] raw;

        Rows(Scenario scenario, int rate) {
            List<long[]> t = new ArrayList<>();
            List<short[]> r = new ArrayList<>();
            RowCursor rows = scenario.rows(rate);
            ImuScale s = ImuScale.MPU6050_16G_2000DPS;
            while (rows.next()) {
                SimRow row = rows.row();
                t.add(new long[] {Math.round(row.tS() * 1e6)});
                r.add(new short[] {s.accCounts(row.acc(0)), s.accCounts(row.acc(1)), s.accCounts(row.acc(2)),
                        s.gyrCounts(row.gyr(0)), s.gyrCounts(row.gyr(1)), s.gyrCounts(row.gyr(2))});
            }
            tUs = new long[t.size()];
            raw = r.toArray(short[][]::new);
            for (int i = 0; i < tUs.length; i++) {
                tUs[i] = t.get(i)[0];
            }
        }
    }

    private static Pipeline pipeline(EventRing ring) {
        return new Pipeline(PipelineParams.fromConfig(Config.defaults(), ImuScale.MPU6050_16G_2000DPS, RATE), ring);
    }

    @Test
    void calibratesFromRequestsAndCuesTheDriftEpisodes() {
        Scenario scenario = Scenarios.named("drift");
        Rows rows = new Rows(scenario, RATE);
        EventRing ring = new EventRing(1024, 1);
        Pipeline p = pipeline(ring);
        EventRecord e = new EventRecord();
        List<EventType> types = new ArrayList<>();
        List<Double> cues = new ArrayList<>();
        boolean neutralAsked = false;
        boolean leanAsked = false;
        for (int i = 0; i < rows.tUs.length; i++) {
            double t = rows.tUs[i] / 1e6;
            if (!neutralAsked && t >= scenario.neutralWindow().startS()) {
                p.requestNeutral(Math.round((scenario.neutralWindow().endS() - t) * 1e6));
                neutralAsked = true;
            }
            if (!leanAsked && t >= scenario.leanWindow().startS()) {
                p.requestLean(Math.round((scenario.leanWindow().endS() - t) * 1e6));
                leanAsked = true;
            }
            p.step(rows.tUs[i], rows.raw[i]);
            if (t < scenario.neutralWindow().endS()) {
                assertEquals(PostureState.UNCALIBRATED, p.state());
            }
            while (ring.poll(e)) {
                types.add(e.type());
                if (e.type() == EventType.CUE) {
                    cues.add(e.tUs() / 1e6);
                }
            }
        }
        assertEquals(EventType.CALIBRATED, types.get(0), types.toString());
        assertEquals(EventType.CALIBRATED, types.get(1), types.toString());
        assertEquals(scenario.expectedCues().size(), cues.size(), cues + " vs " + scenario.expectedCues());
        for (int k = 0; k < cues.size(); k++) {
            assertEquals(scenario.expectedCues().get(k).startS(), cues.get(k), 1.0);
        }
    }

    /**
     * From 100 Hz the stages judge the second sample of each estimator pair: the first only moves
     * the up vector, reports nothing (no pattern, no calibration event) and holds angles and state;
     * every pattern, calibration report and event falls on a judged sample, each reported once.
     */
    @Test
    void judgesTheSecondSampleOfEachPairAndReportsEachDecisionOnce() {
        Scenario scenario = Scenarios.named("drift");
        Rows rows = new Rows(scenario, RATE);
        EventRing ring = new EventRing(1024, 1);
        Pipeline p = pipeline(ring);
        EventRecord e = new EventRecord();
        int judged = 0;
        int patterns = 0;
        int calibrationReports = 0;
        int cueEvents = 0;
        int calibratedEvents = 0;
        int upMovedWhileHeld = 0;
        int previousForward = 0;
        PostureState previousState = PostureState.UNCALIBRATED;
        boolean previousJudged = true;
        int previousUpZ = 0;
        boolean neutralAsked = false;
        boolean leanAsked = false;
        for (int i = 0; i < rows.tUs.length; i++) {
            double t = rows.tUs[i] / 1e6;
            if (!neutralAsked && t >= scenario.neutralWindow().startS()) {
                p.requestNeutral(Math.round((scenario.neutralWindow().endS() - t) * 1e6));
                neutralAsked = true;
            }
            if (!leanAsked && t >= scenario.leanWindow().startS()) {
                p.requestLean(Math.round((scenario.leanWindow().endS() - t) * 1e6));
                leanAsked = true;
            }
            p.step(rows.tUs[i], rows.raw[i]);
            // pairs alternate (the estimator restarts, and a new pair begins, when the gyro offset is learned)
            assertTrue(!(p.judged() && previousJudged), "two judged samples in a row at " + i);
            if (p.judged()) {
                judged++;
            } else {
                assertEquals(PatternRequest.NONE, p.pattern(), "sample " + i);
                assertEquals(CalibrationStatus.NONE, p.geometryOutput().calibrationEvent, "sample " + i);
                assertEquals(previousForward, p.forwardCentiDeg(), "sample " + i);
                assertEquals(previousState, p.state(), "sample " + i);
                upMovedWhileHeld += p.upZ() != previousUpZ ? 1 : 0;
            }
            if (p.pattern() != PatternRequest.NONE) {
                patterns++;
            }
            if (p.geometryOutput().calibrationEvent == CalibrationStatus.NEUTRAL_SET
                    || p.geometryOutput().calibrationEvent == CalibrationStatus.LEAN_SET) {
                calibrationReports++;
            }
            while (ring.poll(e)) {
                assertTrue(p.judged(), "event " + e.type() + " on the first sample of a pair");
                cueEvents += e.type() == EventType.CUE ? 1 : 0;
                calibratedEvents += e.type() == EventType.CALIBRATED ? 1 : 0;
            }
            previousForward = p.forwardCentiDeg();
            previousState = p.state();
            previousUpZ = p.upZ();
            previousJudged = p.judged();
        }
        assertEquals(rows.tUs.length / 2.0, judged, 2.0);
        assertEquals(2, calibratedEvents, "neutral and lean");
        assertEquals(2, calibrationReports, "each calibration reported on one sample");
        assertEquals(scenario.expectedCues().size(), cueEvents);
        assertEquals(cueEvents, patterns, "one pattern per cue, nothing else asks for one here");
        assertTrue(upMovedWhileHeld > 0, "the up vector still moves on the first sample of a pair");
    }

    /** Below 100 Hz the estimator does not pair samples, and every sample is judged. */
    @Test
    void judgesEverySampleBelow100Hz() {
        Rows rows = new Rows(Scenarios.named("drift"), 50);
        Pipeline p = new Pipeline(PipelineParams.fromConfig(Config.defaults(), ImuScale.MPU6050_16G_2000DPS, 50),
                new EventRing(1024, 1));
        for (int i = 0; i < 500; i++) {
            p.step(rows.tUs[i], rows.raw[i]);
            assertTrue(p.judged(), "sample " + i);
        }
    }

    @Test
    void allocatesNothingPerSample() {
        Scenario scenario = Scenarios.named("drift");
        Rows rows = new Rows(scenario, RATE);
        EventRing ring = new EventRing(1024, 1);
        Pipeline p = pipeline(ring);
        EventRecord e = new EventRecord();
        ThreadMXBean mx = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        long offsetUs = 0;
        long best = Long.MAX_VALUE;
        for (int round = 0; round < 6 && best != 0; round++) {
            p.requestNeutral(3_000_000);
            long before = mx.getThreadAllocatedBytes(tid);
            for (int i = 0; i < rows.tUs.length; i++) {
                p.step(offsetUs + rows.tUs[i], rows.raw[i]);
                while (ring.poll(e)) {
                    // drained on this thread, as a consumer would
                }
            }
            long used = mx.getThreadAllocatedBytes(tid) - before;
            best = Math.min(best, used);
            offsetUs += rows.tUs[rows.tUs.length - 1] + 10_000;
        }
        assertEquals(0, best, "bytes allocated in the best round of " + rows.tUs.length + " samples");
    }

    @Test
    void reconfigureKeepsTheCalibration() {
        Scenario scenario = Scenarios.named("standing");
        Rows rows = new Rows(scenario, RATE);
        Pipeline p = pipeline(new EventRing(1024, 1));
        for (int i = 0; i < rows.tUs.length; i++) {
            double t = rows.tUs[i] / 1e6;
            if (i == 300) {
                p.requestNeutral(Math.round((scenario.neutralWindow().endS() - t) * 1e6));
            }
            p.step(rows.tUs[i], rows.raw[i]);
        }
        assertTrue(p.calibrated());
        Config stricter = dev.posture.protocol.config.ConfigChange.fromAssignments(Config.defaults(),
                List.of("threshold_deg=20")).config();
        p.reconfigure(stricter);
        assertEquals(2000, p.params().posture().thresholdCentiDeg());
        assertTrue(p.calibrated());
    }
}
