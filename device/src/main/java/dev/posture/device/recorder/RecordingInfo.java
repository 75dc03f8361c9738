package dev.posture.device.recorder;

import dev.posture.protocol.mqtt.RecordingId;

/**
 * One trace file in the recorder's directory, as {@link TraceRecorder#list()} reports it.
 *
 * @param id           the recording id (the file is {@code <id>.ptrace})
 * @param startEpochMs wall clock at the start from the header, ms since 1970 UTC; the file's
 *                     modification time when the header cannot be read
 * @param sizeBytes    file size
 * @param samples      samples in the well-framed chunks (chunk headers only; CRCs are checked when
 *                     the file is fetched)
 * @param status       {@link Status}
 */
public record RecordingInfo(RecordingId id, long startEpochMs, long sizeBytes, long samples, Status status) {
    public enum Status {
        /** Being written now: never deleted by the cap; the end may be an unfinished chunk. */
        RECORDING,
        /** Header readable and the file ends exactly after a whole chunk (or the header). */
        COMPLETE,
        /** Unreadable header, or the chunk framing breaks before the end (e.g. a power cut mid-chunk). */
        DAMAGED
    }
}
