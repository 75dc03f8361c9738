package dev.posture.device.pipeline.posture;

import dev.posture.device.pipeline.event.EventRing;
import dev.posture.protocol.message.EventType;

/**
 * A guided retraction drill: {@code drill_rounds} rounds of inhale (retract while breathing in),
 * hold, exhale, paced by haptic patterns, each round verified, and DRILL_DONE with the rounds asked
 * and the rounds done at the end. Integer arithmetic only; nothing is allocated after construction.
 *
 * <ul>
 * <li><b>Start</b>: {@link #requestStart()} (a command); the drill begins on the next sample. The
 *     drill's rounds and phase lengths are fixed at its start; a config change applies to the next
 *     drill.</li>
 * <li><b>Phases</b>: INHALE ({@code drillInhaleS}, pattern drill_inhale on its first sample), HOLD
 *     ({@code drill_hold_s}, drill_hold), EXHALE ({@code drillExhaleS}, drill_exhale); the next phase
 *     begins on the first sample at least the phase's length after the phase's first sample. After
 *     the last round's EXHALE comes DRILL_DONE and the drill is over.</li>
 * <li><b>Verification</b>: during HOLD, from its first sample up to and including the sample that
 *     ends it, the longest unbroken run of {@link PostureInput#retracted} samples is measured (from
 *     the run's first sample to its last). The round is done when that run is at least the hold
 *     minus {@code drillGraceMs} (the wearer's reaction to the hold pulse).</li>
 * <li><b>Stop</b>: {@link #requestStop()} ends the drill on the next sample with DRILL_DONE and the
 *     rounds verified so far (the round in progress does not count).</li>
 * <li>The drill runs in quiet hours, while snoozed, and with any posture state: the wearer asked
 *     for it. A round whose hold cannot be judged (fault, uncalibrated, re-clip) simply fails.</li>
 * </ul>
 */
public final class DrillCoach {
    private enum Phase { IDLE, INHALE, HOLD, EXHALE }

    private final EventRing events;

    // Coefficients (the next drill's; a running drill keeps the copies below).
    private int rounds;
    private long holdUs;
    private long inhaleUs;
    private long exhaleUs;
    private long graceUs;
    private int retractMarginCentiDeg;
    private long maxGapUs;

    // Commands waiting for the next sample.
    private boolean startRequested;
    private boolean stopRequested;

    // State.
    private Phase phase = Phase.IDLE;
    private long phaseStartUs;
    private int roundsAsked;
    private long drillHoldUs;
    private long drillInhaleUs;
    private long drillExhaleUs;
    private long drillGraceUs;
    /** Current round, from 1. */
    private int round;
    private int roundsDone;
    /** The retraction run in the current HOLD: running since runStartUs; longest so far. */
    private boolean running;
    private long runStartUs;
    private long longestRunUs;
    private boolean started;
    private long prevTUs;

    // Outputs of the last step.
    private PatternRequest pattern = PatternRequest.NONE;
    private boolean finished;

    public DrillCoach(PostureParams params, EventRing events) {
        this.events = events;
        reconfigure(params);
    }

    /** Rebuilds the coefficients for the next drill; a running drill is not changed. */
    public void reconfigure(PostureParams params) {
        rounds = params.drillRounds();
        holdUs = params.drillHoldS() * 1_000_000L;
        inhaleUs = params.drillInhaleS() * 1_000_000L;
        exhaleUs = params.drillExhaleS() * 1_000_000L;
        graceUs = params.drillGraceMs() * 1_000L;
        retractMarginCentiDeg = params.retractMarginCentiDeg();
        maxGapUs = params.maxGapMs() * 1_000L;
    }

    /**
     * Asks for a drill to start on the next sample.
     *
     * @return false when a drill is already running or about to start
     */
    public boolean requestStart() {
        if (phase != Phase.IDLE || startRequested) {
            return false;
        }
        startRequested = true;
        stopRequested = false;
        return true;
    }

