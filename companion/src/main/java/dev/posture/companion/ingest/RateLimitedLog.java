package dev.posture.companion.ingest;

import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * Warning lines with a budget: at most {@code perWindow} lines per window, then silence until the
 * next window, whose first line says how many were held back. A flood of bad payloads (a broken
 * device, a hostile client) cannot fill the disk or hide the rest of the log.
 */
final class RateLimitedLog {
    private final Logger log;
    private final int perWindow;
    private final long windowMs;
    private final LongSupplier clockMs;
    private long windowStartMs = Long.MIN_VALUE;
    private int inWindow;
    private long suppressed;

    RateLimitedLog(Logger log, int perWindow, long windowMs, LongSupplier clockMs) {
        this.log = log;
        this.perWindow = perWindow;
        this.windowMs = windowMs;
        this.clockMs = clockMs;
    }

    /** Logs one warning line unless this window's budget is spent; returns whether it was logged. */
    synchronized boolean warn(String line) {
        long now = clockMs.getAsLong();
        if (windowStartMs == Long.MIN_VALUE || now - windowStartMs >= windowMs) {
            windowStartMs = now;
            inWindow = 0;
        }
        if (inWindow >= perWindow) {
            suppressed++;
            return false;
        }
        inWindow++;
        if (suppressed > 0) {
            log.warn("{} (and {} similar lines held back before it)", line, suppressed);
            suppressed = 0;
        } else {
            log.warn(line);
        }
        return true;
    }
}
