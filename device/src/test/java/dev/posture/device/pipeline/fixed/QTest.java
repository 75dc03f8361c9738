package dev.posture.device.pipeline.fixed;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class QTest {
    @Test
    void convertsAndRoundsQ30() {
        assertEquals(1 << 30, Q.toQ30(1.0));
        assertEquals(-(1 << 29), Q.toQ30(-0.5));
        assertEquals(Integer.MAX_VALUE, Q.toQ30(5.0));
        assertEquals(Integer.MIN_VALUE, Q.toQ30(-5.0));
        assertEquals(0.25, Q.fromQ30(Q.toQ30(0.25)));
        assertEquals(3L << 20, Q.toFixed(3.0, 20));
        assertEquals(Long.MAX_VALUE, Q.toFixed(1e30, 0));
        assertEquals(Long.MIN_VALUE, Q.toFixed(-1e30, 0));
    }

    @Test
    void multipliesWithRoundHalfUp() {
        assertEquals(1 << 29, Q.mul30(1 << 30, 1 << 29));
        assertEquals(1, Q.mul30(1, 1 << 29));      // 0.5 LSB rounds up
        assertEquals(0, Q.mul30(-1, 1 << 29));     // -0.5 LSB rounds up to 0
        assertEquals(-1, Q.mul30(-3, 1 << 29));    // -1.5 LSB rounds up to -1
        assertEquals(2, Q.shiftRound(3, 1));
        assertEquals(-1, Q.shiftRound(-3, 1));
    }

    @Test
    void saturatesInsteadOfWrapping() {
        assertEquals(Integer.MAX_VALUE, Q.addSat(Integer.MAX_VALUE, 1));
        assertEquals(Integer.MIN_VALUE, Q.subSat(Integer.MIN_VALUE, 1));
        assertEquals(Long.MAX_VALUE, Q.addSat(Long.MAX_VALUE - 1, 5L));
        assertEquals(Long.MIN_VALUE, Q.addSat(Long.MIN_VALUE + 1, -5L));
        assertEquals(7L, Q.addSat(3L, 4L));
        assertEquals(Integer.MAX_VALUE, Q.mul30Sat(Integer.MAX_VALUE, Integer.MAX_VALUE));
        assertEquals(Integer.MIN_VALUE, Q.mul30Sat(Integer.MAX_VALUE, Integer.MIN_VALUE));
        assertEquals(Integer.MAX_VALUE, Q.saturateToInt(1L << 40));
        assertEquals(-5, Q.clamp(-9, 5));
        assertEquals(5, Q.clamp(9, 5));
        assertEquals(2, Q.clamp(2, 5));
        assertEquals(3, Q.clamp(1, 3, 8));
    }
}
