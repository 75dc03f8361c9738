package dev.posture.device.sim;

import dev.posture.device.loop.IdleStrategy;
import dev.posture.device.loop.ParkingIdleStrategy;
import dev.posture.device.runtime.DeviceClock;
import java.time.ZoneId;
import java.util.concurrent.locks.LockSupport;

/**
 * Simulated time running {@code speed} times faster than real time, from 0 ns at construction; the
 * wall clock starts at {@code startWallMs} and advances with it. The sampling loop parks for the
 * real time that corresponds to its deadline, so at speed 60 a 100 Hz loop takes 6000 samples per
 * real second, and every rule (dwell, snooze, check-ins, quiet hours) sees simulated time.
 */
public final class ScaledClock implements DeviceClock {
    private final double speed;
    private final long realStart = System.nanoTime();
    private final long startWallMs;
    private final ZoneId zone;

    /**
     * @param speed       simulated seconds per real second, 0.1..1000
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

    @Override
    public long nanos() {
        return (long) ((System.nanoTime() - realStart) * speed);
    }

    @Override
    public long wallMs() {
        return startWallMs + nanos() / 1_000_000;
    }

    @Override
    public ZoneId zone() {
        return zone;
    }

    @Override
    public double realPerClock() {
        return 1 / speed;
    }

    @Override
    public IdleStrategy idleStrategy() {
        return (now, deadline) -> {
            long wait = deadline - now;
            if (wait > 0) {
                LockSupport.parkNanos(Math.min((long) (wait / speed) + 1, ParkingIdleStrategy.MAX_PARK_NANOS));
            }
        };
    }
}
