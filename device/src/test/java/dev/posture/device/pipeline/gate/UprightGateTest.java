package dev.posture.device.pipeline.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class UprightGateTest {
    @Test
    void closesPastTheLimitAndReopensBelowTheHysteresisAfterTheHold() {
        UprightGate g = new UprightGate(UprightGate.Params.DEFAULTS); // 50 deg, 10 deg, 1 s
        assertTrue(g.step(0, 4999));
        assertTrue(g.step(10_000, 5000));
        assertFalse(g.step(20_000, 5001));
        assertFalse(g.step(30_000, 4500)); // within the hysteresis band
        assertFalse(g.step(40_000, 3999)); // below: the hold starts
        assertFalse(g.step(1_039_999, 3999));
        assertTrue(g.step(1_040_000, 3999));
    }

    @Test
    void aBriefReturnDoesNotReopen() {
        UprightGate g = new UprightGate(UprightGate.Params.DEFAULTS);
        g.step(0, 8000);
        g.step(100_000, 1000);
        g.step(600_000, 4200); // back into the band: the hold restarts
        assertFalse(g.step(1_200_000, 1000));
        assertFalse(g.step(2_199_999, 1000));
        assertTrue(g.step(2_200_000, 1000));
    }

    @Test
    void resetOpensAndParamsAreChecked() {
        UprightGate g = new UprightGate(new UprightGate.Params(45, 5, 0));
        assertFalse(g.step(0, 4501));
        assertTrue(g.step(1, 3999)); // no hold
        g.step(2, 9000);
        g.reset();
        assertTrue(g.upright());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new UprightGate.Params(50, 60, 1));
        assertEquals("hysteresisDeg must be in [0, limitDeg), got 60.0", e.getMessage());
    }
}
