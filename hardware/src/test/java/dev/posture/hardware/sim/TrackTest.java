package dev.posture.hardware.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TrackTest {
    @Test
    void minimumJerkStartsAndEndsAtRest() {
        assertEquals(0, MinJerk.s(0), 0.0);
        assertEquals(1, MinJerk.s(1), 0.0);
        assertEquals(0.5, MinJerk.s(0.5), 1e-15);
        assertEquals(0, MinJerk.ds(0), 0.0);
        assertEquals(0, MinJerk.ds(1), 0.0);
        assertEquals(MinJerk.PEAK_DS, MinJerk.ds(0.5), 1e-12);
        assertEquals(MinJerk.PEAK_DDS, MinJerk.dds(0.5 - Math.sqrt(3) / 6), 1e-9);
        assertEquals(0, MinJerk.dds(0.999999), 1e-3);
    }

    @Test
    void overlappingMovesAddAndDerivativesMatchFiniteDifferences() {
        Track track = new Track.Builder(2)
                .moveTo(1, 4, 5)          // 2 -> 5 over [1, 5]
                .bump(3, 1, 0.5, 2, -1)   // down 1 over [3, 4], back over [4.5, 6.5]
                .moveBy(6, 10, 0.25)      // a long creep
                .build();
        assertEquals(2, track.value(0), 0.0);
        assertEquals(5.25, track.value(100), 1e-12);
        assertEquals(5.25, track.finalValue(), 1e-12);
        assertEquals(16, track.lastMoveEnd(), 0.0);
        double[] v = new double[3];
        double[] lo = new double[3];
        double[] hi = new double[3];
        double h = 1e-5;
        for (double t = -1; t < 18; t += 0.01) {
            track.eval(t, v, 0);
            track.eval(t - h, lo, 0);
            track.eval(t + h, hi, 0);
            assertEquals(track.value(t), v[0], 1e-12);
            assertEquals((hi[0] - lo[0]) / (2 * h), v[1], 1e-6, "d1 at " + t);
            // The jerk jumps where a move starts or ends, which costs a central difference O(h).
            assertEquals((hi[1] - lo[1]) / (2 * h), v[2], 1e-3, "d2 at " + t);
        }
        track.eval(4.25, v, 0); // inside the hold of the bump, first move still going
        assertEquals(2 + 3 * MinJerk.s(3.25 / 4) - 1, v[0], 1e-12);
    }

    @Test
    void aBumpReturnsExactlyToItsStart() {
        Track track = new Track.Builder(0).bump(0, 1, 2, 1, 0.25).build();
        assertEquals(0.0, track.value(10), 0.0);
        assertEquals(0.25, track.value(2), 0.0);
    }

    @Test
    void zeroMovesAreDroppedAndBadDurationsRejected() {
        Track.Builder b = new Track.Builder(1).moveTo(0, 1, 1);
        assertEquals(0, b.build().moveCount());
        assertEquals("move duration must be > 0 s, got 0.0",
                assertThrows(IllegalArgumentException.class, () -> b.moveBy(0, 0, 1)).getMessage());
    }

    @Test
    void oscillatorBankIsSilentOutsideItsGateAndExactInside() {
        Track gain = new Track.Builder(0).bump(10, 2, 5, 2, 1).build();
        OscillatorBank bank = new OscillatorBank(Channel.PITCH, 0, gain, new double[] {0.5, 0.1},
                new double[] {3, 20}, new double[] {0.2, 1});
        assertEquals(10, bank.activeFrom, 0.0);
        assertEquals(19, bank.activeTo, 0.0);
        double[] g = new double[3];
        double[] out = new double[3];
        gain.eval(5, g, 0);
        bank.addTo(5, g, 0, out, 0);
        assertEquals(0, out[0] + out[1] + out[2], 0.0);
        double t = 14;
        gain.eval(t, g, 0);
        bank.addTo(t, g, 0, out, 0);
        assertEquals(0.5 * Math.sin(3 * t + 0.2) + 0.1 * Math.sin(20 * t + 1), out[0], 1e-12);
        assertEquals(1.5 * Math.cos(3 * t + 0.2) + 2 * Math.cos(20 * t + 1), out[1], 1e-12);
        assertEquals(-4.5 * Math.sin(3 * t + 0.2) - 40 * Math.sin(20 * t + 1), out[2], 1e-12);
    }
}
