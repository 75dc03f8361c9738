package dev.posture.device.pipeline.posture;

import dev.posture.device.pipeline.event.EventRing;
import dev.posture.protocol.message.EventType;
import dev.posture.protocol.message.PostureState;

/**
 * Check-in reminders: every {@code checkin_interval_min} of wear time the wearer is asked (CHECKIN_DUE
 * and a prompt pattern) to retract and hold; a hold of {@code checkinHoldS} answers it (CHECKIN_DONE),
 * and no answer within {@code checkinResponseS} gives CHECKIN_MISSED. Integer arithmetic only; nothing
 * is allocated after construction.
 *
 * <ul>
 * <li><b>Wear time</b> is the time the posture state is UPRIGHT, DRIFTING, FORWARD, MOVING or
 *     NOT_UPRIGHT: the clip is on and judged, or gated only by what the wearer is doing. It does not
 *     grow while the state is FAULT, UNCALIBRATED, RECLIP, QUIET or SNOOZED (the device cannot judge,
 *     or the wearer asked for silence), during a drill, or while a check-in is pending. Each sample
 *     adds the time since the previous one, at most {@code maxGapMs}.</li>
 * <li><b>Due</b>: on the first sample with the wear time at the interval and the posture state
 *     UPRIGHT and no drill running. A wearer who is walking, bending or in a forward episode is asked
 *     once that is over: the posture cue is the more useful prompt, and a wearer who is walking
 *     cannot hold a retraction anyway.</li>
 * <li><b>Answer</b>: the retraction ({@link PostureInput#retracted}: judged, upright, STILL, forward
 *     at most {@code retractMarginCentiDeg}) held without a break for {@code checkinHoldS}, starting
 *     after the due sample. CHECKIN_DONE comes on the sample the hold reaches that length, with the
 *     hold's length and the deepest (smallest) forward angle during it.</li>
 * <li><b>Missed</b>: on the first sample at least {@code checkinResponseS} after the due sample with no
 *     hold in progress (a hold that started in time may finish); or at once when the wearer snoozes.</li>
 * <li>Done or missed, the wear time starts again from 0. A drill with at least one verified round
 *     also starts it again ({@link #restartInterval}).</li>
 * <li>Changing the interval keeps the wear time (a shorter interval that has already passed makes a
 *     check-in due at the next chance); switching check-ins off lets a pending one finish.</li>
 * </ul>
 */
public final class CheckinScheduler {
    private final EventRing events;

    // Coefficients.
    /** Wear time between check-ins, us; 0 = off. */
    private long intervalUs;
    /** Response window after CHECKIN_DUE, us. */
    private long responseUs;
    /** Hold that answers a check-in, us. */
    private long holdUs;
    /** Forward angle that still counts as retracted, 0.01 deg. */
    private int retractMarginCentiDeg;
    /** Largest time step credited as wear time, us. */
    private long maxGapUs;

    // State.
    private boolean started;
    private long prevTUs;
    /** Wear time since the last check-in was resolved, us. */
    private long wearUs;
    /** A check-in is waiting for its answer. */
    private boolean pending;
    /** Time of the CHECKIN_DUE sample, us. */
    private long dueUs;
    /** A hold is in progress (since holdStartUs), with the deepest forward angle so far. */
    private boolean holding;
    private long holdStartUs;
    private int deepestCentiDeg;

    // Output of the last step.
    private PatternRequest pattern = PatternRequest.NONE;

    public CheckinScheduler(PostureParams params, EventRing events) {
        this.events = events;
        reconfigure(params);
    }

    /** Rebuilds the coefficients; wear time and a pending check-in are kept. */
    public void reconfigure(PostureParams params) {
        intervalUs = params.checkinIntervalMin() * 60_000_000L;
        responseUs = params.checkinResponseS() * 1_000_000L;
        holdUs = params.checkinHoldS() * 1_000_000L;
        retractMarginCentiDeg = params.retractMarginCentiDeg();
        maxGapUs = params.maxGapMs() * 1_000L;
    }

    /**
     * One sample.
     *
     * @param in          this sample's input
     * @param state       the posture state machine's state for this sample
     * @param drillActive a drill is running (no new check-in, no wear time)
     */
    public void step(PostureInput in, PostureState state, boolean drillActive) {
        long t = in.tUs;
        long dt = started ? Math.max(0, Math.min(t - prevTUs, maxGapUs)) : 0;
        if (started && t - prevTUs > maxGapUs) {
            holding = false; // a hold must be seen without a break
        }
        prevTUs = t;
        started = true;
        if (pattern != PatternRequest.NONE) {
            pattern = PatternRequest.NONE; // a reference store (GC barrier) only on a change
        }
        if (pending) {
            answer(in);
            return;
        }
        if (intervalUs == 0 || drillActive) {
            return;
        }
        if (countsAsWear(state)) {
            wearUs += dt;
        }
        if (wearUs >= intervalUs && state == PostureState.UPRIGHT) {
            pending = true;
            holding = false;
            dueUs = t;
            pattern = PatternRequest.DRILL_INHALE;
            events.offer(EventType.CHECKIN_DUE, t, in.forwardCentiDeg);
        }
    }

    /** Whether this sample is part of a check-in hold (the posture machine holds its cues then). */
    public boolean holdingOn(PostureInput in) {
        return pending && in.retracted(retractMarginCentiDeg);
    }

    /** Ends a pending check-in as missed now (the wearer snoozed instead of answering). */
    public void dismiss(PostureInput in) {
        if (pending) {
            missed(in);
        }
    }

    /** Starts the wear time again from 0 (after a drill, which is a longer check-in). */
    public void restartInterval() {
        wearUs = 0;
    }

    /** The pattern the last sample asks for: the prompt on the due sample, else NONE. */
    public PatternRequest pattern() {
        return pattern;
    }

    public boolean pending() {
        return pending;
    }

    /** Wear time counted towards the next check-in, us. */
    public long wearUs() {
        return wearUs;
    }

    private static boolean countsAsWear(PostureState state) {
        return switch (state) {
            case UPRIGHT, DRIFTING, FORWARD, MOVING, NOT_UPRIGHT -> true;
            case FAULT, UNCALIBRATED, RECLIP, QUIET, SNOOZED -> false;
        };
    }

    private void answer(PostureInput in) {
        long t = in.tUs;
        if (t > dueUs && in.retracted(retractMarginCentiDeg)) {
            if (!holding) {
                holding = true;
                holdStartUs = t;
                deepestCentiDeg = in.forwardCentiDeg;
            } else {
                deepestCentiDeg = Math.min(deepestCentiDeg, in.forwardCentiDeg);
            }
            if (t - holdStartUs >= holdUs) {
                events.offer(EventType.CHECKIN_DONE, t, deepestCentiDeg, (t - holdStartUs) / 1000, 0, 0, 0);
                resolve();
            }
            return;
        }
        holding = false;
        if (t - dueUs >= responseUs) {
            missed(in);
        }
    }

    private void missed(PostureInput in) {
        events.offer(EventType.CHECKIN_MISSED, in.tUs, in.forwardCentiDeg, (in.tUs - dueUs) / 1000, 0, 0, 0);
        resolve();
    }

    private void resolve() {
        pending = false;
        holding = false;
        wearUs = 0;
    }
}
