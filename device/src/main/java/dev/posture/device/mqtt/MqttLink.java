package dev.posture.device.mqtt;

import dev.posture.device.control.DeviceControl;
import dev.posture.device.control.DeviceSnapshot;
import dev.posture.protocol.config.Config;
import dev.posture.protocol.message.ConfigMessage;
import dev.posture.protocol.message.EventMessage;
import dev.posture.protocol.message.Message;
import dev.posture.protocol.message.MessageCodec;
import dev.posture.protocol.message.PostureState;
import dev.posture.protocol.message.SensorHealth;
import dev.posture.protocol.message.StatusMessage;
import dev.posture.protocol.message.TelemetryMessage;
import dev.posture.protocol.mqtt.Topic;
import dev.posture.protocol.mqtt.TopicFilter;
import dev.posture.protocol.mqtt.Topics;
import java.io.Closeable;
import java.io.IOException;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClientException;
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
 * The device's MQTT link (Paho v5): connects with a last will, publishes status, config, telemetry
 * and events, and answers {@code config/set} and {@code cmd}. See {@code device/docs/mqtt.md}.
 *
 * <p>Threads: the link's own thread ({@code mqtt-link}) owns every piece of connection state and
 * does all publishing but replies: connect attempts, the status and telemetry poll, the event
 * pump. Paho's callbacks only hand work to it. Requests run one at a time on {@code mqtt-requests}.
 * The firmware's event thread only appends to the outbox (one write and one force). Nothing the
 * link does throws into the firmware or waits on the broker.
 */
