package dev.posture.protocol.console;

import java.util.Optional;

/**
 * The fixed set of error codes in {@code ERR <code> <message>} lines. The code on the wire is the
 * constant's name: a word reads at a glance in a terminal and needs no lookup table in the
 * companion. New codes may be added; existing words never change meaning.
 */
public enum ConsoleErrorCode {
    /** The first word is not a command. */
    UNKNOWN_COMMAND("unknown command"),
    /** Wrong number of words, a wrong sub-command or a malformed quoted value. */
    SYNTAX("syntax error"),
    /** A numeric argument is not a whole number. */
    BAD_NUMBER("not a whole number"),
    /** A numeric argument is a number outside the range the grammar allows. */
    OUT_OF_RANGE("out of range"),
    /** The line was longer than {@link ConsoleLimits#MAX_REQUEST_BYTES}; it was discarded. */
    TOO_LONG("line too long"),
    /** The line held a byte that is not printable ASCII (control byte, NUL, 0x80 and above). */
    BAD_BYTE("bad byte"),
    /** {@code GET}/{@code SET} named a config key that does not exist. */
    UNKNOWN_KEY("unknown key"),
    /** The config model rejected a {@code SET} value, or a pattern name is not known. */
    INVALID_VALUE("invalid value"),
    /** {@code TRACE GET} named a recording that does not exist. */
    NOT_FOUND("not found"),
    /** The request is valid but not in the device's current state (e.g. LEAN before NEUTRAL). */
    NOT_NOW("not allowed now"),
    /** The device is doing something that must finish first (e.g. a calibration in progress). */
    BUSY("busy"),
    /** The device failed while carrying out a valid request. */
    INTERNAL("internal error");

    private final String defaultMessage;

    ConsoleErrorCode(String defaultMessage) {
        this.defaultMessage = defaultMessage;
    }

    /** The code as it appears on the wire. */
    public String word() {
        return name();
    }

    /** The message sent when the caller supplies none: an ERR line always has a message. */
    public String defaultMessage() {
        return defaultMessage;
    }

    /** The code for a wire word, or empty for a word this version does not know. */
    public static Optional<ConsoleErrorCode> fromWord(String word) {
        for (ConsoleErrorCode code : values()) {
            if (code.name().equals(word)) {
                return Optional.of(code);
            }
        }
        return Optional.empty();
    }
}
