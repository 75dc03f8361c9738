package dev.posture.device.loop;

import dev.posture.device.pipeline.Pipeline;
import dev.posture.device.pipeline.calibration.CalibrationStatus;
import dev.posture.device.pipeline.event.EventRing;
import dev.posture.device.pipeline.posture.PatternRequest;
import dev.posture.hardware.HardwareException;
import dev.posture.hardware.haptic.HapticPattern;
import dev.posture.hardware.haptic.PatternPlayer;
import dev.posture.hardware.imu.Imu;
import dev.posture.protocol.message.EventType;
import dev.posture.protocol.config.Config;
import dev.posture.protocol.message.ChangeSource;
import dev.posture.protocol.message.PostureState;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sampling loop as a duty-cycle {@link Agent}: at {@code sample_rate_hz} it reads the IMU,
 * time-stamps the sample (device monotonic us from the injected clock), runs the {@link Pipeline},
 * hands the pattern the pipeline asks for to the {@link PatternPlayer} (non-blocking) and publishes
 * the per-sample output ({@link #latest()}) and a one-second summary ({@link #telemetry()}) for the
 * I/O threads; the pipeline's {@link EventRing} carries the events. Nothing is allocated per sample.
 *
 * <p><b>One slot per period.</b> Slot k starts at the deadline {@code start + k * period}. At the
 * deadline the agent polls data-ready; when no sample is waiting yet (the chip's clock and ours
 * drift apart by up to a few %) it polls again every quarter period until three quarters of the
 * period have passed, then gives the slot up as silent. A slot whose deadline had already passed by
 * a whole period or more when the loop got to it is skipped and counted in {@link #missedSamples()}
 * (the loop re-phases instead of bursting to catch up: the data registers hold one sample only).
 *
 * <p><b>Sensor faults.</b> {@code errorsToFault} slots in a row whose IMU access threw, or more than
 * {@code silencePeriods} slots in a row without data-ready, or samples bit-identical for
 * {@code stuckNanos} (the drivers' own stuck check needs 100 samples, 1 s at 100 Hz), raise SENSOR_FAULT (d0 =
 * {@link SensorFault} ordinal) in the event ring. From then on, every period steps the pipeline with
 * {@code sensorOk = false}: the state shows FAULT and no posture rule runs on bad data; patterns are
 * only ever played from good samples. The IMU is closed and re-opened through the {@link ImuOpener}
 * with exponential backoff, then configured (retried every period while the chip is busy resetting);
 * once {@code recoverySamples} samples in a row have each differed from the one before (stuck data
 * never does; those samples still step the pipeline as not OK), SENSOR_RECOVERED (d0 = the fault's
 * length in ms) ends the fault.
 *
 * <p><b>Threads.</b> {@link #doWork} runs on the loop thread only. The counters and the published
 * snapshots may be read from any thread; {@link #setCueIntensityPct} may be called from any thread.
 */
public final class SamplingAgent implements Agent {
    private static final Logger LOG = LoggerFactory.getLogger(SamplingAgent.class);
    private static final HapticPattern[] PATTERNS = patternsByRequest();
    /** Polls of data-ready per slot: at 0, 1/4, 1/2 and 3/4 of the period. */
    private static final int POLLS_PER_SLOT = 4;

    private enum Driver { CLOSED, CONFIGURING, RUNNING }

    // ---- collaborators and coefficients (fixed at construction) ----
    private final LoopSettings settings;
    private final ImuOpener opener;
    private final Pipeline pipeline;
    private final EventRing events;
    private final PatternPlayer player;
    private final SampleTap tap;
    private final boolean tickPlayer;
    private final LongSupplier clockNanos;
    private final long periodNanos;
    private final long pollNanos;

    // ---- published for the I/O side ----
    private final LatestSample latest = new LatestSample();
    private final CalibrationNotice calibration = new CalibrationNotice();
    private final TelemetryWindow telemetry = new TelemetryWindow();
    private final JitterHistogram jitter = new JitterHistogram();
    private volatile int cueIntensityPct;

    // ---- posted by other threads, taken at the start of a slot ----
    private final AtomicReference<PostedConfig> pendingConfig = new AtomicReference<>();
    private volatile boolean bootPending;
    private volatile int minuteOfDay = -1;
    private int appliedMinuteOfDay = -1;

    // ---- loop state ----
    private final short[] raw = new short[Imu.AXES];
    private Imu imu;
    private Driver driver = Driver.CLOSED;
    private long reopenAtNanos;          // CLOSED: next open attempt
    private long openedAtNanos;          // CONFIGURING: when the IMU was opened
    private long backoffNanos;           // wait after the next failed open
    private boolean started;
    private long nextSlotNanos;          // deadline of the next slot
    private long wakeNanos;              // when doWork next has something to do
    private boolean inSlot;              // a slot is open and polls remain
    private int pollsLeft;
    private long lastSlotStartNanos;
    private int errorSlots;              // slots in a row whose IMU access threw
    private int silentSlots;             // slots in a row without data-ready
    private volatile boolean faultActive;
    private long faultStartUs;
    private final short[] previous = new short[Imu.AXES];
    private int trustedSamples;          // during a fault: changing good samples in a row
    private int unchangedRun;            // samples in a row identical to the one before
    private final int stuckRepeats;

    // ---- counters: written by the loop thread, read by anyone ----
    private volatile long samples;
    private volatile long missed;
    private volatile long overruns;
    private volatile long silentSlotsTotal;
    private volatile long sensorErrors;
    private volatile long faults;
    private volatile long recoveries;
    private volatile long openAttempts;
    private volatile long openFailures;
    private volatile long configureFailures;
    private volatile long maxLatenessNanos;
    private volatile SensorFault lastFault;
    private volatile Exception lastSensorError;

    /**
     * @param settings   rate, IMU settings, fault thresholds
     * @param opener     opens the IMU (at start and after every fault); the agent configures it
     * @param pipeline   stepped once per good sample (and once per period during a fault)
     * @param player     where the pipeline's patterns go
     * @param tickPlayer true: the loop also ticks the player (at its own deadlines, so a pattern's
     *                   steps are not quantized to the period); false: a {@link
     *                   dev.posture.hardware.haptic.PatternPlayerRunner} ticks it
     * @param clockNanos monotonic clock, ns ({@code System::nanoTime} on the device)
     */
    public SamplingAgent(LoopSettings settings, ImuOpener opener, Pipeline pipeline, PatternPlayer player,
            boolean tickPlayer, LongSupplier clockNanos) {
        this(settings, opener, pipeline, player, tickPlayer, clockNanos, SampleTap.NONE);
    }

    /** As above, and every good sample's raw counts also go to {@code tap} (the trace recorder). */
    public SamplingAgent(LoopSettings settings, ImuOpener opener, Pipeline pipeline, PatternPlayer player,
            boolean tickPlayer, LongSupplier clockNanos, SampleTap tap) {
        this.tap = Objects.requireNonNull(tap, "tap");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.opener = Objects.requireNonNull(opener, "opener");
        this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
        this.events = pipeline.events();
        this.player = Objects.requireNonNull(player, "player");
        this.tickPlayer = tickPlayer;
        this.clockNanos = Objects.requireNonNull(clockNanos, "clockNanos");
        this.periodNanos = settings.periodNanos();
        this.pollNanos = periodNanos / POLLS_PER_SLOT;
        this.cueIntensityPct = settings.cueIntensityPct();
        this.backoffNanos = settings.minBackoffNanos();
        this.stuckRepeats = settings.stuckRepeats();
    }

    @Override
    public String roleName() {
        return "sampling-loop";
    }

    @Override
    public long nextDeadlineNanos() {
        if (!started) {
            return clockNanos.getAsLong();
        }
        long next = wakeNanos;
        if (tickPlayer) {
            long p = player.nextDeadlineNanos();
            if (p == PatternPlayer.NOW) {
                return clockNanos.getAsLong();   // a clock value, never MIN_VALUE: idle strategies subtract
            }
            if (p != PatternPlayer.NO_DEADLINE && p - next < 0) {
                next = p;
            }
        }
        return next;
    }

    @Override
    public int doWork() {
        long now = clockNanos.getAsLong();
        if (!started) {
            started = true;
            nextSlotNanos = now;
            wakeNanos = now;
            reopenAtNanos = now;
            lastSlotStartNanos = Long.MIN_VALUE;
        }
        int work = 0;
        if (now - wakeNanos >= 0) {
            if (inSlot && now - nextSlotNanos >= 0) {
                endSilentSlot(now);              // we overslept the rest of the slot's polls
            }
            boolean done = false;
            try {
                work += inSlot ? poll(now) : startSlot(now);
                done = true;
            } finally {
                if (!done) {                     // a bug threw (to the runner's handler): give the slot up
                    inSlot = false;
                    wakeNanos = nextSlotNanos;
                }
            }
            long took = clockNanos.getAsLong() - now;
            if (took > periodNanos) {
                overruns = overruns + 1;
            }
        }
        if (tickPlayer && playerDue(now)) {
            player.tick(now);
            work++;
        }
        return work;
    }

    /** NOW is Long.MIN_VALUE and NO_DEADLINE Long.MAX_VALUE: compared, never subtracted. */
    private boolean playerDue(long now) {
        long p = player.nextDeadlineNanos();
        return p == PatternPlayer.NOW || (p != PatternPlayer.NO_DEADLINE && p - now <= 0);
    }

    // ------------------------------------------------------------------ slots

    private int startSlot(long now) {
        long late = now - nextSlotNanos;
        if (late >= periodNanos) {
            long skipped = late / periodNanos;
            missed = missed + skipped;
            telemetry.addMissed(now / 1000, skipped);
            nextSlotNanos += skipped * periodNanos;
            late -= skipped * periodNanos;
        }
        if (lastSlotStartNanos != Long.MIN_VALUE) {
            long interval = now - lastSlotStartNanos;
            long periods = Math.max(1, Math.round((double) interval / periodNanos));
            jitter.record(Math.abs(interval - periods * periodNanos));
        }
        if (late > maxLatenessNanos) {
            maxLatenessNanos = late;
        }
        lastSlotStartNanos = now;
        nextSlotNanos += periodNanos;
        takePosted();
        inSlot = true;
        pollsLeft = POLLS_PER_SLOT;
        switch (driver) {
            case CLOSED -> tryOpen(now);
            case CONFIGURING -> tryConfigure(now);
            default -> { }
        }
        if (driver == Driver.RUNNING) {
            return poll(now);
        }
        endSlotWithoutSample(now);
        return 1;
    }

    /** Config and wall-clock minute posted by other threads; a config change may allocate (it is rare). */
    private void takePosted() {
        if (bootPending) {
            bootPending = false;
            events.offer(EventType.BOOTED, lastSlotStartNanos / 1000, 0);
        }
        if (pendingConfig.get() != null) {
            PostedConfig posted = pendingConfig.getAndSet(null);
            if (posted != null) {
                pipeline.reconfigure(posted.config);
                cueIntensityPct = posted.config.cueIntensityPct();
                if (posted.source != null) {
                    events.offer(EventType.CONFIG_CHANGED, lastSlotStartNanos / 1000, 0, posted.config.version(),
                            posted.source.ordinal(), 0, 0);
                }
            }
        }
        int minute = minuteOfDay;
        if (minute != appliedMinuteOfDay) {
            appliedMinuteOfDay = minute;
            pipeline.setLocalMinuteOfDay(minute);
        }
    }

    /** Polls data-ready once; reads and processes the sample when there is one. */
    private int poll(long now) {
        pollsLeft--;
        try {
            if (imu.dataReady()) {
                imu.read(raw);
                goodSample(now);
                return 1;
            }
        } catch (HardwareException | RuntimeException e) {   // a provider may throw unchecked, too
            sensorErrors = sensorErrors + 1;
            lastSensorError = e;
            errorSlots++;
            if (errorSlots >= settings.errorsToFault()) {
                declareFault(SensorFault.classify(e.getMessage()), now, e);
            }
            endSlotWithoutSample(now);
            return 1;
        }
        if (pollsLeft > 0 && now + pollNanos - nextSlotNanos < 0) {
            wakeNanos = now + pollNanos;
            return 1;
        }
        endSilentSlot(now);
        return 1;
    }

    private void endSilentSlot(long now) {
        silentSlotsTotal = silentSlotsTotal + 1;
        silentSlots++;
        if (driver == Driver.RUNNING && silentSlots > settings.silencePeriods()) {
            declareFault(SensorFault.NO_DATA, now, null);
        }
        endSlotWithoutSample(now);
    }

    /** A slot without a good sample: during a fault the pipeline still steps, with the sensor not OK. */
    private void endSlotWithoutSample(long now) {
        long tUs = now / 1000;
        telemetry.addMissed(tUs, 1);
        if (faultActive) {
            pipeline.step(tUs, raw, false);
            noteCalibration();
            latest.publish(tUs, pipeline.forwardCentiDeg(), pipeline.state(), pipeline.calibrated(),
                    pipeline.geometryOutput().forwardKnown, false, samples);
        }
        closeSlot(now);
    }

    private void closeSlot(long now) {
        inSlot = false;
        wakeNanos = nextSlotNanos;
        telemetry.maybePublish(now / 1000, settings.telemetryWindowUs(), pipeline.state(), faultActive);
    }

    private void goodSample(long now) {
        long tUs = now / 1000;
        errorSlots = 0;
        silentSlots = 0;
        boolean changed = changedSinceLast();
        unchangedRun = changed ? 0 : unchangedRun + 1;
        if (faultActive) {
            trustedSamples = changed ? trustedSamples + 1 : 0;
            if (trustedSamples < settings.recoverySamples()) {
                endSlotWithoutSample(now);       // not trusted yet: the state stays FAULT
                return;
            }
            recover(tUs);
        } else if (unchangedRun >= stuckRepeats) {
            declareFault(SensorFault.STUCK, now, null);
            endSlotWithoutSample(now);
            return;
        }
        pipeline.step(tUs, raw, true);
        noteCalibration();
        tap.offer(tUs, raw);
        long n = samples + 1;
        samples = n;
        PatternRequest request = pipeline.pattern();
        if (request != PatternRequest.NONE) {
            player.play(PATTERNS[request.ordinal()], cueIntensityPct);
        }
        int forward = pipeline.forwardCentiDeg();
        latest.publish(tUs, forward, pipeline.state(), pipeline.calibrated(), pipeline.geometryOutput().forwardKnown,
                true, n);
        telemetry.addSample(tUs, forward);
        closeSlot(now);
    }

    private void noteCalibration() {
        if (pipeline.geometryOutput().calibrationEvent != CalibrationStatus.NONE) {
            calibration.publish(pipeline.geometry().report());
        }
    }

    /** Compares the sample with the one before (and keeps it): a live sensor's noise always changes something. */
    private boolean changedSinceLast() {
        boolean changed = false;
        for (int i = 0; i < Imu.AXES; i++) {
            changed |= raw[i] != previous[i];
            previous[i] = raw[i];
        }
        return changed;
    }

    // ------------------------------------------------------------------ faults and re-initialisation

    /** {@code cause}: the exception that decided it, or null for the loop's own checks (silence, stuck). */
    private void declareFault(SensorFault fault, long now, Exception cause) {
        unchangedRun = 0;
        if (!faultActive) {
            long tUs = now / 1000;
            faultActive = true;
            faultStartUs = tUs;
            trustedSamples = 0;
            faults = faults + 1;
            lastFault = fault;
            events.offer(EventType.SENSOR_FAULT, tUs, 0, fault.ordinal(), 0, 0, 0);
            if (cause != null) {
                LOG.warn("sensor fault {}: {}", fault.id(), cause.getMessage());
            } else {
                LOG.warn("sensor fault {}: for {} periods", fault.id(),
                        fault == SensorFault.NO_DATA ? settings.silencePeriods() : stuckRepeats);
            }
        }
        closeImu();
        scheduleReopen(now);
    }

    private void recover(long tUs) {
        faultActive = false;
        recoveries = recoveries + 1;
        backoffNanos = settings.minBackoffNanos();
        long faultMs = (tUs - faultStartUs) / 1000;
        events.offer(EventType.SENSOR_RECOVERED, tUs, 0, faultMs, 0, 0, 0);
        LOG.info("sensor recovered after {} ms", faultMs);
    }

    private void tryOpen(long now) {
        if (now - reopenAtNanos < 0) {
            return;
        }
        openAttempts = openAttempts + 1;
        try {
            imu = opener.open();
        } catch (HardwareException | RuntimeException e) {
            openFailures = openFailures + 1;
            lastSensorError = e;
            declareFault(e instanceof HardwareException ? SensorFault.classify(e.getMessage()) : SensorFault.BUS_ERROR,
                    now, e);
            return;
        }
        driver = Driver.CONFIGURING;
        openedAtNanos = now;
        tryConfigure(now);
    }

    private void tryConfigure(long now) {
        try {
            imu.configure(settings.imu());
        } catch (HardwareException | RuntimeException e) {
            configureFailures = configureFailures + 1;
            lastSensorError = e;
            if (now - openedAtNanos >= settings.configureTimeoutNanos()) {
                declareFault(e instanceof HardwareException ? SensorFault.classify(e.getMessage())
                        : SensorFault.BUS_ERROR, now, e);
            }
            return;
        }
        driver = Driver.RUNNING;
        errorSlots = 0;
        silentSlots = 0;
    }

    private void scheduleReopen(long now) {
        driver = Driver.CLOSED;
        trustedSamples = 0;
        reopenAtNanos = now + backoffNanos;
        backoffNanos = Math.min(settings.maxBackoffNanos(), backoffNanos * 2);
    }

    private void closeImu() {
        Imu i = imu;
        imu = null;
        if (i != null) {
            try {
                i.close();
            } catch (RuntimeException e) {
                LOG.debug("closing the failed IMU: {}", e.getMessage());
            }
        }
    }

    @Override
    public void onClose() {
        closeImu();
        driver = Driver.CLOSED;
    }

    // ------------------------------------------------------------------ any thread

    /** Sets the motor strength for the following patterns, 0..100 %. Any thread. */
    public void setCueIntensityPct(int pct) {
        if (pct < 0 || pct > 100) {
            throw new IllegalArgumentException("cue intensity must be 0..100 %, got " + pct);
        }
        cueIntensityPct = pct;
    }

    /**
     * A new configuration for the pipeline and the cue intensity, applied at the start of the next
     * slot (the rate and the IMU ranges are the loop's settings and need a new agent). Any thread; a
     * second call before the slot replaces the first.
     */
    public void offerConfig(Config config) {
        offerConfig(config, null);
    }

    /**
     * As {@link #offerConfig(Config)}, and when the config takes effect the loop raises CONFIG_CHANGED
     * (version, source) in the event ring, so it is numbered in order with the loop's own events.
     *
     * @param source who changed it (MQTT or serial), or null for no event
     */
    public void offerConfig(Config config, ChangeSource source) {
        pendingConfig.set(new PostedConfig(Objects.requireNonNull(config, "config"), source));
    }

    /** Raises BOOTED at the start of the next slot (once per firmware start, not per loop restart). */
    public void announceBoot() {
        bootPending = true;
    }

    private record PostedConfig(Config config, ChangeSource source) {
    }

    /** The wall clock's local minute of day (0..1439, -1 unknown) for quiet hours. Any thread. */
    public void setLocalMinuteOfDay(int minute) {
        if (minute < -1 || minute > 1439) {
            throw new IllegalArgumentException("minute of day must be -1..1439, got " + minute);
        }
        minuteOfDay = minute;
    }

    /** The pipeline's last calibration decision, for a CALIBRATE waiting on it. */
    public CalibrationNotice calibration() {
        return calibration;
    }

    /** The latest sample's output (forward angle, state), published every period. */
    public LatestSample latest() {
        return latest;
    }

    /** The last complete telemetry window. */
    public TelemetryWindow telemetry() {
        return telemetry;
    }

    /** Period deviation of slot starts, ns: |interval - whole periods| (see loop.md). */
    public JitterHistogram jitter() {
        return jitter;
    }

    /** Good samples taken (and run through the pipeline). */
    public long samples() {
        return samples;
    }

    /** Periods whose deadline had passed by a whole period when the loop got to them: skipped. */
    public long missedSamples() {
        return missed;
    }

    /** Cycles of work that took longer than a period. */
    public long overruns() {
        return overruns;
    }

    /** Slots that ended without data-ready. */
    public long silentSlots() {
        return silentSlotsTotal;
    }

    /** IMU accesses that threw while running. */
    public long sensorErrors() {
        return sensorErrors;
    }

    /** SENSOR_FAULT events raised. */
    public long faults() {
        return faults;
    }

    /** SENSOR_RECOVERED events raised. */
    public long recoveries() {
        return recoveries;
    }

    public long openAttempts() {
        return openAttempts;
    }

    public long openFailures() {
        return openFailures;
    }

    public long configureFailures() {
        return configureFailures;
    }

    /** Largest lateness of a slot start behind its deadline, ns (within the period; skips are counted apart). */
    public long maxLatenessNanos() {
        return maxLatenessNanos;
    }

    /** True from SENSOR_FAULT to SENSOR_RECOVERED. */
    public boolean sensorFault() {
        return faultActive;
    }

    /** Why the last fault was declared, or null. */
    public SensorFault lastFault() {
        return lastFault;
    }

    /** The last exception from the IMU or the opener, or null. */
    public Exception lastSensorError() {
        return lastSensorError;
    }

    public PostureState state() {
        return pipeline.state();
    }

    public LoopSettings settings() {
        return settings;
    }

    private static HapticPattern[] patternsByRequest() {
        PatternRequest[] requests = PatternRequest.values();
        HapticPattern[] patterns = new HapticPattern[requests.length];
        for (PatternRequest r : requests) {
            if (r != PatternRequest.NONE) {
                patterns[r.ordinal()] = Objects.requireNonNull(HapticPattern.byId(r.patternId()),
                        "no haptic pattern " + r.patternId());
            }
        }
        return patterns;
    }
}
