package dev.posture.hardware.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DeterminismTest {
    /** Same name and seed: every column of every row is bit-identical. */
    @Test
    void sameSeedSameOutput() {
        RowCursor a = Scenarios.named("desk-day", 7).rows(20);
        RowCursor b = Scenarios.named("desk-day", 7).rows(20);
        long n = 0;
        while (a.next()) {
            assertTrue(b.next());
            for (int c = 0; c < SimRow.COLUMNS.size(); c++) {
                assertEquals(Double.doubleToLongBits(a.row().value(c)), Double.doubleToLongBits(b.row().value(c)),
                        "row " + n + " column " + SimRow.COLUMNS.get(c));
            }
            n++;
        }
        assertEquals(a.count(), n);
    }

    @Test
    void anotherSeedAnotherWearer() {
        Scenario a = Scenarios.named("bus", 1);
        Scenario b = Scenarios.named("bus", 2);
        assertEquals(a.spans(), b.spans()); // same script
        double[] fa = new double[3];
        double[] fb = new double[3];
        double[] w = new double[3];
        int differ = 0;
        for (long t = 0; t < 100_000_000_000L; t += 1_000_000_000L) {
            a.newSimulator().sample(t, fa, w);
            b.newSimulator().sample(t, fb, w);
            if (fa[0] != fb[0]) {
                differ++;
            }
        }
        assertTrue(differ > 90, "samples that differ: " + differ);
        assertNotEquals(a.plan().channels[Channel.HEADING.ordinal()].base(),
                b.plan().channels[Channel.HEADING.ordinal()].base()); // another initial heading
    }

    /** Any order of sampling gives the same answer: there is no hidden state between samples. */
    @Test
    void randomAccessEqualsSequential() {
        Scenario day = Scenarios.named("desk-day");
        WearerSimulator forward = day.newSimulator();
        WearerSimulator backward = day.newSimulator();
        int n = 5000;
        double[][] expected = new double[n][6];
        double[] f = new double[3];
        double[] w = new double[3];
        long step = (long) (day.durationS() * 1e9 / n);
        for (int i = 0; i < n; i++) {
            forward.sample(i * step, f, w);
            System.arraycopy(f, 0, expected[i], 0, 3);
            System.arraycopy(w, 0, expected[i], 3, 3);
        }
        for (int i = n - 1; i >= 0; i--) {
            backward.sample(i * step, f, w);
            for (int k = 0; k < 3; k++) {
                assertEquals(expected[i][k], f[k], 0.0);
                assertEquals(expected[i][k + 3], w[k], 0.0);
            }
        }
    }

    @Test
    void microMotionOffKeepsTheSameRouteAndCues() {
        Scenario noisy = Scenarios.named("desk-day");
        Scenario quiet = Scenario.builder("desk-day", Scenarios.DEFAULT_SEED).microMotion(0)
                .then(noisy.segments().toArray(new Segment[0])).build();
        Track a = noisy.plan().channels[Channel.HEADING.ordinal()];
        Track b = quiet.plan().channels[Channel.HEADING.ordinal()];
        assertEquals(a.moveCount(), b.moveCount());
        assertEquals(a.finalValue(), b.finalValue(), 0.0);
        assertEquals(noisy.expectedCues().size(), quiet.expectedCues().size());
    }
}
