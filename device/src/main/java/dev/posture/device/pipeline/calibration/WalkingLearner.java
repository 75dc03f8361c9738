package dev.posture.device.pipeline.calibration;

/**
 * Learns the neutral up vector and the forward axis from walking, for when the clip has been moved and
 * nobody recalibrated (or it was never calibrated).
 *
 * <p><b>Neutral</b>: the mean up vector over the walking samples, tipped back by the usual forward
 * lean of walking ({@code walkingLeanDeg}, 3 deg by default) along the learned forward axis.
 *
 * <p><b>Forward axis</b>, sign included, from the exchange of kinetic and potential energy in walking
 * (the inverted pendulum): the body slows down while it rises onto the stance leg and speeds up while
 * it falls, so the fore-aft acceleration is negatively correlated with the vertical velocity, while
 * the side-to-side sway runs at half the step rate and does not correlate at all. Per sample: the
 * vertical specific force {@code a.u} (u the current up vector) minus its slow mean, integrated with a
 * leak into a vertical-velocity proxy {@code v}; the horizontal acceleration {@code a - (a.u) u};
 * summed products {@code c += a_h v}. Then {@code c} points backward in body terms, which is exactly
 * the forward axis of {@link PostureFrame} (where the up vector goes when leaning forward). Tilt errors
 * of the up vector leak vertical acceleration into {@code a_h}, but it is in quadrature with {@code v}
 * and averages out.
 *
 * <p><b>Blocks.</b> The sums are kept per block of {@code blockS} walking seconds in a ring covering
 * {@code memoryS}; older blocks fall out. The learned values count only when the blocks within the
 * valid range cover {@code walkS} and agree ({@code |sum c_block| >= minConsistency * sum |c_block|}).
 * A suspected re-clip either drops every block ({@link #reset}) or keeps those recorded since the
 * evidence began ({@link #keepFrom}), so walking that revealed the re-clip also counts towards
 * relearning.
 *
 * <p>Units: accel in counts, up in Q2.30, velocity proxy Q8 counts x samples; sums in long
 * (overflow-free for 64 blocks of up to 60 s at 1000 Hz).
 */
final class WalkingLearner {
    /** Blocks the ring holds at most. */
    static final int MAX_BLOCKS = 64;
    private static final int Q8 = 8;

    // ---- coefficients ----
    private long alphaGravity;  // Q20, 1 - exp(-dt / 2 s): slow mean of the vertical force
    private long leakVelocity;  // Q20, dt / 0.5 s: leak of the velocity proxy
    private long alphaRecent;   // Q20, 1 - exp(-dt / 5 s): recent walking up vector
    private long walkUs;
    private long blockUs;
    private int blocksKept;
    private long consistencyQ10;
    private long tanLeanQ30;
    private long maxGapUs;      // longest sample gap counted as walking time

    // ---- state: filters ----
    private long gravity;       // Q8 counts
    private long velocity;      // Q8 counts * samples
    private boolean primed;
    private long lastUs = Long.MIN_VALUE;
    private final long[] recentUp = new long[3]; // Q30 EMA of up while walking
    private long recentUs;      // walking time fed into recentUp since reset

    // ---- state: blocks ----
    private final long[] curUp = new long[3];
    private final long[] curC = new long[3];
    private long curUs;
    private final long[] blockUp = new long[3 * MAX_BLOCKS];
    private final long[] blockC = new long[3 * MAX_BLOCKS];
    private final long[] blockLength = new long[MAX_BLOCKS]; // walking us
    private final long[] blockNorm = new long[MAX_BLOCKS];   // |c_block|
    private long nextSeq;       // sequence number of the open block
    private long firstValidSeq;
    private boolean blockJustEnded;

    // ---- aggregates over the valid blocks (recomputed when a block ends) ----
    private final long[] sumUp = new long[3];
    private final long[] sumC = new long[3];
    private long sumUs;
    private boolean ready;

    private final int[] tmpA = new int[3];
    private final int[] tmpB = new int[3];

