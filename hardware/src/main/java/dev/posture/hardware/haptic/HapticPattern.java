package dev.posture.hardware.haptic;

/**
 * The named vibration patterns, each a preallocated list of steps (duration in ms, level in % of the
 * requested intensity; 0 = motor off). The motor is always turned off after the last step.
 *
 * <p>Posture cues follow the clinical guidance of short pulses (~150 ms, 2-3 times). Drill pacing
 * cues swell up for inhale, fall away for exhale and give one flat, softer pulse for hold, so the
 * wearer can follow a drill without looking at anything. RECALIBRATION_NEEDED has its own rhythm
 * (long-short-short) that no posture cue shares. The pattern names are the values of the
 * {@code cue_pattern} configuration key and of the console's {@code CUE TEST [pattern]}.
 *
 * <p>Every pattern's longest continuous on-time is 600 ms ({@link #LONG_PULSE}), well under the pattern
 * player's default safety cap.
 */
public enum HapticPattern {
    /** One 150 ms pulse: the gentlest posture cue. */
    SINGLE_PULSE("single_pulse", PatternPlayer.Priority.CUE, 150, 100),
    /** Two 150 ms pulses 150 ms apart: the default posture cue. */
    DOUBLE_PULSE("double_pulse", PatternPlayer.Priority.CUE, 150, 100, 150, 0, 150, 100),
    /** Three 150 ms pulses 150 ms apart: a firmer posture cue. */
    TRIPLE_PULSE("triple_pulse", PatternPlayer.Priority.CUE, 150, 100, 150, 0, 150, 100, 150, 0, 150, 100),
    /** One 600 ms buzz: for wearers who miss short pulses through clothing. */
    LONG_PULSE("long_pulse", PatternPlayer.Priority.CUE, 600, 100),
    /** A 500 ms swell from 20 % to 100 % in five steps: a cue that starts softly. */
    RAMP("ramp", PatternPlayer.Priority.CUE, 100, 20, 100, 40, 100, 60, 100, 80, 100, 100),
    /** Long-short-short (400 ms, 100 ms, 100 ms): the clip moved, calibrate again. */
    RECALIBRATION_NEEDED("recalibration_needed", PatternPlayer.Priority.ALERT,
            400, 100, 150, 0, 100, 100, 100, 0, 100, 100),
    /** Drill: breathe in (a 400 ms swell, 30 % to 100 %). */
    DRILL_INHALE("drill_inhale", PatternPlayer.Priority.DRILL, 100, 30, 100, 55, 100, 80, 100, 100),
    /** Drill: hold (one flat 200 ms pulse at 70 %). */
    DRILL_HOLD("drill_hold", PatternPlayer.Priority.DRILL, 200, 70),
    /** Drill: breathe out (a 400 ms fade, 100 % to 30 %). */
    DRILL_EXHALE("drill_exhale", PatternPlayer.Priority.DRILL, 100, 100, 100, 80, 100, 55, 100, 30);

    private static final HapticPattern[] ALL = values();

    private final String id;
    private final PatternPlayer.Priority priority;
    private final int[] durationsMs;
    private final int[] levelsPct;

    HapticPattern(String id, PatternPlayer.Priority priority, int... durationAndLevelPairs) {
        this.id = id;
        this.priority = priority;
        int steps = durationAndLevelPairs.length / 2;
        this.durationsMs = new int[steps];
        this.levelsPct = new int[steps];
        for (int i = 0; i < steps; i++) {
            durationsMs[i] = durationAndLevelPairs[2 * i];
            levelsPct[i] = durationAndLevelPairs[2 * i + 1];
        }
    }

    /** The snake_case name used in configuration, e.g. "double_pulse". */
    public String id() {
        return id;
    }

    /** The priority a request for this pattern gets unless the caller says otherwise. */
    public PatternPlayer.Priority defaultPriority() {
        return priority;
    }

    public int steps() {
        return durationsMs.length;
    }

    /** Duration of step {@code i} in ms. */
    public int durationMs(int i) {
        return durationsMs[i];
    }

    /** Level of step {@code i} in % of the requested intensity (0 = off). */
    public int levelPct(int i) {
        return levelsPct[i];
    }

    /** Sum of all step durations in ms. */
    public int totalMs() {
        int total = 0;
        for (int d : durationsMs) {
            total += d;
        }
        return total;
    }

    /** The pattern with this configuration name, or null. */
    public static HapticPattern byId(String id) {
        for (HapticPattern p : ALL) {
            if (p.id.equals(id)) {
                return p;
            }
        }
        return null;
    }

    /** Pattern by ordinal without the copy {@code values()} makes. */
    static HapticPattern byOrdinal(int ordinal) {
        return ALL[ordinal];
    }
}
