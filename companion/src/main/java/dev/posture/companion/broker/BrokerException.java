package dev.posture.companion.broker;

/** The embedded broker cannot start or stop: one line naming the address and the cause. */
public final class BrokerException extends Exception {
    private static final long serialVersionUID = 1L;

    public BrokerException(String message, Throwable cause) {
        super(message, cause);
    }
}
