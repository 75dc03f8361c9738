package dev.posture.device.loop;

/**
 * A unit of work run by an {@link AgentRunner} on one thread (Agrona's {@code Agent}, with a
 * deadline added so that the idle strategy knows how long it may sleep).
 */
public interface Agent {
    /**
     * Does whatever is due now and returns how much work that was (0: nothing was due). Exceptions go
     * to the runner's error handler; the runner calls {@code doWork} again afterwards.
     */
    int doWork() throws Exception;

    /** The clock time (ns, the agent's clock) at which {@link #doWork} next has something to do. */
    long nextDeadlineNanos();

    /** Called once on the runner's thread when the runner stops. */
    default void onClose() {
    }

    /** A short name for the thread and for logs. */
    String roleName();
}
