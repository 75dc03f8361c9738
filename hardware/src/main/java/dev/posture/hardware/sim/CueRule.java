package dev.posture.hardware.sim;

/**
 * The reference rule the ground truth uses to say "a cue is expected now": the activity's gate is
 * open ({@link SegmentKind#gateOpen()}), the clip is on the body, and the true forward angle has been
 * above {@code thresholdDeg} without a break for at least {@code dwellS}. It is a yardstick for
 * scoring the firmware, not the firmware's own algorithm (which adds hysteresis, snooze, repeats).
 * The shipped scenarios keep clear margins around the default: every episode meant to cue reaches
 * at least 18 deg for well over 10 s, everything else stays below 10 deg or lasts under 6 s.
 *
 * @param thresholdDeg forward angle from the wearer's neutral (deg), default 15
 * @param dwellS       how long it must be exceeded before a cue is due (s), default 10
 */
public record CueRule(double thresholdDeg, double dwellS) {
    public static final CueRule DEFAULT = new CueRule(15, 10);

    public CueRule {
        if (!(thresholdDeg > 0 && thresholdDeg < 90)) {
            throw new IllegalArgumentException("cue threshold must be in (0, 90) deg, got " + thresholdDeg);
        }
        if (!(dwellS >= 0 && dwellS <= 3600)) {
            throw new IllegalArgumentException("cue dwell must be in [0, 3600] s, got " + dwellS);
        }
    }
}
