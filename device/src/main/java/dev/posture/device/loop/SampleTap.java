package dev.posture.device.loop;

/**
 * Where the loop hands every good sample's raw counts besides the pipeline: the trace recorder's
 * ring. Called on the loop thread; must not block or allocate, and may drop (returning false), which
 * the implementation counts.
 */
@FunctionalInterface
public interface SampleTap {
    /** A tap that takes nothing. */
    SampleTap NONE = (tUs, counts) -> true;

    /**
     * @param tUs    device monotonic time of the sample, us
     * @param counts accel x, y, z then gyro x, y, z raw counts; read it before returning, don't keep it
     * @return false if the sample was dropped
     */
    boolean offer(long tUs, short[] counts);
}
