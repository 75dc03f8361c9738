package dev.posture.device.loop;

/** Receives what an agent's {@code doWork} threw; must not throw itself. */
@FunctionalInterface
public interface ErrorHandler {
    void onError(Throwable error);
}
