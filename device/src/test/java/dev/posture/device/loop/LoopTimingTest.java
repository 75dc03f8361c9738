package dev.posture.device.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.ThreadMXBean;
import dev.posture.device.pipeline.event.EventRecord;
import dev.posture.hardware.sim.Scenarios;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Deadlines, idling, missed samples, overruns, errors and garbage, on an injected clock. */
class LoopTimingTest {
    static final long MS = 1_000_000L;
    static final long PERIOD = 10 * MS;

    @Test
    void idlesUntilEachSampleDeadline() {
        LoopRig rig = new LoopRig(Scenarios.named("standing"));
        rig.runUntil(1_000 * MS);
        int from = rig.parks.size();
        rig.runUntil(3_000 * MS);
        List<Long> parks = rig.parks.subList(from, rig.parks.size());
        List<Long> ends = rig.parkEnds.subList(from, rig.parkEnds.size());
        assertEquals(200, parks.size(), "one park per sample, never a spin");
        for (int i = 0; i < parks.size(); i++) {
            assertEquals(PERIOD, parks.get(i), "park " + i);
            assertEquals(0, ends.get(i) % PERIOD, "parks end on a sample deadline");
        }
        assertEquals(0, rig.agent.missedSamples());
        assertEquals(0, rig.agent.jitter().max());

        TelemetryWindow.View w = new TelemetryWindow.View();
        assertTrue(rig.agent.telemetry().read(w) >= 2, "a window a second");
        assertEquals(1_000_000, w.endUs() - w.startUs());
        assertEquals(100, w.samples());
        assertEquals(0, w.missed());
        assertTrue(w.minForwardCentiDeg() <= w.meanForwardCentiDeg() && w.meanForwardCentiDeg() <= w.maxForwardCentiDeg());
        assertFalse(w.sensorFault());
        LatestSample.View v = new LatestSample.View();
        assertEquals(rig.agent.samples(), rig.agent.latest().read(v), "one publication per sample");
        assertEquals(rig.agent.samples(), v.samples());
        assertEquals(rig.agent.state(), v.state());
        assertTrue(v.sensorOk());
        assertEquals(0, (v.tUs() * 1000) % PERIOD, "stamped at the slot's deadline on this exact clock");
    }

    @Test
    void clockJumpCountsTheSkippedPeriods() {
        LoopRig rig = new LoopRig(Scenarios.named("standing"));
        rig.runUntil(2_000 * MS);
        long deadline = rig.agent.nextDeadlineNanos();
        long before = rig.agent.samples();
        rig.now[0] = deadline + 55 * MS;                 // the thread was descheduled for 5.5 periods
        rig.runUntil(deadline + 1_055 * MS);
        assertEquals(5, rig.agent.missedSamples());
        assertEquals(5 * MS, rig.agent.maxLatenessNanos(), "half a period late on the slot it took");
        assertEquals(5 * MS, rig.agent.jitter().max());
        assertEquals(0, rig.agent.faults(), "a stall is not a sensor fault");
        assertEquals(101, rig.agent.samples() - before, "slots D+50 ms .. D+1050 ms: the loop goes on at the rate");
        TelemetryWindow.View w = new TelemetryWindow.View();
        assertTrue(rig.agent.telemetry().read(w) >= 2);
    }

    @Test
    void overrunsAreCounted() {
        long[] slowReads = {1};
        LoopRig[] holder = new LoopRig[1];
        LoopRig rig = new LoopRig(Scenarios.named("standing"), LoopSettings.DEFAULTS, imu -> new HookedImu(imu, () -> {
            if (holder[0].now[0] > 2_000 * MS && slowReads[0] > 0) {
                slowReads[0]--;
                holder[0].now[0] += 15 * MS;                  // a bus stalled by clock stretching
            }
        }));
        holder[0] = rig;
        rig.runUntil(3_000 * MS);
        assertEquals(1, rig.agent.overruns());
        assertEquals(0, rig.agent.missedSamples(), "the next slot is 5 ms late, not missed");
        assertEquals(5 * MS, rig.agent.maxLatenessNanos());
    }

    @Test
    void anUncheckedDriverExceptionIsASensorErrorAndTheLoopGoesOn() {
        int[] failures = {1};
        LoopRig[] holder = new LoopRig[1];
        LoopRig rig = new LoopRig(Scenarios.named("standing"), LoopSettings.DEFAULTS, imu -> new HookedImu(imu, () -> {
            if (holder[0].now[0] > 2_000 * MS && failures[0] > 0) {
                failures[0]--;
                throw new IllegalStateException("provider bug");
            }
        }));
        holder[0] = rig;
        rig.runUntil(3_000 * MS);
        assertEquals(1, rig.agent.sensorErrors());
        assertEquals(0, rig.agent.faults());
        assertTrue(rig.agent.samples() > 280, rig.agent.samples() + " samples");
    }

    @Test
    void runnerHandsExceptionsToTheHandlerAndKeepsGoing() {
        long[] now = {0};
        int[] calls = {0};
        Agent flaky = new Agent() {
            @Override
            public int doWork() {
                calls[0]++;
                if (calls[0] % 3 == 0) {
                    throw new IllegalStateException("bug " + calls[0]);
                }
                return 0;
            }

            @Override
            public long nextDeadlineNanos() {
                return now[0] + PERIOD;
            }

            @Override
            public String roleName() {
                return "flaky";
            }
        };
        List<Throwable> handled = new ArrayList<>();
        List<Long> parks = new ArrayList<>();
        AgentRunner runner = new AgentRunner(flaky, (t, deadline) -> {
            parks.add(deadline - t);
            now[0] = deadline;
        }, handled::add, () -> now[0]);
        for (int i = 0; i < 9; i++) {
            runner.runOneCycle();
        }
        assertEquals(3, runner.errors());
        assertEquals(List.of("bug 3", "bug 6", "bug 9"), handled.stream().map(Throwable::getMessage).toList());
        assertEquals(9, parks.size(), "idles after an error too: a doWork that keeps throwing does not spin");
        AgentRunner failingHandler = new AgentRunner(flaky, (t, d) -> now[0] = d, e -> {
            throw new RuntimeException("handler");
        }, () -> now[0]);
        for (int i = 0; i < 3; i++) {
            failingHandler.runOneCycle();
        }
        assertEquals(1, failingHandler.errors());
        assertEquals(1, failingHandler.handlerErrors());
    }

    @Test
    void steadyStateAllocatesNothingPerSample() {
        LoopRig rig = new LoopRig(Scenarios.named("drift"));
        rig.runUntilSeconds(40);                            // calibrated, JIT warm
        rig.recordParks = false;
        ThreadMXBean mx = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        EventRecord e = new EventRecord();
        long best = Long.MAX_VALUE;
        long samples = 0;
        for (int round = 0; round < 8 && best != 0; round++) {
            long end = rig.now[0] + 10_000 * MS;
            long taken = rig.agent.samples();
            long allocated = mx.getThreadAllocatedBytes(tid);
            while (rig.now[0] < end) {
                rig.runner.runOneCycle();
                while (rig.ring.poll(e)) {
                    // drained here as the I/O thread would
                }
            }
            best = Math.min(best, mx.getThreadAllocatedBytes(tid) - allocated);
            samples = rig.agent.samples() - taken;
        }
        assertTrue(samples > 900, samples + " samples per round");
        assertEquals(0, best, "bytes allocated in the best 10 s round (loop, driver, emulator and simulator)");
    }
}
