package dev.posture.protocol.console;

import dev.posture.protocol.ProtocolException;

import java.util.Objects;

/**
 * An {@code ERR} reply before formatting: a code and a one-line message. Produced by the line
 * assembler and the request parser, and by the device for failures of valid requests.
 */
public record ConsoleError(ConsoleErrorCode code, String message) implements ParsedLine {
    public ConsoleError {
        Objects.requireNonNull(code, "code");
        message = message == null || message.isEmpty() ? code.defaultMessage() : message;
    }

    /** A line longer than {@code maxBytes} bytes. */
    public static ConsoleError tooLong(int maxBytes) {
        return new ConsoleError(ConsoleErrorCode.TOO_LONG, "line longer than " + maxBytes + " bytes");
    }

    /** A byte (or, for text given as chars, a character) that is not printable ASCII. */
    public static ConsoleError badByte(int value, long offset) {
        String what = value <= 0xFF
                ? String.format("byte 0x%02x", value)
                : String.format("character U+%04X", value);
        return new ConsoleError(ConsoleErrorCode.BAD_BYTE, what + " at offset " + offset + " is not printable ASCII");
    }

    /**
     * For text the device sent (no tabs there): fails with the {@link #badByte} message of the first
     * character outside printable ASCII, its offset counted from {@code baseOffset}.
     */
    static void requirePrintable(CharSequence text, int baseOffset) throws ProtocolException {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                throw new ProtocolException(badByte(c, baseOffset + i).message());
            }
        }
    }
}
