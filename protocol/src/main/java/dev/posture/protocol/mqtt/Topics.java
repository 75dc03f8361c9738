package dev.posture.protocol.mqtt;

import java.util.List;
import java.util.Objects;

/**
 * The topic tree of one device: every topic it publishes on or listens to, and the subscriptions a
 * device and a companion make. A device keeps one instance; a companion makes one per device it
 * talks to.
 *
 * <pre>{@code
 * Topics topics = Topics.of(new DeviceId("desk-07"));
 * topics.event().name();        // posture/v1/desk-07/event
 * topics.event().qos();         // 1
 * topics.status().retained();   // true
 * }</pre>
 */
public final class Topics {
    private final DeviceId deviceId;

    private Topics(DeviceId deviceId) {
        this.deviceId = Objects.requireNonNull(deviceId, "deviceId");
    }

    public static Topics of(DeviceId deviceId) {
        return new Topics(deviceId);
    }

    public DeviceId deviceId() {
        return deviceId;
    }

    /** {@code posture/v1/{id}/status}: retained, QoS 1; also the last-will topic. */
    public Topic status() {
        return Topic.of(deviceId, TopicKind.STATUS);
    }

    /** {@code posture/v1/{id}/event}: QoS 1. */
    public Topic event() {
        return Topic.of(deviceId, TopicKind.EVENT);
    }

    /** {@code posture/v1/{id}/telemetry}: QoS 0, once a second. */
    public Topic telemetry() {
        return Topic.of(deviceId, TopicKind.TELEMETRY);
    }

    /** {@code posture/v1/{id}/config}: retained, QoS 1. */
    public Topic config() {
        return Topic.of(deviceId, TopicKind.CONFIG);
    }

    /** {@code posture/v1/{id}/config/set}: requests to the device. */
    public Topic configSet() {
        return Topic.of(deviceId, TopicKind.CONFIG_SET);
    }

    /** {@code posture/v1/{id}/config/result}: replies when the request gave no response topic. */
    public Topic configResult() {
        return Topic.of(deviceId, TopicKind.CONFIG_RESULT);
    }

    /** {@code posture/v1/{id}/cmd}: command requests to the device. */
    public Topic cmd() {
        return Topic.of(deviceId, TopicKind.CMD);
    }

    /** {@code posture/v1/{id}/cmd/result}: replies when the request gave no response topic. */
    public Topic cmdResult() {
        return Topic.of(deviceId, TopicKind.CMD_RESULT);
    }

    /** {@code posture/v1/{id}/trace/{recording_id}}: the chunks of one recording. */
    public Topic trace(RecordingId recordingId) {
        return Topic.trace(deviceId, recordingId);
    }

    /** What the device subscribes to: its own {@code config/set} and {@code cmd}, QoS 1. */
    public List<TopicFilter> deviceSubscriptions() {
        return List.of(TopicFilter.device(deviceId, TopicKind.CONFIG_SET), TopicFilter.device(deviceId, TopicKind.CMD));
    }

    /**
     * What a companion subscribes to in order to follow every device: each kind the devices
     * publish, with {@code +} for the device id. Replies to its own requests are better received
     * on a response topic of its own (see {@link Topic#replyTopic}); the result filters here catch
     * replies to requests that named none.
     */
    public static List<TopicFilter> companionSubscriptions() {
        return List.of(
                TopicFilter.allDevices(TopicKind.STATUS),
                TopicFilter.allDevices(TopicKind.EVENT),
                TopicFilter.allDevices(TopicKind.TELEMETRY),
                TopicFilter.allDevices(TopicKind.CONFIG),
                TopicFilter.allDevices(TopicKind.CONFIG_RESULT),
                TopicFilter.allDevices(TopicKind.CMD_RESULT),
                TopicFilter.allDevices(TopicKind.TRACE));
    }

    @Override
    public String toString() {
        return Topic.PREFIX + deviceId.value() + "/";
    }
}
