package dev.posture.hardware.haptic;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Plays {@link HapticPattern}s on any {@link Haptic} without ever making the caller wait for the motor.
 *
 * <p><b>Two sides.</b> {@link #play} and {@link #stop} may be called from any thread (the sampling
 * loop, the console): they only post the request into a one-slot mailbox (one {@code AtomicLong},
 * compare-and-set, no lock, no allocation) and wake the ticker. {@link #tick} advances the motor and
 * must be called from one thread only: either the sampling loop itself with its own clock (timing
 * is then quantized to the loop period), or {@link PatternPlayerRunner}, a thread that sleeps until
 * {@link #nextDeadlineNanos()} and so switches the motor on the millisecond. Tests call {@code tick}
 * by hand with an injected clock.
 *
 * <p><b>Priority and preemption.</b> Every request has a {@link Priority}: CUE (posture cues) &lt;
 * DRILL (drill pacing) &lt; ALERT (recalibration needed) &lt; TEST (a clinician's cue test). A
 * request of equal or higher priority than the pattern playing replaces it at once (equal: the
 * newest wins, e.g. a drill moving from inhale to hold); a lower one is dropped, not queued, since a
 * late posture cue is worse than none and the state machine repeats cues that are still due. Of two
 * requests posted before one tick, the higher priority is kept (equal: the later). {@link #stop}
 * clears everything, and a request posted after it wins over it.
 *
 * <p><b>Safety cap.</b> The motor is never on for longer than {@code maxOnNanos} in one stretch,
 * counted across steps and patterns: when the cap is reached the pattern is abandoned, the motor
 * switched off and {@link #safetyCutoffs()} counted. No built-in pattern comes near the default
 * {@link #DEFAULT_MAX_ON_NANOS}; the cap protects against a misconfigured or runaway pattern.
 *
 * <p><b>Motor errors</b> are caught in {@code tick}, counted ({@link #motorErrors()}) and kept
 * ({@link #lastMotorError()}), never thrown to the caller. A level that failed to apply is retried
 * every {@link #RETRY_NANOS} (most importantly "off") up to {@link #MAX_RETRIES} times in a row; any
 * new request or {@link #stop} starts the attempts afresh.
 */
public final class PatternPlayer {
    /** Who asked, in increasing precedence. */
    public enum Priority { CUE, DRILL, ALERT, TEST }

    /** Default cap on continuous motor on-time: 1 s (the longest built-in stretch is 600 ms). */
    public static final long DEFAULT_MAX_ON_NANOS = 1_000_000_000L;
    /** Interval between attempts to apply a level the motor refused. */
    public static final long RETRY_NANOS = 50_000_000L;
    /** Attempts in a row at one level before the player stops retrying it. */
    public static final int MAX_RETRIES = 10;
    /** What {@link #nextDeadlineNanos()} returns when nothing will happen until a new request. */
    public static final long NO_DEADLINE = Long.MAX_VALUE;
    /** What {@link #nextDeadlineNanos()} returns when a request is waiting: tick now. */
    public static final long NOW = Long.MIN_VALUE;

    // mailbox encoding: 0 empty, 1 stop, else REQUEST | priority << 2 | pattern << 4 | intensity << 12
    private static final long EMPTY = 0;
    private static final long STOP = 1;
    private static final long REQUEST = 2;
    private static final int UNKNOWN = -1;
    private static final long NONE = Long.MIN_VALUE;
    private static final Runnable NO_WAKEUP = () -> { };

    private final Haptic haptic;
    private final long maxOnNanos;
    private final AtomicLong pending = new AtomicLong(EMPTY);
    private volatile Runnable wakeup = NO_WAKEUP;

    // ticker-thread state
    private volatile HapticPattern current;   // null when idle; volatile for playing()
    private int currentPriority;
    private int currentIntensity;
    private int stepIndex;
    private long stepEndNanos;
    private int desiredLevel;                 // what the pattern wants now, % (0 = off)
    private int appliedLevel;                 // what the motor last accepted, or UNKNOWN
    private long onSinceNanos = NONE;         // start of the current on-stretch
    private int failedLevel = UNKNOWN;        // the level whose drive() failed last
    private int failures;                     // consecutive failures at failedLevel
    private long retryAtNanos;

    // counters: written by the ticker thread (dropped: by any thread), read by anyone
    private volatile long motorErrors;
    private volatile Exception lastMotorError;
    private volatile long safetyCutoffs;
    private volatile long started;
    private final AtomicLong dropped = new AtomicLong();

    /** A player with the default 1 s safety cap. The motor is assumed off. */
    public PatternPlayer(Haptic haptic) {
        this(haptic, DEFAULT_MAX_ON_NANOS);
    }

    public PatternPlayer(Haptic haptic, long maxOnNanos) {
        if (maxOnNanos <= 0) {
            throw new IllegalArgumentException("safety cap must be positive, got " + maxOnNanos + " ns");
        }
        this.haptic = haptic;
        this.maxOnNanos = maxOnNanos;
        this.appliedLevel = 0;
    }

    // ------------------------------------------------------------------ any thread

    /** Requests {@code pattern} at {@code intensityPct} (clamped to 0..100) with its default priority. */
    public void play(HapticPattern pattern, int intensityPct) {
        play(pattern, intensityPct, pattern.defaultPriority());
    }

    /**
     * Requests {@code pattern} at {@code intensityPct} (clamped to 0..100). Returns at once: no motor
     * access, no lock, no allocation. The request takes effect at the next {@link #tick}.
     */
    public void play(HapticPattern pattern, int intensityPct, Priority priority) {
        int pct = Math.max(0, Math.min(100, intensityPct));
        long request = REQUEST | (long) priority.ordinal() << 2 | (long) pattern.ordinal() << 4 | (long) pct << 12;
        for (;;) {
            long waiting = pending.get();
            if (isRequest(waiting) && priorityOf(waiting) > priority.ordinal()) {
                dropped.incrementAndGet();
                return;
            }
            if (pending.compareAndSet(waiting, request)) {
                break;
            }
        }
        wakeup.run();
    }

    /** Stops whatever plays and turns the motor off at the next tick. */
    public void stop() {
        pending.set(STOP);
        wakeup.run();
    }

    /** The pattern playing now, or null. */
    public HapticPattern playing() {
        return current;
    }

    /** Motor errors caught so far (each failed {@link Haptic#drive} call). */
    public long motorErrors() {
        return motorErrors;
    }

    /** The latest motor error, or null. */
    public Exception lastMotorError() {
        return lastMotorError;
    }

    /** Patterns stopped by the continuous on-time cap. */
    public long safetyCutoffs() {
        return safetyCutoffs;
    }

    /** Requests dropped because something of higher priority was playing or waiting. */
    public long droppedRequests() {
        return dropped.get();
    }

    /** Patterns started. */
    public long patternsStarted() {
        return started;
    }

    /** Called after every {@link #play}/{@link #stop}; the runner uses it to wake its thread. */
    public void setWakeup(Runnable wakeup) {
        this.wakeup = wakeup != null ? wakeup : NO_WAKEUP;
    }

    // ------------------------------------------------------------------ the ticker thread

    /** Takes the waiting request, advances the pattern to {@code nowNanos} and drives the motor. */
    public void tick(long nowNanos) {
        advance(nowNanos);          // a pattern whose time is up ends before a request is judged
        takeRequest(nowNanos);
        advance(nowNanos);          // the level of a pattern that just started
        enforceCap(nowNanos);
        apply(nowNanos);
    }

    /**
     * When {@link #tick} next has something to do: {@link #NOW} if a request waits, the end of the
     * current step, the safety cap, or a retry; {@link #NO_DEADLINE} when idle. Ticker thread only.
     */
    public long nextDeadlineNanos() {
        if (pending.get() != EMPTY) {
            return NOW;
        }
        long next = NO_DEADLINE;
        if (current != null) {
            next = stepEndNanos;
        }
        if (desiredLevel > 0 && onSinceNanos != NONE) {
            next = Math.min(next, onSinceNanos + maxOnNanos);
        }
        if (appliedLevel != desiredLevel && failedLevel == desiredLevel && failures < MAX_RETRIES) {
            next = Math.min(next, retryAtNanos);
        }
        return next;
    }

    private void takeRequest(long now) {
        long request = pending.getAndSet(EMPTY);
        if (request == EMPTY) {
            return;
        }
        failedLevel = UNKNOWN;                   // a new request gets fresh attempts at the motor
        failures = 0;
        if (request == STOP) {
            finish();
            return;
        }
        int priority = priorityOf(request);
        if (current != null && priority < currentPriority) {
            dropped.incrementAndGet();
            return;
        }
        HapticPattern pattern = HapticPattern.byOrdinal((int) (request >>> 4) & 0xFF);
        currentPriority = priority;
        currentIntensity = (int) (request >>> 12) & 0x7F;
        stepIndex = 0;
        stepEndNanos = now + pattern.durationMs(0) * 1_000_000L;
        current = pattern;
        started++;
    }

    private void advance(long now) {
        HapticPattern pattern = current;
        if (pattern == null) {
            desiredLevel = 0;
            return;
        }
        while (now - stepEndNanos >= 0) {
            stepIndex++;
            if (stepIndex >= pattern.steps()) {
                finish();
                return;
            }
            stepEndNanos += pattern.durationMs(stepIndex) * 1_000_000L;
        }
        desiredLevel = (pattern.levelPct(stepIndex) * currentIntensity + 50) / 100;
    }

    private void enforceCap(long now) {
        if (desiredLevel == 0) {
            onSinceNanos = NONE;
            return;
        }
        if (onSinceNanos == NONE) {
            onSinceNanos = now;
        } else if (now - onSinceNanos >= maxOnNanos) {
            safetyCutoffs++;
            finish();
            onSinceNanos = NONE;
        }
    }

    private void apply(long now) {
        int level = desiredLevel;
        if (level == appliedLevel) {
            return;
        }
        if (level == failedLevel && (failures >= MAX_RETRIES || now - retryAtNanos < 0)) {
            return;
        }
        try {
            haptic.drive(level);
            appliedLevel = level;
            failedLevel = UNKNOWN;
            failures = 0;
        } catch (Exception e) {                  // HardwareException, or a provider's runtime exception
            motorErrors++;
            lastMotorError = e;
            appliedLevel = UNKNOWN;
            if (level != failedLevel) {
                failedLevel = level;
                failures = 0;
            }
            failures++;
            retryAtNanos = now + RETRY_NANOS;
        }
    }

    private void finish() {
        current = null;
        desiredLevel = 0;
    }

    private static boolean isRequest(long mail) {
        return (mail & REQUEST) != 0;
    }

    private static int priorityOf(long request) {
        return (int) (request >>> 2) & 0x3;
    }
}
