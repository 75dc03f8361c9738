package dev.posture.device.runtime;

import dev.posture.device.control.ControlException;
import dev.posture.device.control.ControlException.Reason;
import dev.posture.device.control.TraceControl;
import dev.posture.device.recorder.ChunkRange;
import dev.posture.device.recorder.RecordingInfo;
import dev.posture.device.recorder.RecordingMetadata;
import dev.posture.device.recorder.TraceChunks;
import dev.posture.device.recorder.TraceRecorder;
import dev.posture.hardware.imu.ImuInfo;
import dev.posture.protocol.ProtocolException;
import dev.posture.protocol.config.Config;
import dev.posture.protocol.mqtt.DeviceId;
import dev.posture.protocol.mqtt.RecordingId;
import dev.posture.protocol.trace.TraceCalibration;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** {@link TraceControl} over the {@link TraceRecorder}: its exceptions become the console's and MQTT's reasons. */
final class Traces implements TraceControl {
    private final TraceRecorder recorder;
    private final Supplier<DeviceId> deviceId;
    private final Supplier<Config> config;
    private final String sensorModel;

    Traces(TraceRecorder recorder, Supplier<DeviceId> deviceId, Supplier<Config> config, String sensorModel) {
        this.recorder = recorder;
        this.deviceId = deviceId;
        this.config = config;
        this.sensorModel = sensorModel;
    }

    @Override
    public synchronized RecordingId start() throws ControlException {
        Optional<RecordingId> running = recorder.currentId();
        if (running.isPresent()) {
            throw new ControlException(Reason.NOT_NOW, "already recording " + running.get());
        }
        try {
            return recorder.start(RecordingMetadata.of(deviceId.get().value(), imuInfo(config.get(), sensorModel),
                    TraceCalibration.NONE));
        } catch (IOException e) {
            throw new ControlException(Reason.INTERNAL, "trace store unavailable: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized RecordingInfo stop() throws ControlException {
        if (!recorder.isRecording()) {
            throw new ControlException(Reason.NOT_NOW, "not recording");
        }
        try {
            RecordingId id = recorder.stop();
            return list().stream().filter(i -> i.id().equals(id)).findFirst()
                    .orElseThrow(() -> new ControlException(Reason.INTERNAL, "recording " + id + " vanished"));
        } catch (IOException e) {
            throw new ControlException(Reason.INTERNAL, "trace store unavailable: " + e.getMessage(), e);
        }
    }

    @Override
    public List<RecordingInfo> list() throws ControlException {
        try {
            return recorder.list();
        } catch (IOException e) {
            throw new ControlException(Reason.INTERNAL, "trace store unavailable: " + e.getMessage(), e);
        }
    }

    @Override
    public InputStream open(RecordingId id) throws ControlException {
        try {
            return recorder.open(id);
        } catch (IOException | ProtocolException e) {
            throw failure(id, e);
        }
    }

    @Override
    public TraceChunks chunks(RecordingId id) throws ControlException {
        try {
            return recorder.chunks(id);
        } catch (IOException | ProtocolException e) {
            throw failure(id, e);
        }
    }

    @Override
    public byte[] read(RecordingId id, ChunkRange range) throws ControlException {
        try {
            return recorder.read(id, range);
        } catch (IOException | ProtocolException e) {
            throw failure(id, e);
        }
    }

    /** NOT_FOUND when the recording is not in the directory, else INTERNAL with the reader's message. */
    private ControlException failure(RecordingId id, Exception e) {
        boolean exists;
        try {
            exists = !(e instanceof NoSuchFileException) && recorder.list().stream().anyMatch(i -> i.id().equals(id));
        } catch (IOException listFailure) {
            exists = true;
        }
        if (!exists) {
            return new ControlException(Reason.NOT_FOUND, "no trace '" + id + "'");
        }
        return new ControlException(Reason.INTERNAL, "trace " + id + ": " + e.getMessage(), e);
    }

    /** The chip's scale factors at the configured ranges (the MPU-6050's and the ICM-42688's agree). */
    static ImuInfo imuInfo(Config c, String model) {
        var scale = Firmware.scaleOf(c);
        return new ImuInfo(model, c.accelRangeG(), (int) Math.round(scale.accLsbPerG()), c.gyroRangeDps(),
                (int) Math.round(scale.gyrLsbPerDps() * 10), c.sampleRateHz());
    }
}
