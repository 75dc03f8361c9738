package dev.posture.companion.ingest;

import dev.posture.protocol.message.Message;
import dev.posture.protocol.message.MessageCodec;
import dev.posture.protocol.message.StatusMessage;
import dev.posture.protocol.mqtt.DeviceId;
import dev.posture.protocol.mqtt.Topics;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * A Paho v5 client playing a device: registers the last will, publishes messages on its topics
 * (or any topic), and can vanish without a DISCONNECT so that the broker publishes the will.
 */
public final class TestDevice implements AutoCloseable {
    final DeviceId id;
    final Topics topics;
    private final MqttClient client;

    private TestDevice(DeviceId id, MqttClient client) {
        this.id = id;
        this.topics = Topics.of(id);
        this.client = client;
    }

    public static TestDevice connect(String url, String deviceId) throws MqttException {
        DeviceId id = new DeviceId(deviceId);
        MqttClient client = new MqttClient(url, "device-" + deviceId, new MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(true);
        MqttMessage will = new MqttMessage(MessageCodec.encode(StatusMessage.lastWill(id, "0.1.0")));
        will.setQos(1);
        will.setRetained(true);
        o.setWill(Topics.of(id).status().name(), will);
        client.connect(o);
        return new TestDevice(id, client);
    }

    /** Publishes a message on its own topic, with the topic's QoS and retain flag. */
    public void publish(Message message) throws MqttException {
        var topic = dev.posture.protocol.mqtt.Topic.of(id, message.kind());
        publish(topic.name(), MessageCodec.encode(message), topic.qos(), topic.retained());
    }

    public void publish(String topic, byte[] payload, int qos, boolean retained) throws MqttException {
        MqttMessage m = new MqttMessage(payload);
        m.setQos(qos);
        m.setRetained(retained);
        // Paho refuses a publish while its window of unacknowledged ones is full (the broker's
        // receive maximum): a device would wait for an acknowledgement, so this one does too.
        long deadline = System.nanoTime() + 10_000_000_000L;
        for (;;) {
            try {
                client.publish(topic, m);
                return;
            } catch (MqttException e) {
                if (e.getReasonCode() != MAX_INFLIGHT || System.nanoTime() > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(5);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** Paho's "too many publishes in progress". */
    private static final int MAX_INFLIGHT = 32202;

    /** Drops the connection without DISCONNECT: to the broker the device vanished. */
    public void vanish() throws MqttException {
        client.disconnectForcibly(0, 1000, false);
        client.close(true);
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnect();
        }
        client.close(true);
    }
}
