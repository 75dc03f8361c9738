package dev.posture.hardware.button;

import static dev.posture.hardware.button.Button.Press.LONG;
import static dev.posture.hardware.button.Button.Press.SHORT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The debounce and press state machine with exact timestamps. */
class PressDetectorTest {
    private static final long DEBOUNCE = ms(25);
    private static final long SHORT_MAX = ms(1_000);
    private static final long LONG_PRESS = ms(2_000);
    private static final long T0 = ms(100_000);

    private final PressDetector detector = new PressDetector(DEBOUNCE, SHORT_MAX, LONG_PRESS, false, T0);

    private static long ms(long millis) {
        return millis * 1_000_000L;
    }

    private static long at(long millis) {
        return T0 + ms(millis);
    }

    @Test
    void cleanShortPressFiresOnTheDebouncedRelease() {
        assertNull(detector.update(true, at(1_000)));
        assertEquals(at(1_025), detector.nextDeadlineNanos());
        assertNull(detector.tick(at(1_025) - 1));
        assertFalse(detector.isPressed());
        assertNull(detector.tick(at(1_025)));
        assertTrue(detector.isPressed());
        assertEquals(at(3_000), detector.nextDeadlineNanos());          // long-press threshold
        assertNull(detector.update(false, at(1_300)));
        assertEquals(at(1_325), detector.nextDeadlineNanos());
        assertNull(detector.tick(at(1_325) - 1));
        assertEquals(SHORT, detector.tick(at(1_325)));
        assertEquals(PressDetector.NO_DEADLINE, detector.nextDeadlineNanos());
    }

    @Test
    void bouncingContactsSettleIntoOnePress() {
        // press: the contact chatters for 4 ms
        long[] pressEdges = {at(0), at(1), at(2), at(3), at(4)};
        boolean level = true;
        for (long t : pressEdges) {
            assertNull(detector.update(level, t));
            level = !level;
        }
        assertEquals(at(4) + DEBOUNCE, detector.nextDeadlineNanos());    // dated from the last edge
        assertNull(detector.tick(at(29)));
        assertTrue(detector.isPressed());
        // release: chatters again
        long[] releaseEdges = {at(400), at(401), at(403), at(404), at(406)};
        level = false;
        for (long t : releaseEdges) {
            assertNull(detector.update(level, t));
            level = !level;
        }
        assertNull(detector.tick(at(430)));
        assertEquals(SHORT, detector.tick(at(431)));                     // 406 + 25
        assertNull(detector.tick(at(5_000)));
    }

    @Test
    void glitchShorterThanTheDebounceIsIgnored() {
        assertNull(detector.update(true, at(0)));
        assertNull(detector.update(false, at(10)));
        assertEquals(PressDetector.NO_DEADLINE, detector.nextDeadlineNanos());
        assertNull(detector.tick(at(10_000)));
        assertFalse(detector.isPressed());
    }

    @Test
    void debounceThresholdIsInclusive() {
        assertNull(detector.update(true, at(0)));
        assertNull(detector.update(false, at(25) - 1));                  // 1 ns short: a glitch
        assertNull(detector.tick(at(1_000)));
        assertFalse(detector.isPressed());

        assertNull(detector.update(true, at(2_000)));
        assertNull(detector.update(false, at(2_025)));                   // exactly 25 ms: a press
        assertTrue(detector.isPressed());
        assertEquals(SHORT, detector.tick(at(2_050)));
    }

    @Test
    void longPressFiresWhileHeldAtExactlyTheThreshold() {
        assertNull(detector.update(true, at(0)));
        assertNull(detector.tick(at(25)));
        assertNull(detector.tick(at(2_000) - 1));
        assertEquals(LONG, detector.tick(at(2_000)));
        assertEquals(PressDetector.NO_DEADLINE, detector.nextDeadlineNanos());
        assertNull(detector.tick(at(10_000)));                           // only once
        assertNull(detector.update(false, at(12_000)));
        assertNull(detector.tick(at(12_025)));                           // and no SHORT on release
        assertFalse(detector.isPressed());
    }

