package dev.posture.companion.export;

/** An export that could not be done because of what it was given (a file exists, a bad label); one line. */
public final class ExportException extends Exception {
    private static final long serialVersionUID = 1L;

    public ExportException(String message) {
        super(message);
    }

    public ExportException(String message, Throwable cause) {
        super(message, cause);
    }
}
