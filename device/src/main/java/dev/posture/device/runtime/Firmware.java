package dev.posture.device.runtime;

import dev.posture.device.control.CalibrationOutcome;
import dev.posture.device.control.ControlException;
import dev.posture.device.control.ControlException.Reason;
import dev.posture.device.control.DeviceControl;
import dev.posture.device.control.DeviceSnapshot;
import dev.posture.device.control.TraceControl;
import dev.posture.device.loop.AgentRunner;
import dev.posture.device.loop.JitterHistogram;
import dev.posture.device.loop.LatestSample;
import dev.posture.device.loop.LoopSettings;
import dev.posture.device.loop.SamplingAgent;
import dev.posture.device.loop.TelemetryWindow;
import dev.posture.device.pipeline.ImuScale;
import dev.posture.device.pipeline.Pipeline;
import dev.posture.device.pipeline.PipelineParams;
import dev.posture.device.pipeline.event.EventRing;
import dev.posture.device.recorder.RecorderClock;
import dev.posture.device.recorder.RecorderRunner;
import dev.posture.device.recorder.TraceRecorder;
import dev.posture.device.store.ChangeOrigin;
import dev.posture.device.store.ConfigStore;
import dev.posture.hardware.button.Button;
import dev.posture.hardware.haptic.HapticPattern;
import dev.posture.hardware.haptic.PatternPlayer;
import dev.posture.hardware.imu.ImuSettings;
import dev.posture.protocol.config.Config;
import dev.posture.protocol.config.ConfigChange;
import dev.posture.protocol.message.CalibrationStep;
import dev.posture.protocol.message.ChangeSource;
import dev.posture.protocol.message.EventMessage;
import dev.posture.protocol.message.PostureState;
import dev.posture.protocol.message.SensorHealth;
import dev.posture.protocol.message.StatusMessage;
import dev.posture.protocol.message.TelemetryMessage;
import dev.posture.protocol.mqtt.DeviceId;
import java.io.Closeable;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running firmware: the config store, the pipeline on its sampling loop, the pattern player,
 * the trace recorder and the event thread, put together; and {@link DeviceControl}, which the
 * console, MQTT and the button use. The same class runs on the Pi ({@code run}) and on emulated
 * chips ({@code sim}); only the {@link DeviceHardware} and the {@link DeviceClock} differ.
 *
 * <p>Threads: {@code sampling-loop} (the agent, at the configured rate), {@code trace-recorder},
 * {@code events} (ring to listeners) and {@code housekeeping} (calibration replies, the wall-clock
 * minute for quiet hours). Requests from other threads reach the loop only through the agent's
 * posted fields and the pipeline's request slots, so nothing here can stall a sample.
 */
