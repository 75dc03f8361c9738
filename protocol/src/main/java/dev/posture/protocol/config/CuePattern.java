package dev.posture.protocol.config;

import java.util.Optional;

/**
 * Named haptic patterns for a posture cue. Clinical guidance is short pulses of about 150 ms, two or
 * three times; the other patterns are for wearers who need something stronger or softer. Every
 * pattern plays at {@code cue_intensity_pct}.
 */
public enum CuePattern implements WireEnum {
    SINGLE_PULSE("one 150 ms pulse"),
    DOUBLE_PULSE("two 150 ms pulses, 150 ms apart"),
    TRIPLE_PULSE("three 150 ms pulses, 150 ms apart"),
    LONG_PULSE("one 600 ms pulse"),
    RAMP("one 500 ms swell from 20 % to full intensity");

    private final String description;

    CuePattern(String description) {
        this.description = description;
    }

    @Override
    public String description() {
        return description;
    }

    /** Looks a pattern up by its wire name, ignoring ASCII case (for {@code CUE TEST [pattern]}). */
    public static Optional<CuePattern> byName(String name) {
        return EnumType.find(CuePattern.class, name);
    }
}
