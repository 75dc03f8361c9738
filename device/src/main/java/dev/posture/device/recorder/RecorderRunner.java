package dev.posture.device.recorder;

import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The recorder thread: calls {@link TraceRecorder#drainOnce()} and, when there was nothing to drain,
 * parks for the idle period (no busy spin: at 100 Hz and a 10 ms park the ring holds about one
 * sample between visits). Tests step {@code drainOnce()} by hand instead.
 */
public final class RecorderRunner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RecorderRunner.class);
    /** Park when idle: the ring absorbs this much and more, and the flush period is seconds. */
    public static final long DEFAULT_IDLE_MS = 10;

    private final TraceRecorder recorder;
    private final long idleNanos;
    private final Thread thread;
    private volatile boolean running = true;

    private RecorderRunner(TraceRecorder recorder, long idleMs) {
        this.recorder = Objects.requireNonNull(recorder, "recorder");
        if (idleMs < 1) {
            throw new IllegalArgumentException("idle period " + idleMs + " ms is below 1");
        }
        this.idleNanos = TimeUnit.MILLISECONDS.toNanos(idleMs);
        this.thread = new Thread(this::run, "trace-recorder");
        thread.setDaemon(true);
    }

    /** Starts a daemon thread named "trace-recorder". */
    public static RecorderRunner start(TraceRecorder recorder, long idleMs) {
        RecorderRunner runner = new RecorderRunner(recorder, idleMs);
        runner.thread.start();
        return runner;
    }

    public static RecorderRunner start(TraceRecorder recorder) {
        return start(recorder, DEFAULT_IDLE_MS);
    }

    private void run() {
        while (running) {
            try {
                if (recorder.drainOnce() == 0) {
                    LockSupport.parkNanos(idleNanos);
                }
            } catch (RuntimeException e) {
                // drainOnce handles I/O errors itself; anything else is a bug, but the thread stays
                LOG.error("trace recorder step failed", e);
                LockSupport.parkNanos(idleNanos);
            }
        }
    }

    /** Stops the thread and waits for it; then drains once more so nothing offered is left behind. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        LockSupport.unpark(thread);
        thread.join();
        recorder.drainOnce();
    }
}
