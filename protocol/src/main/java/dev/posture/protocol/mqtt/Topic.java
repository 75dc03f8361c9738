package dev.posture.protocol.mqtt;

import dev.posture.protocol.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One concrete topic name: {@code posture/v1/{device_id}/{kind}}, plus the recording id for trace
 * chunks ({@code posture/v1/{device_id}/trace/{recording_id}}). Build with {@link #of},
 * {@link #trace} or {@link Topics}; read an incoming name with {@link #parse}.
 *
 * @param deviceId    the device the topic belongs to
 * @param kind        which of the topics under the device
 * @param recordingId the recording of a {@link TopicKind#TRACE} topic; null for every other kind
 */
public record Topic(DeviceId deviceId, TopicKind kind, RecordingId recordingId) {
    /** First topic level of everything this project publishes. */
    public static final String ROOT = "posture";
    /** Second topic level: the version of the topic tree and payload schema family. */
    public static final String VERSION = "v1";
    /** Everything up to the device id. */
    public static final String PREFIX = ROOT + "/" + VERSION + "/";
    /** Longest topic MQTT can carry, in UTF-8 bytes. */
    static final int MQTT_MAX_TOPIC_BYTES = 65_535;

    public Topic {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(kind, "kind");
        if ((kind == TopicKind.TRACE) != (recordingId != null)) {
            throw new IllegalArgumentException("a recording id belongs to trace topics and only to them");
        }
    }

    /** The topic of one kind for a device; use {@link #trace} for trace chunks. */
    public static Topic of(DeviceId deviceId, TopicKind kind) {
        return new Topic(deviceId, kind, null);
    }

    /** The topic that carries the chunks of one recording. */
    public static Topic trace(DeviceId deviceId, RecordingId recordingId) {
        return new Topic(deviceId, TopicKind.TRACE, Objects.requireNonNull(recordingId, "recordingId"));
    }

    /** The topic name to publish on or compare against. */
    public String name() {
        String name = PREFIX + deviceId.value() + "/" + kind.suffix();
        return recordingId == null ? name : name + "/" + recordingId.value();
    }

    /** QoS to publish with; from {@link TopicKind}. */
    public int qos() {
        return kind.qos();
    }

    /** Whether to publish with the retain flag; from {@link TopicKind}. */
    public boolean retained() {
        return kind.retained();
    }

    /**
     * Where the reply to a request on this topic goes: the MQTT 5 response topic the requester gave,
     * or, when it gave none (null or empty), the default {@code config/result} or {@code cmd/result}
     * topic of this device. The reply carries the request's correlation data unchanged.
     *
     * @throws IllegalStateException if this is not a request topic
     * @throws ProtocolException     if the response topic is not a topic a client may publish to
     */
    public String replyTopic(String responseTopic) throws ProtocolException {
        TopicKind replyKind = kind.replyKind()
                .orElseThrow(() -> new IllegalStateException(name() + " is not a request topic"));
        if (responseTopic == null || responseTopic.isEmpty()) {
            return of(deviceId, replyKind).name();
        }
        checkPublishable(responseTopic);
        return responseTopic;
    }

    /** A response topic comes from another client: make sure publishing to it cannot fail or fan out. */
    private static void checkPublishable(String topic) throws ProtocolException {
        if (topic.startsWith("$")) {
            throw new ProtocolException("response topic must not start with '$'");
        }
        for (int i = 0; i < topic.length(); i++) {
            char c = topic.charAt(i);
            if (c == '+' || c == '#') {
                throw new ProtocolException("response topic must not contain '+' or '#'");
            }
            if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
                throw new ProtocolException("response topic must not contain control characters");
            }
            if (Character.isSurrogate(c)) {
                boolean pair = Character.isHighSurrogate(c) && i + 1 < topic.length()
                        && Character.isLowSurrogate(topic.charAt(i + 1));
                if (!pair) {
                    throw new ProtocolException("response topic is not valid Unicode");
                }
                i++;
            }
        }
        if (topic.getBytes(StandardCharsets.UTF_8).length > MQTT_MAX_TOPIC_BYTES) {
            throw new ProtocolException("response topic is longer than " + MQTT_MAX_TOPIC_BYTES + " bytes");
        }
    }

    /**
     * Reads an incoming topic name. Anything but a topic this class builds is rejected, and the
     * message names the first bad level (counted from 1), e.g.
     * {@code topic level 3 (device id) 'Desk' must match [a-z0-9-]{1,32}}.
     */
    public static Topic parse(String name) throws ProtocolException {
        if (name == null || name.isEmpty()) {
            throw new ProtocolException("topic is empty");
        }
        String[] levels = name.split("/", -1);
        expectLevel(levels, 1, ROOT);
        expectLevel(levels, 2, VERSION);
        String device = level(levels, 3, "device id");
        if (!DeviceId.isValid(device)) {
            throw new ProtocolException("topic level 3 (device id) " + LevelText.quote(device)
                    + " must match " + DeviceId.PATTERN);
        }
        DeviceId deviceId = new DeviceId(device);
        String head = level(levels, 4, "kind");
        Topic topic;
        int used;
        switch (head) {
            case "status":
                topic = of(deviceId, TopicKind.STATUS);
                used = 4;
                break;
            case "event":
                topic = of(deviceId, TopicKind.EVENT);
                used = 4;
                break;
            case "telemetry":
                topic = of(deviceId, TopicKind.TELEMETRY);
                used = 4;
                break;
            case "config":
                used = levels.length > 4 ? 5 : 4;
                topic = of(deviceId, used == 4 ? TopicKind.CONFIG : configSubKind(levels[4]));
                break;
            case "cmd":
                used = levels.length > 4 ? 5 : 4;
                topic = of(deviceId, used == 4 ? TopicKind.CMD : cmdSubKind(levels[4]));
                break;
            case "trace":
                String recording = level(levels, 5, "recording id");
                if (!RecordingId.isValid(recording)) {
                    throw new ProtocolException("topic level 5 (recording id) " + LevelText.quote(recording)
                            + " must match " + RecordingId.PATTERN);
                }
                topic = trace(deviceId, new RecordingId(recording));
                used = 5;
                break;
            default:
                throw new ProtocolException("topic level 4 (kind) " + LevelText.quote(head)
                        + " must be one of status, event, telemetry, config, cmd, trace");
        }
        if (levels.length > used) {
            String after = String.join("/", Arrays.copyOfRange(levels, 3, used));
            throw new ProtocolException("topic level " + (used + 1) + " " + LevelText.quote(levels[used])
                    + " is not expected after " + LevelText.quote(after));
        }
        return topic;
    }

    private static TopicKind configSubKind(String level) throws ProtocolException {
        switch (level) {
            case "set":
                return TopicKind.CONFIG_SET;
            case "result":
                return TopicKind.CONFIG_RESULT;
            default:
                throw new ProtocolException("topic level 5 " + LevelText.quote(level) + " must be 'set' or 'result'");
        }
    }

    private static TopicKind cmdSubKind(String level) throws ProtocolException {
        if (!level.equals("result")) {
            throw new ProtocolException("topic level 5 " + LevelText.quote(level) + " must be 'result'");
        }
        return TopicKind.CMD_RESULT;
    }

    private static void expectLevel(String[] levels, int number, String expected) throws ProtocolException {
        String actual = level(levels, number, expected);
        if (!actual.equals(expected)) {
            throw new ProtocolException("topic level " + number + " " + LevelText.quote(actual)
                    + " must be '" + expected + "'");
        }
    }

    /** The level with the given 1-based number, or an error naming what should have been there. */
    private static String level(String[] levels, int number, String what) throws ProtocolException {
        if (levels.length < number) {
            throw new ProtocolException("topic level " + number + " (" + what + ") is missing");
        }
        return levels[number - 1];
    }

    @Override
    public String toString() {
        return name();
    }
}
