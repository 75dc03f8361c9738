package dev.posture.device.recorder;

/**
 * Where one good chunk lies in a trace file: bytes {@code offset..offset+length-1} are exactly the
 * chunk (sync word through CRC), i.e. one MQTT message on {@code trace/{recording_id}}.
 *
 * @param offset   byte offset in the file
 * @param length   24 + 14 x samples
 * @param sequence the chunk's sequence number
 * @param samples  samples in it
 */
public record ChunkRange(long offset, int length, long sequence, int samples) {
}
