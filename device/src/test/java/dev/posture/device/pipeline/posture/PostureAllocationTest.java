package dev.posture.device.pipeline.posture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posture.device.pipeline.event.EventRecord;
import dev.posture.device.pipeline.event.EventRing;
import dev.posture.protocol.config.DailyWindow;
import dev.posture.protocol.message.EventType;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The posture stage allocates nothing per sample, measured with the JVM's per-thread allocation
 * counter over a synthetic 20-minute cycle at 100 Hz that goes through every feature: cues and
 * repeats, recoveries, gates, a re-clip alert, a sensor fault, a snooze, a drill, check-ins, quiet
 * hours (the wall clock runs a minute per second here) and, in a second stage, the exposure rule.
 * Commands are issued from the loop as the runtime would. JIT warm-up may allocate once, so the
 * test runs two warm-up cycles and then requires a cycle with 0 bytes among up to five.
 */
class PostureAllocationTest {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final int RATE = 100;
    private static final long CYCLE_SAMPLES = 1200L * RATE;

    private final EventRing ring = new EventRing(256, 0);
    private final PostureParams params = PostureParams.DEFAULTS.withCheckins(10, 120, 5)
            .withQuietHours(new DailyWindow(22 * 60, 7 * 60)).withDrill(3, 3, 3, 3, 500);
    private final PostureStage dwell = new PostureStage(params, ring);
    private final PostureStage exposure = new PostureStage(params.withExposure(true, 5, 30), ring);
    private final PostureInput in = new PostureInput();
    private final EventRecord out = new EventRecord();
    private final int[] counts = new int[EventType.values().length];
    private long sample;

    /** Keeps the probe allocation alive, so the counter must see it. */
    static byte[] probe;

    @Test
    void aSampleAllocatesNothing() {
        assertTrue(THREADS.isThreadAllocatedMemorySupported() && THREADS.isThreadAllocatedMemoryEnabled());
        long probeBefore = allocated();
        probe = new byte[4096];
        assertTrue(allocated() - probeBefore >= 4096, "the counter sees an allocation");
        cycle();
        cycle();
        long best = Long.MAX_VALUE;
        for (int round = 0; round < 5 && best > 0; round++) {
            long before = allocated();
            cycle();
            best = Math.min(best, allocated() - before);
        }
        assertEquals(0, best, "bytes in the quietest cycle of " + CYCLE_SAMPLES + " samples");
        for (EventType type : new EventType[] {EventType.CUE, EventType.RECOVERED, EventType.CHECKIN_DUE,
                EventType.DRILL_DONE, EventType.SNOOZED, EventType.RECALIBRATION_NEEDED}) {
            assertTrue(counts[type.ordinal()] > 0, type + " never happened: " + Arrays.toString(counts));
        }
        assertTrue(counts[EventType.CHECKIN_DONE.ordinal()] + counts[EventType.CHECKIN_MISSED.ordinal()] > 0);
        assertEquals(0, ring.dropped());
    }

    private void cycle() {
        for (long i = 0; i < CYCLE_SAMPLES; i++) {
            long tS = i / RATE; // second within the cycle
            wearer(tS);
            if (i == 350L * RATE) {
                dwell.requestDrillStart();
                exposure.requestDrillStart();
            }
            if (i == 520L * RATE) {
                dwell.requestSnooze(1);
                exposure.requestSnooze(1);
            }
            if (i % RATE == 0) {
                int minute = (int) ((sample / RATE) % 1440);
                dwell.setLocalMinuteOfDay(minute);
                exposure.setLocalMinuteOfDay(minute);
            }
            in.tUs = 1_000_000 + sample * (1_000_000 / RATE);
            dwell.step(in);
            exposure.step(in);
            while (ring.poll(out)) {
                counts[out.type().ordinal()]++;
            }
            sample++;
        }
    }

    /** The scripted wearer at second {@code tS} of the cycle. */
    private void wearer(long tS) {
        in.sensorOk = true;
        in.calibrated = true;
        in.needsRecalibration = false;
        in.upright = true;
        in.activity = PostureInput.ACTIVITY_STILL;
        in.forwardCentiDeg = 0;
        if (tS >= 100 && tS < 200) {
            in.forwardCentiDeg = 2000;
        } else if (tS >= 260 && tS < 320) {
            in.activity = PostureInput.ACTIVITY_WALKING;
            in.forwardCentiDeg = 500;
        } else if (tS >= 320 && tS < 330) {
            in.upright = false;
        } else if (tS >= 330 && tS < 340) {
            in.needsRecalibration = true;
        } else if (tS >= 400 && tS < 500) {
            in.activity = PostureInput.ACTIVITY_LIGHT;
            in.forwardCentiDeg = 1800;
        } else if (tS >= 500 && tS < 510) {
            in.sensorOk = false;
        } else if (tS >= 600) {
            in.forwardCentiDeg = (tS % 60) < 40 ? 2000 : -100;
        }
    }

    private static long allocated() {
        return THREADS.getThreadAllocatedBytes(Thread.currentThread().getId());
    }
}
