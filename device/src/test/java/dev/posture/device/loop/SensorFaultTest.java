package dev.posture.device.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posture.device.pipeline.event.EventRecord;
import dev.posture.hardware.i2c.RegisterMapEmulator;
import dev.posture.hardware.sim.Scenarios;
import dev.posture.protocol.message.EventType;
import dev.posture.protocol.message.PostureState;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Emulated sensor faults in the middle of the drift scenario, across the first episode that cues:
 * SENSOR_FAULT within 100 ms (issue 7), FAULT state and no cue while it lasts, re-initialisation and
 * SENSOR_RECOVERED once the chip works again.
 */
class SensorFaultTest {
    static final long MS = 1_000_000L;

    /** Fault from 2 s before the first expected cue to 3 s after it. */
    private static LoopRig runWithFault(Consumer<LoopRig> inject, Consumer<LoopRig> clear, SensorFault expected) {
        LoopRig rig = new LoopRig(Scenarios.named("drift"));
        double cueS = rig.scenario.expectedCues().get(0).startS();
        rig.runUntilSeconds(cueS - 2);
        long injectedNanos = rig.now[0];
        inject.accept(rig);
        rig.runUntil(injectedNanos + 100 * MS);

        EventRecord fault = only(rig, EventType.SENSOR_FAULT);
        long latencyUs = fault.tUs() - injectedNanos / 1000;
        assertTrue(latencyUs >= 0 && latencyUs <= 100_000, "SENSOR_FAULT " + latencyUs + " us after the failure");
        assertEquals(expected, SensorFault.fromCode(fault.d0()));
        assertEquals(PostureState.FAULT, rig.agent.state());
        assertTrue(rig.agent.sensorFault());
        LatestSample.View v = new LatestSample.View();
        rig.agent.latest().read(v);
        assertFalse(v.sensorOk());
        assertEquals(PostureState.FAULT, v.state());

        rig.runUntilSeconds(cueS + 3);
        assertEquals(PostureState.FAULT, rig.agent.state());
        long clearedNanos = rig.now[0];
        clear.accept(rig);
        rig.runUntil(clearedNanos + 3_000 * MS);

        EventRecord recovered = only(rig, EventType.SENSOR_RECOVERED);
        assertTrue(recovered.tUs() > clearedNanos / 1000, "recovered after the chip works again");
        assertEquals((recovered.tUs() - fault.tUs()) / 1000, recovered.d0(), "fault_ms");
        assertTrue(rig.eventRecords.stream().noneMatch(e -> e.type() == EventType.CUE
                && e.tUs() >= fault.tUs() && e.tUs() <= recovered.tUs()), "no cue during the fault: " + rig.events);
        assertTrue(rig.haptic.drives.stream().noneMatch(d -> d[0] >= fault.tUs() * 1000
                && d[0] <= recovered.tUs() * 1000 && d[1] > 0), "motor off during the fault");
        assertFalse(rig.agent.sensorFault());
        assertNotEquals(PostureState.FAULT, rig.agent.state());
        assertEquals(1, rig.agent.faults());
        assertEquals(1, rig.agent.recoveries());
        assertEquals(0, rig.runner.errors(), "sensor faults are not loop errors");
        System.out.printf("%s: fault after %d us, recovered %d ms after the fix, %d open attempts, %d failed,"
                + " %d configure failures%n", expected, latencyUs, (recovered.tUs() - clearedNanos / 1000) / 1000,
                rig.agent.openAttempts(), rig.agent.openFailures(), rig.agent.configureFailures());
        return rig;
    }

    private static EventRecord only(LoopRig rig, EventType type) {
        List<EventRecord> found = rig.eventRecords.stream().filter(e -> e.type() == type).toList();
        assertEquals(1, found.size(), type + " in " + rig.events);
        return found.get(0);
    }

    @Test
    void disconnectAndReconnect() {
        LoopRig rig = runWithFault(r -> r.chip.disconnect(), r -> r.chip.reconnect(), SensorFault.BUS_ERROR);
        assertTrue(rig.agent.openFailures() >= 3, "re-open attempts with backoff while disconnected");
    }

    @Test
    void everyTransferNacked() {
        runWithFault(r -> r.chip.nackNextTransfers(RegisterMapEmulator.FOREVER), r -> r.chip.clearFaults(),
                SensorFault.BUS_ERROR);
    }

    @Test
    void stuckData() {
        LoopRig rig = runWithFault(r -> r.chip.setDataStuck(true), r -> r.chip.setDataStuck(false),
                SensorFault.STUCK);
        assertTrue(rig.agent.openAttempts() >= 2, "re-opened while stuck: " + rig.agent.openAttempts());
    }

    @Test
    void aSingleGlitchIsNotAFault() {
        LoopRig rig = new LoopRig(Scenarios.named("standing"));
        rig.runUntilSeconds(5);
        rig.chip.busErrorNextTransfers(1);
        rig.runUntilSeconds(10);
        assertEquals(1, rig.agent.sensorErrors());
        assertEquals(0, rig.agent.faults());
        assertTrue(rig.eventRecords.stream().noneMatch(e -> e.type() == EventType.SENSOR_FAULT));
    }

    @Test
    void noSensorAtStartIsAFaultAndItsArrivalRecovers() {
        LoopRig rig = new LoopRig(Scenarios.named("standing"));
        rig.chip.disconnect();
        rig.runUntil(100 * MS);
        assertEquals(EventType.SENSOR_FAULT, rig.eventRecords.get(0).type());
        assertEquals(0, rig.eventRecords.get(0).tUs());
        rig.runUntilSeconds(2);
        rig.chip.reconnect();
        rig.runUntilSeconds(6);
        assertEquals(1, rig.agent.recoveries());
        assertTrue(rig.agent.samples() > 300);
    }
}
