package dev.posture.protocol.trace;

/**
 * Damage the reader found and stepped over in a trace file. Samples are never returned from the
 * damaged bytes; the message is one line that starts with the byte offset, ready to print.
 *
 * @param offset byte offset in the file where the damaged chunk or stretch starts
 */
public record TraceDefect(long offset, Kind kind, String message) {
    public enum Kind {
        /** The file ends inside a chunk (a torn last write): that chunk is skipped. */
        TRUNCATED,
        /** A chunk whose CRC32 does not match its bytes: skipped. */
        BAD_CRC,
        /** A chunk with an impossible sample count, or with a good CRC but impossible contents: skipped. */
        BAD_CHUNK,
        /** Bytes between chunks that do not start with a sync word: skipped up to the next chunk. */
        GARBAGE,
        /** A good chunk whose sequence number or time does not follow the previous good chunk: skipped. */
        OUT_OF_ORDER,
        /** Sequence numbers were skipped before a good chunk (chunks lost): the chunk itself is kept. */
        SEQUENCE_GAP
    }
}
