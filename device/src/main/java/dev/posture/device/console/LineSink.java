package dev.posture.device.console;

/**
 * Where a {@link ConsoleSession} sends its lines: whole lines, CRLF included, so a line sent unasked
 * can never land inside another. The kind says what the sink may do when its reader is slow.
 */
public interface LineSink {

    /** What a line is, which decides whether a full sink may drop it. */
    enum Kind {
        /** The one OK/ERR reply to a request, or {@code * READY}: never dropped; the sender may wait for room. */
        REPLY,
        /** A {@code * TRACE} line of a transfer: never dropped; the sender waits for room (the transfer is paced by the port). */
        TRANSFER,
        /** A {@code * EVENT} line: never waits (it comes from the firmware's event thread); dropped only when even the reserve is full. */
        EVENT,
        /** A {@code * STREAM} line: never waits; dropped as soon as the sink is full (the next sample replaces it). */
        STREAM
    }

    /**
     * Takes one line, {@code bytes[0..length)}, copying it before returning.
     *
     * @return false when the line was dropped (a full sink for EVENT/STREAM, or a closed sink)
     */
    boolean offer(Kind kind, byte[] bytes, int length);
}
