package dev.posture.device.pipeline.posture;

import dev.posture.protocol.config.Config;
import dev.posture.protocol.config.CuePattern;
import dev.posture.protocol.config.DailyWindow;
import dev.posture.protocol.config.ExposureMode;
import dev.posture.protocol.config.FixedDecimal;

/**
 * Tuning parameters of the posture stage (state machine, check-ins, drills) in physical units,
 * independent of the sample rate. Most come from the configuration ({@link #withConfig}); the rest
 * are this stage's own constants with the defaults below. Every duration here becomes a duration in
 * microseconds at setup: the stage measures time with the samples' timestamps, not by counting
 * samples, so the sample rate is not a parameter (see {@code device/docs/posture.md}).
 *
 * @param thresholdCentiDeg     forward angle that starts an episode, 0.01 deg ({@code threshold_deg}, 1500)
 * @param hysteresisCentiDeg    an episode ends below threshold minus this, 0.01 deg ({@code hysteresis_deg}, 300)
 * @param dwellS                time an episode lasts before the first cue, s ({@code dwell_s}, 10)
 * @param cueRepeatS            interval of repeated cues within an episode, s ({@code cue_repeat_s}, 60); in
 *                              exposure mode also the least time between any two cues
 * @param cueMaxPerEpisode      most cues in one episode ({@code cue_max_per_episode}, 3)
 * @param cuePattern            pattern of a posture cue ({@code cue_pattern}, double_pulse)
 * @param snoozeMin             length of a snooze asked for without minutes, min ({@code snooze_min}, 30)
 * @param quietHours            daily window without cues or check-ins, null when off ({@code quiet_hours}, off)
 * @param exposureMode          cue on the forward share of a sliding window instead of the dwell ({@code exposure_mode}, off)
 * @param exposureWindowMin     length of that window, min, 1..240 ({@code exposure_window_min}, 30)
 * @param exposureSharePct      forward share of the window that allows a cue, % ({@code exposure_share_pct}, 50)
 * @param checkinIntervalMin    wear time between check-ins, min; 0 = off ({@code checkin_interval_min}, 30)
 * @param checkinResponseS      how long a due check-in waits for the wearer's hold, s (120)
 * @param checkinHoldS          how long the retraction must be held to answer a check-in, s (5)
 * @param retractMarginCentiDeg how far forward of neutral still counts as retracted, 0.01 deg (200)
 * @param drillRounds           rounds of a drill ({@code drill_rounds}, 6)
 * @param drillHoldS            hold phase of a drill round, s ({@code drill_hold_s}, 3)
 * @param drillInhaleS          inhale phase of a drill round (retract while breathing in), s (3)
 * @param drillExhaleS          exhale phase of a drill round (relax while breathing out), s (3)
 * @param drillGraceMs          a round counts when the retraction is held for the hold phase minus this, ms (500)
 * @param maxGapMs              a gap between two samples' timestamps longer than this breaks an episode, ms (1000)
 */