public final class Firmware implements DeviceControl, Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(Firmware.class);
    /** How long after its window a CALIBRATE waits for the pipeline's decision, clock time. */
    private static final long CALIBRATION_GRACE_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final int EVENT_RING_CAPACITY = 1024;

    private final FirmwareSettings settings;
    private final DeviceHardware hardware;
    private final DeviceClock clock;
    private final long bootNanos;
    private final ConfigStore store;
    private final Pipeline pipeline;
    private final PatternPlayer player;
    private final TraceRecorder recorder;
    private final RecorderRunner recorderRunner;
    private final EventPump pump;
    private final CalibrationWaiters waiters = new CalibrationWaiters();
    private final ScheduledExecutorService housekeeping;
    private final List<Consumer<Config>> configListeners = new CopyOnWriteArrayList<>();
    private final Object loopLock = new Object();
    private final Object changeLock = new Object();
    private final Traces traces;
    private volatile SamplingAgent agent;
    private AgentRunner runner;          // guarded by loopLock
    private Thread loopThread;           // guarded by loopLock
    private volatile long snoozeEndNanos;
    private long lastEpochMinute = Long.MIN_VALUE;   // minuteOfDay's cache, guarded by this
    private int lastMinuteOfDay;
    private volatile boolean started;
    private volatile boolean closed;

    private Firmware(FirmwareSettings settings, DeviceHardware hardware, DeviceClock clock) throws IOException {
        this.settings = settings;
        this.hardware = hardware;
        this.clock = clock;
        this.bootNanos = clock.nanos();
        this.store = ConfigStore.openFile(settings.configFile(), wallClock(clock));
        store.loadReport().forEach(line -> LOG.warn("config: {}", line));
        applyOverrides(settings.overrides());
        Config config = store.current();
        SequenceFile sequence = new SequenceFile(settings.sequenceFile());
        EventRing ring = new EventRing(EVENT_RING_CAPACITY, sequence.load());
        this.pipeline = new Pipeline(PipelineParams.fromConfig(config, scaleOf(config)), ring);
        this.player = new PatternPlayer(hardware.haptic());
        this.recorder = new TraceRecorder(settings.recorder(), recorderClock(clock),
                info -> LOG.info("trace {} deleted to keep under the size cap", info.id()));
        this.recorderRunner = RecorderRunner.start(recorder);
        this.traces = new Traces(recorder, this::deviceId, this::config, hardware.sensorModel());
        this.pump = new EventPump(ring, sequence, this::deviceId, settings.firmware(), clock, bootNanos / 1000);
        this.agent = newAgent(config, null, true);
        this.housekeeping = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "housekeeping");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Opens the store (reporting and falling back on a bad file) and applies the overrides; no
     * thread runs yet, so listeners added before {@link #start()} see every event from BOOTED on.
     *
     * @throws IOException              when the state directory cannot be used
     * @throws IllegalArgumentException when an override is refused (every problem in the message)
     */
    public static Firmware open(FirmwareSettings settings, DeviceHardware hardware, DeviceClock clock)
            throws IOException {
        return new Firmware(Objects.requireNonNull(settings, "settings"),
                Objects.requireNonNull(hardware, "hardware"), Objects.requireNonNull(clock, "clock"));
    }

    /** Starts every thread; the loop raises BOOTED on its first sample. */
    public void start() {
        if (started) {
            throw new IllegalStateException("already started");
        }
        started = true;
        pump.start();
        synchronized (loopLock) {
            runLoop(agent);
        }
        // Often enough to see each calibration decision (they are >= 1 s of device time apart).
        long everyUs = Math.max(1000, Math.min(20_000, Math.round(20_000 * clock.realPerClock())));
        housekeeping.scheduleWithFixedDelay(this::housekeep, 0, everyUs, TimeUnit.MICROSECONDS);
        hardware.button().ifPresent(b -> b.setListener(this::buttonPressed));
        LOG.info("firmware {} started: device {}, {} Hz, config version {}", settings.firmware(), deviceId(),
                store.current().sampleRateHz(), store.current().version());
    }

    private void applyOverrides(Map<String, String> overrides) throws IOException {
        if (overrides.isEmpty()) {
            return;
        }
        ConfigChange.Result result = store.apply(c -> ConfigChange.fromText(c, overrides), ChangeOrigin.boot());
        if (!result.ok()) {
            store.close();
            throw new IllegalArgumentException(String.join("; ",
                    result.problems().stream().map(p -> p.message()).toList()));
        }
    }

    // ------------------------------------------------------------------ the loop

    private SamplingAgent newAgent(Config config, ChangeSource source, boolean boot) {
        SamplingAgent a = new SamplingAgent(loopSettings(config), hardware.imuOpener(), pipeline, player, true,
                clock::nanos, recorder::offer);
        if (boot) {
            a.announceBoot();
        }
        if (source != null) {
            a.offerConfig(config, source);
        }
        a.setLocalMinuteOfDay(minuteOfDay());
        return a;
    }

    /** Caller holds loopLock. */
    private void runLoop(SamplingAgent a) {
        AgentRunner r = new AgentRunner(a, clock.idleStrategy(),
                error -> LOG.error("sampling loop: {}", error.toString()), clock::nanos);
        agent = a;
        runner = r;
        loopThread = r.start();
    }

    /** Caller holds loopLock. */
    private void stopLoop() {
        if (runner == null) {
            return;
        }
        runner.close();
        try {
            loopThread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        runner = null;
    }

    static LoopSettings loopSettings(Config c) {
        LoopSettings d = LoopSettings.DEFAULTS;
        ImuSettings imu = new ImuSettings(c.accelRangeG(), c.gyroRangeDps(), c.sampleRateHz(), d.imu().lowPassHz(),
                false);
        return new LoopSettings(c.sampleRateHz(), imu, d.silencePeriods(), d.errorsToFault(), d.minBackoffNanos(),
                d.maxBackoffNanos(), d.configureTimeoutNanos(), d.telemetryWindowUs(), d.stuckNanos(),
                d.recoverySamples(), c.cueIntensityPct());
    }

    static ImuScale scaleOf(Config c) {
        return ImuScale.mpu6050(c.accelRangeG(), c.gyroRangeDps());
    }

    /** Rate and ranges belong to the loop and the chip: a change restarts the loop (a few periods' gap). */
    private static boolean needsLoopRestart(Config before, Config after) {
        return before.sampleRateHz() != after.sampleRateHz() || before.accelRangeG() != after.accelRangeG()
                || before.gyroRangeDps() != after.gyroRangeDps();
    }

    // ------------------------------------------------------------------ housekeeping

    private void housekeep() {
        try {
            SamplingAgent a = agent;
            a.setLocalMinuteOfDay(minuteOfDay());
            waiters.check(a.calibration(), clock.nanos());
        } catch (RuntimeException e) {
            LOG.error("housekeeping: {}", e.toString());
        }
    }

    /**
     * The wall clock's local minute of day, worked out again only when the epoch minute changes
     * (housekeeping runs 50 times a second; zone offsets change on whole minutes).
     */
    private synchronized int minuteOfDay() {
        long epochMinute = Math.floorDiv(clock.wallMs(), 60_000L);
        if (epochMinute != lastEpochMinute) {
            var local = Instant.ofEpochSecond(epochMinute * 60).atZone(clock.zone());
            lastMinuteOfDay = local.getHour() * 60 + local.getMinute();
            lastEpochMinute = epochMinute;
        }
        return lastMinuteOfDay;
    }

    private void buttonPressed(Button.Press press) {
        if (press == Button.Press.SHORT) {
            LOG.info("button: snooze {} min", config().snoozeMin());
            snooze(config().snoozeMin());
        } else {
            LOG.info("button: calibrate neutral");
            calibrate(CalibrationStep.NEUTRAL);
        }
    }

    // ------------------------------------------------------------------ DeviceControl

    @Override
    public DeviceId deviceId() {
        return new DeviceId(store.current().deviceId());
    }

    @Override
    public String firmware() {
        return settings.firmware();
    }

    @Override
    public Config config() {
        return store.current();
    }

    @Override
    public ConfigChange.Result changeConfig(Map<String, String> values, ChangeOrigin origin) throws ControlException {
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(origin, "origin");
        synchronized (changeLock) {
            Config before = store.current();
            ConfigChange.Result result;
            try {
                result = store.apply(c -> ConfigChange.fromText(c, values), origin);
            } catch (IOException e) {
                throw new ControlException(Reason.INTERNAL, "config not saved: " + e.getMessage(), e);
            }
            if (!result.ok() || result.changes().isEmpty()) {
                return result;
            }
            Config after = result.config();
            ChangeSource source = origin.wireSource().orElse(null);
            synchronized (loopLock) {
                if (needsLoopRestart(before, after)) {
                    LOG.info("config {}: rate or range changed, restarting the sampling loop", after.version());
                    stopLoop();
                    waiters.cancelAll("the sampling loop restarted for a new rate or range");
                    pipeline.reconfigure(PipelineParams.fromConfig(after, scaleOf(after))
                            .withPosture(pipeline.params().posture()));
                    SamplingAgent next = newAgent(after, source, !started);
                    if (started) {
                        runLoop(next);
                    } else {
                        agent = next;
                    }
                } else {
                    agent.offerConfig(after, source);
                }
            }
            for (Consumer<Config> listener : configListeners) {
                try {
                    listener.accept(after);
                } catch (RuntimeException e) {
                    LOG.error("config listener failed: {}", e.toString());
                }
            }
            return result;
        }
    }

    @Override
    public CompletableFuture<CalibrationOutcome> calibrate(CalibrationStep pose) {
        Objects.requireNonNull(pose, "pose");
        return calibrate(pose, Math.round(pipeline.params().calibrationHoldS() * 1e6));
    }

    /**
     * A calibration window of {@code durationUs} from the next sample ({@code sim --neutral-window}
     * schedules its windows this way).
     */
    public CompletableFuture<CalibrationOutcome> calibrate(CalibrationStep pose, long durationUs) {
        SamplingAgent a = agent;
        CompletableFuture<CalibrationOutcome> future = waiters.add(pose, a.calibration().version(),
                clock.nanos() + durationUs * 1000 + CALIBRATION_GRACE_NANOS);
        if (pose == CalibrationStep.NEUTRAL) {
            pipeline.requestNeutral(durationUs);
        } else {
            pipeline.requestLean(durationUs);
        }
        return future;
    }

    @Override
    public String cueTest(Optional<String> patternName) throws ControlException {
        String name = patternName.orElse(config().cuePattern().wireName());
        HapticPattern pattern = HapticPattern.byId(name);
        if (pattern == null) {
            throw new ControlException(Reason.INVALID_VALUE, "no cue pattern '" + name + "'");
        }
        player.play(pattern, config().cueIntensityPct(), PatternPlayer.Priority.TEST);
        return pattern.id();
    }

    @Override
    public long snooze(int minutes) {
        if (minutes < 0 || minutes > 1440) {
            throw new IllegalArgumentException("snooze minutes must be 0..1440, got " + minutes);
        }
        pipeline.posture().requestSnooze(minutes);
        snoozeEndNanos = minutes == 0 ? 0 : clock.nanos() + TimeUnit.MINUTES.toNanos(minutes);
        return minutes * 60L;
    }

    @Override
    public DeviceSnapshot snapshot() {
        SamplingAgent a = agent;
        LatestSample.View v = new LatestSample.View();
        boolean any = a.latest().read(v) > 0;
        PostureState state = any ? v.state() : PostureState.UNCALIBRATED;
        long now = clock.nanos();
        long end = snoozeEndNanos;
        long snoozeLeftS = end != 0 && end - now > 0 ? (end - now + 999_999_999L) / 1_000_000_000L : 0;
        JitterHistogram jitter = a.jitter();
        var loop = new DeviceSnapshot.LoopStats(a.samples(), a.missedSamples(), a.overruns(), a.faults(),
                jitter.percentile(99) / 1000, jitter.max() / 1000);
        return new DeviceSnapshot((now - bootNanos) / 1_000_000, clock.wallMs(), state,
                any && v.calibrated() ? Optional.of(v.forwardCentiDeg()) : Optional.empty(),
                any && v.calibrated(), any && v.forwardKnown(), snoozeLeftS,
                a.sensorFault() ? SensorHealth.FAULT : SensorHealth.OK, config().version(), recorder.currentId(), loop);
    }

    @Override
    public StatusMessage statusMessage() {
        DeviceSnapshot s = snapshot();
        return StatusMessage.online(deviceId(), firmware(), s.timeMs(), s.uptimeMs(), s.posture(), s.sensor(),
                s.configVersion(), null, null);
    }

    @Override
    public Optional<TelemetryMessage> telemetry() {
        TelemetryWindow.View w = new TelemetryWindow.View();
        if (agent.telemetry().read(w) == 0) {
            return Optional.empty();
        }
        long nowUs = clock.nanos() / 1000;
        long timeMs = Math.max(0, clock.wallMs() - (nowUs - w.endUs()) / 1000);
        int windowMs = (int) Math.max(1, Math.min(TelemetryMessage.MAX_WINDOW_MS, (w.endUs() - w.startUs()) / 1000));
        boolean angles = w.samples() > 0 && w.state() != PostureState.UNCALIBRATED;
        return Optional.of(new TelemetryMessage(deviceId(), timeMs, Math.max(0, (w.endUs() - bootNanos / 1000) / 1000),
                windowMs, w.state(), (int) Math.min(TelemetryMessage.MAX_SAMPLES, w.samples()),
                (int) Math.min(TelemetryMessage.MAX_SAMPLES, w.missed()),
                angles ? w.minForwardCentiDeg() / 100.0 : null, angles ? w.meanForwardCentiDeg() / 100.0 : null,
                angles ? w.maxForwardCentiDeg() / 100.0 : null));
    }

    @Override
    public void readLatest(LatestSample.View out) {
        agent.latest().read(out);
    }

    @Override
    public TraceControl traces() {
        return traces;
    }

    @Override
    public void addEventListener(Consumer<EventMessage> listener) {
        pump.addListener(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public void addConfigListener(Consumer<Config> listener) {
        configListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    // ------------------------------------------------------------------ for run, sim and tests

    /** The sampling agent now running (a new one after a rate change). */
    public SamplingAgent agent() {
        return agent;
    }

    /** The thread running the sampling loop now (a new one after a rate change); null before start. */
    public Thread loopThread() {
        synchronized (loopLock) {
            return loopThread;
        }
    }

    public PatternPlayer player() {
        return player;
    }

    public ConfigStore store() {
        return store;
    }

    public DeviceClock clock() {
        return clock;
    }

    /** Events handed to listeners so far. */
    public long eventsPublished() {
        return pump.published();
    }

    /** Stops the loop, the recorder (finishing its file), the event thread; closes the store and hardware. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        housekeeping.shutdownNow();
        synchronized (loopLock) {
            stopLoop();
        }
        waiters.cancelAll("the firmware is shutting down");
        pump.close();
        try {
            if (recorder.isRecording()) {
                recorder.stop();
            }
            recorderRunner.close();
            recorder.close();
        } catch (IOException e) {
            LOG.error("trace recorder: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        player.stop();
        try {
            store.close();
        } catch (IOException e) {
            LOG.error("config store: {}", e.getMessage());
        }
        hardware.close();
        LOG.info("firmware stopped");
    }

    private static Clock wallClock(DeviceClock clock) {
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return clock.zone();
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Instant.ofEpochMilli(clock.wallMs());
            }
        };
    }

    private static RecorderClock recorderClock(DeviceClock clock) {
        return new RecorderClock() {
            @Override
            public long wallMs() {
                return clock.wallMs();
            }

            @Override
            public long monoUs() {
                return clock.nanos() / 1000;
            }
        };
    }
}
