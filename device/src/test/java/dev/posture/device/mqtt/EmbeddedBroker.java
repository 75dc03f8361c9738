package dev.posture.device.mqtt;

import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.embedded.EmbeddedHiveMQ;
import com.hivemq.embedded.EmbeddedHiveMQBuilder;
import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.interceptor.publish.PublishInboundInterceptor;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An embedded HiveMQ CE broker on a free localhost port, for tests: start, stop (a broker outage)
 * and start again on the same port, close. In-memory persistence, no usage statistics, no
 * extensions (file persistence on request); the broker logs through the test's logback configuration.
 *
 * <pre>{@code
 * try (EmbeddedBroker broker = EmbeddedBroker.start(tempDir)) {
 *     String url = broker.url();   // tcp://127.0.0.1:<port>
 * }
 * }</pre>
 */
public final class EmbeddedBroker implements AutoCloseable {
    private final Path dir;
    private final int port;
    private final boolean durable;
    private final PublishInboundInterceptor interceptor;
    private EmbeddedHiveMQ hivemq;

    private EmbeddedBroker(Path dir, int port, boolean durable, PublishInboundInterceptor interceptor) {
        this.dir = dir;
        this.port = port;
        this.durable = durable;
        this.interceptor = interceptor;
    }

    /** Starts a broker on a free port with its folders under {@code workDir}; in-memory persistence. */
    public static EmbeddedBroker start(Path workDir) throws Exception {
        return start(workDir, false);
    }

    /**
     * Starts a broker on a free port with its folders under {@code workDir}.
     *
     * @param durable file persistence: sessions, their subscriptions and queued QoS 1 messages (and
     *     retained messages) survive {@link #stop} and {@link #startAgain}, as on a real broker host
     */
    public static EmbeddedBroker start(Path workDir, boolean durable) throws Exception {
        return start(workDir, durable, null);
    }

    /**
     * As {@link #start(Path, boolean)}, with a HiveMQ extension interceptor that sees every inbound
     * PUBLISH (to refuse some with a PUBACK reason code, say), or null for none.
     */
    public static EmbeddedBroker start(Path workDir, boolean durable, PublishInboundInterceptor interceptor)
            throws Exception {
        EmbeddedBroker broker = new EmbeddedBroker(workDir, freePort(), durable, interceptor);
        broker.writeConfig();
        broker.startAgain();
        return broker;
    }

    /** A port nothing listens on right now. */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    private void writeConfig() throws IOException {
        Files.createDirectories(dir.resolve("conf"));
        Files.createDirectories(dir.resolve("data"));
        Files.createDirectories(dir.resolve("extensions"));
        Files.writeString(dir.resolve("conf/config.xml"), ""
                + "<?xml version=\"1.0\"?>\n"
                + "<hivemq>\n"
                + "  <listeners><tcp-listener><port>" + port + "</port><bind-address>127.0.0.1</bind-address>"
                + "</tcp-listener></listeners>\n"
                + "  <persistence><mode>" + (durable ? "file" : "in-memory") + "</mode></persistence>\n"
                + "  <anonymous-usage-statistics><enabled>false</enabled></anonymous-usage-statistics>\n"
                + "</hivemq>\n");
    }

    /** Starts the broker (again, after {@link #stop}) on the same port; waits until it listens. */
    public synchronized void startAgain() throws Exception {
        if (hivemq != null) {
            return;
        }
        EmbeddedHiveMQBuilder builder = EmbeddedHiveMQ.builder()
                .withConfigurationFolder(dir.resolve("conf"))
                .withDataFolder(dir.resolve("data"))
                .withExtensionsFolder(dir.resolve("extensions"))
                .withoutLoggingBootstrap();
        if (interceptor != null) {
            builder.withEmbeddedExtension(EmbeddedExtension.builder()
                    .withId("test-interceptor").withName("test interceptor").withVersion("1").withPriority(0)
                    .withStartPriority(0).withAuthor("posture tests")
                    .withExtensionMain(new ExtensionMain() {
                        @Override
                        public void extensionStart(ExtensionStartInput input, ExtensionStartOutput output) {
                            Services.initializerRegistry().setClientInitializer(
                                    (initializerInput, client) -> client.addPublishInboundInterceptor(interceptor));
                        }

                        @Override
                        public void extensionStop(ExtensionStopInput input, ExtensionStopOutput output) {
                        }
                    })
                    .build());
        }
        EmbeddedHiveMQ broker = builder.build();
        broker.start().get(60, TimeUnit.SECONDS);
        hivemq = broker;
    }

    /** Stops the broker: every client's connection drops; without durability everything is forgotten. */
    public synchronized void stop() throws ExecutionException, TimeoutException {
        if (hivemq != null) {
            EmbeddedHiveMQ broker = hivemq;
            hivemq = null;
            try {
                broker.stop().get(60, TimeUnit.SECONDS);
                broker.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while stopping the broker", e);
            }
        }
    }

    public int port() {
        return port;
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    @Override
    public void close() throws ExecutionException, TimeoutException {
        stop();
    }
}
