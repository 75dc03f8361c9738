package dev.posture.protocol;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real mosquitto (/usr/sbin/mosquitto, installed by scripts/test.sh) on a free localhost port,
 * anonymous or with TLS and a password, no persistence; started by a test and stopped by
 * {@link #close}. Shared by the device's and the companion's MQTT tests (protocol's test-jar).
 */
public final class MosquittoBroker implements AutoCloseable {
    public static final Path BINARY = Path.of("/usr/sbin/mosquitto");

    private final Process process;
    private final int port;

    private MosquittoBroker(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static MosquittoBroker start(Path dir) throws Exception {
        int port = freePort();
        return launch(dir, port, "listener " + port + " 127.0.0.1\nallow_anonymous true\npersistence false\n");
    }

    /**
     * A TLS listener with a certificate for 127.0.0.1 signed by a fresh CA ({@code <dir>/ca.pem}),
     * and one user; made with openssl and mosquitto_passwd.
     */
    public static MosquittoBroker startTls(Path dir, String user, String password) throws Exception {
        // EC keys: made in milliseconds, where RSA keys take a noticeable part of a second each.
        run(dir, "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=posture test CA");
        run(dir, "openssl", "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=127.0.0.1");
        Files.writeString(dir.resolve("san.cnf"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
        run(dir, "openssl", "x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
                "-CAcreateserial", "-out", "server.pem", "-days", "2", "-extfile", "san.cnf");
        run(dir, "mosquitto_passwd", "-b", "-c", "passwords", user, password);
        int port = freePort();
        return launch(dir, port, "listener " + port + " 127.0.0.1\n"
                + "cafile " + dir.resolve("ca.pem") + "\ncertfile " + dir.resolve("server.pem") + "\n"
                + "keyfile " + dir.resolve("server.key") + "\n"
                + "allow_anonymous false\npassword_file " + dir.resolve("passwords") + "\npersistence false\n");
    }

    private static void run(Path dir, String... command) throws Exception {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("tools.log").toFile()).start();
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: "
                    + Files.readString(dir.resolve("tools.log")));
        }
    }

    private static MosquittoBroker launch(Path dir, int port, String config) throws Exception {
        Path conf = dir.resolve("mosquitto.conf");
        // Started as root, mosquitto would switch to its own user, which cannot read a test's temp dir.
        Files.writeString(conf, "user " + System.getProperty("user.name") + "\n" + config);
        Process process = new ProcessBuilder(BINARY.toString(), "-c", conf.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("mosquitto.log").toFile())
                .start();
        MosquittoBroker broker = new MosquittoBroker(process, port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!broker.listening()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                broker.close();
                throw new IllegalStateException("mosquitto did not start: "
                        + Files.readString(dir.resolve("mosquitto.log")));
            }
            Thread.sleep(20);
        }
        return broker;
    }

    private boolean listening() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A free TCP port on localhost, as the system hands one out (free when asked, not reserved). */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
