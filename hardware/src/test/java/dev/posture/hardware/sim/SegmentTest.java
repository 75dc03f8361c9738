package dev.posture.hardware.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Parameters are checked where the segment is made; impossible scripts fail when built. */
class SegmentTest {
    @Test
    void parametersOutOfRangeAreRejectedWithTheirName() {
        assertMessage("lean forward angle must be in [5.0, 60.0], got 70.0", () -> new Segment.LeanForward(8, 70));
        assertMessage("forward drift must be at least 8.0, got 5.0", () -> new Segment.ForwardDrift(5, 20, 4, 2));
        assertMessage("reach must be in [1.5, 10.0], got 20.0", () -> new Segment.Reach(20, 25));
        assertMessage("walk step frequency must be in [1.4, 2.4], got 2.7", () -> new Segment.Walk(30, 2.7, 1.3, 0));
        assertMessage("bus must be at least 60.0, got 30.0", () -> new Segment.Bus(30));
        assertMessage("lean sideways |angle| must be in [5.0, 45.0], got 2.0", () -> new Segment.LeanSideways(8, -2));
        assertMessage("standing must be at least 1.0, got NaN", () -> new Segment.Standing(Double.NaN));
        assertMessage("standing must be at least 1.0, got Infinity",
                () -> new Segment.Standing(Double.POSITIVE_INFINITY));
        assertThrows(NullPointerException.class, () -> new Segment.Reclip(5, null));
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        assertEquals(new Segment.Walk(30, 1.9, 1.3, 0), new Segment.Walk(30));
        assertEquals(new Segment.Jog(30, 2.7, 2.8), new Segment.Jog(30));
        assertEquals(new Segment.Lying(30, -80, 0), new Segment.Lying(30));
        assertEquals(CueRule.DEFAULT, new CueRule(15, 10));
    }

    @Test
    void scriptsThatCannotHappenFailAtBuild() {
        assertMessage("lean forward at 40.0 s needs an upright stance, not lying",
                () -> Scenario.builder("x", 1).then(new Segment.Lying(40), new Segment.LeanForward(8, 25)).build());
        assertMessage("forward drift at 30.0 s: 5.0 deg is not forward of the current posture (5.0 deg)",
                () -> Scenario.builder("x", 1)
                        .then(new Segment.DeskTyping(30), new Segment.ForwardDrift(20, 5, 5, 2)).build());
        assertMessage("bend at 10.0 s is 1.8 s too short",
                () -> Scenario.builder("x", 1).then(new Segment.Sitting(10), new Segment.Bend(3, 60)).build());
        assertMessage("a scenario needs at least one segment", () -> Scenario.builder("x", 1).build());
        assertMessage("micro-motion scale must be in [0, 5], got -1.0",
                () -> Scenario.builder("x", 1).microMotion(-1));
        assertMessage("cue threshold must be in (0, 90) deg, got 0.0", () -> new CueRule(0, 10));
        assertMessage("cue dwell must be in [0, 3600] s, got -1.0", () -> new CueRule(15, -1));
    }

    private static void assertMessage(String expected, Executable e) {
        assertEquals(expected, assertThrows(IllegalArgumentException.class, e).getMessage());
    }
}
