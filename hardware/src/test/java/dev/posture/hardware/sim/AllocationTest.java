package dev.posture.hardware.sim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** The per-sample paths allocate nothing (measured with the JVM's per-thread allocation counter). */
class AllocationTest {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    /** Slack for the counter's own bookkeeping; per-sample garbage would be megabytes here. */
    private static final long SLACK_BYTES = 2048;
    private static final int SAMPLES = 100_000;

    private final Scenario day = Scenarios.named("desk-day");

    @Test
    void motionSourceSampleAllocatesNothing() {
        WearerSimulator sim = day.newSimulator();
        double[] f = new double[3];
        double[] w = new double[3];
        long period = Math.round(day.durationS() * 1e9 / SAMPLES); // sweeps the whole day: every segment kind
        for (int i = 0; i < SAMPLES; i++) { // warm-up: let the JIT compile the path
            sim.sample(i * period, f, w);
        }
        long before = allocated();
        for (int i = 0; i < SAMPLES; i++) {
            sim.sample(i * period, f, w);
        }
        long bytes = allocated() - before;
        assertTrue(bytes < SLACK_BYTES, bytes + " bytes for " + SAMPLES + " samples");
    }

    @Test
    void evaluateWithGroundTruthAllocatesNothing() {
        WearerSimulator sim = day.newSimulator();
        SimRow row = new SimRow();
        double step = day.durationS() / SAMPLES;
        for (int i = 0; i < SAMPLES; i++) {
            sim.evaluate(i * step, row);
        }
        long before = allocated();
        for (int i = 0; i < SAMPLES; i++) {
            sim.evaluate(i * step, row);
        }
        long bytes = allocated() - before;
        assertTrue(bytes < SLACK_BYTES, bytes + " bytes for " + SAMPLES + " rows");
    }

    @Test
    void rowCursorAllocatesNothingPerRow() {
        RowCursor warm = day.rows(100);
        while (warm.next()) {
            warm.row().acc(0);
        }
        RowCursor rows = day.rows(100);
        double sum = 0;
        long before = allocated();
        while (rows.next()) {
            sum += rows.row().acc(2);
        }
        long bytes = allocated() - before;
        assertTrue(bytes < SLACK_BYTES, bytes + " bytes for " + rows.count() + " rows");
        assertTrue(sum > 0);
    }

    private static long allocated() {
        assertTrue(THREADS.isThreadAllocatedMemorySupported() && THREADS.isThreadAllocatedMemoryEnabled());
        return THREADS.getThreadAllocatedBytes(Thread.currentThread().getId());
    }
}
