package dev.posture.hardware.button;

/**
 * Debounce and press classification as a pure state machine: fed with the raw level and the time,
 * never reads a clock or a pin itself, so tests drive it with exact timestamps.
 *
 * <p><b>Debounce.</b> A raw level counts only once it has been stable for {@code debounceNanos}
 * (typically 20-30 ms; contact bounce of a tactile switch lasts a few ms). The edge is then dated to
 * the raw change that started the stable run, so press durations are measured from when the contact
 * settled, not from when the debounce confirmed it. A glitch shorter than the debounce is ignored.
 *
 * <p><b>Classification.</b>
 * <ul>
 *   <li>LONG fires while the button is still held, the moment it has been held {@code longPressNanos}
 *       (typically 2 s), so the wearer can let go when the device reacts; its release then reports
 *       nothing.</li>
 *   <li>SHORT fires on a (debounced) release after a press shorter than {@code shortMaxNanos}
 *       (typically 1 s).</li>
 *   <li>A release between the two reports nothing: an ambiguous press does neither snooze nor
 *       calibrate.</li>
 *   <li>A button already down when the detector starts (held at boot, or stuck) reports nothing
 *       until it has been released and pressed again.</li>
 * </ul>
 *
 * <p>Edges go to {@link #update}. Between edges the owner calls {@link #tick} (or {@link #sample}
 * with the pin read afresh) at {@link #nextDeadlineNanos()}: the end of a debounce window or the
 * long-press threshold; when nothing is pending there is no deadline.
 * Not thread-safe: the owner serializes calls. Allocates nothing.
 */
public final class PressDetector {
    /** No time-driven transition is pending. */
    public static final long NO_DEADLINE = Long.MAX_VALUE;

    private final long debounceNanos;
    private final long shortMaxNanos;
    private final long longPressNanos;

    private boolean rawPressed;        // the level last seen
    private long rawSinceNanos;        // when the raw level last changed
    private boolean pressed;           // the debounced level
    private long pressStartNanos;      // when the current debounced press began
    private boolean pressConsumed;     // LONG fired, or the press predates the detector

    /**
     * @param debounceNanos   how long a level must be stable to count, &gt; 0
     * @param shortMaxNanos   presses shorter than this are SHORT
     * @param longPressNanos  holding this long fires LONG, &ge; shortMaxNanos
     * @param initialPressed  the level when the detector starts
     * @param nowNanos        the time when the detector starts
     */
    public PressDetector(long debounceNanos, long shortMaxNanos, long longPressNanos,
                         boolean initialPressed, long nowNanos) {
        if (debounceNanos <= 0) {
            throw new IllegalArgumentException("debounce must be positive, got " + debounceNanos + " ns");
        }
        if (shortMaxNanos <= debounceNanos || longPressNanos < shortMaxNanos) {
            throw new IllegalArgumentException("need debounce < short press max <= long press, got "
                    + debounceNanos + " / " + shortMaxNanos + " / " + longPressNanos + " ns");
        }
        this.debounceNanos = debounceNanos;
        this.shortMaxNanos = shortMaxNanos;
        this.longPressNanos = longPressNanos;
        this.rawPressed = initialPressed;
        this.rawSinceNanos = nowNanos;
        this.pressed = initialPressed;
        this.pressStartNanos = nowNanos;
        this.pressConsumed = initialPressed;
    }

    /**
     * The raw level at {@code nowNanos} (an edge, or a sample; repeating the current level is fine).
     * Time-driven transitions due up to {@code nowNanos} happen first. Returns the press this
     * completes, or null.
     */
    public Button.Press update(boolean levelPressed, long nowNanos) {
        Button.Press press = tick(nowNanos);
        if (levelPressed != rawPressed) {
            rawPressed = levelPressed;
            rawSinceNanos = nowNanos;
        }
        return press;
    }

    /**
     * The level read from the pin at a deadline, where an edge may have been missed: a change is
     * dated {@code nowNanos} and applied before the time-driven transitions, so a button found
     * released at the long-press threshold does not fire LONG. Returns the press completed, or null.
     */
    public Button.Press sample(boolean levelPressed, long nowNanos) {
        if (levelPressed != rawPressed) {
            rawPressed = levelPressed;
            rawSinceNanos = nowNanos;
        }
        return tick(nowNanos);
    }

    /** Time passes with the raw level unchanged. Returns the press this completes, or null. */
    public Button.Press tick(long nowNanos) {
        if (rawPressed != pressed && nowNanos - rawSinceNanos >= debounceNanos) {
            pressed = rawPressed;                    // the level has been stable long enough
            if (pressed) {
                pressStartNanos = rawSinceNanos;
                pressConsumed = false;
            } else {
                return classifyRelease(rawSinceNanos - pressStartNanos);
            }
        }
        if (pressed && rawPressed && !pressConsumed && nowNanos - pressStartNanos >= longPressNanos) {
            pressConsumed = true;
            return Button.Press.LONG;
        }
        return null;
    }

    /**
     * A press held to the threshold has already fired LONG: {@link #update} ticks before it applies a
     * release edge, so the threshold is always checked while the level was still down.
     */
    private Button.Press classifyRelease(long heldNanos) {
        if (pressConsumed) {
            return null;
        }
        return heldNanos < shortMaxNanos ? Button.Press.SHORT : null;
    }

    /** When {@link #tick} next has something to do, or {@link #NO_DEADLINE}. */
    public long nextDeadlineNanos() {
        if (rawPressed != pressed) {
            return rawSinceNanos + debounceNanos;
        }
        if (pressed && !pressConsumed) {
            return pressStartNanos + longPressNanos;
        }
        return NO_DEADLINE;
    }

    /** The debounced level. */
    public boolean isPressed() {
        return pressed;
    }
}
