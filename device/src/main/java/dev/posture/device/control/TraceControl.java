package dev.posture.device.control;

import dev.posture.device.recorder.ChunkRange;
import dev.posture.device.recorder.RecordingInfo;
import dev.posture.device.recorder.TraceChunks;
import dev.posture.protocol.mqtt.RecordingId;
import java.io.InputStream;
import java.util.List;

/**
 * Raw trace recording, as the console's TRACE commands and the MQTT {@code trace_*} commands use it.
 * Errors are {@link ControlException}s: NOT_NOW (start while recording, stop while idle), NOT_FOUND
 * (no such recording), INTERNAL (storage).
 */
public interface TraceControl {

    /** Starts a recording of raw counts at the loop's rate; returns its id. */
    RecordingId start() throws ControlException;

    /** Stops the recording in progress; returns what was written (status COMPLETE). */
    RecordingInfo stop() throws ControlException;

    /** Stored recordings, oldest first. */
    List<RecordingInfo> list() throws ControlException;

    /** The recording's bytes (trace file format) for reading with {@code TraceReader}; the caller closes it. */
    InputStream open(RecordingId id) throws ControlException;

    /** The recording cut into its header and good chunks, for {@code trace/{recording_id}} messages. */
    TraceChunks chunks(RecordingId id) throws ControlException;

    /** The bytes of one range of {@link #chunks}. */
    byte[] read(RecordingId id, ChunkRange range) throws ControlException;
}
