package dev.posture.device.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posture.protocol.message.PostureState;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The latest-value slots the loop publishes for the I/O threads. */
class SnapshotTest {
    @Test
    void aReaderNeverSeesAHalfWrittenSet() throws InterruptedException {
        Seqlock slot = new Seqlock(3);
        int writes = 2_000_000;
        AtomicReference<String> torn = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            long[] out = new long[3];
            long last = 0;
            while (last < writes && torn.get() == null) {
                long version = slot.read(out);
                if (out[1] != out[0] * 3 || out[2] != -out[0]) {
                    torn.set(java.util.Arrays.toString(out));
                }
                if (version < last) {
                    torn.set("version went back");
                }
                last = version;
            }
        });
        reader.start();
        for (long i = 1; i <= writes; i++) {
            slot.begin();
            slot.set(0, i);
            slot.set(1, i * 3);
            slot.set(2, -i);
            slot.end();
        }
        reader.join();
        assertEquals(null, torn.get());
        assertEquals(writes, slot.version());
    }

    @Test
    void latestSampleRoundTrips() {
        LatestSample latest = new LatestSample();
        LatestSample.View v = new LatestSample.View();
        assertEquals(0, latest.read(v));
        latest.publish(123_456, -1850, PostureState.FAULT, true, true, false, 42);
        assertEquals(1, latest.read(v));
        assertEquals(123_456, v.tUs());
        assertEquals(-1850, v.forwardCentiDeg());
        assertEquals(PostureState.FAULT, v.state());
        assertTrue(v.calibrated());
        assertFalse(v.sensorOk());
        assertTrue(v.forwardKnown());
        assertEquals(42, v.samples());
        latest.publish(123_466, 0, PostureState.UPRIGHT, true, false, true, 43);
        assertEquals(2, latest.read(v));
        assertFalse(v.forwardKnown());
        assertTrue(v.sensorOk());
    }

    @Test
    void telemetryWindowSummarisesOneSecond() {
        TelemetryWindow w = new TelemetryWindow();
        TelemetryWindow.View v = new TelemetryWindow.View();
        long t = 5_000_000;
        for (int i = 0; i < 100; i++) {       // 0..99 deg*100, one per 10 ms
            w.addSample(t, i * 100);
            w.maybePublish(t, 1_000_000, PostureState.UPRIGHT, false);
            t += 10_000;
        }
        assertEquals(0, w.version(), "not a second yet");
        w.addMissed(t, 2);
        w.maybePublish(t, 1_000_000, PostureState.DRIFTING, false);
        assertEquals(1, w.read(v));
        assertEquals(5_000_000, v.startUs());
        assertEquals(6_000_000, v.endUs());
        assertEquals(100, v.samples());
        assertEquals(2, v.missed());
        assertEquals(0, v.minForwardCentiDeg());
        assertEquals(4950, v.meanForwardCentiDeg());
        assertEquals(9900, v.maxForwardCentiDeg());
        assertEquals(PostureState.DRIFTING, v.state());
        assertFalse(v.sensorFault());
    }
}
