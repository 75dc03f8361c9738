package dev.posture.device.pipeline.calibration;

/**
 * Notices that the clip was taken off and put back at another angle, so the calibration no longer
 * describes the wearer. Three signs, each cheap (params in {@link GeometryParams.Reclip}):
 *
 * <ol>
 *   <li><b>Handling</b>: between two settled spells (settled: the up vector moved less than
 *       {@code settleDegPerS} over the last second) the up vector's path was long and winding: at
 *       least {@code handlingMinDeg}, at least {@code handlingExcessDeg} more than the net change and
 *       at least {@code handlingTortuosity} times it. Lying down, bending, sitting and getting up are
 *       one smooth turn each (on the simulator the path exceeds the net change by at most 11 deg); a
 *       clip in the hand wobbles on its way to its new angle (77-157 deg more). Handling that ends at
 *       least {@code offNeutralDeg} from neutral is a re-clip; handling that ends near neutral (a clip
 *       turned about the vertical) tightens sign 2 and arms sign 3. The path is sampled at
 *       20 Hz of device time and not counted while walking, jogging or riding.</li>
 *   <li><b>Walking off neutral</b>: walking with the recent up vector at least
 *       {@code walkingOffNeutralDeg} from neutral ({@code walkingOffAfterHandlingDeg} once the clip
 *       was handled) for {@code walkingOffNeutralS}: nobody walks bent over, so the clip moved.</li>
 *   <li><b>Walking direction</b>: {@code walkingDirectionBlocks} blocks of walking in a row whose
 *       forward direction is at least {@code walkingDirectionOffDeg} from the taught one, after the
 *       clip was handled or after walking had agreed with it since the last calibration: the clip
 *       turned about the vertical, which gravity cannot show. (Without either, a disagreement from the
 *       start is more likely a wearer whose gait fools the learner, and is not flagged.)</li>
 * </ol>
 *
 * A suspicion also tells the walking learner which blocks already belong to the new mount
 * ({@link #keepFromSeq()}). While a re-clip is suspected, {@link #stepSuspected} dismisses it when
 * walking shows the old neutral fits again (within {@code refitDeg} for {@code refitS}).
 */
final class ReclipDetector {
    private static final int RING = 20; // path ticks kept: one second
    private static final long TICK_US = 50_000; // the path and walking checks: 20 Hz of device time

    // ---- coefficients ----
    private long settleQ30;          // path over the ring that still counts as settled, rad Q30
    private int handlingMinCenti;
    private int handlingExcessCenti;
    private int tortuosityQ8;
    private int offNeutralCenti;
    private int walkingOffCenti;
    private int walkingOffHandledCenti;
    private long walkingOffUs;
    private int directionOffCenti;
    private int directionBlocks;
    private int refitCenti;
    private long walkingOffCosSq;        // cos^2 of the thresholds, Q2.30: compared without an angle
    private long walkingOffHandledCosSq;
    private long refitCosSq;
    private long refitUs;
    private long maxGapUs;

    // ---- state: handling ----
    private final int[] prevUp = new int[3];
    private boolean hasPrev;
    private long nextTickUs = Long.MIN_VALUE; // device time of the next tick
    private final long[] ring = new long[RING];
    private int ringIndex;
    private long ringSum;
    private boolean settled;
    private final int[] anchor = new int[3];
    private boolean hasAnchor;
    private long pathQ30;
    private boolean handled;         // handling seen since the last calibration

    // ---- state: walking ----
    private long offWalkingUs;
    private long offRunSeq = -1;     // learner block where the off-neutral walking began
    private int offBlocks;           // blocks in a row off the taught direction
    private long firstOffBlockSeq;
    private boolean agreed;          // a block agreed with the taught direction since the last calibration
    private long refitWalkingUs;
    private long lastUs = Long.MIN_VALUE;
    private long walkingSinceTickUs; // walking time since the last tick

    private final int[] recent = new int[3];
    private final int[] tmpN = new int[3];
    private final int[] tmpF = new int[3];
    private final int[] tmpD = new int[3];

    // ---- verdict of the last step ----
    private int measuredCenti;
    private long keepFromSeq = -1;

