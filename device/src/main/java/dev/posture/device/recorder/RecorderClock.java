package dev.posture.device.recorder;

/**
 * The two clocks a recording needs: the wall clock names the recording and goes into the header; the
 * monotonic clock is the one the sampling loop stamps samples with (the header's device start is on
 * it) and paces the flushes. Tests pass a hand-driven clock.
 */
public interface RecorderClock {
    /** Wall clock, ms since 1970-01-01 UTC. */
    long wallMs();

    /** Monotonic clock, microseconds; must be the clock the sampling loop stamps samples with. */
    long monoUs();

    /** {@link System#currentTimeMillis()} and {@link System#nanoTime()} / 1000. */
    static RecorderClock system() {
        return new RecorderClock() {
            @Override
            public long wallMs() {
                return System.currentTimeMillis();
            }

            @Override
            public long monoUs() {
                return System.nanoTime() / 1000;
            }
        };
    }
}
