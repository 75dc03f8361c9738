package dev.posture.companion.ingest;

import dev.posture.companion.store.Store;
import dev.posture.companion.store.StoreException;
import dev.posture.companion.view.EventText;
import dev.posture.protocol.ProtocolException;
import dev.posture.protocol.message.MessageCodec;
import dev.posture.protocol.message.EventMessage;
import dev.posture.protocol.mqtt.Topic;
import dev.posture.protocol.mqtt.TopicKind;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the companion does with one incoming MQTT message, without MQTT: parse the topic, decode the
 * payload with the protocol's codec, write it to the store. A bad topic or payload is one
 * (rate-limited) warning line and is skipped; only a store failure is thrown, so that the caller
 * can leave the message unacknowledged.
 */
public final class IngestHandler {
    private static final Logger LOG = LoggerFactory.getLogger(IngestHandler.class);

    /** What became of one message. */
    public enum Outcome {
        /** written to the store */
        STORED,
        /** an event whose (device_id, seq) was already stored */
        DUPLICATE,
        /** an empty retained status or config: the device was marked removed */
        REMOVED,
        /** a topic this version of the companion does not log yet (replies, trace chunks) */
        IGNORED,
        /** a bad topic or payload, logged and skipped */
        REJECTED
    }

    private final Store store;
    private final LongSupplier clockMs;
    private final Consumer<String> eventLines;
    private final RateLimitedLog problems;
    private final AtomicLong stored = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();

    /**
     * @param store      where to write
     * @param clockMs    wall clock for the received/seen times, ms since the epoch
     * @param eventLines receives one line per newly stored event ({@link EventText#line}); duplicates print nothing
     */
    public IngestHandler(Store store, LongSupplier clockMs, Consumer<String> eventLines) {
        this.store = store;
        this.clockMs = clockMs;
        this.eventLines = eventLines;
        this.problems = new RateLimitedLog(LOG, 10, 60_000, clockMs);
    }

    /** Handles one message; never throws for bad input. */
    public Outcome handle(String topicName, byte[] payload) throws StoreException {
        Topic topic;
        try {
            topic = Topic.parse(topicName);
        } catch (ProtocolException e) {
            return reject("skipped a message: " + e.getMessage());
        }
        long now = clockMs.getAsLong();
        TopicKind kind = topic.kind();
        try {
            switch (kind) {
                case STATUS:
                case CONFIG:
                    if (payload.length == 0) {
                        // MQTT's way to delete a retained message: the device was retired.
                        store.markRemoved(topic.deviceId(), now);
                        LOG.info("{}: removed (empty retained {})", topic.deviceId(), kind.suffix());
                        return Outcome.REMOVED;
                    }
                    if (kind == TopicKind.STATUS) {
                        var status = MessageCodec.decodeStatus(payload);
                        checkSameDevice(topic, status.deviceId().value(), kind);
                        store.updateStatus(status, now);
                    } else {
                        var config = MessageCodec.decodeConfig(payload);
                        checkSameDevice(topic, config.deviceId().value(), kind);
                        store.addConfig(config, new String(payload, StandardCharsets.UTF_8), now);
                    }
                    stored.incrementAndGet();
                    return Outcome.STORED;
                case EVENT:
                    EventMessage event = MessageCodec.decodeEvent(payload);
                    checkSameDevice(topic, event.deviceId().value(), kind);
                    if (!store.addEvent(event, new String(payload, StandardCharsets.UTF_8), now)) {
                        duplicates.incrementAndGet();
                        return Outcome.DUPLICATE;
                    }
                    stored.incrementAndGet();
                    eventLines.accept(EventText.line(event));
                    return Outcome.STORED;
                case TELEMETRY:
                    var telemetry = MessageCodec.decodeTelemetry(payload);
                    checkSameDevice(topic, telemetry.deviceId().value(), kind);
                    store.addTelemetry(telemetry, now);
                    stored.incrementAndGet();
                    return Outcome.STORED;
                default:
                    return Outcome.IGNORED;
            }
        } catch (ProtocolException e) {
            return reject("skipped a message on " + topic.name() + ": " + e.getMessage());
        }
    }

    public long storedCount() {
        return stored.get();
    }

    public long duplicateCount() {
        return duplicates.get();
    }

    public long rejectedCount() {
        return rejected.get();
    }

    /** A device may only speak for itself: the payload's device id must be the topic's. */
    private static void checkSameDevice(Topic topic, String payloadDeviceId, TopicKind kind) throws ProtocolException {
        if (!topic.deviceId().value().equals(payloadDeviceId)) {
            throw new ProtocolException(kind.suffix() + ": field 'device_id' is '" + payloadDeviceId
                    + "', the topic's is '" + topic.deviceId() + "'");
        }
    }

    private Outcome reject(String line) {
        rejected.incrementAndGet();
        problems.warn(line);
        return Outcome.REJECTED;
    }
}
