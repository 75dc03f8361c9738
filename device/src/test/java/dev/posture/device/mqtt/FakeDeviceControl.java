package dev.posture.device.mqtt;

import dev.posture.device.control.CalibrationOutcome;
import dev.posture.device.control.ControlException;
import dev.posture.device.control.DeviceControl;
import dev.posture.device.control.DeviceSnapshot;
import dev.posture.device.control.TraceControl;
import dev.posture.device.loop.LatestSample;
import dev.posture.device.recorder.ChunkRange;
import dev.posture.device.recorder.RecordingInfo;
import dev.posture.device.recorder.TraceChunks;
import dev.posture.device.store.ChangeOrigin;
import dev.posture.protocol.ProtocolException;
import dev.posture.protocol.config.Config;
import dev.posture.protocol.config.ConfigChange;
import dev.posture.protocol.message.CalibrationStep;
import dev.posture.protocol.message.EventDetail;
import dev.posture.protocol.message.EventMessage;
import dev.posture.protocol.message.PostureState;
import dev.posture.protocol.message.SensorHealth;
import dev.posture.protocol.message.StatusMessage;
import dev.posture.protocol.message.TelemetryMessage;
import dev.posture.protocol.mqtt.DeviceId;
import dev.posture.protocol.mqtt.RecordingId;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** A small firmware stand-in: config changes really validate, events are raised by the test. */
final class FakeDeviceControl implements DeviceControl {
    static final String FIRMWARE = "0.1.0";
    static final RecordingId RECORDING = new RecordingId("20250114-093000");
    /** The fake recording: a 20-byte "header" and three 40-byte "chunks" (MQTT carries them opaquely). */
    static final byte[] TRACE = new byte[140];

    static {
        for (int i = 0; i < TRACE.length; i++) {
            TRACE[i] = (byte) i;
        }
    }

    private final DeviceId deviceId;
    private volatile Config config;
    private volatile PostureState posture = PostureState.UPRIGHT;
    private volatile Optional<TelemetryMessage> telemetry = Optional.empty();
    private volatile boolean failReads;
    private volatile CompletableFuture<CalibrationOutcome> calibration =
            CompletableFuture.completedFuture(CalibrationOutcome.accepted(CalibrationStep.NEUTRAL, "neutral taken"));
    final List<ChangeOrigin> origins = new CopyOnWriteArrayList<>();
    final List<String> calls = new CopyOnWriteArrayList<>();
    private final List<Consumer<EventMessage>> eventListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<Config>> configListeners = new CopyOnWriteArrayList<>();
    private final long start = System.currentTimeMillis();

    FakeDeviceControl(String deviceId) {
        this.deviceId = new DeviceId(deviceId);
        try {
            this.config = Config.fromJsonValues(Map.of("device_id", deviceId), 7);
        } catch (ProtocolException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Raises an event as the firmware's event thread would. */
    void emit(long seq) {
        EventMessage event = new EventMessage(deviceId, seq, 1_736_847_000_000L + seq, seq * 10,
                new EventDetail.Snoozed(1 + (int) (seq % 1440)));
        for (Consumer<EventMessage> listener : eventListeners) {
            listener.accept(event);
        }
    }

    /** From now on telemetry() and snapshot() throw, as a buggy firmware might. */
    void failReads(boolean fail) {
        failReads = fail;
    }

    void posture(PostureState state) {
        posture = state;
    }

    void telemetry(TelemetryMessage message) {
        telemetry = Optional.of(message);
    }

    void calibration(CompletableFuture<CalibrationOutcome> outcome) {
        calibration = outcome;
    }

    @Override
    public DeviceId deviceId() {
        return deviceId;
    }

    @Override
    public String firmware() {
        return FIRMWARE;
    }

    @Override
    public Config config() {
        return config;
    }

    @Override
    public synchronized ConfigChange.Result changeConfig(Map<String, String> values, ChangeOrigin origin) {
        origins.add(origin);
        ConfigChange.Result result = ConfigChange.fromText(config, values);
        if (result.ok() && result.config().version() != config.version()) {
            config = result.config();
            for (Consumer<Config> listener : configListeners) {
                listener.accept(config);
            }
        }
        return result;
    }

    @Override
    public CompletableFuture<CalibrationOutcome> calibrate(CalibrationStep pose) {
        calls.add("calibrate " + pose.wireName());
        return calibration;
    }

    @Override
    public String cueTest(Optional<String> patternName) throws ControlException {
        String name = patternName.orElse("double_pulse");
        if (name.equals("nope")) {
            throw new ControlException(ControlException.Reason.INVALID_VALUE, "unknown cue pattern 'nope'");
        }
        calls.add("cue " + name);
        return name;
    }

    @Override
    public long snooze(int minutes) {
        calls.add("snooze " + minutes);
        return minutes * 60L;
    }

    @Override
    public DeviceSnapshot snapshot() {
        if (failReads) {
            throw new IllegalStateException("snapshot broke");
        }
        long uptime = System.currentTimeMillis() - start;
        return new DeviceSnapshot(uptime, System.currentTimeMillis(), posture, Optional.empty(), true, true, 0,
                SensorHealth.OK, config.version(), Optional.empty(), new DeviceSnapshot.LoopStats(0, 0, 0, 0, 0, 0));
    }

    @Override
    public StatusMessage statusMessage() {
        DeviceSnapshot s = snapshot();
        return StatusMessage.online(deviceId, FIRMWARE, s.timeMs(), s.uptimeMs(), s.posture(), s.sensor(),
                s.configVersion(), null, null);
    }

    @Override
    public Optional<TelemetryMessage> telemetry() {
        if (failReads) {
            throw new IllegalStateException("telemetry broke");
        }
        return telemetry;
    }

    @Override
    public void readLatest(LatestSample.View out) {
        throw new UnsupportedOperationException("not used by the MQTT link");
    }

    @Override
    public TraceControl traces() {
        return new TraceControl() {
            @Override
            public RecordingId start() {
                return RECORDING;
            }

            @Override
            public RecordingInfo stop() throws ControlException {
                throw new ControlException(ControlException.Reason.NOT_NOW, "not recording");
            }

            @Override
            public List<RecordingInfo> list() {
                return List.of(new RecordingInfo(RECORDING, 0, TRACE.length, 9, RecordingInfo.Status.COMPLETE));
            }

            @Override
            public InputStream open(RecordingId id) {
                return new ByteArrayInputStream(TRACE);
            }

            @Override
            public TraceChunks chunks(RecordingId id) throws ControlException {
                if (!id.equals(RECORDING)) {
                    throw new ControlException(ControlException.Reason.NOT_FOUND, "no recording " + id);
                }
                List<ChunkRange> chunks = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    chunks.add(new ChunkRange(20 + 40L * i, 40, i, 3));
                }
                return new TraceChunks(id, 20, chunks, 9, List.of());
            }

            @Override
            public byte[] read(RecordingId id, ChunkRange range) {
                return Arrays.copyOfRange(TRACE, (int) range.offset(), (int) range.offset() + range.length());
            }
        };
    }

    @Override
    public void addEventListener(Consumer<EventMessage> listener) {
        eventListeners.add(listener);
    }

    @Override
    public void addConfigListener(Consumer<Config> listener) {
        configListeners.add(listener);
    }
}
