package dev.posture.device.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posture.protocol.console.ConsoleReply;
import dev.posture.protocol.console.LineAssembler;
import dev.posture.protocol.console.LineEvent;
import dev.posture.protocol.console.StreamSample;
import dev.posture.protocol.message.EventDetail;
import dev.posture.protocol.message.PostureState;
import dev.posture.protocol.trace.TraceExport;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console end to end over a real socat pseudo-terminal pair, the device end opened by path with jSerialComm. */
class SerialConsoleTest {
    @TempDir
    Path dir;

    private final FakeDeviceControl device = new FakeDeviceControl();
    private SocatPair socat;
    private SerialConsole console;
    private Host host;
    /** Plays the sampling loop: publishes a new latest sample every 10 ms. */
    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor();
    private final AtomicLong samples = new AtomicLong();

    @BeforeEach
    void start() throws Exception {
        socat = new SocatPair(dir).start();
        SerialConsole.Settings defaults = SerialConsole.Settings.defaults(socat.dev.toString());
        console = new SerialConsole(device, new SerialConsole.Settings(defaults.portPath(), defaults.readTimeout(),
                defaults.writeTimeout(), Duration.ofMillis(50), Duration.ofMillis(400), defaults.queueLines(),
                defaults.eventReserve(), defaults.calibrationTimeout()));
        console.start();
        awaitTrue(console::connected, "console opens " + socat.dev);
        loop.scheduleAtFixedRate(() -> {
            long n = samples.incrementAndGet();
            device.publishLatest(n * 10_000, (int) (n % 2000), PostureState.UPRIGHT, true, n);
        }, 0, 10, TimeUnit.MILLISECONDS);
        host = new Host(socat.host);
    }

    @AfterEach
    void stop() throws Exception {
        loop.shutdownNow();
        if (host != null) {
            host.close();
        }
        console.close();
        socat.close();
    }

    @Test
    void readyThenRequestsAreAnswered() throws Exception {
        assertEquals("* READY firmware=0.1.0 console=1", host.next());
        host.send("VERSION\r\n");
        assertEquals("OK firmware=0.1.0 console=1 config_schema=1", host.reply());
        host.send("set threshold_deg 18\rGET threshold_deg\n");
        assertEquals("OK threshold_deg=18", host.reply());
        assertEquals("OK threshold_deg=18", host.reply());
    }

    @Test
    void garbageBinaryNoiseAndOverLongLinesGetErrAndStatusStillWorks() throws Exception {
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        sent.writeBytes("GET\0key\n".getBytes(StandardCharsets.ISO_8859_1));
        byte[] noise = new byte[3000];
        new Random(42).nextBytes(noise);
        sent.writeBytes(noise);
        sent.writeBytes(("\n" + "A".repeat(300) + "\r\n" + "x".repeat(5000) + "\n").getBytes(StandardCharsets.US_ASCII));
        byte[] garbage = sent.toByteArray();
        // One ERR per garbled line, as the protocol's line rules count them.
        LineAssembler lines = LineAssembler.forRequests();
        int expectedErrors = 0;
        for (byte b : garbage) {
            if (lines.accept(b) != LineEvent.NONE) {
                expectedErrors++;
            }
        }
        host.send(garbage);
        host.send("STATUS\n");
        List<String> replies = new ArrayList<>();
        for (String line : host.until(l -> l.startsWith("OK state="))) {
            if (!line.startsWith("*")) {
                replies.add(line);
            }
        }
        assertTrue(replies.get(replies.size() - 1).startsWith("OK state=UPRIGHT fwd=3.2 neutral=yes lean=yes"));
        List<String> errors = replies.subList(0, replies.size() - 1);
        assertEquals(expectedErrors, errors.size(), errors::toString);
        assertEquals("ERR BAD_BYTE byte 0x00 at offset 3 is not printable ASCII", errors.get(0));
        assertEquals("ERR TOO_LONG line longer than 256 bytes", errors.get(errors.size() - 1));
        assertEquals("ERR TOO_LONG line longer than 256 bytes", errors.get(errors.size() - 2));
        for (String error : errors) {
            assertTrue(ConsoleReply.parse(error) instanceof ConsoleReply.Err, error);
        }
        host.send("VERSION\n");
        assertEquals("OK firmware=0.1.0 console=1 config_schema=1", host.reply());
    }

    @Test
    void streamLinesArriveAtTheRateAndStopWithStreamOff() throws Exception {
        host.send("STREAM ON 20\n");
        assertEquals("OK stream_hz=20", host.reply());
        List<StreamSample> stream = new ArrayList<>();
        while (stream.size() < 5) {
            String line = host.next();
            if (line.startsWith("* STREAM ")) {
                stream.add(StreamSample.parse(line));
            }
        }
        for (int i = 1; i < stream.size(); i++) {
            assertTrue(stream.get(i).timeMs() > stream.get(i - 1).timeMs(), "device time grows");
            assertEquals(PostureState.UPRIGHT.wireName(), stream.get(i).state());
        }
        host.send("STREAM OFF\nVERSION\n");
        host.until(l -> l.equals("OK stream_hz=0"));
        List<String> after = host.until(l -> l.startsWith("OK firmware="));
        assertEquals(List.of("OK firmware=0.1.0 console=1 config_schema=1"), after, "no STREAM line after OK stream_hz=0");
    }

