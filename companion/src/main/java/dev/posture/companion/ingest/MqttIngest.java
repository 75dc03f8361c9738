package dev.posture.companion.ingest;

import dev.posture.protocol.mqtt.ShareGroup;
import dev.posture.protocol.mqtt.TopicFilter;
import dev.posture.protocol.mqtt.TopicKind;
import dev.posture.protocol.mqtt.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The companion's MQTT side: a Paho v5 client that subscribes to everything the devices publish
 * ({@link #subscriptions}) and hands each message to an {@link IngestHandler}.
 *
 * <p>Paho rules kept here: one global {@link MqttCallback} (no per-subscription listeners) and one
 * SUBSCRIBE per filter (never the array form). The session is persistent (clean start off, an
 * expiry interval), so QoS 1 events published while the companion is away are delivered when it
 * returns; Paho reconnects on its own and every (re)connect subscribes again, because a broker that
 * restarted without persistence has forgotten the session.
 *
 * <pre>{@code
 * try (MqttIngest ingest = MqttIngest.connect(options, handler)) {   // returns once subscribed
 *     ...                                                            // messages arrive on Paho's thread
 * }
 * }</pre>
 */
public final class MqttIngest implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MqttIngest.class);
    private static final long WAIT_MS = 15_000;
    /**
     * Unacknowledged QoS 1 messages the broker may send this client at once. Small, so that in a
     * share group a busy instance stops taking messages and the broker hands them to the others.
     */
    static final int RECEIVE_MAXIMUM = 32;

    /**
     * How to connect.
     *
     * @param brokerUrl         {@code tcp://host:port} (or {@code ssl://})
     * @param clientId          MQTT client id; unique per companion instance (it names the persistent session)
     * @param share             share group for event and telemetry, or null to receive everything
     * @param username          user name, or null
     * @param password          password, or null
     * @param sessionExpirySec  how long the broker keeps the session (and queues QoS 1 messages) while away
     * @param maxReconnectDelaySec longest wait between reconnect attempts
     */
    public record Options(String brokerUrl, String clientId, ShareGroup share, String username, byte[] password,
            long sessionExpirySec, int maxReconnectDelaySec) {
        /** Defaults: no credentials, a one-hour session, reconnect at least every 10 s. */
        public static Options of(String brokerUrl, String clientId, ShareGroup share) {
            return new Options(brokerUrl, clientId, share, null, null, 3600, 10);
        }
    }

    private final Options options;
    private final IngestHandler handler;
    private final MqttAsyncClient client;
    /** Subscribing waits for the broker, so it runs here, never on Paho's callback thread. */
    private final ExecutorService subscriber = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "ingest-subscribe");
        t.setDaemon(true);
        return t;
    });
    private volatile CompletableFuture<Void> subscribed = new CompletableFuture<>();

    private MqttIngest(Options options, IngestHandler handler) throws MqttException {
        this.options = options;
        this.handler = handler;
        this.client = new MqttAsyncClient(options.brokerUrl(), options.clientId(), new MemoryPersistence());
        client.setCallback(new Callback());
    }

    /** The filters for a companion: all of {@link Topics#companionSubscriptions()}, event and telemetry shared when a group is given. */
    public static List<TopicFilter> subscriptions(ShareGroup share) {
        List<TopicFilter> filters = new ArrayList<>();
        for (TopicFilter f : Topics.companionSubscriptions()) {
            // Brokers send no retained messages to shared subscriptions, and trace chunks of one
            // recording must reach one instance: only the high-volume streams are shared.
            boolean shareIt = share != null && (f.equals(TopicFilter.allDevices(TopicKind.EVENT))
                    || f.equals(TopicFilter.allDevices(TopicKind.TELEMETRY)));
            filters.add(shareIt ? f.shared(share) : f);
        }
        return filters;
    }

    /** Connects, subscribes and returns; a refused or unreachable broker is an {@link IngestException}. */
    public static MqttIngest connect(Options options, IngestHandler handler) throws IngestException {
        MqttIngest ingest;
        try {
            ingest = new MqttIngest(options, handler);
        } catch (MqttException | IllegalArgumentException e) {
            throw new IngestException("broker " + options.brokerUrl() + ": " + describe(e), e);
        }
        try {
            ingest.client.connect(ingest.connectionOptions()).waitForCompletion(WAIT_MS);
            ingest.subscribed.get(WAIT_MS, TimeUnit.MILLISECONDS);
            return ingest;
        } catch (MqttException | TimeoutException | ExecutionException e) {
            ingest.close();
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new IngestException("broker " + options.brokerUrl() + ": " + describe(cause), cause);
        } catch (InterruptedException e) {
            ingest.close();
            Thread.currentThread().interrupt();
            throw new IngestException("broker " + options.brokerUrl() + ": interrupted while connecting", e);
        }
    }

    public boolean isConnected() {
        return client.isConnected();
    }

    /** Connected and every subscription granted (after the last reconnect too). */
    public boolean isSubscribed() {
        CompletableFuture<Void> s = subscribed;
        return client.isConnected() && s.isDone() && !s.isCompletedExceptionally();
    }

    public IngestHandler handler() {
        return handler;
    }

    /** Disconnects cleanly (the session stays on the broker until it expires) and frees the client. */
    @Override
    public void close() {
        subscriber.shutdownNow();
        try {
            if (client.isConnected()) {
                client.disconnect(5_000).waitForCompletion(WAIT_MS);
            }
        } catch (MqttException e) {
            LOG.debug("disconnect from {}: {}", options.brokerUrl(), describe(e));
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            LOG.debug("close client for {}: {}", options.brokerUrl(), describe(e));
        }
    }

    private MqttConnectionOptions connectionOptions() {
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(false);
        o.setSessionExpiryInterval(options.sessionExpirySec());
        o.setAutomaticReconnect(true);
        o.setAutomaticReconnectDelay(1, options.maxReconnectDelaySec());
        o.setKeepAliveInterval(30);
        o.setReceiveMaximum(RECEIVE_MAXIMUM);
        o.setConnectionTimeout(10);
        if (options.username() != null) {
            o.setUserName(options.username());
        }
        if (options.password() != null) {
            o.setPassword(options.password());
        }
        return o;
    }

    private void subscribeAll() {
        try {
            for (TopicFilter f : subscriptions(options.share())) {
                MqttSubscription s = new MqttSubscription(f.filter(), f.qos());
                if (!f.isShared()) {
                    // retained status/config only when the subscription is new, not on every reconnect
                    s.setRetainHandling(1);
                }
                IMqttToken token = client.subscribe(s);
                token.waitForCompletion(WAIT_MS);
                int[] codes = token.getReasonCodes();
                if (codes != null && codes.length > 0 && codes[0] >= 0x80) {
                    throw new MqttException(codes[0]);
                }
            }
            LOG.info("subscribed at {} as {}{}", options.brokerUrl(), options.clientId(),
                    options.share() == null ? "" : ", sharing events and telemetry in group " + options.share());
            subscribed.complete(null);
        } catch (MqttException e) {
            LOG.warn("subscribing at {} failed: {}", options.brokerUrl(), describe(e));
            subscribed.completeExceptionally(e);
        }
    }

    static String describe(Throwable e) {
        String message = e.getMessage();
        if (e instanceof MqttException m && m.getCause() != null && m.getCause().getMessage() != null) {
            message = message + " (" + m.getCause().getMessage() + ")";
        }
        return message == null ? e.getClass().getSimpleName() : message;
    }

    private final class Callback implements MqttCallback {
        @Override
        public void messageArrived(String topic, MqttMessage message) throws Exception {
            // A store failure is thrown on purpose: Paho drops the connection without acknowledging,
            // and the broker delivers the message again after the reconnect.
            handler.handle(topic, message.getPayload());
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            if (reconnect) {
                LOG.info("reconnected to {}", serverUri);
                subscribed = new CompletableFuture<>();
            }
            subscriber.execute(MqttIngest.this::subscribeAll);
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            LOG.warn("lost the broker {}: {}", options.brokerUrl(),
                    response.getException() != null ? describe(response.getException())
                            : "reason code " + response.getReturnCode());
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            LOG.warn("MQTT error at {}: {}", options.brokerUrl(), describe(exception));
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
            // the ingest publishes nothing
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
            // no enhanced authentication
        }
    }
}
