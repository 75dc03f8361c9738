package dev.posture.hardware.sim;

/**
 * Walks a scenario at a fixed sample rate: sample {@code k} is at {@code t = k / rate} seconds, for
 * every {@code t} in {@code [0, duration)}. One {@link SimRow} is reused, so iterating allocates
 * nothing.
 *
 * <pre>{@code
 * RowCursor rows = Scenarios.named("walking").rows(100);
 * while (rows.next()) {
 *     SimRow r = rows.row();
 *     use(r.tS(), r.acc(0), r.acc(1), r.acc(2), r.gyr(0), r.gyr(1), r.gyr(2), r.forwardDeg());
 * }
 * }</pre>
 */
public final class RowCursor {
    private final WearerSimulator simulator;
    private final double rateHz;
    private final long count;
    private final SimRow row = new SimRow();
    private long next;

    RowCursor(WearerSimulator simulator, double rateHz) {
        if (!(rateHz > 0 && rateHz <= 100_000)) {
            throw new IllegalArgumentException("sample rate must be in (0, 100000] Hz, got " + rateHz);
        }
        this.simulator = simulator;
        this.rateHz = rateHz;
        // The epsilon keeps rounding (60 s * 100 Hz = 6000.000001) from adding a sample at t = duration.
        this.count = (long) Math.ceil(simulator.scenario().durationS() * rateHz - 1e-9);
    }

    /** Advances to the next sample; false when the scenario is over. */
    public boolean next() {
        if (next >= count) {
            return false;
        }
        simulator.evaluate(next / rateHz, row);
        next++;
        return true;
    }

    /** The current sample (overwritten by {@link #next()}). */
    public SimRow row() {
        return row;
    }

    /** Number of samples in the whole walk. */
    public long count() {
        return count;
    }

    /** Index of the current sample (0-based), -1 before the first {@link #next()}. */
    public long index() {
        return next - 1;
    }

    public double rateHz() {
        return rateHz;
    }
}
