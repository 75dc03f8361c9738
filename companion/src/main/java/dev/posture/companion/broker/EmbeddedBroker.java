package dev.posture.companion.broker;

import com.hivemq.embedded.EmbeddedHiveMQ;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An embedded HiveMQ Community Edition broker (MQTT 3 and 5), so that the companion works on a
 * laptop with nothing installed. Its configuration, data and extension folders live under one work
 * folder; with file persistence, retained status/config messages and persistent sessions survive a
 * restart. It logs through the program's own logback configuration.
 *
 * <pre>{@code
 * try (EmbeddedBroker broker = EmbeddedBroker.start(workDir, "127.0.0.1", 1883, true)) {
 *     String url = broker.url();   // tcp://127.0.0.1:1883
 * }
 * }</pre>
 */
public final class EmbeddedBroker implements AutoCloseable {
    private static final long START_STOP_TIMEOUT_S = 60;

    private final Path dir;
    private final String bindAddress;
    private final int port;
    private EmbeddedHiveMQ hivemq;

    private EmbeddedBroker(Path dir, String bindAddress, int port) {
        this.dir = dir.toAbsolutePath();
        this.bindAddress = bindAddress;
        this.port = port;
    }

    /**
     * Starts a broker listening on {@code bindAddress:port} with its folders under {@code workDir}.
     *
     * @param durable file persistence (sessions, queued QoS 1 messages, retained messages) instead of memory
     * @throws BrokerException if the port is taken or the broker does not start
     */
    public static EmbeddedBroker start(Path workDir, String bindAddress, int port, boolean durable)
            throws BrokerException {
        EmbeddedBroker broker = new EmbeddedBroker(workDir, bindAddress, port);
        broker.checkPortFree();
        try {
            broker.writeConfig(durable);
        } catch (IOException e) {
            throw new BrokerException("embedded broker: cannot write its configuration under " + workDir + ": " + e, e);
        }
        broker.startAgain();
        return broker;
    }

    /** A TCP port nothing listens on right now, for tests. */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    /** HiveMQ only logs a listener it cannot bind; check first so the user gets one clear line. */
    private void checkPortFree() throws BrokerException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(bindAddress), port));
        } catch (IOException e) {
            throw new BrokerException("embedded broker: cannot listen on " + bindAddress + ":" + port + ": "
                    + e.getMessage(), e);
        }
    }

    private void writeConfig(boolean durable) throws IOException {
        Files.createDirectories(dir.resolve("conf"));
        Files.createDirectories(dir.resolve("data"));
        Files.createDirectories(dir.resolve("extensions"));
        Files.writeString(dir.resolve("conf/config.xml"), ""
                + "<?xml version=\"1.0\"?>\n"
                + "<hivemq>\n"
                + "  <listeners><tcp-listener><port>" + port + "</port><bind-address>" + bindAddress
                + "</bind-address></tcp-listener></listeners>\n"
                + "  <persistence><mode>" + (durable ? "file" : "in-memory") + "</mode></persistence>\n"
                + "  <anonymous-usage-statistics><enabled>false</enabled></anonymous-usage-statistics>\n"
                + "</hivemq>\n");
    }

    /** Starts the broker (again, after {@link #stop}) on the same port; returns once it listens. */
    public synchronized void startAgain() throws BrokerException {
        if (hivemq != null) {
            return;
        }
        EmbeddedHiveMQ broker = EmbeddedHiveMQ.builder()
                .withConfigurationFolder(dir.resolve("conf"))
                .withDataFolder(dir.resolve("data"))
                .withExtensionsFolder(dir.resolve("extensions"))
                .withoutLoggingBootstrap()
                .build();
        try {
            broker.start().get(START_STOP_TIMEOUT_S, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            closeQuietly(broker);
            throw new BrokerException("embedded broker on " + bindAddress + ":" + port + " did not start: "
                    + (e.getCause() != null ? e.getCause() : e), e);
        } catch (InterruptedException e) {
            closeQuietly(broker);
            Thread.currentThread().interrupt();
            throw new BrokerException("embedded broker: interrupted while starting", e);
        }
        hivemq = broker;
    }

    /** Stops the broker: every client's connection drops. */
    public synchronized void stop() throws BrokerException {
        if (hivemq == null) {
            return;
        }
        EmbeddedHiveMQ broker = hivemq;
        hivemq = null;
        try {
            broker.stop().get(START_STOP_TIMEOUT_S, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new BrokerException("embedded broker did not stop: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerException("embedded broker: interrupted while stopping", e);
        } finally {
            closeQuietly(broker);
        }
    }

    public int port() {
        return port;
    }

    /** The URL clients connect to: {@code tcp://host:port} (loopback when listening on every address). */
    public String url() {
        String host = "0.0.0.0".equals(bindAddress) || "::".equals(bindAddress) ? "127.0.0.1" : bindAddress;
        return "tcp://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    @Override
    public void close() throws BrokerException {
        stop();
    }

    private static void closeQuietly(EmbeddedHiveMQ broker) {
        try {
            broker.close();
        } catch (Exception e) {
            // already stopping; nothing more to free
        }
    }
}
