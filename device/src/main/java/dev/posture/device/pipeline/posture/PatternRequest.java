package dev.posture.device.pipeline.posture;

import dev.posture.protocol.config.CuePattern;

/**
 * The haptic pattern the posture stage asks for on one sample. The pipeline does not import the
 * hardware module: each constant names its motor pattern by the id of
 * {@code dev.posture.hardware.haptic.HapticPattern} ({@link #patternId()}), and the loop looks the
 * pattern up by that id and hands it to the pattern player. A test pins that every id exists.
 */
public enum PatternRequest {
    /** Nothing to play this sample. */
    NONE(null),
    SINGLE_PULSE("single_pulse"),
    DOUBLE_PULSE("double_pulse"),
    TRIPLE_PULSE("triple_pulse"),
    LONG_PULSE("long_pulse"),
    RAMP("ramp"),
    /** The clip moved: calibrate again (its own rhythm, never used for a posture cue). */
    RECALIBRATION_NEEDED("recalibration_needed"),
    /**
     * Drill: breathe in and retract. Also the check-in prompt, which asks for the same movement a
     * drill round starts with (there is no separate check-in pattern in the motor's set).
     */
    DRILL_INHALE("drill_inhale"),
    /** Drill: hold the retraction. */
    DRILL_HOLD("drill_hold"),
    /** Drill: breathe out and relax. */
    DRILL_EXHALE("drill_exhale");

    private final String patternId;

    PatternRequest(String patternId) {
        this.patternId = patternId;
    }

    /** The motor pattern's id ({@code HapticPattern.id()}), e.g. "double_pulse"; null for {@link #NONE}. */
    public String patternId() {
        return patternId;
    }

    /** The request that plays a configured posture cue. */
    public static PatternRequest forCue(CuePattern cue) {
        return switch (cue) {
            case SINGLE_PULSE -> SINGLE_PULSE;
            case DOUBLE_PULSE -> DOUBLE_PULSE;
            case TRIPLE_PULSE -> TRIPLE_PULSE;
            case LONG_PULSE -> LONG_PULSE;
            case RAMP -> RAMP;
        };
    }
}
