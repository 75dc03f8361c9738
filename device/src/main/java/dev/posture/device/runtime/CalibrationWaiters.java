package dev.posture.device.runtime;

import dev.posture.device.control.CalibrationOutcome;
import dev.posture.device.control.ControlException.Reason;
import dev.posture.device.loop.CalibrationNotice;
import dev.posture.device.pipeline.calibration.CalibrationStatus;
import dev.posture.protocol.message.CalibrationStep;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * CALIBRATE requests waiting for the pipeline's decision. The loop publishes each decision in a
 * {@link CalibrationNotice}; the housekeeping thread calls {@link #check} often enough (every
 * 20 ms of simulated time at most) to see each one, since decisions are at least a second apart. A
 * request made while an older window still runs makes the pipeline drop the older one: its waiter
 * is answered BUSY when the pipeline reports the cancellation.
 */
final class CalibrationWaiters {
    private record Waiter(CalibrationStep pose, long sinceVersion, long deadlineNanos,
                          CompletableFuture<CalibrationOutcome> future) {
    }

    private final List<Waiter> waiting = new ArrayList<>();

    /** Registers a request made after the notice showed {@code sinceVersion}. */
    synchronized CompletableFuture<CalibrationOutcome> add(CalibrationStep pose, long sinceVersion, long deadlineNanos) {
        CompletableFuture<CalibrationOutcome> future = new CompletableFuture<>();
        waiting.add(new Waiter(pose, sinceVersion, deadlineNanos, future));
        return future;
    }

    /** Completes the waiters the latest decision answers, and those whose deadline passed. */
    synchronized void check(CalibrationNotice notice, long nowNanos) {
        if (waiting.isEmpty()) {
            return;
        }
        CalibrationNotice.Decision decision = null;
        for (int i = waiting.size() - 1; i >= 0; i--) {
            Waiter w = waiting.get(i);
            CalibrationOutcome outcome = null;
            if (notice.version() > w.sinceVersion) {
                if (decision == null) {
                    decision = notice.read();
                }
                outcome = outcomeFor(w.pose, decision);
                if (outcome == null && decision.status() == CalibrationStatus.CANCELLED && i < waiting.size() - 1) {
                    outcome = CalibrationOutcome.rejected(w.pose, Reason.BUSY, "a newer calibration took over");
                }
            }
            if (outcome == null && nowNanos - w.deadlineNanos >= 0) {
                outcome = CalibrationOutcome.rejected(w.pose, Reason.NOT_NOW,
                        "no calibration decision in time; is the sensor working?");
            }
            if (outcome != null) {
                waiting.remove(i);
                w.future.complete(outcome);
            }
        }
    }

    /** Answers every waiter BUSY with {@code why} (a loop restart, a newer request, shutdown). */
    synchronized void cancelAll(String why) {
        for (Waiter w : waiting) {
            w.future.complete(CalibrationOutcome.rejected(w.pose, Reason.BUSY, why));
        }
        waiting.clear();
    }

    synchronized int size() {
        return waiting.size();
    }

    /** The outcome a decision means for a request, or null when it is about something else. */
    static CalibrationOutcome outcomeFor(CalibrationStep pose, CalibrationNotice.Decision d) {
        return switch (d.status()) {
            case NEUTRAL_SET -> pose == CalibrationStep.NEUTRAL ? CalibrationOutcome.accepted(pose, d.message()) : null;
            case LEAN_SET -> pose == CalibrationStep.LEAN ? CalibrationOutcome.accepted(pose, d.message()) : null;
            case REJECTED_NO_NEUTRAL -> CalibrationOutcome.rejected(pose, Reason.NOT_NOW, "calibrate NEUTRAL first");
            case REJECTED_ROTATION, REJECTED_ACCELERATION, REJECTED_TILT -> CalibrationOutcome.rejected(pose,
                    Reason.NOT_NOW, "the wearer moved; hold still and retry (" + d.message() + ")");
            case REJECTED_TOO_SHORT, REJECTED_SENSOR_FAULT, REJECTED_LEAN_TOO_SMALL, REJECTED_LEAN_TOO_LARGE,
                    REJECTED_LEAN_SIDEWAYS -> CalibrationOutcome.rejected(pose, Reason.NOT_NOW, d.message());
            case NONE, LEARNED_FROM_WALKING, RECLIP_SUSPECTED, RECLIP_DISMISSED, CANCELLED -> null;
        };
    }
}
