package dev.posture.device.mqtt;

import dev.posture.protocol.config.Config;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the MQTT link connects and keeps its events.
 *
 * @param brokerUrl        {@code tcp://host:port} or {@code ssl://host:port} ({@code broker_url}); Paho
 *                         also takes the config's {@code ws://} and {@code wss://} (untested here)
 * @param clientId         MQTT client id: the device id
 * @param username         {@code broker_username}, or empty for an anonymous connection
 * @param password         from the credentials file, or empty; never logged
 * @param caFile           CA certificates to trust for {@code ssl://}, or empty for the JVM's trust store
 * @param keepAliveS       MQTT keep-alive, s (default 30: a vanished device's will fires within ~45 s)
 * @param backoffMin       first wait after a failed connect (default 1 s)
 * @param backoffMax       longest wait between attempts; the wait doubles up to it (default 60 s)
 * @param outboxDir        directory of the event outbox (default {@code <state dir>/mqtt-outbox})
 * @param outboxCapBytes   most bytes the outbox keeps (default 64 MiB)
 * @param eventWindow      events published and not yet acknowledged at most (default 8; Paho and
 *                         most brokers allow 10 QoS 1 messages in flight, the rest is for status,
 *                         config and replies)
 * @param requestTimeout   how long a calibrate command waits for its outcome, and a trace chunk for
 *                         its PUBACK (default 15 s)
 */
public record MqttSettings(String brokerUrl, String clientId, Optional<String> username, Optional<char[]> password,
        Optional<Path> caFile, int keepAliveS, Duration backoffMin, Duration backoffMax, Path outboxDir,
        long outboxCapBytes, int eventWindow, Duration requestTimeout) {

    public static final String OUTBOX_DIR_NAME = "mqtt-outbox";

    public MqttSettings {
        Objects.requireNonNull(brokerUrl, "brokerUrl");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(caFile, "caFile");
        Objects.requireNonNull(outboxDir, "outboxDir");
        if (!brokerUrl.startsWith("tcp://") && !brokerUrl.startsWith("ssl://") && !brokerUrl.startsWith("ws://")
                && !brokerUrl.startsWith("wss://")) {
            throw new IllegalArgumentException("broker url must start with tcp://, ssl://, ws:// or wss://, got '"
                    + brokerUrl + "'");
        }
        if (keepAliveS < 1 || backoffMin.toMillis() < 1000 || backoffMax.compareTo(backoffMin) < 0) {
            throw new IllegalArgumentException("keep-alive must be >= 1 s, backoff min >= 1 s, backoff max >= min");
        }
        if (eventWindow < 1 || outboxCapBytes < 4096 || requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("event window >= 1, outbox cap >= 4096 bytes, request timeout > 0");
        }
    }

    /**
     * The settings for a device: broker url, user name and client id from {@code config}, password
     * and CA file from the credentials file (if any), the outbox under {@code stateDir}.
     *
     * @throws IOException one line when the credentials file is missing, unreadable or bad
     */
    public static MqttSettings from(Config config, Optional<Path> credentialsFile, Path stateDir) throws IOException {
        MqttCredentials credentials = credentialsFile.isPresent()
                ? MqttCredentials.read(credentialsFile.get()) : MqttCredentials.NONE;
        String user = config.brokerUsername();
        return new MqttSettings(config.brokerUrl(), config.deviceId(),
                user == null || user.isEmpty() ? Optional.empty() : Optional.of(user), credentials.password(),
                credentials.caFile(), 30, Duration.ofSeconds(1), Duration.ofSeconds(60),
                stateDir.resolve(OUTBOX_DIR_NAME), EventOutbox.DEFAULT_CAP_BYTES, 8, Duration.ofSeconds(15));
    }

    /** The same settings with another broker url (tests, {@code sim --broker}). */
    public MqttSettings withBrokerUrl(String url) {
        return new MqttSettings(url, clientId, username, password, caFile, keepAliveS, backoffMin, backoffMax,
                outboxDir, outboxCapBytes, eventWindow, requestTimeout);
    }

    /** The same settings with other reconnect waits. */
    public MqttSettings withBackoff(Duration min, Duration max) {
        return new MqttSettings(brokerUrl, clientId, username, password, caFile, keepAliveS, min, max,
                outboxDir, outboxCapBytes, eventWindow, requestTimeout);
    }

    /** The same settings with another outbox directory and cap. */
    public MqttSettings withOutbox(Path dir, long capBytes) {
        return new MqttSettings(brokerUrl, clientId, username, password, caFile, keepAliveS, backoffMin, backoffMax,
                dir, capBytes, eventWindow, requestTimeout);
    }

    /** The same settings with another keep-alive. */
    public MqttSettings withKeepAlive(int seconds) {
        return new MqttSettings(brokerUrl, clientId, username, password, caFile, seconds, backoffMin, backoffMax,
                outboxDir, outboxCapBytes, eventWindow, requestTimeout);
    }

    @Override
    public String toString() {
        return "MqttSettings[brokerUrl=" + brokerUrl + ", clientId=" + clientId + ", username="
                + username.orElse("none") + ", password=" + (password.isPresent() ? "***" : "none") + ", caFile="
                + caFile.map(Path::toString).orElse("none") + ", keepAliveS=" + keepAliveS + ", backoff="
                + backoffMin.toMillis() + ".." + backoffMax.toMillis() + " ms, outboxDir=" + outboxDir
                + ", outboxCapBytes=" + outboxCapBytes + ", eventWindow=" + eventWindow + "]";
    }
}
