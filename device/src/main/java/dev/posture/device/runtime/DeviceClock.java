package dev.posture.device.runtime;

import dev.posture.device.loop.IdleStrategy;
import java.time.ZoneId;

/**
 * The firmware's clocks: monotonic nanoseconds for the loop, sample stamps and timeouts; the wall
 * clock for event times, recording names and quiet hours; and how the loop waits for a deadline on
 * the monotonic clock. On the device they are the system's; {@code sim --speed X} runs them X times
 * faster, so a workday fits in minutes with every rule seeing simulated time.
 */
public interface DeviceClock {

    /** Monotonic time, ns. */
    long nanos();

    /** Wall-clock time, ms since 1970-01-01 UTC. */
    long wallMs();

    /** Time zone of the wearer's day (quiet hours). */
    ZoneId zone();

    /** How the sampling loop sleeps until a deadline on {@link #nanos()}. */
    IdleStrategy idleStrategy();

    /** Real seconds per clock second: 1 on the device, 1/speed in a sped-up simulation. */
    default double realPerClock() {
        return 1.0;
    }

    /** The system clocks in the system time zone, running from 0 now. */
    static DeviceClock system() {
        return new SystemClock(ZoneId.systemDefault()).start();
    }
}
