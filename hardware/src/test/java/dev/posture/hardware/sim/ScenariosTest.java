package dev.posture.hardware.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ScenariosTest {
    @Test
    void registryListsEveryShippedScenario() {
        assertEquals(List.of("bending", "bus", "desk-day", "drift", "jogging", "lying", "phone", "reach", "reclip",
                "second-monitor", "sideways", "standing", "walking"), Scenarios.names());
    }

    @Test
    void unknownNameListsTheValidOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Scenarios.named("desk"));
        assertEquals("unknown scenario 'desk'; valid names: bending, bus, desk-day, drift, jogging, lying, phone, "
                + "reach, reclip, second-monitor, sideways, standing, walking", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Scenarios.named(null));
        assertTrue(e.getMessage().startsWith("unknown scenario 'null'; valid names: bending,"));
    }

    @Test
    void deskDayIsACompressedWorkdayWithEveryActivityButJogging() {
        Scenario day = Scenarios.named("desk-day");
        assertTrue(day.durationS() >= 600 && day.durationS() <= 1200, "duration " + day.durationS());
        Set<SegmentKind> kinds = EnumSet.noneOf(SegmentKind.class);
        day.spans().forEach(s -> kinds.add(s.kind()));
        assertEquals(EnumSet.complementOf(EnumSet.of(SegmentKind.JOGGING)), kinds);
        assertEquals(2, day.calibrations().size());
        assertEquals(1, day.offBodyWindows().size());
        assertEquals(Mount.UPSIDE_DOWN, day.mountAt(day.durationS()));
        // Cues: four drift episodes and the phone look, each inside its own segment.
        List<TimeWindow> cues = day.expectedCues();
        assertEquals(5, cues.size());
        for (TimeWindow cue : cues) {
            Scenario.Span span = spanAt(day, cue.startS());
            assertTrue(span.kind() == SegmentKind.FORWARD_DRIFT || span.kind() == SegmentKind.PHONE, span.toString());
            assertTrue(cue.endS() <= span.endS(), cue + " within " + span);
        }
    }

    static List<String> names() {
        return Scenarios.names();
    }

    /** Only drifts and phone looks beyond the threshold should cue; the activities never. */
    @ParameterizedTest
    @MethodSource("names")
    void expectedCuesPerScenario(String name) {
        Map<String, Integer> cues = Map.of("desk-day", 5, "drift", 2, "phone", 2, "reclip", 1);
        Scenario scenario = Scenarios.named(name);
        assertEquals(cues.getOrDefault(name, 0), scenario.expectedCues().size(), scenario.describe());
    }

    /** Every scenario starts with a calibration whose windows sit in the right segments. */
    @ParameterizedTest
    @MethodSource("names")
    void calibrationWindowsSitInStandingAndLeanSegments(String name) {
        Scenario scenario = Scenarios.named(name);
        for (Scenario.Calibration c : scenario.calibrations()) {
            assertEquals(SegmentKind.STANDING, spanAt(scenario, c.neutral().startS()).kind());
            assertEquals(SegmentKind.STANDING, spanAt(scenario, c.neutral().endS()).kind());
            assertEquals(SegmentKind.LEAN_FORWARD, spanAt(scenario, c.lean().startS()).kind());
            assertEquals(SegmentKind.LEAN_FORWARD, spanAt(scenario, c.lean().endS()).kind());
            assertTrue(c.neutral().durationS() >= 5 && c.lean().durationS() >= 3, c.toString());
        }
        assertEquals(0, scenario.neutralWindow().startS(), 3);
    }

    /** The cue_expected column follows the windows; a stricter rule gives fewer or shorter cues. */
    @Test
    void cueRuleDrivesTheCueColumn() {
        Scenario drift = Scenarios.named("drift");
        RowCursor rows = drift.rows(10);
        int expectedRows = 0;
        while (rows.next()) {
            SimRow r = rows.row();
            boolean inWindow = drift.expectedCues().stream().anyMatch(w -> w.contains(r.tS()));
            assertEquals(inWindow, r.cueExpected(), "t=" + r.tS());
            if (r.cueExpected()) {
                expectedRows++;
                assertTrue(r.gateOpen() && r.forwardDeg() > 15, r.toString());
            }
        }
        assertTrue(expectedRows > 500, "rows with a cue due: " + expectedRows);
        assertEquals(0, drift.expectedCues(new CueRule(25, 10)).size());
        assertEquals(3, drift.expectedCues(new CueRule(8, 10)).size());
        double lenient = total(drift.expectedCues(new CueRule(15, 5)));
        double strict = total(drift.expectedCues(new CueRule(15, 30)));
        assertEquals(lenient - 2 * 25, strict, 0.1); // two windows, each 25 s shorter
    }

    @Test
    void describeNamesSegmentsWindowsAndCues() {
        String text = Scenarios.named("reclip").describe();
        assertTrue(text.startsWith("scenario reclip (seed 1): 154.0 s, 11 segments"), text);
        assertTrue(text.contains("RECLIP"), text);
        assertTrue(text.contains("calibration: neutral 2.50:11.75, lean 13.75:17.25"), text);
        assertTrue(text.contains("off body: "), text);
        assertTrue(text.contains("expected cues (threshold 15.0 deg, dwell 10.0 s): ["), text);
    }

    @Test
    void aScenarioWithoutCalibrationSaysSo() {
        Scenario s = Scenario.builder("plain", 1).then(new Segment.Standing(5)).build();
        IllegalStateException e = assertThrows(IllegalStateException.class, s::neutralWindow);
        assertEquals("scenario plain has no calibration", e.getMessage());
    }

    private static double total(List<TimeWindow> windows) {
        return windows.stream().mapToDouble(TimeWindow::durationS).sum();
    }

    private static Scenario.Span spanAt(Scenario s, double t) {
        return s.spans().stream().filter(sp -> t >= sp.startS() && t < sp.endS()).findFirst().orElseThrow();
    }
}
