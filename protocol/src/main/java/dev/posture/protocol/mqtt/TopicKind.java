package dev.posture.protocol.mqtt;

import java.util.Optional;

/**
 * Every topic under {@code posture/v1/{device_id}/}, with how it is published. This enum is the
 * one table of QoS levels and retain flags: the device's publisher and the companion's subscriber
 * both read them from here.
 */
public enum TopicKind {
    /** Connection state and health; retained, and the last will publishes the offline form. */
    STATUS("status", Direction.FROM_DEVICE, 1, true),
    /** Posture and device events; every one matters, so QoS 1 (receivers drop duplicates). */
    EVENT("event", Direction.FROM_DEVICE, 1, false),
    /** One summary per second; a lost one is replaced a second later, so QoS 0. */
    TELEMETRY("telemetry", Direction.FROM_DEVICE, 0, false),
    /** The current configuration with its version; retained so a new companion sees it at once. */
    CONFIG("config", Direction.FROM_DEVICE, 1, true),
    /** A request to change configuration values. */
    CONFIG_SET("config/set", Direction.TO_DEVICE, 1, false),
    /** The default reply topic for {@link #CONFIG_SET} when the request names no response topic. */
    CONFIG_RESULT("config/result", Direction.FROM_DEVICE, 1, false),
    /** A command request (calibrate, cue test, snooze, trace control, status). */
    CMD("cmd", Direction.TO_DEVICE, 1, false),
    /** The default reply topic for {@link #CMD} when the request names no response topic. */
    CMD_RESULT("cmd/result", Direction.FROM_DEVICE, 1, false),
    /** Raw trace chunks of one recording; the recording id is one more topic level. */
    TRACE("trace", Direction.FROM_DEVICE, 1, false);

    private final String suffix;
    private final Direction direction;
    private final int qos;
    private final boolean retained;

    TopicKind(String suffix, Direction direction, int qos, boolean retained) {
        this.suffix = suffix;
        this.direction = direction;
        this.qos = qos;
        this.retained = retained;
    }

    /**
     * The topic levels after the device id, without the recording id of {@link #TRACE}:
     * {@code status}, {@code config/set}, {@code trace}. Messages use it to name themselves in errors.
     */
    public String suffix() {
        return suffix;
    }

    public Direction direction() {
        return direction;
    }

    /** MQTT QoS to publish and subscribe with: 0 or 1. */
    public int qos() {
        return qos;
    }

    /** Whether the device publishes with the retain flag set. */
    public boolean retained() {
        return retained;
    }

    /** True for the two request topics, whose replies go to a response topic. */
    public boolean isRequest() {
        return replyKind().isPresent();
    }

    /** The default reply topic kind of a request kind; empty for every other kind. */
    public Optional<TopicKind> replyKind() {
        switch (this) {
            case CONFIG_SET:
                return Optional.of(CONFIG_RESULT);
            case CMD:
                return Optional.of(CMD_RESULT);
            default:
                return Optional.empty();
        }
    }
}
