package dev.posture.device.sim;

import dev.posture.device.loop.IdleStrategy;
import dev.posture.device.loop.ParkingIdleStrategy;
import dev.posture.device.runtime.DeviceClock;
import java.time.ZoneId;
import java.util.concurrent.locks.LockSupport;

/**
 * Simulated time for {@code sim --speed X}: it starts at 0 and moves only when the sampling loop
 * idles to its next deadline (the clock jumps there), and the loop is then held back until real
 * time catches up with {@code simulated / speed}. So the loop never misses a sample because the
 * machine is busy: a loaded machine makes the simulation slower than X, never wrong, and every
 * rule (dwell, snooze, check-ins, quiet hours) sees exactly the simulated time. The wall clock
 * starts at {@code startWallMs} and moves with it.
 */
public final class ScaledClock implements DeviceClock {
    /** Real time spun rather than parked before a pacing deadline (a park can wake far too late). */
    static final long SPIN_NANOS = 300_000;

    private final double speed;
    private final long startWallMs;
    private final ZoneId zone;
    private volatile long simNanos;
    private volatile long realStart;
    private volatile boolean started;

    /**
     * @param speed       at most this many simulated seconds per real second, 0.1..1000
     * @param startWallMs the wall clock at simulated time 0
     * @param zone        the wearer's time zone
     */
    public ScaledClock(double speed, long startWallMs, ZoneId zone) {
        if (!(speed >= 0.1 && speed <= 1000)) {
            throw new IllegalArgumentException("speed must be 0.1..1000, got " + speed);
        }
        this.speed = speed;
        this.startWallMs = startWallMs;
        this.zone = zone;
    }

    /** Real time starts now (simulated time stands at 0 until the loop first idles). */
    public void start() {
        realStart = System.nanoTime();
        started = true;
    }

    @Override
    public long nanos() {
        return simNanos;
    }

    @Override
    public long wallMs() {
        return startWallMs + simNanos / 1_000_000;
    }

    @Override
    public ZoneId zone() {
        return zone;
    }

    @Override
    public double realPerClock() {
        return 1 / speed;
    }

    /** The loop's idle: jump to the deadline, then wait for real time to reach it at this speed. */
    @Override
    public IdleStrategy idleStrategy() {
        return (now, deadline) -> {
            if (deadline == Long.MAX_VALUE || deadline - simNanos <= 0) {
                return;
            }
            simNanos = deadline;
            if (!started) {
                return;
            }
            long realDeadline = realStart + (long) (deadline / speed);
            long wait = realDeadline - System.nanoTime();
            if (wait > SPIN_NANOS) {
                LockSupport.parkNanos(Math.min(wait - SPIN_NANOS, ParkingIdleStrategy.MAX_PARK_NANOS));
            }
            while (System.nanoTime() - realDeadline < 0) {
                Thread.onSpinWait();
            }
        };
    }
}
