package dev.posture.hardware.sim;

import java.util.Objects;

/**
 * One scripted piece of a scenario: an activity with a duration and its parameters. Segments are
 * composed in order by {@link Scenario.Builder}; each starts from wherever the previous one left the
 * wearer and blends there with minimum-jerk moves, so rates and accelerations stay continuous.
 * Episodes (lean, drift, phone, reach, bend, sideways, monitor) return to the posture they started
 * from before they end; the others (standing, sitting, typing, lying, walking, jogging, bus) set a
 * stance that the next segment inherits. Angles are degrees, times seconds, speeds m/s.
 */
public sealed interface Segment {
    /** Length of the segment (s), transitions included. */
    double durationS();

    /** The ground-truth label of the segment's samples. */
    SegmentKind kind();

    /** Standing tall: the neutral posture, with sway and breathing. */
    record Standing(double durationS) implements Segment {
        public Standing {
            atLeast("standing", durationS, 1);
        }

        @Override
        public SegmentKind kind() {
            return SegmentKind.STANDING;
        }
    }

    /** Sitting upright (a meeting, a chair), hands still. */
    record Sitting(double durationS) implements Segment {
        public Sitting {
            atLeast("sitting", durationS, 1);
        }

        @Override
        public SegmentKind kind() {
            return SegmentKind.SITTING;
        }
    }

    /** Sitting at a desk typing: a few degrees of lean, typing tremor, glances around the screen. */
    record DeskTyping(double durationS) implements Segment {
        public DeskTyping {
            atLeast("desk typing", durationS, 1);
        }

        @Override
        public SegmentKind kind() {
            return SegmentKind.DESK_TYPING;
        }
    }

    /** A deliberate forward lean at the hips to {@code angleDeg}, held, then back (calibration). */
    record LeanForward(double durationS, double angleDeg) implements Segment {
        public LeanForward {
            atLeast("lean forward", durationS, 5);
            within("lean forward angle", angleDeg, 5, 60);
        }

        @Override
        public SegmentKind kind() {
            return SegmentKind.LEAN_FORWARD;
        }
    }

    /**
     * Forward head drift: the forward angle creeps to {@code peakDeg} over {@code riseS}, stays, and
     * is corrected over {@code recoverS} at the end of the segment.
     */
    record ForwardDrift(double durationS, double peakDeg, double riseS, double recoverS) implements Segment {
        public ForwardDrift {
            within("forward drift peak", peakDeg, 5, 60);
            atLeast("forward drift rise", riseS, 1);
            atLeast("forward drift recovery", recoverS, 0.5);
            atLeast("forward drift", durationS, riseS + recoverS + 2);
        }

        @Override
        public SegmentKind kind() {
            return SegmentKind.FORWARD_DRIFT;
        }
    }

    /** Looking down at a phone held in front: head and upper back forward to {@code angleDeg}. */
    record PhoneLook(double durationS, double angleDeg) implements Segment {
        public PhoneLook {
            atLeast("phone look", durationS, 6);
            within("phone look angle", angleDeg, 5, 60);
        }

        @Override
        public SegmentKind kind() {
            return SegmentKind.PHONE;
        }
    }

    /** A brief reach forward (to a cup, a drawer): out, a moment, back. */
    record Reach(double durationS, double angleDeg) implements Segment {
        public Reach {
            within("reach", durationS, 1.5, 10);
            within("reach angle", angleDeg, 5, 60);
        }

        @Override
        public SegmentKind kind() {
            return SegmentKind.REACH;
        }
    }

    /** Bending to pick something up: a large, short forward pitch with the knees bending a little. */
    record Bend(double durationS, double angleDeg) implements Segment {
        public Bend {
            within("bend", durationS, 3, 20);
            within("bend angle", angleDeg, 30, 100);
        }

        @Override
        public SegmentKind kind() {
            return SegmentKind.BENDING;
        }
    }

