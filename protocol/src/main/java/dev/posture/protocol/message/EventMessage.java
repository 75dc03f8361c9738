package dev.posture.protocol.message;

import dev.posture.protocol.mqtt.DeviceId;
import dev.posture.protocol.mqtt.TopicKind;

/**
 * One event on {@code posture/v1/{id}/event}, published with QoS 1. QoS 1 may deliver a message
 * twice, so receivers drop duplicates by (device id, seq): the device numbers its events from 0,
 * one by one, and keeps counting across restarts (it stores the next number before it publishes).
 *
 * @param deviceId the device
 * @param seq      the event's number in the device's sequence, 0..2^53-1
 * @param timeMs   wall-clock time of the event, ms since the Unix epoch (UTC); may jump when the clock is set
 * @param uptimeMs ms since the firmware started; monotonic between restarts
 * @param detail   the type and the fields that belong to it
 */
public record EventMessage(DeviceId deviceId, long seq, long timeMs, long uptimeMs, EventDetail detail)
        implements Message {
    public EventMessage {
        FieldCheck.present(deviceId, "device_id");
        FieldCheck.between(seq, 0, FieldCheck.MAX_INTEGER, "seq");
        FieldCheck.between(timeMs, 0, FieldCheck.MAX_INTEGER, "time_ms");
        FieldCheck.between(uptimeMs, 0, FieldCheck.MAX_INTEGER, "uptime_ms");
        FieldCheck.present(detail, "type");
    }

    public EventType type() {
        return detail.type();
    }

    @Override
    public TopicKind kind() {
        return TopicKind.EVENT;
    }
}
