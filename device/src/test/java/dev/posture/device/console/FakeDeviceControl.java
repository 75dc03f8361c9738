package dev.posture.device.console;

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
import dev.posture.protocol.config.Config;
import dev.posture.protocol.config.ConfigChange;
import dev.posture.protocol.config.CuePattern;
import dev.posture.protocol.message.CalibrationStep;
import dev.posture.protocol.message.EventMessage;
import dev.posture.protocol.message.PostureState;
import dev.posture.protocol.message.SensorHealth;
import dev.posture.protocol.message.StatusMessage;
import dev.posture.protocol.message.TelemetryMessage;
import dev.posture.protocol.mqtt.DeviceId;
import dev.posture.protocol.mqtt.RecordingId;
import dev.posture.protocol.trace.Rational;
import dev.posture.protocol.trace.TraceCalibration;
import dev.posture.protocol.trace.TraceHeader;
import dev.posture.protocol.trace.TraceSink;
import dev.posture.protocol.trace.TraceWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A small DeviceControl for the console tests: a real config model (changes validated by
 * {@link ConfigChange}), in-memory traces in the real binary format, a latest sample published into
 * a real {@link LatestSample}, and calibration outcomes the test decides.
 */
final class FakeDeviceControl implements DeviceControl {
    static final String FIRMWARE = "0.1.0";

    private volatile Config config = Config.defaults();
    final List<Map<String, String>> changeRequests = new CopyOnWriteArrayList<>();
    final List<String> cuesPlayed = new CopyOnWriteArrayList<>();
    final List<Integer> snoozes = new CopyOnWriteArrayList<>();
    final BlockingQueue<CalibrationStep> calibrations = new LinkedBlockingQueue<>();
    final List<Consumer<EventMessage>> eventListeners = new CopyOnWriteArrayList<>();

    /** What calibrate returns; by default an outcome already accepted. */
    volatile Function<CalibrationStep, CompletableFuture<CalibrationOutcome>> calibration =
            step -> CompletableFuture.completedFuture(CalibrationOutcome.accepted(step, "taken"));
    volatile DeviceSnapshot snapshot = snapshot(Optional.of(320), true, true, Optional.empty());
    /** Thrown by changeConfig when set (the store failing). */
    volatile ControlException storeFailure;

    private final LatestSample latest = new LatestSample();
    final FakeTraces traces = new FakeTraces();

    static DeviceSnapshot snapshot(Optional<Integer> forwardCentiDeg, boolean neutral, boolean lean,
            Optional<RecordingId> recording) {
        return new DeviceSnapshot(5_123_456, 1_700_000_000_000L, PostureState.UPRIGHT, forwardCentiDeg, neutral, lean,
                0, SensorHealth.OK, 7, recording, new DeviceSnapshot.LoopStats(512_345, 2, 1, 0, 180, 950));
    }

    /** Publishes a latest sample as the loop would (LatestSample.publish is the loop's, package-private). */
    void publishLatest(long tUs, int forwardCentiDeg, PostureState state, boolean calibrated, long samples) {
        latest.publish(tUs, forwardCentiDeg, state, calibrated, calibrated, true, samples);
    }

    void emit(EventMessage event) {
        for (Consumer<EventMessage> listener : eventListeners) {
            listener.accept(event);
        }
    }

