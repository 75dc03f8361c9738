package dev.posture.device.console;

import com.fazecast.jSerialComm.SerialPort;
import dev.posture.device.control.DeviceControl;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console on a serial port (the Pi's USB gadget {@code /dev/ttyGS0}, or a pseudo-terminal in
 * {@code sim} and the tests), opened by path with jSerialComm. Three threads of its own, none ever
 * touched by the sampling loop:
 * <ul>
 *   <li>{@code console-reader} opens the port, reads with a short timeout (so {@link #close} is
 *       prompt) and feeds a {@link ConsoleSession}, which answers each request in order. When reads
 *       fail (USB cable pulled: ttyGS0 stays but reads fail; a pty vanishes) it closes the port and
 *       opens it again by path with a growing backoff; each opening sends {@code * READY}.</li>
 *   <li>{@code console-writer} writes the lines waiting in a bounded {@link ConsoleOutput}, each line
 *       whole.</li>
 *   <li>{@code console-stream} offers STREAM lines at the requested rate. A slow or absent reader
 *       therefore only ever costs dropped STREAM lines (and, past a reserve, EVENT lines), counted;
 *       the firmware's event thread never waits.</li>
 * </ul>
 */
public final class SerialConsole implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SerialConsole.class);

    /**
     * @param portPath           the device path, e.g. /dev/ttyGS0 (a symlink is followed at each opening)
     * @param readTimeout        longest a read waits for bytes; bounds how long {@link #close} takes
     * @param writeTimeout       longest one write call waits for the far end; the writer then tries again
     * @param minBackoff         first wait before opening the port again after it failed
     * @param maxBackoff         the wait doubles up to this
     * @param queueLines         lines that may wait for the port before STREAM lines are dropped
     * @param eventReserve       further lines for EVENTs only
     * @param calibrationTimeout how long CALIBRATE waits for the firmware's outcome
     */
    public record Settings(String portPath, Duration readTimeout, Duration writeTimeout, Duration minBackoff,
            Duration maxBackoff, int queueLines, int eventReserve, Duration calibrationTimeout) {
        public Settings {
            Objects.requireNonNull(portPath, "portPath");
            if (readTimeout.isNegative() || readTimeout.isZero() || minBackoff.isNegative() || minBackoff.isZero()
                    || maxBackoff.compareTo(minBackoff) < 0 || queueLines < 1 || eventReserve < 0) {
                throw new IllegalArgumentException("bad serial console settings: " + this);
            }
        }

        /** 100 ms reads, 0.2..5 s backoff, 256 lines (about 10 s of STREAM at 25 Hz) plus 64 for events. */
        public static Settings defaults(String portPath) {
            return new Settings(portPath, Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofMillis(200),
                    Duration.ofSeconds(5), 256, 64, ConsoleSession.DEFAULT_CALIBRATION_TIMEOUT);
        }
    }

    private final DeviceControl control;
    private final Settings settings;
    private final ConsoleOutput output;
    private final ConsoleSession session;
    private final Thread reader;
    private final Thread writer;
    private final Thread streamer;
    private final Object backoffLock = new Object();
    private final AtomicLong opens = new AtomicLong();
    private final AtomicLong writeFailures = new AtomicLong();

    private volatile boolean closing;
    private volatile boolean started;
    /** The open port, or null between openings; the writer writes to whatever is here. */
    private volatile SerialPort current;

    public SerialConsole(DeviceControl control, Settings settings) {
        this.control = Objects.requireNonNull(control, "control");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.output = new ConsoleOutput(settings.queueLines(), settings.eventReserve());
        this.session = new ConsoleSession(control, output, settings.calibrationTimeout());
        this.reader = new Thread(this::readLoop, "console-reader");
        this.writer = new Thread(this::writeLoop, "console-writer");
        this.streamer = new Thread(this::streamLoop, "console-stream");
        reader.setDaemon(true);
        writer.setDaemon(true);
        streamer.setDaemon(true);
        session.onStreamChange(() -> LockSupport.unpark(streamer));
    }

    /** Listens for events and starts both threads; the port is opened (and re-opened) in the background. */
    public synchronized void start() {
        if (started) {
            throw new IllegalStateException("already started");
        }
        started = true;
        control.addEventListener(session::event);
        writer.start();
        streamer.start();
        reader.start();
    }

    /** Stops both threads and closes the port; returns within about the read timeout. */
    @Override
    public void close() {
        closing = true;
        session.closed();
        output.close();
        synchronized (backoffLock) {
            backoffLock.notifyAll();
        }
        reader.interrupt();
        writer.interrupt();
        streamer.interrupt();
        SerialPort port = current;
        if (port != null) {
            port.closePort();
        }
        try {
            reader.join(TimeUnit.SECONDS.toMillis(5));
            writer.join(TimeUnit.SECONDS.toMillis(5));
            streamer.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether the port is open now. */
    public boolean connected() {
        return current != null;
    }

    /** How many times the port was opened (each sent {@code * READY}). */
    public long opens() {
        return opens.get();
    }

    /** Lines that could not be written because the port failed under them. */
    public long writeFailures() {
        return writeFailures.get();
    }

    public ConsoleSession session() {
        return session;
    }

    public ConsoleOutput output() {
        return output;
    }

    // ---- reader thread -----------------------------------------------------------------------

    private void readLoop() {
        byte[] buffer = new byte[512];
        long backoffNanos = settings.minBackoff().toNanos();
        boolean reportedFailure = false;
        while (!closing) {
            SerialPort port = open();
            if (port == null) {
                if (!reportedFailure) {
                    LOG.warn("console: cannot open {}; retrying every {} ms at most", settings.portPath(),
                            settings.maxBackoff().toMillis());
                    reportedFailure = true;
                }
                backoffNanos = backoff(backoffNanos);
                continue;
            }
            reportedFailure = false;
            long openedAt = System.nanoTime();
            output.clear();
            current = port;
            session.opened();
            opens.incrementAndGet();
            LOG.info("console: {} open", settings.portPath());
            try {
                while (!closing) {
                    int n = port.readBytes(buffer, buffer.length);
                    if (n > 0) {
                        session.receive(buffer, 0, n);
                    } else if (n < 0) {
                        break;
                    }
                }
            } catch (RuntimeException e) {
                LOG.warn("console: reading {} failed: {}", settings.portPath(), e.toString());
            }
            session.closed();
            current = null;
            output.clear();
            port.closePort();
            if (closing) {
                break;
            }
            // A port that fails at once (gadget without a host) must neither make a busy loop nor fill
            // the log: keep backing off, and report only connections that really were up.
            if (System.nanoTime() - openedAt > settings.maxBackoff().toNanos()) {
                LOG.info("console: {} lost (error {}); opening it again", settings.portPath(), port.getLastErrorCode());
                backoffNanos = settings.minBackoff().toNanos();
            } else {
                LOG.debug("console: {} failed after opening (error {})", settings.portPath(), port.getLastErrorCode());
            }
            backoffNanos = backoff(backoffNanos);
        }
        LOG.debug("console: reader stopped");
    }

    /** Opens the port by path (a new SerialPort each time: a re-created symlink may point elsewhere), or null. */
    private SerialPort open() {
        try {
            SerialPort port = SerialPort.getCommPort(settings.portPath());
            port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING,
                    (int) settings.readTimeout().toMillis(), (int) settings.writeTimeout().toMillis());
            return port.openPort() ? port : null;
        } catch (RuntimeException e) {
            // SerialPortInvalidPortException when the path is gone, among others
            LOG.debug("console: {} not available: {}", settings.portPath(), e.toString());
            return null;
        }
    }

    /** Waits {@code nanos} (or until close) and returns the next, doubled, wait. */
    private long backoff(long nanos) {
        long deadline = System.nanoTime() + nanos;
        synchronized (backoffLock) {
            while (!closing) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(backoffLock, left);
                } catch (InterruptedException e) {
                    break;
                }
            }
        }
        return Math.min(nanos * 2, settings.maxBackoff().toNanos());
    }

    // ---- writer thread -----------------------------------------------------------------------

    private void writeLoop() {
        while (!closing) {
            try {
                byte[] line = output.poll(TimeUnit.SECONDS.toNanos(1));
                if (line != null) {
                    write(line);
                }
            } catch (InterruptedException e) {
                break;
            } catch (RuntimeException e) {
                LOG.warn("console: writer error: {}", e.toString());
            }
        }
        LOG.debug("console: writer stopped");
    }

    // ---- stream thread -----------------------------------------------------------------------

    /**
     * Offers STREAM lines at the rate whatever the writer is doing, so a stalled far end shows up as
     * counted drops; parks until the next line is due, or until STREAM ON wakes it.
     */
    private void streamLoop() {
        while (!closing) {
            try {
                long next = session.streamTick(System.nanoTime());
                long wait = next == Long.MAX_VALUE ? TimeUnit.SECONDS.toNanos(1) : next - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(this, wait);
                }
                if (Thread.interrupted()) {
                    break;
                }
            } catch (RuntimeException e) {
                LOG.warn("console: stream error: {}", e.toString());
            }
        }
        LOG.debug("console: stream stopped");
    }

    /** Writes one whole line, resuming after write timeouts so the far end never sees half a line then another. */
    private void write(byte[] line) {
        SerialPort port = current;
        if (port == null) {
            return; // between openings: the line was for a connection that is gone
        }
        int offset = 0;
        while (offset < line.length && !closing && port == current) {
            int n = port.writeBytes(line, line.length - offset, offset);
            if (n < 0) {
                writeFailures.incrementAndGet();
                return; // the port failed; the reader notices and opens it again
            }
            if (n == 0) {
                // Write timeout: the far end is not reading. Wait a little rather than spin if the
                // driver returns at once.
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            }
            offset += n;
        }
    }
}
