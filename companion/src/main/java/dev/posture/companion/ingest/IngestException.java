package dev.posture.companion.ingest;

/** The ingest could not connect or subscribe: a one-line message naming the broker and the cause. */
public final class IngestException extends Exception {
    private static final long serialVersionUID = 1L;

    public IngestException(String message, Throwable cause) {
        super(message, cause);
    }
}
