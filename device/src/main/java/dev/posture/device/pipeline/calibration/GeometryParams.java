package dev.posture.device.pipeline.calibration;

import dev.posture.device.pipeline.gate.ActivityParams;
import dev.posture.device.pipeline.gate.UprightGate;
import java.util.Objects;

/**
 * Tuning of the geometry stage, in physical units. {@link #DEFAULTS} is what the device uses; the
 * reasons for each value are in {@code device/docs/geometry.md}.
 */
public record GeometryParams(Window window, Lean lean, UprightGate.Params upright, ActivityParams activity,
                             Reclip reclip, Relearn relearn) {
    public static final GeometryParams DEFAULTS = new GeometryParams(Window.DEFAULTS, Lean.DEFAULTS,
            UprightGate.Params.DEFAULTS, ActivityParams.DEFAULTS, Reclip.DEFAULTS, Relearn.DEFAULTS);

    public GeometryParams {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(lean, "lean");
        Objects.requireNonNull(upright, "upright");
        Objects.requireNonNull(activity, "activity");
        Objects.requireNonNull(reclip, "reclip");
        Objects.requireNonNull(relearn, "relearn");
    }

    /**
     * How still a calibration window (neutral or lean) must be.
     *
     * @param maxGyroRangeDps  largest spread (max - min) of any gyro axis, deg/s (20); a spread, so a
     *                         gyro bias does not count
     * @param maxAccelRangeG   largest spread of |a|, g (0.15)
     * @param maxUpRangeDeg    largest spread of any up-vector component, deg (5)
     * @param minDurationS     shortest window, s (1)
     */
    public record Window(double maxGyroRangeDps, double maxAccelRangeG, double maxUpRangeDeg, double minDurationS) {
        public static final Window DEFAULTS = new Window(20, 0.15, 5, 1);

        public Window {
            positive("maxGyroRangeDps", maxGyroRangeDps);
            positive("maxAccelRangeG", maxAccelRangeG);
            positive("maxUpRangeDeg", maxUpRangeDeg);
            positive("minDurationS", minDurationS);
        }
    }

    /**
     * The lean that teaches the forward direction.
     *
     * @param minDeg               smallest lean, deg (8): below it the direction is dominated by sway
     * @param maxDeg               largest lean, deg (60): beyond it the wearer is bending, not leaning
     * @param maxOffWalkingDeg     largest angle between the lean direction and the direction learned
     *                             from walking (when there is one), deg (45): more is a sideways lean
     * @param keepForwardWithinDeg a new neutral within this of the old one keeps the taught forward
     *                             direction (re-projected), deg (15)
     */
    public record Lean(double minDeg, double maxDeg, double maxOffWalkingDeg, double keepForwardWithinDeg) {
        public static final Lean DEFAULTS = new Lean(8, 60, 45, 15);

        public Lean {
            positive("minDeg", minDeg);
            if (!(maxDeg > minDeg && maxDeg < 90)) {
                throw new IllegalArgumentException("maxDeg must be above minDeg and below 90, got " + maxDeg);
            }
            positive("maxOffWalkingDeg", maxOffWalkingDeg);
            positive("keepForwardWithinDeg", keepForwardWithinDeg);
        }
    }

    /**
     * Re-clip detection.
     *
     * @param settleDegPerS       the up vector is settled while it moved less than this over the last
     *                            second, deg/s (3)
     * @param handlingMinDeg      the up vector's path between two settled spells is handling when it is
     *                            at least this, deg (60) ...
     * @param handlingExcessDeg   ... exceeds the net change by at least this, deg (45) ...
     * @param handlingTortuosity  ... and is at least this times the net change (1.25)
     * @param offNeutralDeg       handling counts as a re-clip when the new settled up vector is at least
     *                            this far from neutral, deg (20)
     * @param walkingOffNeutralDeg walking with the up vector this far from neutral ... deg (25)
     * @param walkingOffAfterHandlingDeg ... or this far after the clip was handled ... deg (10)
     * @param walkingOffNeutralS  ... for this long means the clip moved, s (10)
     * @param walkingDirectionOffDeg walking blocks whose direction is this far from the taught forward
     *                            axis ... deg (20)
     * @param walkingDirectionBlocks ... this many in a row mean the clip turned about the vertical (3)
     * @param refitDeg            while a re-clip is suspected, walking within this of the old neutral ...
     *                            deg (8)
     * @param refitS              ... for this long dismisses it (the old calibration fits), s (10)
     */
    public record Reclip(double settleDegPerS, double handlingMinDeg, double handlingExcessDeg,
                         double handlingTortuosity, double offNeutralDeg, double walkingOffNeutralDeg,
                         double walkingOffAfterHandlingDeg, double walkingOffNeutralS, double walkingDirectionOffDeg,
                         int walkingDirectionBlocks, double refitDeg, double refitS) {
        public static final Reclip DEFAULTS = new Reclip(3, 60, 45, 1.25, 20, 25, 10, 10, 20, 3, 8, 10);

        public Reclip {
            positive("settleDegPerS", settleDegPerS);
            positive("handlingMinDeg", handlingMinDeg);
            positive("handlingExcessDeg", handlingExcessDeg);
            positive("handlingTortuosity", handlingTortuosity);
            positive("offNeutralDeg", offNeutralDeg);
            positive("walkingOffNeutralDeg", walkingOffNeutralDeg);
            positive("walkingOffAfterHandlingDeg", walkingOffAfterHandlingDeg);
            positive("walkingOffNeutralS", walkingOffNeutralS);
            positive("walkingDirectionOffDeg", walkingDirectionOffDeg);
            if (walkingDirectionBlocks < 1) {
                throw new IllegalArgumentException("walkingDirectionBlocks must be at least 1, got "
                        + walkingDirectionBlocks);
            }
            positive("refitDeg", refitDeg);
            positive("refitS", refitS);
        }
    }

    /**
     * Learning neutral and forward from walking.
     *
     * @param walkS          walking needed, s (60)
     * @param walkingLeanDeg forward lean of the upper back while walking relative to standing tall,
     *                       removed from the walking mean, deg (3)
     * @param minConsistency the direction of every 10 s block of walking must agree: the length of the
     *                       sum of the block vectors over the sum of their lengths, at least (0.8)
     * @param blockS         block length, s (10, at most 60)
     * @param memoryS        walking older than this falls out of the sums, s (600, at most 64 blocks)
     */
    public record Relearn(double walkS, double walkingLeanDeg, double minConsistency, double blockS,
                          double memoryS) {
        public static final Relearn DEFAULTS = new Relearn(60, 3, 0.8, 10, 600);

        public Relearn {
            positive("walkS", walkS);
            if (!(walkingLeanDeg >= 0 && walkingLeanDeg < 30)) {
                throw new IllegalArgumentException("walkingLeanDeg must be in [0, 30), got " + walkingLeanDeg);
            }
            if (!(minConsistency > 0 && minConsistency <= 1)) {
                throw new IllegalArgumentException("minConsistency must be in (0, 1], got " + minConsistency);
            }
            if (!(blockS > 0 && blockS <= 60)) {
                throw new IllegalArgumentException("blockS must be in (0, 60], got " + blockS);
            }
            if (!(memoryS >= 2 * walkS && memoryS <= 64 * blockS)) {
                throw new IllegalArgumentException("memoryS must be at least twice walkS and at most 64 blocks, got "
                        + memoryS);
            }
        }
    }

    private static void positive(String name, double v) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " must be a positive number, got " + v);
        }
    }
}
