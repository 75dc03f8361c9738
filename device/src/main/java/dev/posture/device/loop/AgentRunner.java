package dev.posture.device.loop;

import java.util.Objects;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * Runs one {@link Agent} on one thread: {@code doWork}, and when it did nothing, the
 * {@link IdleStrategy} until the agent's next deadline. Whatever {@code doWork} throws goes to the
 * {@link ErrorHandler} and {@link #errors()}; the loop goes on (a sensor, a motor or a bug in one
 * sample must not stop posture cueing for good).
 *
 * <p>Tests do not start a thread: they call {@link #runOneCycle()} with an injected clock and idle
 * strategy. {@link #close()} may be called from any thread; it stops the loop and wakes it.
 */
public final class AgentRunner implements Runnable, AutoCloseable {
    private final Agent agent;
    private final IdleStrategy idle;
    private final ErrorHandler errorHandler;
    private final LongSupplier clockNanos;

    private volatile boolean running = true;
    private volatile Thread thread;
    private volatile long errors;       // written by the runner thread only
    private volatile long handlerErrors;

    public AgentRunner(Agent agent, IdleStrategy idle, ErrorHandler errorHandler, LongSupplier clockNanos) {
        this.agent = Objects.requireNonNull(agent, "agent");
        this.idle = Objects.requireNonNull(idle, "idle");
        this.errorHandler = Objects.requireNonNull(errorHandler, "errorHandler");
        this.clockNanos = Objects.requireNonNull(clockNanos, "clockNanos");
    }

    /** Starts a thread named after the agent's role, at maximum Java priority. */
    public Thread start() {
        Thread t = new Thread(this, agent.roleName());
        t.setPriority(Thread.MAX_PRIORITY);
        t.start();
        return t;
    }

    @Override
    public void run() {
        thread = Thread.currentThread();
        try {
            while (running) {
                runOneCycle();
            }
        } finally {
            agent.onClose();
        }
    }

    /**
     * One cycle: {@code doWork} once; if it returned 0 or threw, idle until the agent's deadline.
     *
     * @return the work count, or -1 when {@code doWork} threw
     */
    public int runOneCycle() {
        int work;
        try {
            work = agent.doWork();
        } catch (Throwable t) {    // incl. Errors: the loop allocates nothing and may well go on
            errors++;
            report(t);
            work = -1;
        }
        if (work <= 0) {           // after an error too: a doWork that always throws must not spin
            idle.idle(clockNanos.getAsLong(), agent.nextDeadlineNanos());
        }
        return work;
    }

    private void report(Throwable t) {
        try {
            errorHandler.onError(t);
        } catch (Throwable handlerFailure) {
            handlerErrors++;
        }
    }

    /** Exceptions thrown by {@code doWork} so far. Any thread. */
    public long errors() {
        return errors;
    }

    /** Exceptions thrown by the error handler itself (swallowed). Any thread. */
    public long handlerErrors() {
        return handlerErrors;
    }

    public boolean isRunning() {
        return running;
    }

    /** Stops the loop after the current cycle and wakes it if it is parked. Any thread. */
    @Override
    public void close() {
        running = false;
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }
}
