package dev.posture.protocol.console;

/**
 * The device's side of the console input: bytes in, one {@link ParsedLine} out per non-blank line,
 * each to be answered by exactly one OK or ERR line. Allocation-free for bytes that do not end a
 * line; never throws.
 *
 * <pre>{@code
 * int n = port.readBytes(chunk, chunk.length);
 * for (int i = 0; i < n; i++) {
 *     ParsedLine parsed = decoder.accept(chunk[i]);
 *     if (parsed != null) { ... reply ... }
 * }
 * }</pre>
 */
public final class ConsoleRequestDecoder {
    private final LineAssembler lines = LineAssembler.forRequests();

    /** Feeds one byte; returns the request or error it completed, or null. */
    public ParsedLine accept(byte b) {
        switch (lines.accept(b)) {
            case LINE:
                return ConsoleRequestParser.parse(lines.line());
            case TOO_LONG:
            case BAD_BYTE:
                return lines.error();
            default:
                return null;
        }
    }

    /** Forgets a partial line, e.g. when the USB cable is plugged in again. */
    public void reset() {
        lines.reset();
    }
}
