package dev.posture.hardware.button;

import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.DigitalStateChangeEvent;
import com.pi4j.io.gpio.digital.DigitalStateChangeListener;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The push button on a GPIO input (Pi4J gpiod provider, internal pull-up, button to GND: active low),
 * debounced and classified by a {@link PressDetector}.
 *
 * <p>A thin adapter: Pi4J's state-change events feed {@link PressDetector#update}, and a one-shot
 * timer fires at {@link PressDetector#nextDeadlineNanos()} (end of a debounce window, long-press
 * threshold) to feed {@link PressDetector#sample} with the pin read afresh, so a missed edge cannot
 * leave the detector stale (a button found released at the threshold does not fire LONG). No timer runs while the button is idle. Configure the Pi4J input with
 * debounce 0 so every raw edge reaches the detector undelayed; the debounce is done here.
 *
 * <p>The listener is called on Pi4J's event thread or the timer thread, outside the lock.
 */
public final class GpioButton implements Button {
    private static final Logger LOG = LoggerFactory.getLogger(GpioButton.class);

    private final DigitalInput input;
    private final boolean activeLow;
    private final LongSupplier clock;
    private final ScheduledExecutorService timer;
    private final boolean ownsTimer;
    private final PressDetector detector;
    private final DigitalStateChangeListener edgeListener = this::onEdge;
    private final Object lock = new Object();
    private ScheduledFuture<?> pendingTick;
    private volatile Listener listener;
    private volatile boolean closed;

    /**
     * A button with its own timer thread and System.nanoTime.
     *
     * @param input           the Pi4J input (pull-up, Pi4J debounce 0)
     * @param activeLow       true when pressing pulls the pin to GND
     * @param debounceMillis  stable time for a level to count, 1..100 ms
     * @param shortMaxMillis  presses shorter than this are SHORT
     * @param longPressMillis holding this long fires LONG
     */
    public GpioButton(DigitalInput input, boolean activeLow, int debounceMillis, int shortMaxMillis,
                      int longPressMillis) {
        this(input, activeLow, debounceMillis, shortMaxMillis, longPressMillis, System::nanoTime,
                newTimer(), true);
    }

    /** With an injected clock and timer (tests); the timer is not shut down by {@link #close}. */
    GpioButton(DigitalInput input, boolean activeLow, int debounceMillis, int shortMaxMillis,
               int longPressMillis, LongSupplier clockNanos, ScheduledExecutorService timer) {
        this(input, activeLow, debounceMillis, shortMaxMillis, longPressMillis, clockNanos, timer, false);
    }

    private GpioButton(DigitalInput input, boolean activeLow, int debounceMillis, int shortMaxMillis,
                       int longPressMillis, LongSupplier clockNanos, ScheduledExecutorService timer,
                       boolean ownsTimer) {
        if (debounceMillis < 1 || debounceMillis > 100) {
            throw new IllegalArgumentException("button debounce " + debounceMillis + " ms out of range 1..100");
        }
        this.input = input;
        this.activeLow = activeLow;
        this.clock = clockNanos;
        this.timer = timer;
        this.ownsTimer = ownsTimer;
        this.detector = new PressDetector(debounceMillis * 1_000_000L, shortMaxMillis * 1_000_000L,
                longPressMillis * 1_000_000L, isPressed(input.state()), clockNanos.getAsLong());
        input.addListener(edgeListener);
    }

    private static ScheduledExecutorService newTimer() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "button-timer");
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }

    @Override
    public void setListener(Listener listener) {
        this.listener = listener;
    }

    private boolean isPressed(DigitalState state) {
        return activeLow ? state == DigitalState.LOW : state == DigitalState.HIGH;
    }

    /** Pi4J's event thread: a raw edge. */
    @SuppressWarnings("rawtypes")
    private void onEdge(DigitalStateChangeEvent event) {
        Press press;
        synchronized (lock) {
            if (closed) {
                return;
            }
            press = detector.update(isPressed(event.state()), clock.getAsLong());
            reschedule();
        }
        dispatch(press);
    }

    /** The timer thread: a debounce window or the long-press threshold has passed. */
    void onDeadline() {
        Press press;
        synchronized (lock) {
            if (closed) {
                return;
            }
            pendingTick = null;
            press = detector.sample(isPressed(input.state()), clock.getAsLong());
            reschedule();
        }
        dispatch(press);
    }

    private void reschedule() {
        if (pendingTick != null) {
            pendingTick.cancel(false);
            pendingTick = null;
        }
        long deadline = detector.nextDeadlineNanos();
        if (deadline != PressDetector.NO_DEADLINE) {
            long delay = Math.max(0, deadline - clock.getAsLong());
            pendingTick = timer.schedule(this::onDeadline, delay, TimeUnit.NANOSECONDS);
        }
    }

    private void dispatch(Press press) {
        Listener l = listener;
        if (press != null && l != null) {
            try {
                l.pressed(press);
            } catch (RuntimeException e) {
                LOG.error("button listener failed on {}", press, e);
            }
        }
    }

    /** Stops listening; the Pi4J input itself belongs to whoever created it. */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            if (pendingTick != null) {
                pendingTick.cancel(false);
                pendingTick = null;
            }
        }
        input.removeListener(edgeListener);
        if (ownsTimer) {
            timer.shutdownNow();
        }
    }
}
