package dev.posture.device.sim;

import dev.posture.device.loop.IdleStrategy;
import dev.posture.device.loop.ParkingIdleStrategy;
import dev.posture.device.runtime.DeviceClock;
import java.time.ZoneId;

/**
 * Real time from 0 at {@link #start()} ({@code sim --real-time}): the loop parks exactly as on the
 * device, so a simulation measures the device's own timing (jitter, missed samples) on this machine.
 */
public final class RealTimeClock implements DeviceClock {
    private final ZoneId zone;
    private final IdleStrategy parking = new ParkingIdleStrategy();
    private volatile long realStart;
    private volatile boolean started;

    public RealTimeClock(ZoneId zone) {
        this.zone = zone;
    }

    public void start() {
        realStart = System.nanoTime();
        started = true;
    }

    @Override
    public long nanos() {
        return started ? System.nanoTime() - realStart : 0;
    }

    @Override
    public long wallMs() {
        return System.currentTimeMillis();
    }

    @Override
    public ZoneId zone() {
        return zone;
    }

    @Override
    public IdleStrategy idleStrategy() {
        return parking;
    }
}
