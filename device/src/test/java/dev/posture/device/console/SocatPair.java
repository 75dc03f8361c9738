package dev.posture.device.console;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A pseudo-terminal pair made by socat: {@code dir/dev} for the device's console, {@code dir/host}
 * for the test playing the clinician's computer. Stopping it makes both ends vanish, as a pulled
 * cable makes the gadget port fail.
 */
final class SocatPair implements AutoCloseable {
    final Path dev;
    final Path host;
    private final Path log;
    private Process process;

    SocatPair(Path dir) {
        this.dev = dir.resolve("dev");
        this.host = dir.resolve("host");
        this.log = dir.resolve("socat.log");
    }

    /** Starts socat and waits (up to 20 s) until both links exist. */
    SocatPair start() throws IOException, InterruptedException {
        Files.deleteIfExists(dev);
        Files.deleteIfExists(host);
        process = new ProcessBuilder("socat", "-d", "-d", "pty,raw,echo=0,link=" + dev, "pty,raw,echo=0,link=" + host)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!(Files.exists(dev) && Files.exists(host))) {
            if (!process.isAlive()) {
                throw new IOException("socat exited with " + process.exitValue() + ": " + Files.readString(log));
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("socat links did not appear: " + Files.readString(log));
            }
            Thread.sleep(10); // polling for a file another process creates; no event to wait on
        }
        return this;
    }

    /** Stops socat and waits for it to exit; both ptys are gone afterwards. */
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
