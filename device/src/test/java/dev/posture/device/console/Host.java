package dev.posture.device.console;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fazecast.jSerialComm.SerialPort;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The far end of the console, as the companion or picocom is: opens its pty by path with jSerialComm,
 * sends bytes, and collects the device's lines (CRLF stripped) on a thread of its own.
 */
final class Host implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(20);

    private final SerialPort port;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Thread reader;
    private volatile boolean closing;
    private volatile boolean reading = true;

    Host(Path path) {
        port = SerialPort.getCommPort(path.toString());
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING, 100, 2000);
        assertTrue(port.openPort(), "host end " + path + " opens");
        reader = new Thread(this::read, "host-reader");
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        byte[] buffer = new byte[4096];
        StringBuilder line = new StringBuilder();
        while (!closing) {
            if (!reading) {
                try {
                    Thread.sleep(20); // a host that does not read: the test pauses this end on purpose
                } catch (InterruptedException e) {
                    return;
                }
                continue;
            }
            int n = port.readBytes(buffer, buffer.length);
            if (n < 0) {
                return;
            }
            for (int i = 0; i < n; i++) {
                char c = (char) (buffer[i] & 0xFF);
                if (c == '\n') {
                    int end = line.length() > 0 && line.charAt(line.length() - 1) == '\r' ? line.length() - 1 : line.length();
                    lines.add(line.substring(0, end));
                    line.setLength(0);
                } else {
                    line.append(c);
                }
            }
        }
    }

    /** Stops or resumes reading from the pty (a host that stalls). */
    void reading(boolean on) {
        reading = on;
    }

    void send(String text) {
        send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    void send(byte[] bytes) {
        int offset = 0;
        while (offset < bytes.length) {
            int n = port.writeBytes(bytes, bytes.length - offset, offset);
            assertTrue(n >= 0, "host write");
            offset += n;
        }
    }

    /** The next line, waiting up to 20 s. */
    String next() throws InterruptedException {
        String line = lines.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (line == null) {
            fail("no line from the device within " + WAIT.toSeconds() + " s");
        }
        return line;
    }

    /** Lines up to and including the first that matches; fails after 20 s without one. */
    List<String> until(Predicate<String> last) throws InterruptedException {
        List<String> seen = new ArrayList<>();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line != null) {
                seen.add(line);
                if (last.test(line)) {
                    return seen;
                }
            }
        }
        fail("no matching line within " + WAIT.toSeconds() + " s; got " + seen);
        return seen;
    }

    /** The next reply (a line not starting with '*'), skipping stream and event lines. */
    String reply() throws InterruptedException {
        List<String> seen = until(line -> !line.startsWith("*"));
        return seen.get(seen.size() - 1);
    }

    @Override
    public void close() throws InterruptedException {
        closing = true;
        reader.join(5_000);
        port.closePort();
    }
}
