package dev.posture.device.pipeline.posture;

import dev.posture.device.pipeline.event.EventRing;
import dev.posture.protocol.config.Config;
import dev.posture.protocol.message.PostureState;

/**
 * The posture end of the pipeline, one sample in: the drill coach, the posture state machine and the
 * check-in scheduler, stepped in that order, writing events into one ring and asking for at most one
 * haptic pattern per sample. Nothing is allocated per sample. Everything here runs on the sampling
 * thread: commands ({@link #requestSnooze}, {@link #requestDrillStart}, ...) and the wall clock
 * ({@link #setLocalMinuteOfDay}) are set between samples and act on the next one.
 *
 * <p>Per sample:
 * <ol>
 * <li>the drill coach paces a running drill and verifies its rounds;</li>
 * <li>the posture state machine judges the sample, holding its cues while a drill runs or a check-in
 *     hold is in progress;</li>
 * <li>a snooze that started on this sample dismisses a pending check-in (CHECKIN_MISSED);</li>
 * <li>a drill that ended on this sample with at least one verified round restarts the check-in
 *     interval;</li>
 * <li>the check-in scheduler counts wear time, raises and resolves check-ins (the sample that ends a
 *     drill still counts as part of it: no wear time, no new check-in);</li>
 * <li>the pattern: RECALIBRATION_NEEDED first, then a drill pattern, then the posture cue, then the
 *     check-in prompt. The rules keep them apart (no cue during a drill, check-ins only when the state
 *     is UPRIGHT and no drill runs), so in practice only the re-clip alert can displace another.</li>
 * </ol>
 */
public final class PostureStage {
    private final PostureStateMachine posture;
    private final CheckinScheduler checkins;
    private final DrillCoach drill;
    private PostureParams params;
    private PatternRequest pattern = PatternRequest.NONE;

    public PostureStage(PostureParams params, EventRing events) {
        this.params = params;
        this.posture = new PostureStateMachine(params, events);
        this.checkins = new CheckinScheduler(params, events);
        this.drill = new DrillCoach(params, events);
    }

    /** A stage with the configuration's values and this stage's default constants. */
    public static PostureStage fromConfig(Config config, EventRing events) {
        return new PostureStage(PostureParams.fromConfig(config), events);
    }

    /** Takes a new configuration; this stage's own constants are kept. State migrates as each part documents. */
    public void reconfigure(Config config) {
        reconfigure(params.withConfig(config));
    }

    public void reconfigure(PostureParams newParams) {
        params = newParams;
        posture.reconfigure(newParams);
        checkins.reconfigure(newParams);
        drill.reconfigure(newParams);
    }

    public PostureParams params() {
        return params;
    }

    /** See {@link PostureStateMachine#setLocalMinuteOfDay}. */
    public void setLocalMinuteOfDay(int minuteOfDay) {
        posture.setLocalMinuteOfDay(minuteOfDay);
    }

    /** See {@link PostureStateMachine#requestSnooze(int)}: 1..1440 minutes, or 0 to end a snooze. */
    public void requestSnooze(int minutes) {
        posture.requestSnooze(minutes);
    }

    /** Snooze for the configured snooze_min. */
    public void requestSnooze() {
        posture.requestSnooze();
    }

    /** See {@link DrillCoach#requestStart()}. */
    public boolean requestDrillStart() {
        return drill.requestStart();
    }

    /** See {@link DrillCoach#requestStop()}. */
    public boolean requestDrillStop() {
        return drill.requestStop();
    }

    public void step(PostureInput in) {
        drill.step(in);
        boolean holdCues = drill.active() || checkins.holdingOn(in);
        posture.step(in, holdCues);
        if (posture.snoozeStarted()) {
            checkins.dismiss(in);
        }
        if (drill.finished() && drill.roundsDone() > 0) {
            checkins.restartInterval();
        }
        checkins.step(in, posture.state(), drill.active() || drill.finished());
        PatternRequest next = pickPattern();
        if (pattern != next) {
            pattern = next; // a reference store (GC barrier) only on a change
        }
    }

    /** The posture state after the last sample (for telemetry, the samples CSV and STATUS). */
    public PostureState state() {
        return posture.state();
    }

    /** The one pattern the last sample asks to play, or NONE. */
    public PatternRequest pattern() {
        return pattern;
    }

    public PostureStateMachine posture() {
        return posture;
    }

    public CheckinScheduler checkins() {
        return checkins;
    }

    public DrillCoach drill() {
        return drill;
    }

    private PatternRequest pickPattern() {
        PatternRequest fromPosture = posture.pattern();
        if (fromPosture == PatternRequest.RECALIBRATION_NEEDED) {
            return fromPosture;
        }
        if (drill.pattern() != PatternRequest.NONE) {
            return drill.pattern();
        }
        if (fromPosture != PatternRequest.NONE) {
            return fromPosture;
        }
        return checkins.pattern();
    }
}