    @Test
    void traceGetTransfersEveryRowWhileEventsInterleaveAndLaterRequestsWait() throws Exception {
        byte[] file = FakeDeviceControl.FakeTraces.trace("r0013", 3000);
        device.traces.add("r0013", file);
        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        TraceExport.binaryToCsv(new ByteArrayInputStream(file), csv, defect -> { });
        List<String> expected = new ArrayList<>();
        for (String row : csv.toString(StandardCharsets.US_ASCII).split("\n")) {
            expected.add("* TRACE " + row);
        }
        expected.add("* TRACE END id=r0013 rows=3000");

        Thread events = new Thread(() -> {
            for (int i = 0; i < 50; i++) {
                device.emit(ConsoleSessionTest.event(1000 + i, new EventDetail.CheckinDue()));
            }
        });
        host.send("TRACE GET r0013\nVERSION\n");
        events.start();
        List<String> lines = host.until(l -> l.startsWith("OK firmware="));
        events.join();
        List<String> replies = new ArrayList<>();
        List<String> trace = new ArrayList<>();
        for (String line : lines) {
            ConsoleReply.parse(line); // every line whole and well-formed
            if (line.startsWith("* TRACE")) {
                trace.add(line);
            } else if (!line.startsWith("*")) {
                replies.add(line);
            }
        }
        assertEquals(List.of("OK id=r0013 rows=3000", "OK firmware=0.1.0 console=1 config_schema=1"), replies);
        assertEquals(expected, trace);
        assertTrue(lines.indexOf("OK firmware=0.1.0 console=1 config_schema=1") > lines.indexOf("* TRACE END id=r0013 rows=3000"));
    }

    @Test
    void survivesTheHostClosingAndOpeningAgain() throws Exception {
        host.send("VERSION\n");
        assertEquals("OK firmware=0.1.0 console=1 config_schema=1", host.reply());
        host.close();
        host = null;
        device.emit(ConsoleSessionTest.event(5, new EventDetail.CheckinDue())); // written while nobody listens
        host = new Host(socat.host);
        host.send("STATUS\n");
        assertTrue(host.reply().startsWith("OK state=UPRIGHT"));
        assertEquals(1, console.opens(), "the device end stayed open");
    }

    @Test
    void survivesThePtyVanishingAndOpensItAgainByPath() throws Exception {
        host.send("STREAM ON 10\n");
        assertEquals("OK stream_hz=10", host.reply());
        host.close();
        host = null;
        socat.stop();
        awaitTrue(() -> !console.connected(), "console notices the pty is gone");
        assertEquals(0, console.session().streamHz(), "stream stops with the port");
        socat.start();
        awaitTrue(() -> console.opens() == 2, "console opens the new pty");
        host = new Host(socat.host);
        host.send("STATUS\n");
        List<String> lines = host.until(l -> l.startsWith("OK "));
        assertTrue(lines.contains("* READY firmware=0.1.0 console=1"), lines::toString);
        String status = lines.get(lines.size() - 1);
        assertTrue(status.contains(" stream_hz=0 "), status);
    }

    @Test
    void aHostThatStopsReadingCostsStreamLinesNeverTheEventThreadAndRepliesStayWhole() throws Exception {
        device.traces.add("r0013", FakeDeviceControl.FakeTraces.trace("r0013", 20_000));
        host.send("STREAM ON 50\n");
        assertEquals("OK stream_hz=50", host.reply());
        host.reading(false);
        host.send("TRACE GET r0013\n");
        // The transfer fills the pty buffers and the queue; the event thread must still never wait.
        awaitTrue(() -> console.output().size() >= SerialConsole.Settings.defaults("x").queueLines(), "queue fills");
        for (int i = 0; i < 500; i++) {
            device.emit(ConsoleSessionTest.event(2000 + i, new EventDetail.CheckinDue()));
        }
        awaitTrue(() -> console.session().streamDropped() > 0, "STREAM lines dropped while full");
        assertTrue(console.session().eventsDropped() > 0, "events past the reserve dropped");
        host.reading(true);
        host.send("VERSION\n");
        List<String> lines = host.until(l -> l.startsWith("OK firmware="));
        long rows = lines.stream().filter(l -> l.startsWith("* TRACE ") && !l.startsWith("* TRACE END")).count();
        assertEquals(20_001, rows, "header and every row, none dropped");
        assertTrue(lines.contains("* TRACE END id=r0013 rows=20000"));
        for (String line : lines) {
            ConsoleReply.parse(line);
        }
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            assertFalse(System.nanoTime() > deadline, "timed out: " + what);
            Thread.sleep(10); // polling state another thread changes
        }
    }
}
