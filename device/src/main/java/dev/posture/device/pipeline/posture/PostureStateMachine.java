package dev.posture.device.pipeline.posture;

import dev.posture.device.pipeline.event.EventRing;
import dev.posture.protocol.message.EventType;
import dev.posture.protocol.message.PostureState;

/**
 * Decides, sample by sample, whether the wearer is forward long enough to be cued: threshold,
 * hysteresis and dwell, gates, escalation with a cap, RECOVERED, snooze, quiet hours and the
 * optional cumulative-exposure rule. Integer arithmetic only; nothing is allocated after
 * construction. {@code device/docs/posture.md} states every rule; in short:
 *
 * <ol>
 * <li><b>Gates</b>, first match wins (the order of {@link PostureState}): sensor fault (FAULT), not
 *     calibrated (UNCALIBRATED), re-clip pending (RECLIP), quiet hours (QUIET), snoozed (SNOOZED),
 *     walking/jogging/vehicle (MOVING), lying or bending (NOT_UPRIGHT). A closed gate ends any
 *     episode without a RECOVERED event and resets the dwell: after it the wearer must be forward
 *     for a whole dwell again. So does a gap of more than {@code maxGapMs} between two samples.</li>
 * <li><b>Episode</b>: starts on the first sample with forward &ge; threshold, ends on the first
 *     sample with forward &lt; threshold - hysteresis. Dips between the two neither reset nor pause
 *     the dwell: the band is the episode's tolerance for noise, and the dwell is the episode's own
 *     age, so the cue time cannot depend on how the noise happens to fall.</li>
 * <li><b>Dwell rule</b> (exposure mode off): the first cue plays on the first sample whose time is at
 *     least dwell after the episode's first sample; then a repeat on the first sample at least
 *     cue_repeat_s after the previous cue, at most cue_max_per_episode cues per episode.</li>
 * <li><b>Exposure rule</b> (exposure mode on, replaces the dwell rule): a cue plays on a sample in an
 *     episode when the forward seconds of the last exposure_window_min minutes reach
 *     exposure_share_pct % of the window ({@link ExposureWindow}), the episode has had fewer than
 *     cue_max_per_episode cues, and at least cue_repeat_s have passed since the previous cue of any
 *     episode.</li>
 * <li><b>RECOVERED</b> when an episode that was cued ends by the angle, with the time from its first
 *     cue (time to correct) and from its start (episode duration).</li>
 * <li><b>Held cues</b>: while the caller holds cues (a drill, a check-in hold) the machine runs on,
 *     but a cue that falls due waits for the first sample after the hold.</li>
 * </ol>
 *
 * <p>Commands ({@link #requestSnooze}) and the wall clock ({@link #setLocalMinuteOfDay}) are set
 * from outside between samples, on the sampling thread; they take effect on the next sample.
 */
public final class PostureStateMachine {
    /** {@link #requestSnooze} value meaning no request is waiting. */
    private static final int NO_SNOOZE_REQUEST = -1;

    private final EventRing events;

    // Coefficients, derived from the params by reconfigure().
    /** Forward angle that starts an episode, 0.01 deg. */
    private int enterCentiDeg;
    /** An episode ends below this forward angle (threshold - hysteresis), 0.01 deg. */
    private int exitCentiDeg;
    /** Dwell before the first cue, us. */
    private long dwellUs;
    /** Repeat interval, us. */
    private long repeatUs;
    /** Cue cap per episode. */
    private int maxCues;
    /** Pattern of a posture cue. */
    private PatternRequest cuePattern;
    /** Snooze length when none is given, min. */
    private int defaultSnoozeMin;
    /** Quiet hours on, and their window in minutes of the day (end exclusive; may wrap midnight). */
    private boolean quietOn;
    private int quietStartMinute;
    private int quietEndMinute;
    /** Exposure rule instead of the dwell rule. */
    private boolean exposureOn;
    /** Forward share of the window that allows an exposure cue, %. */
    private int exposureSharePct;
    /** Longest gap between samples that does not break an episode, us. */
    private long maxGapUs;

    // Inputs set from outside between samples.
    /** Local wall-clock minute of the day, 0..1439, or -1 while unknown (quiet hours then never apply). */
    private int localMinuteOfDay = -1;
    /** Snooze minutes requested for the next sample, 0 = end the snooze, or NO_SNOOZE_REQUEST. */
    private volatile int snoozeRequestMin = NO_SNOOZE_REQUEST;   // written by the console, MQTT and button threads

