package dev.posture.hardware.sim;

/**
 * Everything the kinematics needs, precomputed from a scenario's segments: one track per channel,
 * gain tracks and oscillator banks, the carrier path, the mount history, the segment and off-body
 * tables. Immutable; shared by every simulator of the scenario.
 */
final class Plan {
    final Track[] channels;        // indexed by Channel.ordinal()
    final Track[] gains;           // gain tracks of the oscillator banks
    final OscillatorBank[] banks;
    final Carrier carrier;
    final double[] initialMount;   // sensor->back matrix before the first re-clip
    final double[] reclipStart;    // s: when each re-clip's mount rotation starts
    final double[] reclipDuration; // s
    final double[][] reclipFrom;   // sensor->back matrix at the start of each re-clip
    final double[][] reclipAxis;   // unit axis (sensor frame of the old mount) of each re-clip rotation
    final double[] reclipAngle;    // rad
    final Mount[] mounts;          // mounts[0] initial, mounts[i + 1] after re-clip i
    final double[] spanStart;      // s: start of each segment
    final SegmentKind[] spanKind;
    final double[] offBodyStart;   // s
    final double[] offBodyEnd;     // s
    final double durationS;

    Plan(Track[] channels, Track[] gains, OscillatorBank[] banks, Mount[] mounts, double[] reclipStart,
         double[] reclipDuration, double[] spanStart, SegmentKind[] spanKind, double[] offBodyStart,
         double[] offBodyEnd, double durationS) {
        this.channels = channels;
        this.gains = gains;
        this.banks = banks;
        this.carrier = new Carrier(channels[Channel.SPEED.ordinal()], channels[Channel.HEADING.ordinal()]);
        this.mounts = mounts;
        this.initialMount = new double[9];
        mounts[0].matrix(initialMount);
        int n = reclipStart.length;
        this.reclipStart = reclipStart;
        this.reclipDuration = reclipDuration;
        this.reclipFrom = new double[n][9];
        this.reclipAxis = new double[n][3];
        this.reclipAngle = new double[n];
        for (int i = 0; i < n; i++) {
            mounts[i].matrix(reclipFrom[i]);
            Mount delta = mounts[i].inverse().then(mounts[i + 1]); // old -> new, in the old sensor frame
            double s = Math.sqrt(delta.x() * delta.x() + delta.y() * delta.y() + delta.z() * delta.z());
            reclipAngle[i] = 2 * Math.atan2(s, delta.w());
            if (s > 0) {
                reclipAxis[i][0] = delta.x() / s;
                reclipAxis[i][1] = delta.y() / s;
                reclipAxis[i][2] = delta.z() / s;
            } else {
                reclipAxis[i][2] = 1;
            }
        }
        this.spanStart = spanStart;
        this.spanKind = spanKind;
        this.offBodyStart = offBodyStart;
        this.offBodyEnd = offBodyEnd;
        this.durationS = durationS;
    }

    /** Index of the segment in force at {@code t} (the first before 0, the last after the end). */
    int spanAt(double t) {
        return Math.max(0, countAtOrBefore(spanStart, t) - 1);
    }

    /** True while the clip is off the body. */
    boolean offBody(double t) {
        int i = countAtOrBefore(offBodyStart, t) - 1;
        return i >= 0 && t < offBodyEnd[i];
    }

    /** Index of the last re-clip started at or before {@code t}, or -1. */
    int reclipAt(double t) {
        return countAtOrBefore(reclipStart, t) - 1;
    }

    /** Number of entries of ascending {@code a} that are <= t. */
    static int countAtOrBefore(double[] a, double t) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] <= t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
