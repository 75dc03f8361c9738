package dev.posture.hardware.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A scalar trajectory made of superposed minimum-jerk moves: {@code x(t) = base + sum_i delta_i
 * s((t - t0_i) / dur_i)}. Moves may overlap (a stance change and a breathing bump, say), because they
 * add. The value and its first two time derivatives are exact and continuous.
 *
 * <p>Immutable after {@link Builder#build()}; evaluation allocates nothing and costs a binary search
 * plus the moves still in progress at {@code t}.
 */
final class Track {
    private final double base;        // value before the first move, in the channel's unit
    private final double[] start;     // move start times (s), ascending
    private final double[] duration;  // move durations (s), > 0
    private final double[] delta;     // move heights, in the channel's unit
    private final double[] doneSum;   // doneSum[k] = sum of delta[0..k-1]
    private final double maxDuration; // longest move (s): moves in progress started after t - maxDuration

    private Track(double base, double[] start, double[] duration, double[] delta) {
        this.base = base;
        this.start = start;
        this.duration = duration;
        this.delta = delta;
        this.doneSum = new double[start.length + 1];
        double longest = 0;
        for (int i = 0; i < start.length; i++) {
            doneSum[i + 1] = doneSum[i] + delta[i];
            longest = Math.max(longest, duration[i]);
        }
        this.maxDuration = longest;
    }

    /** Value before any move. */
    double base() {
        return base;
    }

    /** Value after every move has completed. */
    double finalValue() {
        return base + doneSum[start.length];
    }

    /** Time (s) when the first move starts, or +infinity for a constant track. */
    double firstMoveStart() {
        return start.length == 0 ? Double.POSITIVE_INFINITY : start[0];
    }

    /** Time (s) when the last move ends, or -infinity for a constant track. */
    double lastMoveEnd() {
        double end = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < start.length; i++) {
            end = Math.max(end, start[i] + duration[i]);
        }
        return end;
    }

    int moveCount() {
        return start.length;
    }

    /** Start and end times of every move, for callers that need the breakpoints. */
    void appendBreakpoints(List<Double> out) {
        for (int i = 0; i < start.length; i++) {
            out.add(start[i]);
            out.add(start[i] + duration[i]);
        }
    }

    /** The value at {@code t}. */
    double value(double t) {
        int started = countStartedBy(t);
        double v = base + doneSum[started];
        for (int i = firstPossiblyActive(t, started); i < started; i++) {
            double u = (t - start[i]) / duration[i];
            if (u < 1) {
                v += delta[i] * (MinJerk.s(u) - 1);
            }
        }
        return v;
    }

    /** Writes the value, first and second derivative at {@code t} into {@code out[off..off+2]}. */
    void eval(double t, double[] out, int off) {
        int started = countStartedBy(t);
        double v = base + doneSum[started];
        double d1 = 0;
        double d2 = 0;
        for (int i = firstPossiblyActive(t, started); i < started; i++) {
            double dur = duration[i];
            double u = (t - start[i]) / dur;
            if (u < 1) {
                double h = delta[i];
                v += h * (MinJerk.s(u) - 1);
                d1 += h * MinJerk.ds(u) / dur;
                d2 += h * MinJerk.dds(u) / (dur * dur);
            }
        }
        out[off] = v;
        out[off + 1] = d1;
        out[off + 2] = d2;
    }

    /** Number of moves with start <= t (binary search). */
    private int countStartedBy(double t) {
        int lo = 0;
        int hi = start.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (start[mid] <= t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** First index whose move may still be in progress at t (its start is after t - maxDuration). */
    private int firstPossiblyActive(double t, int started) {
        double earliest = t - maxDuration;
        int lo = 0;
        int hi = started;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (start[mid] < earliest) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Collects moves in any order; tracks the level the channel reaches once they all complete. */
    static final class Builder {
        private final double base;
        private final List<double[]> moves = new ArrayList<>(); // {start, duration, delta}
        private double level;

        Builder(double base) {
            this.base = base;
            this.level = base;
        }

        /** The value once every move added so far has completed. */
        double level() {
            return level;
        }

        /** Adds a move of height {@code delta} from {@code t0} over {@code dur} seconds. */
        Builder moveBy(double t0, double dur, double delta) {
            if (!(dur > 0)) {
                throw new IllegalArgumentException("move duration must be > 0 s, got " + dur);
            }
            if (delta != 0) {
                moves.add(new double[] {t0, dur, delta});
                level += delta;
            }
            return this;
        }

        /** Adds a move that brings the final level to {@code target}. */
        Builder moveTo(double t0, double dur, double target) {
            return moveBy(t0, dur, target - level);
        }

        /** Out and back: rises by {@code peak} over {@code rise}, holds, returns over {@code fall}. */
        Builder bump(double t0, double rise, double hold, double fall, double peak) {
            moveBy(t0, rise, peak);
            return moveBy(t0 + rise + hold, fall, -peak);
        }

        Track build() {
            double[][] sorted = moves.toArray(new double[0][]);
            Arrays.sort(sorted, (a, b) -> Double.compare(a[0], b[0]));
            int n = sorted.length;
            double[] s = new double[n];
            double[] d = new double[n];
            double[] h = new double[n];
            for (int i = 0; i < n; i++) {
                s[i] = sorted[i][0];
                d[i] = sorted[i][1];
                h[i] = sorted[i][2];
            }
            return new Track(base, s, d, h);
        }
    }
}
