package dev.posture.protocol.mqtt;

import java.util.Objects;

/**
 * A subscription: a topic filter with MQTT wildcards and the QoS to subscribe with. Build the
 * filters this project uses with {@link #allDevices}, {@link #device}, {@link #everything} and
 * {@link #shared}; {@link #matches} tells which filter an incoming topic came through.
 *
 * @param filter the topic filter, e.g. {@code posture/v1/+/event} or {@code $share/log/posture/v1/+/event}
 * @param qos    the maximum QoS to receive with, 0..2
 */
public record TopicFilter(String filter, int qos) {
    private static final String SHARE_PREFIX = "$share/";

    public TopicFilter {
        Objects.requireNonNull(filter, "filter");
        if (qos < 0 || qos > 2) {
            throw new IllegalArgumentException("qos must be 0, 1 or 2: " + qos);
        }
        if (!isWellFormed(unshared(filter))) {
            throw new IllegalArgumentException("not a topic filter: " + LevelText.quote(filter));
        }
    }

    /** One kind of topic from every device, e.g. {@code posture/v1/+/event}; trace adds {@code /+}. */
    public static TopicFilter allDevices(TopicKind kind) {
        return new TopicFilter(Topic.PREFIX + "+/" + tail(kind), kind.qos());
    }

    /** One kind of topic from one device, e.g. {@code posture/v1/desk-07/config/set}. */
    public static TopicFilter device(DeviceId deviceId, TopicKind kind) {
        return new TopicFilter(Topic.PREFIX + deviceId.value() + "/" + tail(kind), kind.qos());
    }

    /** Every topic of every device ({@code posture/v1/#}), for a logger or a debugging session. */
    public static TopicFilter everything() {
        return new TopicFilter(Topic.PREFIX + "#", 1);
    }

    /**
     * The MQTT 5 shared-subscription form, {@code $share/{group}/{filter}}: the broker hands each
     * message to one member of the group, so several companion instances can split the load.
     * Brokers do not send retained messages to shared subscriptions, so share event and telemetry
     * filters, not status or config.
     */
    public TopicFilter shared(ShareGroup group) {
        Objects.requireNonNull(group, "group");
        if (isShared()) {
            throw new IllegalStateException(filter + " is already shared");
        }
        return new TopicFilter(SHARE_PREFIX + group.value() + "/" + filter, qos);
    }

    /** True for the {@code $share/{group}/...} form. */
    public boolean isShared() {
        return filter.startsWith(SHARE_PREFIX);
    }

    /**
     * True if a message published on topicName is delivered through this filter, by the MQTT 5
     * rules: '+' matches one level, a final '#' matches the parent level and everything below it,
     * and a wildcard in the first level does not match topics starting with '$'.
     */
    public boolean matches(String topicName) {
        if (topicName == null || topicName.isEmpty()) {
            return false;
        }
        String[] want = unshared(filter).split("/", -1);
        String[] have = topicName.split("/", -1);
        if (topicName.startsWith("$") && (want[0].equals("+") || want[0].equals("#"))) {
            return false;
        }
        for (int i = 0; i < want.length; i++) {
            if (want[i].equals("#")) {
                return true;
            }
            if (i >= have.length || !(want[i].equals("+") || want[i].equals(have[i]))) {
                return false;
            }
        }
        return want.length == have.length;
    }

    private static String tail(TopicKind kind) {
        return kind == TopicKind.TRACE ? kind.suffix() + "/+" : kind.suffix();
    }

    /** The filter without its {@code $share/{group}/} part, which must name a valid group. */
    private static String unshared(String filter) {
        if (!filter.startsWith(SHARE_PREFIX)) {
            return filter;
        }
        int slash = filter.indexOf('/', SHARE_PREFIX.length());
        if (slash < 0 || !ShareGroup.isValid(filter.substring(SHARE_PREFIX.length(), slash))) {
            throw new IllegalArgumentException("not a shared subscription: " + LevelText.quote(filter));
        }
        return filter.substring(slash + 1);
    }

    /** MQTT filter syntax: non-empty, '+' and '#' only as whole levels, '#' only last. */
    private static boolean isWellFormed(String filter) {
        if (filter.isEmpty()) {
            return false;
        }
        String[] levels = filter.split("/", -1);
        for (int i = 0; i < levels.length; i++) {
            String level = levels[i];
            boolean wildcard = level.equals("+") || level.equals("#");
            if (!wildcard && (level.indexOf('+') >= 0 || level.indexOf('#') >= 0)) {
                return false;
            }
            if (level.equals("#") && i != levels.length - 1) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return filter + " (QoS " + qos + ")";
    }
}
