package dev.posture.device.console;

import dev.posture.device.control.CalibrationOutcome;
import dev.posture.device.control.ControlException;
import dev.posture.device.control.DeviceControl;
import dev.posture.device.control.DeviceSnapshot;
import dev.posture.device.control.TraceControl;
import dev.posture.device.loop.LatestSample;
import dev.posture.device.recorder.RecordingInfo;
import dev.posture.device.store.ChangeOrigin;
import dev.posture.protocol.ProtocolException;
import dev.posture.protocol.config.Config;
import dev.posture.protocol.config.ConfigChange;
import dev.posture.protocol.config.ConfigKey;
import dev.posture.protocol.config.ConfigProblem;
import dev.posture.protocol.console.ConsoleError;
import dev.posture.protocol.console.ConsoleErrorCode;
import dev.posture.protocol.console.ConsoleHelp;
import dev.posture.protocol.console.ConsoleLimits;
import dev.posture.protocol.console.ConsoleRequest;
import dev.posture.protocol.console.ConsoleRequestDecoder;
import dev.posture.protocol.console.DeviceLineFormatter;
import dev.posture.protocol.console.ParsedLine;
import dev.posture.protocol.message.CalibrationStep;
import dev.posture.protocol.message.EventMessage;
import dev.posture.protocol.message.Message;
import dev.posture.protocol.mqtt.RecordingId;
import dev.posture.protocol.trace.PhysicalUnits;
import dev.posture.protocol.trace.RawSample;
import dev.posture.protocol.trace.TraceCsvWriter;
import dev.posture.protocol.trace.TraceReader;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One console connection, independent of the transport: request bytes in ({@link #receive}), whole
 * lines out to a {@link LineSink}. Implements protocol/docs/console.md on a {@link DeviceControl}.
 *
 * <p>Threads: {@link #receive}, {@link #opened} and {@link #closed} from one reader thread, which
 * carries out each request in order and sends its one OK/ERR reply before reading on, so replies are
 * in request order; a CALIBRATE waits for its outcome and a TRACE GET sends its whole transfer there,
 * and requests behind them are answered after. {@link #event} from the firmware's event thread and
 * {@link #streamTick} from the writer's thread send their lines meanwhile; every line is handed to
 * the sink whole, so a {@code *} line falls between lines, never inside one. Nothing here throws
 * for any input bytes.
 */
public final class ConsoleSession {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleSession.class);

    /** A calibration window is about 3 s; a future still open after this is reported as INTERNAL. */
    public static final Duration DEFAULT_CALIBRATION_TIMEOUT = Duration.ofSeconds(30);

    static final String READY_KIND = "READY";
    static final String TRACE_KIND = "TRACE";

    private final DeviceControl control;
    private final LineSink sink;
    private final long calibrationTimeoutNanos;

    // Reader thread.
    private final ConsoleRequestDecoder decoder = new ConsoleRequestDecoder();
    private final DeviceLineFormatter replyOut = new DeviceLineFormatter();

    // Event thread: the formatter is guarded by itself.
    private final DeviceLineFormatter eventOut = new DeviceLineFormatter();

    // Stream tick thread.
    private final DeviceLineFormatter streamOut = new DeviceLineFormatter();
    private final LatestSample.View latest = new LatestSample.View();
    /** Held while a STREAM line is sent and while STREAM OFF answers, so no STREAM line follows {@code OK stream_hz=0}. */
    private final ReentrantLock streamLock = new ReentrantLock();
    private int scheduledHz;
    private long nextStreamNanos;
    private long lastStreamTUs = Long.MIN_VALUE;

    private volatile boolean open;
    private volatile int streamHz;
    /** Told when the stream rate changes, so the thread that calls {@link #streamTick} can wake up. */
    private volatile Runnable streamListener = () -> { };
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong streamDropped = new AtomicLong();
    private final AtomicLong eventsDropped = new AtomicLong();

    public ConsoleSession(DeviceControl control, LineSink sink) {
        this(control, sink, DEFAULT_CALIBRATION_TIMEOUT);
    }

    /** @param calibrationTimeout how long CALIBRATE waits for the firmware's outcome before answering INTERNAL */
    public ConsoleSession(DeviceControl control, LineSink sink, Duration calibrationTimeout) {
        this.control = Objects.requireNonNull(control, "control");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.calibrationTimeoutNanos = calibrationTimeout.toNanos();
    }

    // ---- connection --------------------------------------------------------------------------

    /** The port opened: forget any partial line, send {@code * READY}, pass events on from now. */
    public void opened() {
        decoder.reset();
        int length = replyOut.startUnsolicited(READY_KIND).field("firmware", control.firmware())
                .field("console", ConsoleLimits.GRAMMAR_VERSION).finish();
        sink.offer(LineSink.Kind.REPLY, replyOut.bytes(), length);
        open = true; // after READY, so READY is the connection's first line
    }

    /**
     * The port closed or vanished: streaming stops and events are no longer passed on. Any thread may
     * call it (the decoder's half line is forgotten by the next {@link #opened}, on the reader thread).
     */
    public void closed() {
        open = false;
        streamHz = 0;
    }

    public boolean isOpen() {
        return open;
    }

    // ---- requests ----------------------------------------------------------------------------

    /** Feeds bytes as the port delivered them; answers every line they complete. Returns early if the thread is interrupted. */
    public void receive(byte[] data, int offset, int length) {
        for (int i = 0; i < length; i++) {
            ParsedLine parsed = decoder.accept(data[offset + i]);
            if (parsed != null) {
                requests.incrementAndGet();
                answer(parsed);
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
            }
        }
    }

    private void answer(ParsedLine parsed) {
        try {
            if (parsed instanceof ConsoleError error) {
                reply(replyOut.err(error));
            } else {
                carryOut((ConsoleRequest) parsed);
            }
        } catch (ControlException e) {
            reply(replyOut.err(codeOf(e.reason()), e.getMessage()));
        } catch (RuntimeException e) {
            // A bug or a failing device part must not kill the console: the request still gets its one reply.
            LOG.warn("console: {} failed", parsed, e);
            reply(replyOut.err(ConsoleErrorCode.INTERNAL, "the device failed: " + e.getClass().getSimpleName()));
        }
    }

    private void carryOut(ConsoleRequest request) throws ControlException {
        if (request instanceof ConsoleRequest.Help help) {
            reply(replyOut.ok(ConsoleHelp.replyText(help)));
        } else if (request instanceof ConsoleRequest.Version) {
            reply(replyOut.startOk().field("firmware", control.firmware())
                    .field("console", ConsoleLimits.GRAMMAR_VERSION)
                    .field("config_schema", Message.SCHEMA).finish());
        } else if (request instanceof ConsoleRequest.Status) {
            status();
        } else if (request instanceof ConsoleRequest.Get get) {
            get(get);
        } else if (request instanceof ConsoleRequest.Set set) {
            set(set);
        } else if (request instanceof ConsoleRequest.Calibrate calibrate) {
            calibrate(calibrate);
        } else if (request instanceof ConsoleRequest.CueTest cue) {
            reply(replyOut.startOk().field("cue", control.cueTest(cue.pattern())).finish());
        } else if (request instanceof ConsoleRequest.StreamOn on) {
            streamOn(on.hzOrDefault());
        } else if (request instanceof ConsoleRequest.StreamOff) {
            streamOff();
        } else if (request instanceof ConsoleRequest.Snooze snooze) {
            reply(replyOut.startOk().field("snooze_s", control.snooze(snooze.minutes())).finish());
        } else if (request instanceof ConsoleRequest.TraceList) {
            traceList();
        } else if (request instanceof ConsoleRequest.TraceStart) {
            reply(replyOut.startOk().field("id", control.traces().start().value()).finish());
        } else if (request instanceof ConsoleRequest.TraceStop) {
            traceStop();
        } else if (request instanceof ConsoleRequest.TraceGet get) {
            traceGet(get.id());
        } else {
            reply(replyOut.err(ConsoleErrorCode.INTERNAL, "no handler for " + request.command()));
        }
    }

    private void status() {
        DeviceSnapshot s = control.snapshot();
        DeviceSnapshot.LoopStats loop = s.loop();
        replyOut.startOk().field("state", s.posture().wireName());
        if (s.forwardCentiDeg().isPresent()) {
            replyOut.fixedField("fwd", centiToDeci(s.forwardCentiDeg().get()), 1);
        } else {
            replyOut.field("fwd", "none");
        }
        replyOut.field("neutral", yesNo(s.neutral())).field("lean", yesNo(s.lean()))
                .field("snooze_s", s.snoozeLeftS()).field("stream_hz", streamHz)
                .field("trace", s.recording().map(RecordingId::value).orElse("idle"))
                .field("uptime_s", s.uptimeMs() / 1000).field("config_version", s.configVersion())
                // Appended (the grammar allows more fields): the loop's health and this console's drops.
                .field("sensor", s.sensor().wireName())
                .field("samples", loop.samples()).field("missed", loop.missed()).field("overruns", loop.overruns())
                .field("jitter_p99_us", loop.jitterP99Us()).field("jitter_max_us", loop.jitterMaxUs())
                .field("sensor_faults", loop.sensorFaults())
                .field("stream_dropped", streamDropped.get()).field("events_dropped", eventsDropped.get());
        reply(replyOut.finish());
    }

    private void get(ConsoleRequest.Get get) {
        Config config = control.config();
        if (get.key().isEmpty()) {
            replyOut.startOk();
            for (ConfigKey key : ConfigKey.values()) {
                replyOut.field(key.wireName(), config.text(key));
            }
            reply(replyOut.finish());
            return;
        }
        Optional<ConfigKey> key = ConfigKey.byName(get.key().get());
        if (key.isEmpty()) {
            reply(unknownKey(get.key().get()));
            return;
        }
        reply(replyOut.startOk().field(key.get().wireName(), config.text(key.get())).finish());
    }

    private void set(ConsoleRequest.Set set) throws ControlException {
        Optional<ConfigKey> key = ConfigKey.byName(set.key());
        if (key.isEmpty()) {
            reply(unknownKey(set.key()));
            return;
        }
        String name = key.get().wireName();
        ConfigChange.Result result = control.changeConfig(Map.of(name, set.value()), ChangeOrigin.serial());
        if (!result.ok()) {
            reply(replyOut.err(ConsoleErrorCode.INVALID_VALUE,
                    result.problems().stream().map(ConfigProblem::message).collect(Collectors.joining("; "))));
            return;
        }
        reply(replyOut.startOk().field(name, result.config().text(key.get())).finish());
    }

    private int unknownKey(String key) {
        return replyOut.err(ConsoleErrorCode.UNKNOWN_KEY, "no config key '" + key + "'");
    }

    private void calibrate(ConsoleRequest.Calibrate calibrate) {
        CalibrationStep step = CalibrationStep.valueOf(calibrate.pose().name());
        CompletableFuture<CalibrationOutcome> future = control.calibrate(step);
        CalibrationOutcome outcome;
        try {
            outcome = future.get(calibrationTimeoutNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            // The console is closing: nobody is left to read the reply.
            Thread.currentThread().interrupt();
            return;
        } catch (TimeoutException e) {
            reply(replyOut.err(ConsoleErrorCode.INTERNAL, "calibration did not finish within "
                    + TimeUnit.NANOSECONDS.toSeconds(calibrationTimeoutNanos) + " s"));
            return;
        } catch (ExecutionException e) {
            reply(replyOut.err(ConsoleErrorCode.INTERNAL, "calibration failed: " + e.getCause()));
            return;
        }
        if (outcome.accepted()) {
            reply(replyOut.startOk().field("pose", outcome.pose().name()).finish());
        } else {
            reply(replyOut.err(codeOf(outcome.reason()), outcome.message()));
        }
    }

    private void streamOn(int hz) {
        int sampleRate = control.config().sampleRateHz();
        if (hz > sampleRate) {
            reply(replyOut.err(ConsoleErrorCode.OUT_OF_RANGE, "hz: " + hz + " is outside "
                    + ConsoleLimits.MIN_STREAM_HZ + ".." + Math.min(sampleRate, ConsoleLimits.MAX_STREAM_HZ)));
            return;
        }
        // Under the lock the tick skips, so no STREAM line precedes the OK that started it; the rate is
        // set before the OK is queued, so the writer that sends the OK finds it and starts ticking.
        streamLock.lock();
        try {
            streamHz = hz;
            reply(replyOut.startOk().field("stream_hz", hz).finish());
        } finally {
            streamLock.unlock();
        }
        streamListener.run();
    }

    private void streamOff() {
        streamLock.lock();
        try {
            streamHz = 0;
            reply(replyOut.startOk().field("stream_hz", 0).finish());
        } finally {
            streamLock.unlock();
        }
    }

    private void traceList() throws ControlException {
        List<RecordingInfo> list = control.traces().list();
        StringJoiner ids = new StringJoiner(",");
        for (RecordingInfo info : list) {
            ids.add(info.id().value());
        }
        reply(replyOut.startOk().field("count", list.size()).field("ids", ids.toString()).finish());
    }

    private void traceStop() throws ControlException {
        TraceControl traces = control.traces();
        RecordingInfo info = traces.stop();
        replyOut.startOk().field("id", info.id().value()).field("rows", info.samples());
        OptionalLong duration = durationMs(traces, info.id());
        if (duration.isPresent()) {
            replyOut.fixedField("duration_s", duration.getAsLong(), 3);
        }
        reply(replyOut.finish());
    }

    /** Time of the last good row, from the file: RecordingInfo carries no duration. Absent if unreadable. */
    private static OptionalLong durationMs(TraceControl traces, RecordingId id) {
        try (InputStream in = traces.open(id); TraceReader reader = TraceReader.open(in)) {
            PhysicalUnits units = PhysicalUnits.of(reader.header());
            long lastUs = Long.MIN_VALUE;
            for (RawSample s = reader.next(); s != null; s = reader.next()) {
                lastUs = s.timestampUs();
            }
            return OptionalLong.of(lastUs == Long.MIN_VALUE ? 0 : Math.round(units.secondsSinceStart(lastUs) * 1000));
        } catch (ControlException | IOException | ProtocolException | RuntimeException e) {
            LOG.warn("console: duration of trace {} unknown: {}", id, e.getMessage());
            return OptionalLong.empty();
        }
    }

    private void traceGet(String idText) throws ControlException {
        if (!RecordingId.isValid(idText)) {
            reply(notFound(idText));
            return;
        }
        RecordingId id = new RecordingId(idText);
        TraceControl traces = control.traces();
        Optional<RecordingInfo> info = traces.list().stream().filter(i -> i.id().equals(id)).findFirst();
        if (info.isEmpty()) {
            reply(notFound(idText));
            return;
        }
        InputStream in = traces.open(id);
        try {
            TraceReader reader;
            try {
                reader = TraceReader.open(in);
            } catch (ProtocolException | IOException e) {
                reply(replyOut.err(ConsoleErrorCode.INTERNAL, "trace " + idText + " is unreadable: " + e.getMessage()));
                return;
            }
            reply(replyOut.startOk().field("id", idText).field("rows", info.get().samples()).finish());
            transfer(id, reader);
        } finally {
            // After the OK nothing may answer this request again, so a failing close is only logged.
            try {
                in.close();
            } catch (IOException e) {
                LOG.warn("console: closing trace {}: {}", idText, e.toString());
            }
        }
    }

    /** After the OK: the CSV header and one line per good row as {@code * TRACE}, then {@code * TRACE END}; never throws. */
    private void transfer(RecordingId id, TraceReader reader) {
        long rows = 0;
        String error = null;
        PhysicalUnits units = PhysicalUnits.of(reader.header());
        try (TraceCsvWriter csv = new TraceCsvWriter(new TraceLines(this::traceLine))) {
            for (RawSample s = reader.next(); s != null; s = reader.next()) {
                csv.write(units.toPhysical(s));
                rows++;
            }
            csv.flush();
        } catch (IOException | RuntimeException e) {
            LOG.warn("console: TRACE GET {} stopped after {} rows: {}", id, rows, e.toString());
            error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        replyOut.startUnsolicited(TRACE_KIND).text("END").field("id", id.value()).field("rows", rows);
        if (error != null) {
            replyOut.field("error", error);
        }
        sink.offer(LineSink.Kind.TRANSFER, replyOut.bytes(), replyOut.finish());
    }

    private void traceLine(CharSequence csvLine) {
        sink.offer(LineSink.Kind.TRANSFER, replyOut.bytes(), replyOut.unsolicited(TRACE_KIND, csvLine));
    }

    private int notFound(String id) {
        return replyOut.err(ConsoleErrorCode.NOT_FOUND, "no trace '" + id + "'");
    }

    private void reply(int length) {
        sink.offer(LineSink.Kind.REPLY, replyOut.bytes(), length);
    }

    // ---- lines sent unasked -------------------------------------------------------------------

    /** Sends {@code * EVENT} for one event while the port is open; never waits (the firmware's event thread calls it). */
    public void event(EventMessage event) {
        if (!open) {
            return;
        }
        try {
            synchronized (eventOut) {
                if (!sink.offer(LineSink.Kind.EVENT, eventOut.bytes(), EventLines.format(eventOut, event))) {
                    eventsDropped.incrementAndGet();
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("console: event {} not sent", event.type(), e);
        }
    }

    /**
     * Sends a {@code * STREAM} line if one is due at {@code nowNanos} (a monotonic clock, e.g.
     * System.nanoTime) and there is a new sample; returns when the next one is due, or
     * Long.MAX_VALUE when not streaming. Called by one thread; a late call skips the missed lines
     * instead of sending a burst.
     */
    public long streamTick(long nowNanos) {
        int hz = streamHz;
        if (hz == 0 || !open) {
            scheduledHz = 0;
            return Long.MAX_VALUE;
        }
        long period = 1_000_000_000L / hz;
        if (hz != scheduledHz) {
            scheduledHz = hz;
            nextStreamNanos = nowNanos;
        }
        if (nowNanos - nextStreamNanos < 0) {
            return nextStreamNanos;
        }
        // tryLock: STREAM OFF holds the lock while its reply may wait for room in a full sink.
        if (streamLock.tryLock()) {
            try {
                if (streamHz != 0) {
                    sendStream();
                }
            } finally {
                streamLock.unlock();
            }
        }
        nextStreamNanos += period;
        if (nowNanos - nextStreamNanos >= 0) {
            nextStreamNanos = nowNanos + period;
        }
        return nextStreamNanos;
    }

    private void sendStream() {
        try {
            control.readLatest(latest);
        } catch (RuntimeException e) {
            LOG.warn("console: latest sample not readable", e);
            return;
        }
        if (latest.samples() == 0 && latest.tUs() == 0) {
            return; // nothing published yet
        }
        if (latest.tUs() == lastStreamTUs) {
            return; // no new sample since the last line: the loop is stalled, say nothing new
        }
        lastStreamTUs = latest.tUs();
        int length = streamOut.stream(Math.floorDiv(latest.tUs(), 1000), centiToDeci(latest.forwardCentiDeg()),
                latest.calibrated(), latest.state().wireName());
        if (!sink.offer(LineSink.Kind.STREAM, streamOut.bytes(), length)) {
            streamDropped.incrementAndGet();
        }
    }

    // ---- state and counters ------------------------------------------------------------------

    /** Runs {@code listener} (quickly, on the reader thread) whenever STREAM ON sets a rate. */
    public void onStreamChange(Runnable listener) {
        streamListener = Objects.requireNonNull(listener, "listener");
    }

    /** The rate of {@code * STREAM} lines, 0 when off. */
    public int streamHz() {
        return streamHz;
    }

    /** Request lines answered (errors included) since the session was made. */
    public long requests() {
        return requests.get();
    }

    /** STREAM lines the sink dropped because the far end read too slowly. */
    public long streamDropped() {
        return streamDropped.get();
    }

    /** EVENT lines the sink dropped because even its reserve was full. */
    public long eventsDropped() {
        return eventsDropped.get();
    }

    /** The console error code of a firmware failure: the names are the same by design. */
    static ConsoleErrorCode codeOf(ControlException.Reason reason) {
        return reason == null ? ConsoleErrorCode.INTERNAL
                : ConsoleErrorCode.fromWord(reason.name()).orElse(ConsoleErrorCode.INTERNAL);
    }

    private static int centiToDeci(int centi) {
        return (int) Math.round(centi / 10.0);
    }

    private static String yesNo(boolean value) {
        return value ? "yes" : "no";
    }
}
