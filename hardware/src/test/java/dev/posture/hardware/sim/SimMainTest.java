package dev.posture.hardware.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SimMainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final SimMain main = new SimMain(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    @Test
    void listsScenarios() {
        assertEquals(SimMain.OK, main.run("--list"));
        assertEquals(String.join(System.lineSeparator(), Scenarios.names()) + System.lineSeparator(), text(out));
    }

    @Test
    void describesAScenarioWithItsPerActivitySummary() {
        assertEquals(SimMain.OK, main.run("walking", "3"));
        String text = text(out);
        assertTrue(text.startsWith("scenario walking (seed 3): 89.0 s, 5 segments"), text);
        assertTrue(text.contains("  WALKING         |f| "), text);
        assertEquals("", text(err));
    }

    @Test
    void usageErrors() {
        assertEquals(SimMain.USAGE, main.run());
        assertEquals(SimMain.USAGE, main.run("walking", "three"));
        assertEquals(SimMain.USAGE, main.run("marathon"));
        assertEquals(String.join(System.lineSeparator(), "usage: SimMain SCENARIO [SEED] | --list",
                "seed must be an integer, got 'three'",
                "unknown scenario 'marathon'; valid names: bending, bus, desk-day, drift, jogging, lying, phone, "
                        + "reach, reclip, second-monitor, sideways, standing, walking") + System.lineSeparator(),
                text(err));
        assertEquals("", text(out));
    }

    private static String text(ByteArrayOutputStream s) {
        return s.toString(StandardCharsets.UTF_8);
    }
}
