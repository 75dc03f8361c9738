package dev.posture.device.mqtt;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;

/**
 * One warning line per kind of problem per interval: a broker that is down for a day must not fill
 * the SD card with the same line every second. Suppressed repeats are counted in the next line.
 */
final class RateLimitedLog {
    private final Logger log;
    private final Clock clock;
    private final long intervalMs;
    private final Map<String, long[]> lastAndSuppressed = new HashMap<>();

    RateLimitedLog(Logger log, Clock clock, Duration interval) {
        this.log = log;
        this.clock = clock;
        this.intervalMs = interval.toMillis();
    }

    /** Logs {@code message} (already one line) unless a line of the same {@code kind} was logged recently. */
    synchronized void warn(String kind, String message) {
        long now = clock.millis();
        long[] state = lastAndSuppressed.get(kind);
        if (state != null && now - state[0] < intervalMs) {
            state[1]++;
            return;
        }
        long suppressed = state == null ? 0 : state[1];
        lastAndSuppressed.put(kind, new long[] {now, 0});
        if (suppressed > 0) {
            log.warn("{} ({} similar since)", message, suppressed);
        } else {
            log.warn(message);
        }
    }
}