    // State.
    private final ExposureWindow exposure;
    /** Whether a sample has been seen (so prevTUs is valid). */
    private boolean started;
    /** Time of the previous sample, us. */
    private long prevTUs;
    /** needsRecalibration on the previous sample (for the rising edge). */
    private boolean prevNeedsRecalibration;
    /** A snooze is running until snoozeUntilUs. */
    private boolean snoozed;
    private long snoozeUntilUs;
    /** An episode is running (forward past the threshold and not yet back under the exit angle). */
    private boolean inEpisode;
    /** Time of the episode's first sample, us. */
    private long episodeStartUs;
    /** Cues played in the running episode. */
    private int episodeCues;
    /** Time of the running episode's first cue, us. */
    private long firstCueUs;
    /** Whether any cue has played since construction (lastCueUs valid). */
    private boolean cuedBefore;
    /** Time of the last cue of any episode, us. */
    private long lastCueUs;
    /** Cued episodes since construction; the running episode's number once it has been cued. */
    private int episodeNumber;

    // Outputs of the last step.
    private PostureState state = PostureState.UNCALIBRATED;
    private PatternRequest pattern = PatternRequest.NONE;
    private boolean snoozeStarted;

    public PostureStateMachine(PostureParams params, EventRing events) {
        this.events = events;
        this.exposure = new ExposureWindow(params.exposureWindowMin());
        reconfigure(params);
    }

    /**
     * Takes new parameters: rebuilds the coefficients and keeps the state. An episode in progress goes
     * on (its start time, cues and number stay); the new threshold, hysteresis, dwell, repeat interval,
     * cap, pattern and quiet hours apply from the next sample, so a shorter dwell that has already
     * passed cues on that sample, and a cap below the cues already played stops further cues. A
     * running snooze keeps its end. The exposure history is kept and recounted for a new window.
     */
    public void reconfigure(PostureParams params) {
        enterCentiDeg = params.thresholdCentiDeg();
        exitCentiDeg = params.thresholdCentiDeg() - params.hysteresisCentiDeg();
        dwellUs = params.dwellS() * 1_000_000L;
        repeatUs = params.cueRepeatS() * 1_000_000L;
        maxCues = params.cueMaxPerEpisode();
        cuePattern = PatternRequest.forCue(params.cuePattern());
        defaultSnoozeMin = params.snoozeMin();
        quietOn = params.quietHours() != null;
        quietStartMinute = quietOn ? params.quietHours().startMinute() : 0;
        quietEndMinute = quietOn ? params.quietHours().endMinute() : 0;
        exposureOn = params.exposureMode();
        exposureSharePct = params.exposureSharePct();
        if (exposure.windowSeconds() != params.exposureWindowMin() * 60) {
            exposure.setWindowMinutes(params.exposureWindowMin());
        }
        maxGapUs = params.maxGapMs() * 1_000L;
    }

    /** The local wall-clock minute of the day (0..1439), or -1 when the clock is not known. */
    public void setLocalMinuteOfDay(int minuteOfDay) {
        if (minuteOfDay < -1 || minuteOfDay >= 24 * 60) {
            throw new IllegalArgumentException("minute of day must be -1 or 0..1439, got " + minuteOfDay);
        }
        localMinuteOfDay = minuteOfDay;
    }

    /**
     * Snoozes cues for {@code minutes} from the next sample (1..1440; SNOOZED event), or ends a snooze
     * at once with 0 (no event). A new snooze replaces a running one.
     */
    public void requestSnooze(int minutes) {
        if (minutes < 0 || minutes > PostureParams.MAX_SNOOZE_MIN) {
            throw new IllegalArgumentException("snooze minutes must be 0..1440, got " + minutes);
        }
        snoozeRequestMin = minutes;
    }

    /** Snoozes for the configured snooze_min (the button's short press, SNOOZE without minutes). */
    public void requestSnooze() {
        requestSnooze(defaultSnoozeMin);
    }

    /**
     * One sample.
     *
     * @param in        the geometry stage's output for this sample
     * @param holdCues  true while a drill runs or a check-in hold is in progress: no posture cue plays
     */
    public void step(PostureInput in, boolean holdCues) {
        long t = in.tUs;
        if (pattern != PatternRequest.NONE) {
            pattern = PatternRequest.NONE; // a reference store (GC barrier) only on a change
        }
        snoozeStarted = false;
        if (started && (t - prevTUs > maxGapUs || t <= prevTUs)) {
            endEpisodeSilently();
        }
        applySnooze(in);
        boolean quiet = quietOn && localMinuteOfDay >= 0 && inQuietHours(localMinuteOfDay);
        raiseRecalibration(in, quiet);
        exposure.advance(t);
        PostureState gate = gate(in, quiet);
        PostureState next;
        if (gate != null) {
            endEpisodeSilently();
            next = gate;
        } else {
            trackEpisode(in);
            if (inEpisode && !holdCues && cueDue(t)) {
                cue(in);
            }
            next = !inEpisode ? PostureState.UPRIGHT : episodeCues > 0 ? PostureState.FORWARD : PostureState.DRIFTING;
        }
        if (state != next) {
            state = next; // a reference store (GC barrier) only on a change
        }
        exposure.add(inEpisode);
        prevNeedsRecalibration = in.needsRecalibration;
        prevTUs = t;
        started = true;
    }

