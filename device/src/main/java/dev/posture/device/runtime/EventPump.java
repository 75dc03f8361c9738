package dev.posture.device.runtime;

import dev.posture.device.loop.SensorFault;
import dev.posture.device.pipeline.event.EventRecord;
import dev.posture.device.pipeline.event.EventRing;
import dev.posture.protocol.message.EventDetail;
import dev.posture.protocol.message.EventMessage;
import dev.posture.protocol.mqtt.DeviceId;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event thread: takes events out of the loop's {@link EventRing}, turns each into the
 * protocol's {@link EventMessage} (wall time, uptime, the text fields the ring cannot hold), stores
 * the next sequence number, then hands the message to every listener in order (the MQTT outbox,
 * the console's {@code * EVENT} lines, the log). The ring is the only queue between the loop and
 * the I/O side; this thread is its one consumer.
 */
final class EventPump implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventPump.class);
    /** Real time between polls of an empty ring: events wait at most this long. */
    private static final long IDLE_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private final EventRing ring;
    private final SequenceFile sequence;
    private final Supplier<DeviceId> deviceId;
    private final String firmware;
    private final DeviceClock clock;
    private final long bootUs;
    private final List<Consumer<EventMessage>> listeners = new CopyOnWriteArrayList<>();
    private final EventRecord record = new EventRecord();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long published;
    private volatile long sequenceStoreFailures;

    EventPump(EventRing ring, SequenceFile sequence, Supplier<DeviceId> deviceId, String firmware, DeviceClock clock,
            long bootUs) {
        this.ring = ring;
        this.sequence = sequence;
        this.deviceId = deviceId;
        this.firmware = firmware;
        this.clock = clock;
        this.bootUs = bootUs;
        this.thread = new Thread(this::run, "events");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    void addListener(Consumer<EventMessage> listener) {
        listeners.add(listener);
    }

    long published() {
        return published;
    }

    long sequenceStoreFailures() {
        return sequenceStoreFailures;
    }

    private void run() {
        while (running) {
            if (drainOnce() == 0) {
                LockSupport.parkNanos(IDLE_NANOS);
            }
        }
        drainOnce();
    }

    /** Moves every waiting event to the listeners; returns how many. Event thread (or close) only. */
    synchronized int drainOnce() {
        int n = 0;
        while (ring.poll(record)) {
            n++;
            EventMessage message;
            try {
                message = toMessage(record);
            } catch (RuntimeException e) {   // a field out of the protocol's range: a bug, not a reason to stop
                LOG.error("event {} dropped: {}", record, e.getMessage());
                continue;
            }
            try {
                sequence.store(message.seq() + 1);
            } catch (IOException e) {
                sequenceStoreFailures++;
                LOG.error("event number {} not stored ({}); numbers may repeat after a restart", message.seq() + 1,
                        e.getMessage());
            }
            LOG.info("event #{} {}", message.seq(), message.detail());
            for (Consumer<EventMessage> listener : listeners) {
                try {
                    listener.accept(message);
                } catch (RuntimeException e) {
                    LOG.error("event listener failed on #{}: {}", message.seq(), e.toString());
                }
            }
            published++;
        }
        return n;
    }

    private EventMessage toMessage(EventRecord r) {
        long nowUs = clock.nanos() / 1000;
        long timeMs = Math.max(0, clock.wallMs() - (nowUs - r.tUs()) / 1000);
        long uptimeMs = Math.max(0, (r.tUs() - bootUs) / 1000);
        EventDetail detail = switch (r.type()) {
            case SENSOR_FAULT -> new EventDetail.SensorFault(SensorFault.fromCode(r.d0()).id());
            case BOOTED -> new EventDetail.Booted(firmware);
            default -> r.toDetail();
        };
        return new EventMessage(deviceId.get(), r.sequence(), timeMs, uptimeMs, detail);
    }

    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