    /** @param sampleRateHz the rate at which {@link #step} is called (the geometry stage's ~50 Hz), Hz */
    void configure(GeometryParams.Reclip p, double sampleRateHz) {
        double ringS = RING * TICK_US / 1e6;
        settleQ30 = Math.round(Math.toRadians(p.settleDegPerS() * ringS) * AngleMath.ONE);
        handlingMinCenti = (int) Math.round(p.handlingMinDeg() * 100);
        handlingExcessCenti = (int) Math.round(p.handlingExcessDeg() * 100);
        tortuosityQ8 = (int) Math.round(p.handlingTortuosity() * 256);
        offNeutralCenti = (int) Math.round(p.offNeutralDeg() * 100);
        walkingOffCenti = (int) Math.round(p.walkingOffNeutralDeg() * 100);
        walkingOffHandledCenti = (int) Math.round(p.walkingOffAfterHandlingDeg() * 100);
        walkingOffUs = Math.round(p.walkingOffNeutralS() * 1e6);
        directionOffCenti = (int) Math.round(p.walkingDirectionOffDeg() * 100);
        directionBlocks = p.walkingDirectionBlocks();
        refitCenti = (int) Math.round(p.refitDeg() * 100);
        refitUs = Math.round(p.refitS() * 1e6);
        walkingOffCosSq = cosSqQ30(walkingOffCenti);
        walkingOffHandledCosSq = cosSqQ30(walkingOffHandledCenti);
        refitCosSq = cosSqQ30(refitCenti);
        maxGapUs = Math.round(5e6 / sampleRateHz);
    }

    private static long cosSqQ30(int centiDeg) {
        double c = Math.cos(Math.toRadians(centiDeg / 100.0));
        return Math.round(c * c * AngleMath.ONE);
    }

    /** Starts afresh: a new calibration (or relearning) was taken. */
    void reset() {
        hasPrev = false;
        hasAnchor = false;
        settled = false;
        pathQ30 = 0;
        ringSum = 0;
        for (int i = 0; i < RING; i++) {
            ring[i] = 0;
        }
        handled = false;
        offWalkingUs = 0;
        offRunSeq = -1;
        refitWalkingUs = 0;
        walkingSinceTickUs = 0;
        resetDirection();
    }

    /** A new forward axis was taught: the walking-direction check starts over. */
    void resetDirection() {
        offBlocks = 0;
        agreed = false;
    }

    /**
     * One sample while the calibration is trusted.
     *
     * @param moving  the activity gates cues (walking, jogging, riding)
     * @param walking steps under way (the learner takes this sample)
     * @return true when a re-clip is now suspected: {@link #measuredCentiDeg()} says how far from
     *         neutral the up vector is, {@link #keepFromSeq()} which learner blocks to keep
     */
    boolean step(long tUs, int[] up, boolean moving, boolean walking, PostureFrame frame, WalkingLearner learner) {
        long dt = lastUs == Long.MIN_VALUE ? 0 : Math.min(tUs - lastUs, maxGapUs);
        lastUs = tUs;
        keepFromSeq = -1;
        if (walking) {
            walkingSinceTickUs += dt;
        }
        if (tick(tUs)) {
            // The path and the walking checks run at ~20 Hz: the up vector's mean over seconds does not
            // need more.
            long walked = walkingSinceTickUs;
            walkingSinceTickUs = 0;
            if (handlingTick(up, moving, frame, learner)
                    || walkingOffNeutral(walked, walking, frame, learner)) {
                return true;
            }
        }
        return walkingDirection(up, frame, learner);
    }

    /**
     * True on the first call at or after each multiple of {@link #TICK_US} of device time (a grid, so
     * the tick rate does not depend on the sample rate or its jitter); restarts if the clock went back.
     */
    private boolean tick(long tUs) {
        if (tUs < nextTickUs && tUs >= nextTickUs - TICK_US) {
            return false;
        }
        nextTickUs = tUs - Math.floorMod(tUs, TICK_US) + TICK_US;
        return true;
    }

