package dev.posture.device.runtime;

import dev.posture.device.loop.IdleStrategy;
import dev.posture.device.loop.ParkingIdleStrategy;
import java.time.ZoneId;

/**
 * The system's clocks: monotonic time from 0 at {@link #start()} (it stands at 0 before), the
 * system wall clock, and the parking idle strategy. The device runs on it ({@code run}), and so does
 * {@code sim --real-time}, which therefore measures the device's own loop timing on this machine.
 */
public final class SystemClock implements DeviceClock {
    private final ZoneId zone;
    private final IdleStrategy parking = new ParkingIdleStrategy();
    private volatile long realStart;
    private volatile boolean started;

    public SystemClock(ZoneId zone) {
        this.zone = zone;
    }

    /** Monotonic time starts now. */
    public SystemClock start() {
        realStart = System.nanoTime();
        started = true;
        return this;
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
