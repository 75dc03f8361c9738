package dev.posture.device.mqtt;

import dev.posture.device.control.CalibrationOutcome;
import dev.posture.device.control.ControlException;
import dev.posture.device.control.DeviceControl;
import dev.posture.device.control.DeviceSnapshot;
import dev.posture.device.recorder.ChunkRange;
import dev.posture.device.recorder.RecordingInfo;
import dev.posture.device.recorder.TraceChunks;
import dev.posture.device.store.ChangeOrigin;
import dev.posture.protocol.ProtocolException;
import dev.posture.protocol.config.Config;
import dev.posture.protocol.config.ConfigChange;
import dev.posture.protocol.config.ConfigKey;
import dev.posture.protocol.config.ConfigProblem;
import dev.posture.protocol.message.CalibrationStep;
import dev.posture.protocol.message.Command;
import dev.posture.protocol.message.CommandReply;
import dev.posture.protocol.message.CommandRequest;
import dev.posture.protocol.message.ConfigError;
import dev.posture.protocol.message.ConfigSetReply;
import dev.posture.protocol.message.ConfigSetRequest;
import dev.posture.protocol.message.Message;
import dev.posture.protocol.message.MessageCodec;
import dev.posture.protocol.message.StatusMessage;
import dev.posture.protocol.mqtt.RecordingId;
import dev.posture.protocol.mqtt.Topic;
import dev.posture.protocol.mqtt.TopicKind;
import dev.posture.protocol.mqtt.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers {@code config/set} and {@code cmd} requests, one at a time on the link's request thread
 * (never on Paho's callback thread: a calibration waits seconds, a trace fetch publishes many chunks).
 * Replies go to the request's response topic with its correlation data, else to the device's
 * {@code config/result} / {@code cmd/result}.
 */
final class RequestHandler {
    private static final Logger LOG = LoggerFactory.getLogger(RequestHandler.class);

    /** The MQTT 5 user property a requester may set to name itself in the audit log. */
    static final String CLIENT_ID_PROPERTY = "client_id";
    /** The audit log's requester when the request carries no {@code client_id} user property. */
    static final String UNKNOWN_CLIENT = "unknown";

    /** Publishes one message; the MQTT client in the link. */
    interface Publisher {
        IMqttToken publish(String topic, MqttMessage message) throws MqttException;
    }

    /** A request as it arrived, copied off Paho's callback thread. */
    record Request(String topicName, byte[] payload, String responseTopic, byte[] correlationData, String clientId) {
        static Request of(String topicName, MqttMessage message) {
            MqttProperties properties = message.getProperties();
            String responseTopic = properties == null ? null : properties.getResponseTopic();
            byte[] correlation = properties == null ? null : properties.getCorrelationData();
            String clientId = UNKNOWN_CLIENT;
            if (properties != null && properties.getUserProperties() != null) {
                for (UserProperty property : properties.getUserProperties()) {
                    if (CLIENT_ID_PROPERTY.equals(property.getKey()) && property.getValue() != null
                            && !property.getValue().isBlank()) {
                        clientId = printable(property.getValue(), 64);
                        break;
                    }
                }
            }
            return new Request(topicName, message.getPayload(), responseTopic, correlation, clientId);
        }

        boolean hasResponseTopic() {
            return responseTopic != null && !responseTopic.isEmpty();
        }
    }

    private final DeviceControl control;
    private final Topics topics;
    private final Publisher publisher;
    private final Duration timeout;
    private final Runnable publishStatus;

    /**
     * @param publishStatus publishes a fresh retained {@code status} (for the {@code status} command)
     */
    RequestHandler(DeviceControl control, Topics topics, Publisher publisher, Duration timeout,
            Runnable publishStatus) {
        this.control = control;
        this.topics = topics;
        this.publisher = publisher;
        this.timeout = timeout;
        this.publishStatus = publishStatus;
    }

    /** Handles one request; never throws. */
    void handle(Request request) {
        try {
            process(request);
        } catch (RuntimeException e) {
            LOG.error("mqtt: request on {} failed: {}", request.topicName(), e.toString());
        }
    }

    /** Handles one request; a RuntimeException out of here is a bug (the fuzz test looks for them). */
    void process(Request request) {
        try {
            Topic topic = Topic.parse(request.topicName());
            if (!topic.deviceId().equals(topics.deviceId()) || !topic.kind().isRequest()) {
                LOG.warn("mqtt: ignored a message on {}: not a request topic of this device", request.topicName());
                return;
            }
            String replyTo;
            try {
                replyTo = topic.replyTopic(request.responseTopic());
            } catch (ProtocolException e) {
                replyTo = topic.replyTopic(null);
                LOG.warn("mqtt: request on {} from {}: {}; replying on {}", request.topicName(), request.clientId(),
                        e.getMessage(), replyTo);
            }
            Message reply = topic.kind() == TopicKind.CONFIG_SET ? configSet(request) : command(request);
            if (reply != null) {
                send(replyTo, reply, request.correlationData());
            }
        } catch (ProtocolException e) {
            LOG.warn("mqtt: ignored a message on an unexpected topic: {}", e.getMessage());
        }
    }

    private Message configSet(Request request) {
        ConfigSetRequest set;
        try {
            set = MessageCodec.decodeConfigSetRequest(request.payload());
        } catch (ProtocolException e) {
            return undecodable(request, e, () -> ConfigSetReply.refused(topics.deviceId(), null,
                    List.of(new ConfigError(null, printable(e.getMessage(), ConfigError.MAX_MESSAGE)))));
        }
        // The protocol model checks the JSON types (a string where a number belongs is an error even
        // though its text would parse); the firmware then applies the canonical text atomically.
        ConfigChange.Result check = ConfigChange.fromJson(control.config(), set.values());
        if (!check.ok()) {
            return ConfigSetReply.refused(topics.deviceId(), set.requestId(), errors(check.problems()));
        }
        Map<String, String> text = new LinkedHashMap<>();
        for (String key : set.values().keySet()) {
            ConfigKey configKey = ConfigKey.byName(key).orElseThrow();
            text.put(configKey.wireName(), check.config().text(configKey));
        }
        ConfigChange.Result result;
        try {
            result = control.changeConfig(text, ChangeOrigin.mqtt(request.clientId()));
        } catch (ControlException e) {
            return ConfigSetReply.refused(topics.deviceId(), set.requestId(),
                    List.of(new ConfigError(null, printable(e.getMessage(), ConfigError.MAX_MESSAGE))));
        }
        if (!result.ok()) {
            return ConfigSetReply.refused(topics.deviceId(), set.requestId(), errors(result.problems()));
        }
        Config now = result.config();
        Map<String, Object> all = now.toJsonValues();
        Map<String, Object> applied = new LinkedHashMap<>();
        for (String key : text.keySet()) {
            applied.put(key, all.get(key));
        }
        LOG.info("mqtt: config/set from {} applied, version {}", request.clientId(), now.version());
        return ConfigSetReply.applied(topics.deviceId(), set.requestId(), now.version(), applied);
    }

    private static List<ConfigError> errors(List<ConfigProblem> problems) {
        List<ConfigError> errors = new ArrayList<>();
        for (ConfigProblem problem : problems) {
            if (errors.size() == ConfigSetReply.MAX_ERRORS) {
                break;
            }
            String message = printable(problem.message(), ConfigError.MAX_MESSAGE);
            ConfigError error;
            try {
                error = new ConfigError(problem.key() == null || problem.key().isEmpty() ? null : problem.key(),
                        message);
            } catch (IllegalArgumentException e) {
                // A key the wire cannot carry ("Volume", "a b"): the message still names it.
                error = new ConfigError(null, message);
            }
            errors.add(error);
        }
        return errors;
    }

    private Message command(Request request) {
        CommandRequest cmd;
        try {
            cmd = MessageCodec.decodeCommandRequest(request.payload());
        } catch (ProtocolException e) {
            return undecodable(request, e, () -> CommandReply.failed(topics.deviceId(), null, null,
                    printable(e.getMessage(), CommandReply.MAX_ERROR)));
        }
        LOG.info("mqtt: cmd {} from {}", cmd.command().wireName(), request.clientId());
        try {
            Map<String, Object> result = run(cmd);
            return CommandReply.done(topics.deviceId(), cmd.requestId(), cmd.command(), result);
        } catch (ControlException e) {
            return CommandReply.failed(topics.deviceId(), cmd.requestId(), cmd.command(),
                    printable(e.getMessage(), CommandReply.MAX_ERROR));
        }
    }

    private Map<String, Object> run(CommandRequest cmd) throws ControlException {
        Map<String, Object> result = new LinkedHashMap<>();
        switch (cmd.command()) {
            case CALIBRATE_NEUTRAL:
                calibrate(CalibrationStep.NEUTRAL);
                break;
            case CALIBRATE_LEAN:
                calibrate(CalibrationStep.LEAN);
                break;
            case CUE_TEST:
                control.cueTest(Optional.ofNullable(cmd.pattern()));
                break;
            case SNOOZE:
                control.snooze(cmd.minutes());
                break;
            case TRACE_START:
                result.put("recording_id", control.traces().start().value());
                break;
            case TRACE_STOP:
                control.traces().stop();
                break;
            case TRACE_LIST:
                List<Object> ids = new ArrayList<>();
                for (RecordingInfo info : control.traces().list()) {
                    ids.add(info.id().value());
                }
                result.put("recordings", ids);
                break;
            case TRACE_GET:
                publishTrace(cmd.recordingId());
                break;
            case STATUS:
                publishStatus.run();
                DeviceSnapshot snapshot = control.snapshot();
                StatusMessage status = control.statusMessage();
                result.put("state", status.state().name().toLowerCase(java.util.Locale.ROOT));
                result.put("firmware", status.firmware());
                result.put("uptime_ms", snapshot.uptimeMs());
                result.put("posture", snapshot.posture().name());
                result.put("sensor", snapshot.sensor().name().toLowerCase(java.util.Locale.ROOT));
                result.put("config_version", snapshot.configVersion());
                break;
            default:
                throw new ControlException(ControlException.Reason.INVALID_VALUE,
                        "command " + cmd.command().wireName() + " is not supported");
        }
        return result;
    }

    private void calibrate(CalibrationStep pose) throws ControlException {
        CalibrationOutcome outcome;
        try {
            outcome = control.calibrate(pose).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new ControlException(ControlException.Reason.BUSY, "calibration " + pose.wireName()
                    + " did not finish within " + timeout.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ControlException(ControlException.Reason.INTERNAL, "interrupted while calibrating");
        } catch (ExecutionException e) {
            throw new ControlException(ControlException.Reason.INTERNAL, "calibration failed: " + e.getCause());
        }
        if (!outcome.accepted()) {
            throw new ControlException(outcome.reason(), outcome.message());
        }
    }

    /** The header, then every good chunk, QoS 1 on {@code trace/{id}}, each acknowledged before the next. */
    private void publishTrace(RecordingId id) throws ControlException {
        TraceChunks chunks = control.traces().chunks(id);
        String topic = topics.trace(id).name();
        publishAcknowledged(topic, control.traces().read(id, new ChunkRange(0, chunks.headerBytes(), -1, 0)), "header");
        for (ChunkRange chunk : chunks.chunks()) {
            publishAcknowledged(topic, control.traces().read(id, chunk), "chunk " + chunk.sequence());
        }
        LOG.info("mqtt: published recording {} ({} chunks)", id, chunks.chunks().size());
    }

    private void publishAcknowledged(String topic, byte[] payload, String what) throws ControlException {
        MqttMessage message = new MqttMessage(payload);
        message.setQos(TopicKind.TRACE.qos());
        message.setRetained(false);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                publisher.publish(topic, message).waitForCompletion(timeout.toMillis());
                return;
            } catch (MqttException e) {
                boolean full = e.getReasonCode() == MqttClientException.REASON_CODE_MAX_INFLIGHT;
                if (!full || System.nanoTime() > deadline) {
                    throw new ControlException(ControlException.Reason.INTERNAL,
                            "publishing the " + what + " failed: " + e.getMessage());
                }
                pause();
            }
        }
    }

    private static void pause() throws ControlException {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ControlException(ControlException.Reason.INTERNAL, "interrupted");
        }
    }

    /** A reply with the decoder's message if the requester named a response topic; else one log line. */
    private Message undecodable(Request request, ProtocolException e, java.util.function.Supplier<Message> reply) {
        if (request.hasResponseTopic()) {
            return reply.get();
        }
        LOG.warn("mqtt: undecodable request on {} from {}: {}", request.topicName(), request.clientId(),
                printable(e.getMessage(), 256));
        return null;
    }

    private void send(String topic, Message reply, byte[] correlationData) {
        MqttMessage message = new MqttMessage(MessageCodec.encode(reply));
        message.setQos(reply.kind().qos());
        message.setRetained(false);
        if (correlationData != null) {
            MqttProperties properties = new MqttProperties();
            properties.setCorrelationData(correlationData);
            message.setProperties(properties);
        }
        try {
            publisher.publish(topic, message);
        } catch (MqttException e) {
            LOG.warn("mqtt: reply to {} not sent: {}", topic, e.getMessage());
        }
    }

    /** At most {@code max} characters, anything outside printable ASCII replaced: safe for a reply or a log line. */
    static String printable(String text, int max) {
        String source = text == null || text.isEmpty() ? "?" : text;
        StringBuilder out = new StringBuilder(Math.min(source.length(), max));
        for (int i = 0; i < source.length() && out.length() < max; i++) {
            char c = source.charAt(i);
            out.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return out.toString();
    }
}