    /**
     * Asks a running drill (or one about to start) to stop on the next sample.
     *
     * @return false when there is no drill to stop
     */
    public boolean requestStop() {
        if (startRequested) {
            startRequested = false;
            return true;
        }
        if (phase == Phase.IDLE) {
            return false;
        }
        stopRequested = true;
        return true;
    }

    public void step(PostureInput in) {
        long t = in.tUs;
        boolean gap = started && t - prevTUs > maxGapUs;
        prevTUs = t;
        started = true;
        if (pattern != PatternRequest.NONE) {
            pattern = PatternRequest.NONE; // a reference store (GC barrier) only on a change
        }
        finished = false;
        if (phase == Phase.IDLE) {
            if (startRequested) {
                begin(t);
            }
            return;
        }
        if (stopRequested) {
            finish(in);
            return;
        }
        long elapsed = t - phaseStartUs;
        switch (phase) {
            case INHALE -> {
                if (elapsed >= drillInhaleUs) {
                    enter(Phase.HOLD, t, PatternRequest.DRILL_HOLD);
                    running = false;
                    longestRunUs = -1;
                    trackHold(in, false);
                }
            }
            case HOLD -> {
                trackHold(in, gap);
                if (elapsed >= drillHoldUs) {
                    if (longestRunUs >= drillHoldUs - drillGraceUs) {
                        roundsDone++;
                    }
                    enter(Phase.EXHALE, t, PatternRequest.DRILL_EXHALE);
                }
            }
            case EXHALE -> {
                if (elapsed >= drillExhaleUs) {
                    if (round < roundsAsked) {
                        round++;
                        enter(Phase.INHALE, t, PatternRequest.DRILL_INHALE);
                    } else {
                        finish(in);
                    }
                }
            }
            case IDLE -> throw new AssertionError("handled above");
        }
    }

    /** A drill is running (the posture machine holds its cues, no check-in is raised). */
    public boolean active() {
        return phase != Phase.IDLE;
    }

    /** The pacing pattern the last sample asks for, or NONE. */
    public PatternRequest pattern() {
        return pattern;
    }

    /** True when the last sample ended a drill (DRILL_DONE was raised). */
    public boolean finished() {
        return finished;
    }

    /** Rounds verified in the running drill, or in the last one once it has ended. */
    public int roundsDone() {
        return roundsDone;
    }

    /** Rounds the running (or last) drill asked for; 0 before the first drill. */
    public int roundsAsked() {
        return roundsAsked;
    }

    /** The running drill's current round, from 1; 0 when idle. */
    public int round() {
        return phase == Phase.IDLE ? 0 : round;
    }

    private void begin(long t) {
        startRequested = false;
        stopRequested = false;
        roundsAsked = rounds;
        drillHoldUs = holdUs;
        drillInhaleUs = inhaleUs;
        drillExhaleUs = exhaleUs;
        drillGraceUs = graceUs;
        round = 1;
        roundsDone = 0;
        enter(Phase.INHALE, t, PatternRequest.DRILL_INHALE);
    }

    private void enter(Phase next, long t, PatternRequest request) {
        phase = next;
        phaseStartUs = t;
        pattern = request;
    }

    private void trackHold(PostureInput in, boolean gap) {
        if (gap) {
            running = false;
        }
        if (!in.retracted(retractMarginCentiDeg)) {
            running = false;
            return;
        }
        if (!running) {
            running = true;
            runStartUs = in.tUs;
        }
        longestRunUs = Math.max(longestRunUs, in.tUs - runStartUs);
    }

    private void finish(PostureInput in) {
        events.offer(EventType.DRILL_DONE, in.tUs, in.forwardCentiDeg, roundsDone, roundsAsked, 0, 0);
        phase = Phase.IDLE;
        stopRequested = false;
        finished = true;
    }
}