    @Test
    void shortMaxThresholdIsExclusive() {
        assertNull(detector.update(true, at(0)));
        assertNull(detector.update(false, at(1_000) - 1));
        assertEquals(SHORT, detector.tick(at(1_100)));

        assertNull(detector.update(true, at(5_000)));
        assertNull(detector.update(false, at(6_000)));                   // held exactly 1 s
        assertNull(detector.tick(at(6_100)));
        assertFalse(detector.isPressed());
    }

    @Test
    void aPressBetweenShortAndLongDoesNothing() {
        assertNull(detector.update(true, at(0)));
        assertNull(detector.update(false, at(1_500)));
        assertNull(detector.tick(at(1_525)));
        assertFalse(detector.isPressed());
        assertEquals(PressDetector.NO_DEADLINE, detector.nextDeadlineNanos());
    }

    @Test
    void glitchDuringAHoldDoesNotBreakTheLongPress() {
        assertNull(detector.update(true, at(0)));
        assertNull(detector.update(false, at(1_500)));                   // 5 ms release glitch
        assertNull(detector.update(true, at(1_505)));
        assertEquals(LONG, detector.tick(at(2_000)));
    }

    @Test
    void glitchAcrossTheThresholdDelaysLongUntilTheContactIsBack() {
        assertNull(detector.update(true, at(0)));
        assertNull(detector.update(false, at(1_990)));
        assertNull(detector.tick(at(2_000)));                             // contact open right now
        assertNull(detector.update(true, at(2_010)));                     // back after 20 ms
        assertEquals(at(2_000), detector.nextDeadlineNanos());            // overdue: tick at once
        assertEquals(LONG, detector.tick(at(2_010)));
    }

    @Test
    void edgeArrivingAfterTheThresholdStillFiresLongFirst() {
        assertNull(detector.update(true, at(0)));
        assertEquals(LONG, detector.update(false, at(3_000)));            // nobody ticked in between
        assertNull(detector.tick(at(3_025)));
    }

    @Test
    void aSampleFoundReleasedAtTheThresholdDoesNotFireLong() {
        assertNull(detector.update(true, at(0)));
        assertNull(detector.tick(at(25)));
        assertNull(detector.sample(false, at(2_000)));                    // the release edge was lost
        assertNull(detector.sample(false, at(2_025)));
        assertFalse(detector.isPressed());
        assertEquals(PressDetector.NO_DEADLINE, detector.nextDeadlineNanos());
    }

    @Test
    void aSampleStillPressedAtTheThresholdFiresLong() {
        assertNull(detector.update(true, at(0)));
        assertNull(detector.sample(true, at(25)));
        assertEquals(LONG, detector.sample(true, at(2_000)));
    }

    @Test
    void aButtonHeldAtStartIsIgnoredUntilPressedAgain() {
        PressDetector held = new PressDetector(DEBOUNCE, SHORT_MAX, LONG_PRESS, true, T0);
        assertTrue(held.isPressed());
        assertEquals(PressDetector.NO_DEADLINE, held.nextDeadlineNanos());
        assertNull(held.tick(at(5_000)));                                 // a stuck button never fires
        assertNull(held.update(false, at(6_000)));
        assertNull(held.tick(at(6_025)));
        assertNull(held.update(true, at(7_000)));
        assertNull(held.update(false, at(7_200)));
        assertEquals(SHORT, held.tick(at(7_225)));
    }

    @Test
    void repeatedLevelsAreHarmless() {
        assertNull(detector.update(true, at(0)));
        assertNull(detector.update(true, at(10)));                        // same level again
        assertEquals(at(25), detector.nextDeadlineNanos());               // not restarted
        assertNull(detector.update(true, at(25)));
        assertTrue(detector.isPressed());
    }

    @Test
    void validation() {
        assertEquals("debounce must be positive, got 0 ns", assertThrows(IllegalArgumentException.class,
                () -> new PressDetector(0, SHORT_MAX, LONG_PRESS, false, 0)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new PressDetector(DEBOUNCE, ms(20), LONG_PRESS, false, 0));
        assertThrows(IllegalArgumentException.class, () -> new PressDetector(DEBOUNCE, SHORT_MAX, ms(500), false, 0));
    }
}
