package dev.posture.companion.store;

/** The store cannot be opened or written: a one-line message naming the file and the cause. */
public final class StoreException extends Exception {
    private static final long serialVersionUID = 1L;

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
