package dev.posture.device.control;

import java.util.Objects;

/**
 * A request the firmware could not carry out, with a reason the console maps to its error code
 * ({@code ERR <reason> <message>}) and MQTT puts in its reply. The message is one line for a person.
 */
public final class ControlException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why; the names equal the console's error codes. */
    public enum Reason {
        /** A value the request carried was refused (an unknown cue pattern). */
        INVALID_VALUE,
        /** A recording (or other named thing) does not exist. */
        NOT_FOUND,
        /** Valid, but not in the current state (TRACE STOP when not recording). */
        NOT_NOW,
        /** Something that must finish first is running. */
        BUSY,
        /** The device failed carrying out a valid request (storage full, I/O error). */
        INTERNAL
    }

    private final Reason reason;

    public ControlException(Reason reason, String message) {
        super(Objects.requireNonNull(message, "message"));
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public ControlException(Reason reason, String message, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
