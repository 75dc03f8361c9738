package dev.posture.device.mqtt;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;

/** The other end in tests: a Paho v5 client that records everything it receives, in order. */
final class Companion implements AutoCloseable {
    /** One message as it arrived. */
    record Received(String topic, byte[] payload, boolean retained, byte[] correlationData) {
        String text() {
            return new String(payload, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private final MqttAsyncClient client;
    private final List<Received> received = new ArrayList<>();

    private Companion(MqttAsyncClient client) {
        this.client = client;
    }

    /** Connects with a clean start and subscribes to each filter, one at a time, QoS 1. */
    static Companion connect(String url, String clientId, String... filters) throws MqttException {
        return connect(url, clientId, false, filters);
    }

    /**
     * @param persistent keep the session on the broker for 10 min and reconnect automatically, so
     *     that messages published while this client is away (a broker restart) are queued for it
     */
    static Companion connect(String url, String clientId, boolean persistent, String... filters) throws MqttException {
        MqttAsyncClient client = new MqttAsyncClient(url, clientId, new MemoryPersistence());
        Companion companion = new Companion(client);
        client.setCallback(companion.new Callback());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(!persistent);
        if (persistent) {
            options.setSessionExpiryInterval(600L);
            options.setAutomaticReconnect(true);
            options.setAutomaticReconnectDelay(1, 1);
        }
        client.connect(options).waitForCompletion(20_000);
        for (String filter : filters) {
            client.subscribe(new MqttSubscription(filter, 1)).waitForCompletion(20_000);
        }
        return companion;
    }

    /** Publishes a request with MQTT 5 response topic, correlation data and a client_id user property. */
    void request(String topic, String json, String responseTopic, byte[] correlation) throws MqttException {
        MqttMessage message = new MqttMessage(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        message.setQos(1);
        MqttProperties properties = new MqttProperties();
        if (responseTopic != null) {
            properties.setResponseTopic(responseTopic);
        }
        if (correlation != null) {
            properties.setCorrelationData(correlation);
        }
        properties.setUserProperties(List.of(new UserProperty("client_id", "companion-test")));
        message.setProperties(properties);
        client.publish(topic, message).waitForCompletion(20_000);
    }

    void publish(String topic, byte[] payload, int qos, boolean retained) throws MqttException {
        client.publish(topic, payload, qos, retained).waitForCompletion(20_000);
    }

    /** Waits (generous deadline) for the first message, from the start, that matches. */
    Received await(Predicate<Received> match, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (received) {
            while (true) {
                for (Received r : received) {
                    if (match.test(r)) {
                        return r;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no matching message within " + timeout + "; got " + topics());
                }
                received.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    /** Waits until {@code count} messages match, and returns them in arrival order. */
    List<Received> awaitCount(Predicate<Received> match, int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (received) {
            while (true) {
                List<Received> hits = matching(match);
                if (hits.size() >= count) {
                    return hits;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("only " + hits.size() + " of " + count + " messages within " + timeout);
                }
                received.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    List<Received> matching(Predicate<Received> match) {
        synchronized (received) {
            List<Received> hits = new ArrayList<>();
            for (Received r : received) {
                if (match.test(r)) {
                    hits.add(r);
                }
            }
            return hits;
        }
    }

    private List<String> topics() {
        List<String> topics = new ArrayList<>();
        for (Received r : received) {
            topics.add(r.topic());
        }
        return topics;
    }

    @Override
    public void close() throws MqttException {
        try {
            if (client.isConnected()) {
                client.disconnect().waitForCompletion(5_000);
            }
        } finally {
            client.close(true);
        }
    }

    private final class Callback implements MqttCallback {
        @Override
        public void disconnected(MqttDisconnectResponse response) {
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            byte[] correlation = message.getProperties() == null ? null : message.getProperties().getCorrelationData();
            synchronized (received) {
                received.add(new Received(topic, message.getPayload(), message.isRetained(), correlation));
                received.notifyAll();
            }
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
        }
    }
}