public record PostureParams(
        int thresholdCentiDeg,
        int hysteresisCentiDeg,
        int dwellS,
        int cueRepeatS,
        int cueMaxPerEpisode,
        CuePattern cuePattern,
        int snoozeMin,
        DailyWindow quietHours,
        boolean exposureMode,
        int exposureWindowMin,
        int exposureSharePct,
        int checkinIntervalMin,
        int checkinResponseS,
        int checkinHoldS,
        int retractMarginCentiDeg,
        int drillRounds,
        int drillHoldS,
        int drillInhaleS,
        int drillExhaleS,
        int drillGraceMs,
        int maxGapMs) {

    /** Longest exposure window, min: the exposure bitmap is preallocated for it. */
    public static final int MAX_EXPOSURE_WINDOW_MIN = 240;
    /** Longest snooze, min (one day, as the protocol's SNOOZED event allows). */
    public static final int MAX_SNOOZE_MIN = 1440;

    /** The defaults listed above (the configuration's defaults plus this stage's constants). */
    public static final PostureParams DEFAULTS = new PostureParams(1500, 300, 10, 60, 3, CuePattern.DOUBLE_PULSE, 30,
            null, false, 30, 50, 30, 120, 5, 200, 6, 3, 3, 3, 500, 1000);

    /** Checks every range; the hysteresis must be smaller than the threshold. */
    public PostureParams {
        between("thresholdCentiDeg", thresholdCentiDeg, 1, 9000);
        between("hysteresisCentiDeg", hysteresisCentiDeg, 0, thresholdCentiDeg - 1);
        between("dwellS", dwellS, 0, 3600);
        between("cueRepeatS", cueRepeatS, 1, 3600);
        between("cueMaxPerEpisode", cueMaxPerEpisode, 1, 1000);
        if (cuePattern == null) {
            throw new IllegalArgumentException("cuePattern must not be null");
        }
        between("snoozeMin", snoozeMin, 1, MAX_SNOOZE_MIN);
        between("exposureWindowMin", exposureWindowMin, 1, MAX_EXPOSURE_WINDOW_MIN);
        between("exposureSharePct", exposureSharePct, 1, 100);
        between("checkinIntervalMin", checkinIntervalMin, 0, 24 * 60);
        between("checkinResponseS", checkinResponseS, 1, 3600);
        between("checkinHoldS", checkinHoldS, 1, 600);
        between("retractMarginCentiDeg", retractMarginCentiDeg, 0, 9000);
        between("drillRounds", drillRounds, 1, 100);
        between("drillHoldS", drillHoldS, 1, 600);
        between("drillInhaleS", drillInhaleS, 1, 60);
        between("drillExhaleS", drillExhaleS, 1, 60);
        between("drillGraceMs", drillGraceMs, 0, drillHoldS * 1000 - 1);
        between("maxGapMs", maxGapMs, 1, 60_000);
    }

    /** The defaults with every configuration key taken from {@code config}. */
    public static PostureParams fromConfig(Config config) {
        return DEFAULTS.withConfig(config);
    }

    /** These parameters with every configuration key taken from {@code config}; this stage's own constants kept. */
    public PostureParams withConfig(Config config) {
        return new PostureParams(centiDeg(config.thresholdDeg()), centiDeg(config.hysteresisDeg()), config.dwellS(),
                config.cueRepeatS(), config.cueMaxPerEpisode(), config.cuePattern(), config.snoozeMin(),
                config.quietHours().orElse(null), config.exposureMode() == ExposureMode.ON,
                config.exposureWindowMin(), config.exposureSharePct(), config.checkinIntervalMin().orElse(0),
                checkinResponseS, checkinHoldS, retractMarginCentiDeg, config.drillRounds(), config.drillHoldS(),
                drillInhaleS, drillExhaleS, Math.min(drillGraceMs, config.drillHoldS() * 1000 - 1), maxGapMs);
    }

    /** A decimal config angle in 0.01 deg, rounded half away from zero beyond two decimals. */
    static int centiDeg(FixedDecimal deg) {
        long units = deg.units();
        int decimals = deg.decimals();
        if (decimals <= 2) {
            for (int i = decimals; i < 2; i++) {
                units *= 10;
            }
            return Math.toIntExact(units);
        }
        long divisor = 1;
        for (int i = 2; i < decimals; i++) {
            divisor *= 10;
        }
        long half = divisor / 2;
        return Math.toIntExact(units >= 0 ? (units + half) / divisor : -((-units + half) / divisor));
    }

    private static void between(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be in " + min + ".." + max + ", got " + value);
        }
    }

    // Withers for the parameters tests and presets change most.

    public PostureParams withThreshold(int thresholdCentiDeg, int hysteresisCentiDeg) {
        return new PostureParams(thresholdCentiDeg, hysteresisCentiDeg, dwellS, cueRepeatS, cueMaxPerEpisode,
                cuePattern, snoozeMin, quietHours, exposureMode, exposureWindowMin, exposureSharePct,
                checkinIntervalMin, checkinResponseS, checkinHoldS, retractMarginCentiDeg, drillRounds, drillHoldS,
                drillInhaleS, drillExhaleS, drillGraceMs, maxGapMs);
    }

    public PostureParams withCues(int dwellS, int cueRepeatS, int cueMaxPerEpisode) {
        return new PostureParams(thresholdCentiDeg, hysteresisCentiDeg, dwellS, cueRepeatS, cueMaxPerEpisode,
                cuePattern, snoozeMin, quietHours, exposureMode, exposureWindowMin, exposureSharePct,
                checkinIntervalMin, checkinResponseS, checkinHoldS, retractMarginCentiDeg, drillRounds, drillHoldS,
                drillInhaleS, drillExhaleS, drillGraceMs, maxGapMs);
    }

    public PostureParams withQuietHours(DailyWindow quietHours) {
        return new PostureParams(thresholdCentiDeg, hysteresisCentiDeg, dwellS, cueRepeatS, cueMaxPerEpisode,
                cuePattern, snoozeMin, quietHours, exposureMode, exposureWindowMin, exposureSharePct,
                checkinIntervalMin, checkinResponseS, checkinHoldS, retractMarginCentiDeg, drillRounds, drillHoldS,
                drillInhaleS, drillExhaleS, drillGraceMs, maxGapMs);
    }

    public PostureParams withExposure(boolean exposureMode, int exposureWindowMin, int exposureSharePct) {
        return new PostureParams(thresholdCentiDeg, hysteresisCentiDeg, dwellS, cueRepeatS, cueMaxPerEpisode,
                cuePattern, snoozeMin, quietHours, exposureMode, exposureWindowMin, exposureSharePct,
                checkinIntervalMin, checkinResponseS, checkinHoldS, retractMarginCentiDeg, drillRounds, drillHoldS,
                drillInhaleS, drillExhaleS, drillGraceMs, maxGapMs);
    }

    public PostureParams withCheckins(int checkinIntervalMin, int checkinResponseS, int checkinHoldS) {
        return new PostureParams(thresholdCentiDeg, hysteresisCentiDeg, dwellS, cueRepeatS, cueMaxPerEpisode,
                cuePattern, snoozeMin, quietHours, exposureMode, exposureWindowMin, exposureSharePct,
                checkinIntervalMin, checkinResponseS, checkinHoldS, retractMarginCentiDeg, drillRounds, drillHoldS,
                drillInhaleS, drillExhaleS, drillGraceMs, maxGapMs);
    }

    public PostureParams withDrill(int drillRounds, int drillHoldS, int drillInhaleS, int drillExhaleS,
            int drillGraceMs) {
        return new PostureParams(thresholdCentiDeg, hysteresisCentiDeg, dwellS, cueRepeatS, cueMaxPerEpisode,
                cuePattern, snoozeMin, quietHours, exposureMode, exposureWindowMin, exposureSharePct,
                checkinIntervalMin, checkinResponseS, checkinHoldS, retractMarginCentiDeg, drillRounds, drillHoldS,
                drillInhaleS, drillExhaleS, drillGraceMs, maxGapMs);
    }
}