public final class MqttLink implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(MqttLink.class);

    /** Poll period of the link thread: telemetry windows, acknowledgements, the pump's retries. */
    static final long TICK_MS = 250;
    /** Status is compared once a second (every fourth tick). */
    private static final int STATUS_EVERY_TICKS = 4;
    /** Requests waiting behind the running one; more are refused with a log line (a flood). */
    private static final int REQUEST_QUEUE = 32;
    private static final long CLOSE_WAIT_MS = 3000;

    private final MqttSettings settings;
    private final DeviceControl control;
    private final Topics topics;
    private final RateLimitedLog problems;
    private final ScheduledExecutorService linkThread;
    private final ThreadPoolExecutor requestThread;

    private final AtomicLong eventsPublished = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();
    private final AtomicLong connectFailures = new AtomicLong();
    private final AtomicLong eventsNotStored = new AtomicLong();
    private volatile boolean connected;
    private volatile boolean closing;
    private volatile EventOutbox outbox;
    private volatile MqttAsyncClient client;
    /** Where the client connects now: the settings' url and user until the config names others. */
    private volatile String brokerUrl;
    private Optional<String> username;
    /**
     * The config's own broker url and user, as last seen: only a change of these moves the link, so
     * a url given on the command line ({@code sim --broker}) survives unrelated config changes.
     */
    private String configuredUrl;
    private Optional<String> configuredUser;
    /** Counts clients: callbacks of a client replaced after a broker change are ignored. */
    private long clientEpoch;
    /** This connection's SUBSCRIBE tokens; requests can arrive once all completed. */
    private volatile List<IMqttToken> subscriptions = List.of();

    // Owned by the link thread.
    private MqttConnectionOptions options;
    private long generation;
    private EventOutbox.Position cursor;
    private final ArrayDeque<InFlight> inFlight = new ArrayDeque<>();
    private Duration nextBackoff;
    private StatusKey lastStatus;
    private long lastTelemetryUptime = -1;
    private long ticks;
    private boolean paused;
    private boolean connecting;
    private boolean everConnected;
    private boolean started;

    /** One event handed to Paho and not yet acknowledged. */
    private static final class InFlight {
        final EventOutbox.Entry entry;
        boolean acknowledged;

        InFlight(EventOutbox.Entry entry) {
            this.entry = entry;
        }
    }

    /** What a status republish is triggered by (time and uptime are not). */
    private record StatusKey(PostureState posture, SensorHealth sensor, long configVersion) {
        static StatusKey of(DeviceSnapshot snapshot) {
            return new StatusKey(snapshot.posture(), snapshot.sensor(), snapshot.configVersion());
        }
    }

    /**
     * Counters for STATUS and tests.
     *
     * @param connected        connected to the broker now
     * @param subscribed       connected and the broker granted both request subscriptions
     * @param eventsPublished  events the broker acknowledged (PUBACK) since start, resends included
     * @param outboxPending    events stored and not yet acknowledged
     * @param outboxDropped    unsent events deleted because the outbox was full (a seq gap for receivers)
     * @param reconnects       connections after the first one
     * @param connectFailures  failed connection attempts
     * @param eventsNotStored  events the outbox could not store (disk full, I/O error): lost
     */
    public record Stats(boolean connected, boolean subscribed, long eventsPublished, long outboxPending,
            long outboxDropped, long reconnects, long connectFailures, long eventsNotStored) {
    }

    public MqttLink(MqttSettings settings, DeviceControl control, Clock clock) {
        this.settings = settings;
        this.control = control;
        this.topics = Topics.of(control.deviceId());
        this.problems = new RateLimitedLog(LOG, clock, Duration.ofSeconds(60));
        this.linkThread = Executors.newSingleThreadScheduledExecutor(daemon("mqtt-link"));
        this.requestThread = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(REQUEST_QUEUE), daemon("mqtt-requests"));
        this.nextBackoff = settings.backoffMin();
        this.brokerUrl = settings.brokerUrl();
        this.username = settings.username();
    }

    /**
     * Opens the event outbox, registers the firmware listeners and starts connecting in the
     * background; returns at once. A broker that is down is retried, never reported here.
     *
     * @throws IOException one line when the outbox directory or the CA file cannot be used, or the
     *     broker url is not one Paho accepts
     */
    public synchronized void start() throws IOException {
        if (started) {
            throw new IllegalStateException("the MQTT link was started already");
        }
        started = true;
        options = connectionOptions();
        outbox = EventOutbox.open(settings.outboxDir(), settings.outboxCapBytes());
        try {
            client = newClient(brokerUrl);
        } catch (IOException e) {
            outbox.close();
            throw e;
        }
        cursor = outbox.acknowledged();
        configuredUrl = control.config().brokerUrl();
        configuredUser = userOf(control.config());
        control.addEventListener(this::onEvent);
        control.addConfigListener(this::onConfig);
        linkThread.scheduleWithFixedDelay(() -> guarded("tick", this::tick), TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
        linkThread.execute(() -> guarded("connect", this::connectAttempt));
        LOG.info("mqtt: link to {} as {} started, {} events waiting in the outbox", settings.brokerUrl(),
                settings.clientId(), outbox.pending());
    }

    private static Optional<String> userOf(Config config) {
        String user = config.brokerUsername();
        return user == null || user.isEmpty() ? Optional.empty() : Optional.of(user);
    }

    /** A client for {@code url} whose callbacks belong to a new epoch. */
    private MqttAsyncClient newClient(String url) throws IOException {
        MqttAsyncClient fresh;
        try {
            // Memory persistence: the outbox is the durable store of events, and the other QoS 1
            // messages (status, config, replies) are recomputed on every connect, so Paho's file
            // persistence would only add a second journal to reconcile with the first.
            fresh = new MqttAsyncClient(url, settings.clientId(), new MemoryPersistence());
        } catch (MqttException | IllegalArgumentException e) {
            throw new IOException("mqtt: broker url '" + url + "' is not usable: " + e.getMessage());
        }
        fresh.setCallback(new Callback(++clientEpoch));
        return fresh;
    }

    private MqttConnectionOptions connectionOptions() throws IOException {
        MqttConnectionOptions o = new MqttConnectionOptions();
        // A clean start each time: the outbox resends whatever the broker has not acknowledged, and
        // the link subscribes again on every connect, so no session state is needed on either side.
        o.setCleanStart(true);
        o.setSessionExpiryInterval(0L);
        o.setKeepAliveInterval(settings.keepAliveS());
        o.setConnectionTimeout(10);
        // The link reconnects by itself (connectAttempt). Paho's automatic reconnect does not cover
        // a failed first connect, and in 1.2.5 it ignores setAutomaticReconnectDelay: its delay is a
        // static field shared by every client in the JVM, starting at 1 s.
        o.setAutomaticReconnect(false);
        username.ifPresent(o::setUserName);
        settings.password().ifPresent(p -> o.setPassword(utf8(p)));
        if (settings.caFile().isPresent()) {
            o.setSocketFactory(TlsSockets.trusting(settings.caFile().get()));
        }
        MqttMessage will = new MqttMessage(MessageCodec.encode(StatusMessage.lastWill(control.deviceId(),
                control.firmware())));
        will.setQos(topics.status().qos());
        will.setRetained(topics.status().retained());
        o.setWill(topics.status().name(), will);
        return o;
    }

    private static byte[] utf8(char[] password) {
        java.nio.ByteBuffer bytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] out = Arrays.copyOfRange(bytes.array(), bytes.position(), bytes.limit());
        Arrays.fill(bytes.array(), (byte) 0);
        return out;
    }

    // ---- connecting ------------------------------------------------------------------------------

    /** A connection attempt; after a failure the next one follows with backoff, until one succeeds. */
    private void connectAttempt() {
        if (closing || connected || connecting) {
            return;
        }
        connecting = true;
        long epoch = clientEpoch;
        try {
            client.connect(options, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    // connectComplete follows on the callback; nothing to do here
                }

                @Override
                public void onFailure(IMqttToken token, Throwable failure) {
                    onLinkThread("connect failure", () -> connectFailed(epoch, failure));
                }
            });
        } catch (MqttException | RuntimeException e) {
            connectFailed(epoch, e);
        }
    }

    private void connectFailed(long epoch, Throwable failure) {
        if (epoch != clientEpoch) {
            return;
        }
        connecting = false;
        if (closing) {
            return;
        }
        connectFailures.incrementAndGet();
        Duration wait = nextBackoff;
        nextBackoff = nextBackoff.multipliedBy(2).compareTo(settings.backoffMax()) > 0
                ? settings.backoffMax() : nextBackoff.multipliedBy(2);
        problems.warn("connect", "mqtt: cannot connect to " + brokerUrl + ": " + reason(failure)
                + "; retrying (every " + settings.backoffMax().toSeconds() + " s at most)");
        linkThread.schedule(() -> guarded("connect", this::connectAttempt), wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void connected(long epoch) {
        if (epoch != clientEpoch) {
            return;
        }
        connecting = false;
        if (closing) {
            return;
        }
        boolean reconnect = everConnected;
        everConnected = true;
        connected = true;
        nextBackoff = settings.backoffMin();
        if (reconnect) {
            reconnects.incrementAndGet();
        }
        LOG.info("mqtt: connected to {}{}", brokerUrl, reconnect ? " again" : "");
        restartPump();
        guarded("status", this::publishStatus);
        guarded("config", () -> publishConfig(control.config()));
        List<IMqttToken> tokens = new ArrayList<>();
        for (TopicFilter filter : topics.deviceSubscriptions()) {
            try {
                // One subscription per call and no per-subscription listener: messages arrive on
                // the client's callback (Paho's listeners miss shared-subscription messages, and
                // its array form of subscribe recurses).
                tokens.add(client.subscribe(new MqttSubscription(filter.filter(), filter.qos())));
            } catch (MqttException e) {
                problems.warn("subscribe", "mqtt: cannot subscribe to " + filter.filter() + ": " + reason(e));
            }
        }
        subscriptions = List.copyOf(tokens);
        pump();
    }

    private void disconnected(long epoch, String why) {
        if (epoch != clientEpoch || !connected) {
            return;
        }
        connected = false;
        subscriptions = List.of();
        restartPump();
        if (!closing) {
            problems.warn("lost", "mqtt: connection to " + brokerUrl + " lost: " + why
                    + "; reconnecting");
            nextBackoff = settings.backoffMin();
            linkThread.schedule(() -> guarded("connect", this::connectAttempt), nextBackoff.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    // ---- the firmware's side ---------------------------------------------------------------------

    /** On the firmware's event thread: store durably, then wake the pump. Never throws. */
    private void onEvent(EventMessage event) {
        EventOutbox box = outbox;
        if (box == null || closing) {
            // Closed: DeviceControl cannot remove a listener, so a replaced link's one stays silent.
            return;
        }
        try {
            box.append(MessageCodec.encode(event));
        } catch (IOException | RuntimeException e) {
            eventsNotStored.incrementAndGet();
            problems.warn("append", "mqtt: event seq " + event.seq() + " not stored in the outbox: " + reason(e));
            return;
        }
        onLinkThread("pump", this::pump);
    }

    /** On the changer's thread: the new config goes out from the link thread, then the broker may change. */
    private void onConfig(Config config) {
        onLinkThread("config", () -> {
            publishConfig(config);
            followBroker(config);
        });
    }

    /**
     * A new {@code broker_url} or {@code broker_username} takes effect at once: offline status and
     * DISCONNECT on the old broker, then the usual connect loop on the new one; the outbox resends
     * from the acknowledged position there. Password and CA file stay those of the credentials file.
     */
    private void followBroker(Config config) {
        String url = config.brokerUrl();
        Optional<String> user = userOf(config);
        if (url.equals(configuredUrl) && user.equals(configuredUser) || closing) {
            return;
        }
        configuredUrl = url;
        configuredUser = user;
        if (url.equals(brokerUrl) && user.equals(username)) {
            return;
        }
        MqttAsyncClient fresh;
        MqttConnectionOptions freshOptions;
        Optional<String> oldUser = username;
        try {
            username = user;
            freshOptions = connectionOptions();
            fresh = newClient(url);
        } catch (IOException | RuntimeException e) {
            username = oldUser;
            problems.warn("switch", "mqtt: staying with " + brokerUrl + ": " + e.getMessage());
            return;
        }
        LOG.info("mqtt: broker changed by the config: leaving {} for {}", brokerUrl, url);
        MqttAsyncClient old = client;
        if (connected) {
            goOffline(old);
        }
        closeClient(old, !connected);
        connected = false;
        connecting = false;
        subscriptions = List.of();
        restartPump();
        client = fresh;
        options = freshOptions;
        brokerUrl = url;
        nextBackoff = settings.backoffMin();
        connectAttempt();
    }

    private void onLinkThread(String what, Runnable task) {
        if (closing) {
            return;
        }
        try {
            linkThread.execute(() -> guarded(what, task));
        } catch (RejectedExecutionException e) {
            // closing
        }
    }

    // ---- the link thread's work ------------------------------------------------------------------

    /** Each step on its own: a firmware call that throws must not starve the others (the pump above all). */
    private void tick() {
        if (!connected) {
            return;
        }
        guarded("telemetry", this::publishTelemetry);
        if (++ticks % STATUS_EVERY_TICKS == 0) {
            guarded("status", () -> {
                if (!StatusKey.of(control.snapshot()).equals(lastStatus)) {
                    publishStatus();
                }
            });
        }
        try {
            outbox.saveAcknowledged();
        } catch (IOException e) {
            problems.warn("ack", "mqtt: cannot save the outbox position: " + reason(e));
        }
        pump();
    }

    private void publishTelemetry() {
        Optional<TelemetryMessage> telemetry = control.telemetry();
        if (telemetry.isPresent() && telemetry.get().uptimeMs() > lastTelemetryUptime) {
            lastTelemetryUptime = telemetry.get().uptimeMs();
            publish(topics.telemetry(), telemetry.get());
        }
    }

    /** Publishes an online status now (also for the {@code status} command); on the link thread. */
    private void publishStatus() {
        DeviceSnapshot snapshot = control.snapshot();
        if (publish(topics.status(), control.statusMessage())) {
            lastStatus = StatusKey.of(snapshot);
        }
    }

    private void publishConfig(Config config) {
        if (connected) {
            publish(topics.config(), new ConfigMessage(control.deviceId(), config.version(), config.toJsonValues()));
        }
    }

    /** Publishes with the topic's QoS and retain flag; false (and a rate-limited line) if Paho refused. */
    private boolean publish(Topic topic, Message message) {
        MqttMessage m = new MqttMessage(MessageCodec.encode(message));
        m.setQos(topic.qos());
        m.setRetained(topic.retained());
        try {
            client.publish(topic.name(), m);
            return true;
        } catch (MqttException e) {
            problems.warn("publish " + topic.kind(), "mqtt: " + topic.kind().suffix() + " not published: " + reason(e));
            return false;
        }
    }

    /** After a connect or a lost connection: forget what was in flight and resend from the acknowledged position. */
    private void restartPump() {
        generation++;
        inFlight.clear();
        cursor = outbox.acknowledged();
    }

    /** Sends stored events in order while the window has room. */
    private void pump() {
        while (connected && !closing && !paused && inFlight.size() < settings.eventWindow()) {
            Optional<EventOutbox.Entry> next;
            try {
                next = outbox.next(cursor);
            } catch (IOException e) {
                problems.warn("read", "mqtt: cannot read the event outbox: " + reason(e));
                return;
            }
            if (next.isEmpty()) {
                return;
            }
            EventOutbox.Entry entry = next.get();
            InFlight flight = new InFlight(entry);
            MqttMessage message = new MqttMessage(entry.payload());
            message.setQos(topics.event().qos());
            message.setRetained(false);
            long sentIn = generation;
            try {
                client.publish(topics.event().name(), message, null, new MqttActionListener() {
                    @Override
                    public void onSuccess(IMqttToken token) {
                        onLinkThread("puback", () -> acknowledged(flight, sentIn, token.getReasonCodes()));
                    }

                    @Override
                    public void onFailure(IMqttToken token, Throwable failure) {
                        onLinkThread("publish failure", () -> publishFailed(sentIn, failure));
                    }
                });
            } catch (MqttException e) {
                // Paho's in-flight limit or a connection on its way down: the next tick tries again.
                if (e.getReasonCode() != MqttClientException.REASON_CODE_MAX_INFLIGHT) {
                    problems.warn("publish event", "mqtt: event not published: " + reason(e));
                }
                return;
            }
            inFlight.add(flight);
            cursor = entry.end();
        }
    }

    private void acknowledged(InFlight flight, long sentIn, int[] reasonCodes) {
        if (sentIn != generation) {
            return;
        }
        if (reasonCodes != null) {
            for (int code : reasonCodes) {
                if (code >= 0x80) {
                    publishFailed(sentIn, new MqttException(code));
                    return;
                }
            }
        }
        flight.acknowledged = true;
        EventOutbox.Position upTo = null;
        int records = 0;
        while (!inFlight.isEmpty() && inFlight.peekFirst().acknowledged) {
            upTo = inFlight.pollFirst().entry.end();
            records++;
        }
        if (upTo != null) {
            outbox.acknowledge(upTo, records);
            eventsPublished.addAndGet(records);
        }
        pump();
    }

    /** A refused or failed event publish: start over from the acknowledged position a little later. */
    private void publishFailed(long sentIn, Throwable failure) {
        if (sentIn != generation) {
            return;
        }
        problems.warn("event failed", "mqtt: event delivery failed: " + reason(failure) + "; resending");
        restartPump();
        // A broker refusing events should not be flooded: hold the pump for a while.
        paused = true;
        linkThread.schedule(() -> guarded("resume", () -> {
            paused = false;
            pump();
        }), settings.backoffMin().toMillis(), TimeUnit.MILLISECONDS);
    }

    // ---- Paho's callbacks: hand over, never block, never throw ------------------------------------

    private final class Callback implements MqttCallback {
        private final long epoch;

        Callback(long epoch) {
            this.epoch = epoch;
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            onLinkThread("connected", () -> connected(epoch));
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            String why = response.getException() != null ? reason(response.getException())
                    : "broker sent DISCONNECT " + response.getReturnCode()
                            + (response.getReasonString() == null ? "" : " " + response.getReasonString());
            onLinkThread("disconnected", () -> MqttLink.this.disconnected(epoch, why));
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            problems.warn("error", "mqtt: " + reason(exception));
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            try {
                RequestHandler.Request request = RequestHandler.Request.of(topic, message);
                requestThread.execute(() -> requests().handle(request));
            } catch (RejectedExecutionException e) {
                problems.warn("requests", "mqtt: request on " + topic + " dropped: " + REQUEST_QUEUE
                        + " requests are waiting already");
            } catch (RuntimeException e) {
                problems.warn("arrived", "mqtt: request on " + topic + " dropped: " + e);
            }
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
            // event acknowledgements arrive through each publish's listener
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
            // no enhanced authentication
        }
    }

    private RequestHandler requestHandler;

    private synchronized RequestHandler requests() {
        if (requestHandler == null) {
            requestHandler = new RequestHandler(control, topics, (topic, message) -> client.publish(topic, message),
                    settings.requestTimeout(), () -> onLinkThread("status", this::publishStatus));
        }
        return requestHandler;
    }

    // ---- stopping --------------------------------------------------------------------------------

    /** Counters now; any thread. */
    public Stats stats() {
        EventOutbox box = outbox;
        boolean granted = connected && !subscriptions.isEmpty();
        for (IMqttToken token : subscriptions) {
            granted &= token.isComplete() && token.getException() == null && token.getReasonCodes() != null
                    && Arrays.stream(token.getReasonCodes()).allMatch(code -> code < 0x80);
        }
        return new Stats(connected, granted, eventsPublished.get(), box == null ? 0 : box.pending(),
                box == null ? 0 : box.dropped(), reconnects.get(), connectFailures.get(), eventsNotStored.get());
    }

    /**
     * Publishes an offline status (if connected), disconnects cleanly, stops the threads and closes
     * the outbox; waits a few seconds at most. Events raised after this are not stored.
     */
    @Override
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        MqttAsyncClient c = client;
        if (c != null) {
            try {
                linkThread.submit(() -> {
                    if (connected) {
                        goOffline(c);
                    }
                }).get(CLOSE_WAIT_MS * 2, TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                LOG.warn("mqtt: clean disconnect did not finish: {}", reason(e));
            }
        }
        shutdown(c, false);
    }

    private void goOffline(MqttAsyncClient c) {
        try {
            MqttMessage offline = new MqttMessage(MessageCodec.encode(control.statusMessage().goingOffline()));
            offline.setQos(topics.status().qos());
            offline.setRetained(true);
            c.publish(topics.status().name(), offline).waitForCompletion(CLOSE_WAIT_MS);
            c.disconnect(CLOSE_WAIT_MS).waitForCompletion(CLOSE_WAIT_MS);
            LOG.info("mqtt: disconnected from {}", brokerUrl);
        } catch (MqttException | RuntimeException e) {
            LOG.warn("mqtt: clean disconnect failed: {}", reason(e));
        }
    }

    /**
     * Drops the connection without a DISCONNECT and without an offline status, as a crash or a
     * power cut would: the broker publishes the last will. For tests.
     */
    void abort() {
        closing = true;
        shutdown(client, true);
    }

    private void shutdown(MqttAsyncClient c, boolean abrupt) {
        linkThread.shutdownNow();
        requestThread.shutdownNow();
        try {
            linkThread.awaitTermination(CLOSE_WAIT_MS, TimeUnit.MILLISECONDS);
            requestThread.awaitTermination(CLOSE_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        connected = false;
        if (c != null) {
            closeClient(c, abrupt);
        }
        EventOutbox box = outbox;
        if (box != null) {
            try {
                box.close();
            } catch (IOException e) {
                LOG.warn("mqtt: closing the event outbox: {}", reason(e));
            }
        }
    }

    /** Closes a client for good; {@code abrupt}: drop the socket without DISCONNECT (the will fires). */
    private static void closeClient(MqttAsyncClient c, boolean abrupt) {
        try {
            if (abrupt || c.isConnected()) {
                c.disconnectForcibly(0, abrupt ? 1 : CLOSE_WAIT_MS, false);
            }
        } catch (MqttException | RuntimeException e) {
            // closing anyway
        }
        try {
            c.close(true);
        } catch (MqttException | RuntimeException e) {
            LOG.debug("mqtt: close: {}", reason(e));
        }
    }

    private void guarded(String what, Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            // A periodic task that throws is cancelled for good: log and carry on instead.
            problems.warn("bug " + what, "mqtt: " + what + " failed: " + e);
        }
    }

    static String reason(Throwable failure) {
        if (failure == null) {
            return "unknown";
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = failure.getMessage();
        if (root != failure && root.getMessage() != null) {
            message = (message == null ? "" : message + ": ") + root.getMessage();
        }
        return RequestHandler.printable(message == null ? failure.getClass().getSimpleName() : message, 200);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
