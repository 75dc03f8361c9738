package dev.posture.device.recorder;

import dev.posture.protocol.mqtt.RecordingId;
import dev.posture.protocol.trace.TraceDefect;
import java.util.List;

/**
 * A recording cut into the pieces MQTT publishes: the header (bytes {@code 0..headerBytes-1}, the
 * first message) and every chunk whose CRC is good, in file order (one message each). Damage the
 * reader stepped over is in {@code defects}; its bytes are not in any range.
 *
 * @param id          the recording
 * @param headerBytes length of the header at offset 0
 * @param chunks      good chunks in file order
 * @param samples     samples in those chunks
 * @param defects     what was skipped (the reader's first 1000)
 */
public record TraceChunks(RecordingId id, int headerBytes, List<ChunkRange> chunks, long samples,
                          List<TraceDefect> defects) {
    public TraceChunks {
        chunks = List.copyOf(chunks);
        defects = List.copyOf(defects);
    }
}
