package dev.posture.device.loop;

/**
 * What the runner does when the agent had nothing to do: wait until the agent's next deadline. An
 * implementation may return early (a spurious wake-up, an unpark); the runner then asks the agent
 * again, which does nothing and the runner idles once more.
 */
@FunctionalInterface
public interface IdleStrategy {
    /**
     * @param nowNanos      the agent clock now
     * @param deadlineNanos when the agent next has work ({@code Long.MAX_VALUE}: none scheduled)
     */
    void idle(long nowNanos, long deadlineNanos);
}
