package dev.posture.device.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class RateLimitedLogTest {
    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        long millis = 1_000_000;

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }
    }

    @Test
    void oneLinePerKindPerIntervalWithTheCountOfTheOnesHeldBack() {
        Logger logger = (Logger) LoggerFactory.getLogger("dev.posture.device.mqtt.RateLimitedLogTest");
        logger.setLevel(Level.WARN);
        logger.setAdditive(false);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        logger.addAppender(lines);
        ManualClock clock = new ManualClock();
        RateLimitedLog log = new RateLimitedLog(logger, clock, Duration.ofSeconds(60));

        log.warn("connect", "mqtt: cannot connect (1)");
        for (int i = 0; i < 5; i++) {
            clock.millis += 1000;
            log.warn("connect", "mqtt: cannot connect (again)");
        }
        log.warn("lost", "mqtt: connection lost");
        clock.millis += 60_000;
        log.warn("connect", "mqtt: cannot connect (later)");

        List<String> messages = lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertEquals(List.of("mqtt: cannot connect (1)", "mqtt: connection lost",
                "mqtt: cannot connect (later) (5 similar since)"), messages);
    }
}
