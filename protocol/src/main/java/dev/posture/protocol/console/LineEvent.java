package dev.posture.protocol.console;

/** What one byte fed to a {@link LineAssembler} completed. */
public enum LineEvent {
    /** Nothing yet: the byte was stored, erased a byte, or ended a blank line. */
    NONE,
    /** A complete, non-blank, printable ASCII line is ready in {@link LineAssembler#line()}. */
    LINE,
    /** A line longer than the limit just ended; it was discarded ({@link ConsoleErrorCode#TOO_LONG}). */
    TOO_LONG,
    /** A line holding a byte that is not printable ASCII just ended ({@link ConsoleErrorCode#BAD_BYTE}). */
    BAD_BYTE
}