    /** Walking at {@code stepHz} and {@code speedMps}, turning by {@code turnDeg} half-way. */
    record Walk(double durationS, double stepHz, double speedMps, double turnDeg) implements Segment {
        public Walk {
            atLeast("walk", durationS, 10);
            within("walk step frequency", stepHz, 1.4, 2.4);
            within("walk speed", speedMps, 0.5, 2.0);
            within("walk turn", turnDeg, -180, 180);
        }

        /** 1.9 steps/s at 1.3 m/s, straight. */
        public Walk(double durationS) {
            this(durationS, 1.9, 1.3, 0);
        }

        @Override
        public SegmentKind kind() {
            return SegmentKind.WALKING;
        }
    }

    /** Jogging at {@code stepHz} and {@code speedMps}, straight. */
    record Jog(double durationS, double stepHz, double speedMps) implements Segment {
        public Jog {
            atLeast("jog", durationS, 10);
            within("jog step frequency", stepHz, 2.3, 3.2);
            within("jog speed", speedMps, 1.8, 5);
        }

        /** 2.7 steps/s at 2.8 m/s. */
        public Jog(double durationS) {
            this(durationS, 2.7, 2.8);
        }

        @Override
        public SegmentKind kind() {
            return SegmentKind.JOGGING;
        }
    }

    /**
     * Riding a city bus, seated: 5-20 Hz vibration, a route of stops drawn from the seed with
     * accelerations and braking of 1-2 m/s^2 and 90-degree turns.
     */
    record Bus(double durationS) implements Segment {
        public Bus {
            atLeast("bus", durationS, 60);
        }

        @Override
        public SegmentKind kind() {
            return SegmentKind.BUS;
        }
    }

    /** Lying down (a sofa): torso pitched to {@code pitchDeg} (negative = on the back) and rolled. */
    record Lying(double durationS, double pitchDeg, double rollDeg) implements Segment {
        public Lying {
            atLeast("lying", durationS, 8);
            within("lying pitch", pitchDeg, -100, 10);
            within("lying roll", rollDeg, -100, 100);
        }

        /** On the back, torso 80 deg back from upright. */
        public Lying(double durationS) {
            this(durationS, -80, 0);
        }

        @Override
        public SegmentKind kind() {
            return SegmentKind.LYING;
        }
    }

    /** Leaning sideways to {@code rollDeg} (+ = to the wearer's right), held, then back. */
    record LeanSideways(double durationS, double rollDeg) implements Segment {
        public LeanSideways {
            atLeast("lean sideways", durationS, 4);
            within("lean sideways |angle|", Math.abs(rollDeg), 5, 45);
        }

        @Override
        public SegmentKind kind() {
            return SegmentKind.SIDEWAYS;
        }
    }

    /** Turning to a second monitor by {@code yawDeg} (+ = left) with a small lean, then back. */
    record SecondMonitor(double durationS, double yawDeg, double leanDeg) implements Segment {
        public SecondMonitor {
            atLeast("second monitor", durationS, 4);
            within("second monitor |yaw|", Math.abs(yawDeg), 10, 90);
            within("second monitor lean", leanDeg, -10, 10);
        }

        @Override
        public SegmentKind kind() {
            return SegmentKind.SECOND_MONITOR;
        }
    }

    /** Taking the clip off, turning it in the hand, and clipping it back on as {@code newMount}. */
    record Reclip(double durationS, Mount newMount) implements Segment {
        public Reclip {
            within("reclip", durationS, 3, 30);
            Objects.requireNonNull(newMount, "newMount");
        }

        @Override
        public SegmentKind kind() {
            return SegmentKind.RECLIP;
        }
    }

    private static void atLeast(String what, double value, double min) {
        if (!(value >= min) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(what + " must be at least " + min + ", got " + value);
        }
    }

    private static void within(String what, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(what + " must be in [" + min + ", " + max + "], got " + value);
        }
    }
}
