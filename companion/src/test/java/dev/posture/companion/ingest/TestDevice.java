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
        client.publish(topic, m);
    }

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