    /** The up vector's path, 20 Hz: settled spells, and a verdict when one begins after motion. */
    private boolean handlingTick(int[] up, boolean moving, PostureFrame frame, WalkingLearner learner) {
        if (!hasPrev) {
            System.arraycopy(up, 0, prevUp, 0, 3);
            hasPrev = true;
            return false;
        }
        long dx = ((long) up[0] - prevUp[0]) >> 2;
        long dy = ((long) up[1] - prevUp[1]) >> 2;
        long dz = ((long) up[2] - prevUp[2]) >> 2;
        long inc = AngleMath.sqrtApprox(dx * dx + dy * dy + dz * dz) << 2; // chord ~ angle, rad Q30
        System.arraycopy(up, 0, prevUp, 0, 3);
        ringSum += inc - ring[ringIndex];
        ring[ringIndex] = inc;
        ringIndex = (ringIndex + 1) % RING;
        boolean settledNow = ringSum < settleQ30;
        boolean suspect = false;
        if (moving) {
            pathQ30 = 0;
        } else if (settledNow) {
            if (!settled && hasAnchor) {
                suspect = judgeHandling(up, frame, learner);
            }
            System.arraycopy(up, 0, anchor, 0, 3);
            hasAnchor = true;
            pathQ30 = 0;
        } else {
            pathQ30 += inc;
        }
        settled = settledNow;
        return suspect;
    }

    private boolean judgeHandling(int[] up, PostureFrame frame, WalkingLearner learner) {
        int path = AngleMath.radQ30ToCentiDeg(pathQ30);
        if (path < handlingMinCenti) {
            return false;
        }
        int net = AngleMath.angleCenti(anchor, up);
        if (path - net < handlingExcessCenti || (long) path * 256 < (long) net * tortuosityQ8) {
            return false;
        }
        handled = true;
        learner.splitBlock(); // walking from here on may belong to a new mount
        int off = frame.tiltOf(up);
        if (off < offNeutralCenti) {
            return false;
        }
        measuredCenti = off;
        return true;
    }

    private boolean walkingOffNeutral(long dt, boolean walking, PostureFrame frame, WalkingLearner learner) {
        if (!walking || learner.recentUs() < walkingOffUs / 2) {
            return false;
        }
        frame.neutral(tmpN);
        if (!learner.recentAtLeast(tmpN, handled ? walkingOffHandledCosSq : walkingOffCosSq)) {
            offWalkingUs = 0;
            offRunSeq = -1;
            return false;
        }
        if (offRunSeq < 0) {
            learner.splitBlock();
            offRunSeq = learner.currentSeq();
        }
        offWalkingUs += dt;
        if (offWalkingUs < walkingOffUs || !learner.recentUp(recent)) {
            return false;
        }
        measuredCenti = frame.tiltOf(recent);
        keepFromSeq = offRunSeq;
        return true;
    }

    private boolean walkingDirection(int[] up, PostureFrame frame, WalkingLearner learner) {
        if (!learner.blockJustEnded() || !frame.hasForward()) {
            return false;
        }
        frame.neutral(tmpN);
        frame.forward(tmpF);
        if (!learner.lastBlockDirection(tmpN, tmpD)) {
            return false;
        }
        if (AngleMath.angleCenti(tmpD, tmpF) < directionOffCenti) {
            offBlocks = 0;
            agreed = true;
            return false;
        }
        if (offBlocks++ == 0) {
            firstOffBlockSeq = learner.lastBlockSeq();
        }
        if (offBlocks < directionBlocks || !(agreed || handled)) {
            return false;
        }
        measuredCenti = frame.tiltOf(up);
        keepFromSeq = firstOffBlockSeq;
        return true;
    }

    /**
     * One sample while a re-clip is suspected: true when walking shows the old neutral fits again
     * ({@link #measuredCentiDeg()} is how far off it is).
     */
    boolean stepSuspected(long tUs, boolean walking, PostureFrame frame, WalkingLearner learner) {
        long dt = lastUs == Long.MIN_VALUE ? 0 : Math.min(tUs - lastUs, maxGapUs);
        lastUs = tUs;
        if (walking) {
            walkingSinceTickUs += dt;
        }
        if (!tick(tUs)) {
            return false;
        }
        long walked = walkingSinceTickUs;
        walkingSinceTickUs = 0;
        if (!walking || learner.recentUs() < refitUs / 2) {
            return false;
        }
        frame.neutral(tmpN);
        refitWalkingUs = learner.recentAtLeast(tmpN, refitCosSq) ? 0 : refitWalkingUs + walked;
        if (refitWalkingUs >= refitUs && learner.recentUp(recent)) {
            measuredCenti = frame.tiltOf(recent);
            return true;
        }
        return false;
    }

    /** The angle behind the last verdict (0.01 deg from neutral). */
    int measuredCentiDeg() {
        return measuredCenti;
    }

    /** Learner blocks from this sequence number on belong to the new mount; -1: none (reset the learner). */
    long keepFromSeq() {
        return keepFromSeq;
    }
}