    /** The posture state after the last sample. */
    public PostureState state() {
        return state;
    }

    /** The pattern the last sample asks to play: NONE, the cue pattern or RECALIBRATION_NEEDED. */
    public PatternRequest pattern() {
        return pattern;
    }

    /** True when the last sample started a snooze (a SNOOZED event was raised). */
    public boolean snoozeStarted() {
        return snoozeStarted;
    }

    public boolean snoozed() {
        return snoozed;
    }

    /** Whether an episode (forward past the threshold, not yet recovered) is running. */
    public boolean inEpisode() {
        return inEpisode;
    }

    /** Cues played in the running episode (0 outside one). */
    public int episodeCues() {
        return episodeCues;
    }

    /** Cued episodes so far; the running episode's number once it has been cued. */
    public int episodeNumber() {
        return episodeNumber;
    }

    /** Forward seconds within the exposure window (kept in both modes, for telemetry). */
    public int exposureForwardSeconds() {
        return exposure.forwardSeconds();
    }

    /** Length of the exposure window, s. */
    public int exposureWindowSeconds() {
        return exposure.windowSeconds();
    }

    // The steps, in the order step() takes them.

    private void applySnooze(PostureInput in) {
        int request = snoozeRequestMin;
        snoozeRequestMin = NO_SNOOZE_REQUEST;
        if (request > 0) {
            snoozed = true;
            snoozeUntilUs = in.tUs + request * 60_000_000L;
            snoozeStarted = true;
            events.offer(EventType.SNOOZED, in.tUs, in.forwardCentiDeg, request, 0, 0, 0);
        } else if (request == 0 || (snoozed && in.tUs >= snoozeUntilUs)) {
            snoozed = false;
        }
    }

    private boolean inQuietHours(int minute) {
        return quietEndMinute < quietStartMinute
                ? minute >= quietStartMinute || minute < quietEndMinute
                : minute >= quietStartMinute && minute < quietEndMinute;
    }

    /** On the rising edge of needsRecalibration: the event, and the alert pattern unless in quiet hours. */
    private void raiseRecalibration(PostureInput in, boolean quiet) {
        if (in.needsRecalibration && !prevNeedsRecalibration) {
            events.offer(EventType.RECALIBRATION_NEEDED, in.tUs, in.forwardCentiDeg);
            if (!quiet) {
                pattern = PatternRequest.RECALIBRATION_NEEDED;
            }
        }
    }

    /** The first closed gate in PostureState's order, or null when the posture can be judged. */
    private PostureState gate(PostureInput in, boolean quiet) {
        if (!in.sensorOk) {
            return PostureState.FAULT;
        }
        if (!in.calibrated) {
            return PostureState.UNCALIBRATED;
        }
        if (in.needsRecalibration) {
            return PostureState.RECLIP;
        }
        if (quiet) {
            return PostureState.QUIET;
        }
        if (snoozed) {
            return PostureState.SNOOZED;
        }
        if (in.moving()) {
            return PostureState.MOVING;
        }
        if (!in.upright) {
            return PostureState.NOT_UPRIGHT;
        }
        return null;
    }

    /** Starts an episode at the threshold, ends it (RECOVERED if it was cued) below threshold - hysteresis. */
    private void trackEpisode(PostureInput in) {
        int forward = in.forwardCentiDeg;
        if (!inEpisode) {
            if (forward >= enterCentiDeg) {
                inEpisode = true;
                episodeStartUs = in.tUs;
                episodeCues = 0;
            }
        } else if (forward < exitCentiDeg) {
            if (episodeCues > 0) {
                events.offer(EventType.RECOVERED, in.tUs, forward, (in.tUs - firstCueUs) / 1000, episodeNumber,
                        episodeCues, (in.tUs - episodeStartUs) / 1000);
            }
            inEpisode = false;
            episodeCues = 0;
        }
    }

    private boolean cueDue(long t) {
        if (episodeCues >= maxCues) {
            return false;
        }
        if (exposureOn) {
            return exposure.reached(exposureSharePct) && (!cuedBefore || t - lastCueUs >= repeatUs);
        }
        return episodeCues == 0 ? t - episodeStartUs >= dwellUs : t - lastCueUs >= repeatUs;
    }

    private void cue(PostureInput in) {
        long t = in.tUs;
        if (episodeCues == 0) {
            episodeNumber++;
            firstCueUs = t;
        }
        episodeCues++;
        cuedBefore = true;
        lastCueUs = t;
        pattern = cuePattern;
        events.offer(EventType.CUE, t, in.forwardCentiDeg, (t - episodeStartUs) / 1000, episodeNumber, episodeCues, 0);
    }

    private void endEpisodeSilently() {
        inEpisode = false;
        episodeCues = 0;
    }
}
