package dev.posture.device.console;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * The bounded queue between a {@link ConsoleSession} and the thread that writes to the port, so a
 * slow or absent reader on the far end never blocks the firmware: STREAM lines are dropped once
 * {@code capacity} lines wait, EVENT lines may use a further {@code eventReserve} lines and are dropped
 * after that, and REPLY/TRANSFER lines wait for room (they come from the console's own reader thread,
 * which may wait). Thread-safe.
 */
public final class ConsoleOutput implements LineSink {
    private final int capacity;
    private final int eventReserve;
    private final ArrayDeque<byte[]> lines = new ArrayDeque<>();
    /** Bumped by {@link #clear()}, so a sender waiting for room gives up its line for the old connection. */
    private long generation;
    private boolean closed;
    private long droppedStream;
    private long droppedEvents;
    /** Senders waiting for room now. */
    private int waiting;

    /**
     * @param capacity     lines that may wait before STREAM lines are dropped and replies wait, at least 1
     * @param eventReserve extra lines for EVENTs beyond {@code capacity}
     */
    public ConsoleOutput(int capacity, int eventReserve) {
        if (capacity < 1 || eventReserve < 0) {
            throw new IllegalArgumentException("capacity must be positive and the reserve not negative: "
                    + capacity + ", " + eventReserve);
        }
        this.capacity = capacity;
        this.eventReserve = eventReserve;
    }

    @Override
    public synchronized boolean offer(Kind kind, byte[] bytes, int length) {
        if (closed) {
            return false;
        }
        switch (kind) {
            case STREAM:
                if (lines.size() >= capacity) {
                    droppedStream++;
                    return false;
                }
                break;
            case EVENT:
                if (lines.size() >= capacity + eventReserve) {
                    droppedEvents++;
                    return false;
                }
                break;
            default:
                long startGeneration = generation;
                while (lines.size() >= capacity) {
                    waiting++;
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return false;
                    } finally {
                        waiting--;
                    }
                    if (closed || generation != startGeneration) {
                        return false;
                    }
                }
        }
        lines.addLast(Arrays.copyOf(bytes, length));
        notifyAll();
        return true;
    }

    /** The oldest line, waiting up to {@code timeoutNanos} for one; null if none came or the queue is closed. */
    public synchronized byte[] poll(long timeoutNanos) throws InterruptedException {
        long deadline = System.nanoTime() + Math.max(0, timeoutNanos);
        while (lines.isEmpty() && !closed) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        byte[] line = lines.pollFirst();
        if (line != null) {
            notifyAll();
        }
        return line;
    }

    /** Forgets every waiting line (the port went away); senders waiting for room give up theirs. */
    public synchronized void clear() {
        lines.clear();
        generation++;
        notifyAll();
    }

    /** Drops everything and refuses lines from now on; wakes every waiting thread. */
    public synchronized void close() {
        closed = true;
        lines.clear();
        notifyAll();
    }

    public synchronized int size() {
        return lines.size();
    }

    /** REPLY/TRANSFER senders waiting for room now. */
    public synchronized int waitingSenders() {
        return waiting;
    }

    /** STREAM lines dropped because the queue was full. */
    public synchronized long droppedStream() {
        return droppedStream;
    }

    /** EVENT lines dropped because the queue and its reserve were full. */
    public synchronized long droppedEvents() {
        return droppedEvents;
    }
}