    /** @param sampleRateHz the rate at which {@link #step} is called (the geometry stage's ~50 Hz), Hz */
    void configure(GeometryParams.Relearn p, double sampleRateHz) {
        double fs = sampleRateHz;
        alphaGravity = Math.max(1, Math.round(-Math.expm1(-1 / (fs * 2.0)) * (1 << 20)));
        leakVelocity = Math.max(1, Math.round((1 << 20) / (fs * 0.5)));
        alphaRecent = Math.max(1, Math.round(-Math.expm1(-1 / (fs * 5.0)) * (1 << 20)));
        walkUs = Math.round(p.walkS() * 1e6);
        blockUs = Math.round(p.blockS() * 1e6);
        blocksKept = (int) Math.min(MAX_BLOCKS, Math.ceil(p.memoryS() / p.blockS()));
        consistencyQ10 = Math.round(p.minConsistency() * 1024);
        tanLeanQ30 = Math.round(Math.tan(Math.toRadians(p.walkingLeanDeg())) * AngleMath.ONE);
        maxGapUs = Math.round(5e6 / fs); // five nominal periods
    }

    /** Forgets all walking (a re-clip before any walking revealed it). */
    void reset() {
        for (int i = 0; i < 3; i++) {
            curUp[i] = 0;
            curC[i] = 0;
            recentUp[i] = 0;
        }
        curUs = 0;
        recentUs = 0;
        firstValidSeq = nextSeq;
        aggregate();
    }

    /** Keeps only the blocks from {@code seq} on (a re-clip revealed by walking since then). */
    void keepFrom(long seq) {
        firstValidSeq = Math.max(firstValidSeq, seq);
        aggregate();
    }

    /** Closes the open block now, so later walking starts a new one (the clip may have been moved). */
    void splitBlock() {
        if (curUs > 0) {
            endBlock();
        }
    }

    /** Sequence number of the block now being filled. */
    long currentSeq() {
        return nextSeq;
    }

    /** Sequence number of the last completed block (-1 before any). */
    long lastBlockSeq() {
        return nextSeq - 1;
    }

    /**
     * One sample. The vertical filters run on every sample; the sums take only samples where the
     * wearer is {@code walking} (steps under way, not jogging).
     */
    void step(long tUs, int[] up, short[] raw, boolean walking) {
        blockJustEnded = false;
        long dt = lastUs == Long.MIN_VALUE ? 0 : Math.min(tUs - lastUs, maxGapUs);
        lastUs = tUs;
        long ax = raw[0];
        long ay = raw[1];
        long az = raw[2];
        long vertical = (ax * up[0] + ay * up[1] + az * up[2] + (1L << 29)) >> 30; // counts
        if (!primed) {
            primed = true;
            gravity = vertical << Q8;
        }
        gravity += (((vertical << Q8) - gravity) * alphaGravity) >> 20;
        velocity += (vertical << Q8) - gravity - ((velocity * leakVelocity) >> 20);
        if (walking) {
            accumulate(dt, up, ax, ay, az, vertical);
        }
    }

    /** A walking sample: the correlation sums, the up vector sums and the block bookkeeping. */
    private void accumulate(long dt, int[] up, long ax, long ay, long az, long vertical) {
        long v = velocity;
        // Horizontal specific force a - (a.u) u, counts.
        long hx = ax - ((vertical * up[0] + (1L << 29)) >> 30);
        long hy = ay - ((vertical * up[1] + (1L << 29)) >> 30);
        long hz = az - ((vertical * up[2] + (1L << 29)) >> 30);
        curC[0] += (hx * v) >> Q8;
        curC[1] += (hy * v) >> Q8;
        curC[2] += (hz * v) >> Q8;
        for (int i = 0; i < 3; i++) {
            curUp[i] += up[i];
            long target = up[i];
            recentUp[i] = recentUs == 0 ? target : recentUp[i] + (((target - recentUp[i]) * alphaRecent) >> 20);
        }
        recentUs += dt;
        curUs += dt;
        if (curUs >= blockUs) {
            endBlock();
        }
    }

    private void endBlock() {
        blockJustEnded = true;
        int slot = (int) (nextSeq % MAX_BLOCKS);
        for (int i = 0; i < 3; i++) {
            blockUp[3 * slot + i] = curUp[i];
            blockC[3 * slot + i] = curC[i];
            curUp[i] = 0;
            curC[i] = 0;
        }
        blockLength[slot] = curUs;
        blockNorm[slot] = AngleMath.length(blockC[3 * slot], blockC[3 * slot + 1], blockC[3 * slot + 2]);
        curUs = 0;
        nextSeq++;
        aggregate();
    }

