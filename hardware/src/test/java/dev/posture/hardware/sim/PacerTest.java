package dev.posture.hardware.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pacing with a hand-stepped clock: the sleeper advances the clock instead of sleeping. */
class PacerTest {
    private long now = 1_000_000_000L;
    private final List<Long> sleeps = new ArrayList<>();
    private final List<Long> wallAtTick = new ArrayList<>();
    private final List<Long> simAtTick = new ArrayList<>();
    private final Pacer pacer = new Pacer(() -> now, nanos -> {
        sleeps.add(nanos);
        now += nanos;
    });

    private boolean record(long index, long simNanos) {
        wallAtTick.add(now);
        simAtTick.add(simNanos);
        return true;
    }

    @Test
    void realTimeDeliversOneSamplePerPeriod() throws InterruptedException {
        long late = pacer.run(100, 1, 5, this::record);
        assertEquals(0, late);
        assertEquals(List.of(0L, 10_000_000L, 20_000_000L, 30_000_000L, 40_000_000L), simAtTick);
        assertEquals(List.of(1_000_000_000L, 1_010_000_000L, 1_020_000_000L, 1_030_000_000L, 1_040_000_000L),
                wallAtTick);
        assertEquals(List.of(10_000_000L, 10_000_000L, 10_000_000L, 10_000_000L), sleeps);
    }

    @Test
    void acceleratedTimeShrinksTheWallPeriod() throws InterruptedException {
        pacer.run(100, 10, 4, this::record);
        assertEquals(List.of(0L, 10_000_000L, 20_000_000L, 30_000_000L), simAtTick);
        assertEquals(List.of(1_000_000_000L, 1_001_000_000L, 1_002_000_000L, 1_003_000_000L), wallAtTick);
    }

    @Test
    void infiniteSpeedNeverSleeps() throws InterruptedException {
        pacer.run(1000, Double.POSITIVE_INFINITY, 1000, this::record);
        assertEquals(1000, simAtTick.size());
        assertEquals(999_000_000L, simAtTick.get(999));
        assertEquals(List.of(), sleeps);
    }

    /** A slow consumer gets the overdue samples at once (none skipped), counted as late. */
    @Test
    void lateSamplesAreDeliveredAndCounted() throws InterruptedException {
        long late = pacer.run(100, 1, 6, (i, sim) -> {
            record(i, sim);
            now += i == 1 ? 45_000_000L : 1_000_000L; // the second sample takes 45 ms
            return true;
        });
        assertEquals(6, simAtTick.size());
        // Sample 2 was due at +20 ms and starts at +55 ms (late), 3 at +56 (due +30: late),
        // 4 at +57 (due +40: 17 ms behind, late), 5 at +58 (due +50: 8 ms, within one period).
        assertEquals(List.of(0L, 10_000_000L, 55_000_000L, 56_000_000L, 57_000_000L, 58_000_000L),
                wallAtTick.stream().map(t -> t - 1_000_000_000L).toList());
        assertEquals(3, late);
    }

    /** A sleep that ends early is resumed until the sample is due. */
    @Test
    void shortSleepsAreResumed() throws InterruptedException {
        Pacer twitchy = new Pacer(() -> now, nanos -> {
            sleeps.add(nanos);
            now += nanos / 2 + 1;
        });
        twitchy.run(100, 1, 2, this::record);
        assertEquals(1_010_000_000L, wallAtTick.get(1), 1);
        assertEquals(true, sleeps.size() > 2);
    }

    @Test
    void consumerCanStopEarly() throws InterruptedException {
        pacer.run(100, 1, 100, (i, sim) -> record(i, sim) && i < 2);
        assertEquals(3, simAtTick.size());
    }

    @Test
    void drivesASimulatorFaster() throws InterruptedException {
        WearerSimulator sim = Scenarios.named("standing").newSimulator();
        double[] f = new double[3];
        double[] w = new double[3];
        double[] sumZ = new double[1];
        pacer.run(100, 60, 6000, (i, simNanos) -> {
            sim.sample(simNanos, f, w);
            sumZ[0] += f[2];
            return true;
        });
        assertEquals(60_000_000_000L / 60, now - 1_000_000_000L, 10_000_000L); // a minute in a second
        assertEquals(9.80665, sumZ[0] / 6000, 0.1); // upright mount: z is up
    }

    @Test
    void rejectsNonsense() {
        assertEquals("sample rate must be in (0, 100000] Hz, got 0.0",
                assertThrows(IllegalArgumentException.class, () -> pacer.run(0, 1, 1, this::record)).getMessage());
        assertEquals("speed must be > 0 (infinity = as fast as possible), got -1.0",
                assertThrows(IllegalArgumentException.class, () -> pacer.run(100, -1, 1, this::record)).getMessage());
        assertEquals("sample count must be >= 0, got -1",
                assertThrows(IllegalArgumentException.class, () -> pacer.run(100, 1, -1, this::record)).getMessage());
    }

    @Test
    void realTimePacerRunsUnpacedWithoutSleeping() throws InterruptedException {
        long late = Pacer.realTime().run(100, Double.POSITIVE_INFINITY, 50, this::record);
        assertEquals(0, late);
        assertEquals(50, simAtTick.size());
    }
}
