package dev.posture.device.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posture.device.pipeline.event.EventRecord;
import dev.posture.hardware.sim.Scenarios;
import dev.posture.hardware.sim.TimeWindow;
import dev.posture.protocol.message.EventType;
import dev.posture.protocol.message.PostureState;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The agent stepped by hand against the MPU-6050 driver on its emulator, fed by the wearer simulator. */
class SamplingAgentTest {
    static final long PERIOD = 10_000_000L;

    @Test
    void driftScenarioCuesAndThePatternStartsOnTheCueSample() {
        LoopRig rig = new LoopRig(Scenarios.named("drift"));
        rig.runUntilSeconds(rig.scenario.durationS());

        List<EventRecord> cues = rig.eventRecords.stream().filter(e -> e.type() == EventType.CUE).toList();
        List<TimeWindow> expected = rig.scenario.expectedCues();
        assertEquals(expected.size(), cues.size(), rig.events + " vs " + expected);
        for (int k = 0; k < cues.size(); k++) {
            assertEquals(expected.get(k).startS(), cues.get(k).tUs() / 1e6, 1.0, "cue " + k);
            long cueNanos = cues.get(k).tUs() * 1000;
            long[] firstOn = rig.haptic.drives.stream().filter(d -> d[0] >= cueNanos && d[1] > 0).findFirst()
                    .orElseThrow();
            assertEquals(cueNanos, firstOn[0], "motor on at the cue's sample (double pulse, 70 %)");
            assertEquals(70, firstOn[1]);
        }
        assertEquals(cues.size(), rig.player.patternsStarted(), "one pattern per cue (no other patterns here)");
        assertEquals(0, rig.agent.missedSamples());
        assertEquals(0, rig.agent.overruns());
        assertEquals(0, rig.agent.faults());
        assertEquals(0, rig.runner.errors());
        long slots = Math.round(rig.scenario.durationS() * 100);
        assertTrue(rig.agent.samples() > slots - 20, rig.agent.samples() + " samples of " + slots);
        System.out.printf("drift: %d samples, %d silent slots, jitter max %d ns, parks %s%n", rig.agent.samples(),
                rig.agent.silentSlots(), rig.agent.jitter().max(),
                rig.parks.stream().distinct().limit(10).toList());
    }
}