    @Override
    public DeviceId deviceId() {
        return new DeviceId("posture-1");
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
    public synchronized ConfigChange.Result changeConfig(Map<String, String> values, ChangeOrigin origin)
            throws ControlException {
        if (!origin.equals(ChangeOrigin.serial())) {
            throw new IllegalArgumentException("the console changes config as serial, not " + origin);
        }
        changeRequests.add(Map.copyOf(values));
        if (storeFailure != null) {
            throw storeFailure;
        }
        ConfigChange.Result result = ConfigChange.fromText(config, values);
        if (result.ok()) {
            config = result.config();
        }
        return result;
    }

    void setConfig(Config newConfig) {
        config = newConfig;
    }

    @Override
    public CompletableFuture<CalibrationOutcome> calibrate(CalibrationStep pose) {
        calibrations.add(pose);
        return calibration.apply(pose);
    }

    @Override
    public String cueTest(Optional<String> patternName) throws ControlException {
        String name = patternName.orElse(config.text(dev.posture.protocol.config.ConfigKey.CUE_PATTERN));
        if (CuePattern.byName(name).isEmpty()) {
            throw new ControlException(ControlException.Reason.INVALID_VALUE, "no cue pattern '" + name + "'");
        }
        cuesPlayed.add(name);
        return name;
    }

    @Override
    public long snooze(int minutes) {
        snoozes.add(minutes);
        return minutes * 60L;
    }

    @Override
    public DeviceSnapshot snapshot() {
        return snapshot;
    }

    @Override
    public StatusMessage statusMessage() {
        throw new UnsupportedOperationException("the console does not publish status");
    }

    @Override
    public Optional<TelemetryMessage> telemetry() {
        return Optional.empty();
    }

    @Override
    public void readLatest(LatestSample.View out) {
        latest.read(out);
    }

    @Override
    public TraceControl traces() {
        return traces;
    }

    @Override
    public void addEventListener(Consumer<EventMessage> listener) {
        eventListeners.add(listener);
    }

    @Override
    public void addConfigListener(Consumer<Config> listener) {
        // the console does not listen for config changes
    }

    /** Recordings held as bytes in the real binary trace format, made by the protocol's TraceWriter. */
    static final class FakeTraces implements TraceControl {
        final Map<RecordingId, byte[]> files = new LinkedHashMap<>();
        /** When >= 0, opened recordings fail (read and close) after this many bytes: a card pulled mid-transfer. */
        volatile int failAfterBytes = -1;
        private RecordingId recording;
        private int next = 12;

        /** A 50 Hz recording of {@code rows} samples at +-16 g / +-2000 deg/s, starting at device time 1 s. */
        static byte[] trace(String id, int rows) {
            TraceHeader header = new TraceHeader("posture-1", "MPU-6050", id, new Rational(2048, 1), 16,
                    new Rational(164, 10), 2000, new Rational(50, 1), 1_700_000_000_000L, 1_000_000,
                    TraceCalibration.NONE);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (TraceWriter writer = new TraceWriter(TraceSink.of(bytes), header, 64)) {
                for (int k = 0; k < rows; k++) {
                    writer.append(1_000_000 + k * 20_000L, (short) (25 + k % 3), (short) -63, (short) 2048,
                            (short) 1, (short) -1, (short) (k % 5));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return bytes.toByteArray();
        }

        synchronized void add(String id, byte[] file) {
            files.put(new RecordingId(id), file);
        }

        @Override
        public synchronized RecordingId start() throws ControlException {
            if (recording != null) {
                throw new ControlException(ControlException.Reason.NOT_NOW, "already recording " + recording);
            }
            recording = new RecordingId(String.format("r%04d", next++));
            return recording;
        }

        @Override
        public synchronized RecordingInfo stop() throws ControlException {
            if (recording == null) {
                throw new ControlException(ControlException.Reason.NOT_NOW, "not recording");
            }
            files.put(recording, trace(recording.value(), 3));
            RecordingInfo info = info(recording);
            recording = null;
            return info;
        }

        @Override
        public synchronized List<RecordingInfo> list() {
            List<RecordingInfo> out = new ArrayList<>();
            for (RecordingId id : files.keySet()) {
                out.add(info(id));
            }
            return out;
        }

        private RecordingInfo info(RecordingId id) {
            byte[] file = files.get(id);
            // Rows as the recorder counts them: from the chunk headers, here the file the fake made.
            long rows = countRows(file);
            return new RecordingInfo(id, 1_700_000_000_000L, file.length, rows, RecordingInfo.Status.COMPLETE);
        }

        private static long countRows(byte[] file) {
            try (dev.posture.protocol.trace.TraceReader reader =
                         dev.posture.protocol.trace.TraceReader.open(new ByteArrayInputStream(file))) {
                long n = 0;
                while (reader.next() != null) {
                    n++;
                }
                return n;
            } catch (Exception e) {
                return 0;
            }
        }

        @Override
        public synchronized InputStream open(RecordingId id) throws ControlException {
            byte[] file = files.get(id);
            if (file == null) {
                throw new ControlException(ControlException.Reason.NOT_FOUND, "no trace '" + id + "'");
            }
            int limit = failAfterBytes;
            if (limit < 0) {
                return new ByteArrayInputStream(file);
            }
            return new java.io.FilterInputStream(new ByteArrayInputStream(file, 0, Math.min(limit, file.length))) {
                @Override
                public int read() throws IOException {
                    int b = super.read();
                    if (b < 0) {
                        throw new IOException("card removed");
                    }
                    return b;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    int n = super.read(buffer, offset, length);
                    if (n < 0) {
                        throw new IOException("card removed");
                    }
                    return n;
                }

                @Override
                public void close() throws IOException {
                    throw new IOException("card removed");
                }
            };
        }

        @Override
        public TraceChunks chunks(RecordingId id) throws ControlException {
            throw new ControlException(ControlException.Reason.INTERNAL, "chunks are MQTT's, not the console's");
        }

        @Override
        public byte[] read(RecordingId id, ChunkRange range) throws ControlException {
            throw new ControlException(ControlException.Reason.INTERNAL, "chunks are MQTT's, not the console's");
        }
    }
}