    /** Sums over the valid blocks still in the ring; decides {@link #ready()}. */
    private void aggregate() {
        long from = Math.max(firstValidSeq, nextSeq - blocksKept);
        long norms = 0;
        sumUs = 0;
        for (int i = 0; i < 3; i++) {
            sumUp[i] = 0;
            sumC[i] = 0;
        }
        for (long seq = from; seq < nextSeq; seq++) {
            int slot = (int) (seq % MAX_BLOCKS);
            for (int i = 0; i < 3; i++) {
                sumUp[i] += blockUp[3 * slot + i];
                sumC[i] += blockC[3 * slot + i];
            }
            sumUs += blockLength[slot];
            norms += blockNorm[slot];
        }
        long resultant = AngleMath.length(sumC[0], sumC[1], sumC[2]);
        ready = sumUs >= walkUs && norms > 0 && resultant * 1024 >= consistencyQ10 * norms;
    }

    /** Enough consistent walking to give neutral and forward. */
    boolean ready() {
        return ready;
    }

    /** True on the sample where a block of walking ended. */
    boolean blockJustEnded() {
        return blockJustEnded;
    }

    /** Walking time in the valid blocks, us. */
    long walkingUs() {
        return sumUs;
    }

    /** Walking time fed into the recent up vector since the last reset, us. */
    long recentUs() {
        return recentUs;
    }

    /** The up vector over the last few seconds of walking (unit, Q2.30); false before any walking. */
    /**
     * True when the recent walking up vector is at least the angle {@code theta} (below 90 deg) away
     * from the unit vector {@code n}, given {@code cos^2(theta)} in Q2.30: compares {@code (r.n)^2}
     * with {@code |r|^2 cos^2(theta)}, no square root and no division (the re-clip watch asks this at
     * 20 Hz while walking; {@link #recentUp} and an angle only when it decides).
     */
    boolean recentAtLeast(int[] n, long cosSqQ30) {
        long x = recentUp[0] >> 4; // Q26: products and squares fit
        long y = recentUp[1] >> 4;
        long z = recentUp[2] >> 4;
        long d = (x * n[0] + y * n[1] + z * n[2]) >> 30; // Q26
        if (d <= 0) {
            return true; // 90 deg or more
        }
        long len2 = x * x + y * y + z * z; // Q52, below 2^54
        // len2 * cos^2 / 2^30 in Q52: (len2 * 2^8) * (cos^2 * 2^26) / 2^64
        return d * d <= Math.multiplyHigh(len2 << 8, cosSqQ30 << 26);
    }

    boolean recentUp(int[] out) {
        return recentUs > 0 && AngleMath.normalise(recentUp[0], recentUp[1], recentUp[2], out);
    }

    /**
     * The learned neutral and forward axis (unit, Q2.30; forward orthogonal to neutral); false when
     * there is no usable direction.
     */
    boolean result(int[] neutralOut, int[] forwardOut) {
        int[] walkUp = tmpA;
        int[] dir = tmpB;
        if (!AngleMath.normalise(sumUp[0], sumUp[1], sumUp[2], walkUp)
                || !AngleMath.normalise(sumC[0], sumC[1], sumC[2], dir) || !AngleMath.orthogonalUnit(dir, walkUp, dir)) {
            return false;
        }
        // Undo the forward lean of walking: neutral = walking up tipped back along forward.
        if (!AngleMath.normalise(((long) walkUp[0] << 30) - tanLeanQ30 * dir[0],
                ((long) walkUp[1] << 30) - tanLeanQ30 * dir[1], ((long) walkUp[2] << 30) - tanLeanQ30 * dir[2],
                neutralOut)) {
            return false;
        }
        return AngleMath.orthogonalUnit(dir, neutralOut, forwardOut);
    }

    /** The learned forward direction over the valid blocks (unit, orthogonal to {@code neutral}); false when none. */
    boolean direction(int[] neutral, int[] out) {
        return AngleMath.normalise(sumC[0], sumC[1], sumC[2], out) && AngleMath.orthogonalUnit(out, neutral, out);
    }

    /** The forward direction of the last completed block alone; false when none. */
    boolean lastBlockDirection(int[] neutral, int[] out) {
        if (nextSeq == 0) {
            return false;
        }
        int slot = (int) ((nextSeq - 1) % MAX_BLOCKS);
        return AngleMath.normalise(blockC[3 * slot], blockC[3 * slot + 1], blockC[3 * slot + 2], out)
                && AngleMath.orthogonalUnit(out, neutral, out);
    }
}
