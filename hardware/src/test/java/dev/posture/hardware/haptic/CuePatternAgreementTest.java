package dev.posture.hardware.haptic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posture.protocol.config.CuePattern;
import org.junit.jupiter.api.Test;

/** The config key cue_pattern names what the motor plays: every name must have a pattern behind it. */
class CuePatternAgreementTest {
    @Test
    void everyConfigurableCuePatternIsAPlayablePostureCue() {
        for (CuePattern cue : CuePattern.values()) {
            HapticPattern pattern = HapticPattern.byId(cue.wireName());
            assertNotNull(pattern, "no haptic pattern for cue_pattern=" + cue.wireName());
            assertEquals(PatternPlayer.Priority.CUE, pattern.defaultPriority(), cue.wireName());
        }
    }

    @Test
    void everyPostureCuePatternCanBeConfigured() {
        for (HapticPattern pattern : HapticPattern.values()) {
            if (pattern.defaultPriority() == PatternPlayer.Priority.CUE) {
                assertTrue(CuePattern.byName(pattern.id()).isPresent(), "not configurable: " + pattern.id());
            }
        }
    }
}
