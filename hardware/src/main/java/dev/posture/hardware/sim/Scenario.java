package dev.posture.hardware.sim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A scripted scenario: the segments, the clip's mount, the seed, and everything precomputed from
 * them (tracks, segment tables, calibration windows, expected cues). Immutable and thread-safe;
 * each thread that samples it takes its own {@link #newSimulator()}.
 *
 * <pre>{@code
 * Scenario s = Scenario.builder("my-test", 7).mount(Mount.UPSIDE_DOWN)
 *         .calibrate()
 *         .then(new Segment.DeskTyping(30), new Segment.ForwardDrift(60, 22, 25, 3))
 *         .build();
 * }</pre>
 */
public final class Scenario {
    /** Grid (s) on which expected cues are worked out; finer than any dwell anyone would configure. */
    static final double CUE_GRID_S = 0.02;

    /** One segment placed in time. */
    public record Span(int index, SegmentKind kind, double startS, double endS) {
    }

    /** A neutral (standing tall) window followed by a deliberate forward-lean window. */
    public record Calibration(TimeWindow neutral, TimeWindow lean) {
    }

    private final String name;
    private final long seed;
    private final double microMotion;
    private final CueRule cueRule;
    private final List<Segment> segments;
    private final List<Span> spans;
    private final List<TimeWindow> steady;
    private final List<Calibration> calibrations;
    private final List<TimeWindow> offBody;
    private final Plan plan;
    private final double[] cueStart; // s, ascending
    private final double[] cueEnd;   // s

    private Scenario(Builder b) {
        this.name = b.name;
        this.seed = b.seed;
        this.microMotion = b.microMotion;
        this.cueRule = b.cueRule;
        this.segments = List.copyOf(b.segments);
        Composer composer = new Composer(b.seed, b.mount, b.microMotion);
        List<TimeWindow> steadyWindows = new ArrayList<>();
        for (Segment segment : segments) {
            double[] w = composer.add(segment);
            steadyWindows.add(new TimeWindow(w[0], Math.max(w[0], w[1])));
        }
        this.steady = Collections.unmodifiableList(steadyWindows);
        this.plan = composer.build();
        List<Span> spanList = new ArrayList<>();
        for (int i = 0; i < segments.size(); i++) {
            double end = i + 1 < segments.size() ? plan.spanStart[i + 1] : plan.durationS;
            spanList.add(new Span(i, segments.get(i).kind(), plan.spanStart[i], end));
        }
        this.spans = Collections.unmodifiableList(spanList);
        List<Calibration> cal = new ArrayList<>();
        for (int[] pair : b.calibrations) {
            cal.add(new Calibration(steady.get(pair[0]), steady.get(pair[1])));
        }
        this.calibrations = Collections.unmodifiableList(cal);
        List<TimeWindow> off = new ArrayList<>();
        for (int i = 0; i < plan.offBodyStart.length; i++) {
            off.add(new TimeWindow(plan.offBodyStart[i], plan.offBodyEnd[i]));
        }
        this.offBody = Collections.unmodifiableList(off);
        List<TimeWindow> cues = expectedCues(cueRule);
        this.cueStart = new double[cues.size()];
        this.cueEnd = new double[cues.size()];
        for (int i = 0; i < cues.size(); i++) {
            cueStart[i] = cues.get(i).startS();
            cueEnd[i] = cues.get(i).endS();
        }
    }

    public static Builder builder(String name, long seed) {
        return new Builder(name, seed);
    }

    public String name() {
        return name;
    }

    public long seed() {
        return seed;
    }

    /** Scale of the physiological micro-motion (sway, breathing, typing); 0 = none. */
    public double microMotion() {
        return microMotion;
    }

    public CueRule cueRule() {
        return cueRule;
    }

    /** Total scripted time (s). After it the wearer goes on with the last activity's micro-motion. */
    public double durationS() {
        return plan.durationS;
    }

    public List<Segment> segments() {
        return segments;
    }

    /** The segments placed in time, in order. */
    public List<Span> spans() {
        return spans;
    }

    /** Per segment, its steady part: a lean's hold, a drift's plateau, standing once settled. */
    public List<TimeWindow> steadyWindows() {
        return steady;
    }

    /** Every calibration the script asked for with {@link Builder#calibrate}, in order. */
    public List<Calibration> calibrations() {
        return calibrations;
    }

    /** The first calibration's neutral window (for {@code --neutral-window A:B}). */
    public TimeWindow neutralWindow() {
        return firstCalibration().neutral();
    }

    /** The first calibration's lean window (for {@code --lean-window C:D}). */
    public TimeWindow leanWindow() {
        return firstCalibration().lean();
    }

    /** When the clip is off the body. */
    public List<TimeWindow> offBodyWindows() {
        return offBody;
    }

    /** The clip's mounts: the initial one, then the one after each re-clip. */
    public List<Mount> mounts() {
        return List.of(plan.mounts);
    }

    /** The mount in force at {@code tS}: the initial one until a re-clip ends, then the new one. */
    public Mount mountAt(double tS) {
        int done = 0;
        for (int i = 0; i < plan.reclipStart.length; i++) {
            if (tS >= plan.reclipStart[i] + plan.reclipDuration[i]) {
                done = i + 1;
            }
        }
        return plan.mounts[done];
    }

    /** The windows where the scenario's {@link CueRule} expects a cue to be due. */
    public List<TimeWindow> expectedCues() {
        List<TimeWindow> out = new ArrayList<>();
        for (int i = 0; i < cueStart.length; i++) {
            out.add(new TimeWindow(cueStart[i], cueEnd[i]));
        }
        return out;
    }

    /**
     * The windows where {@code rule} expects a cue: gate open, clip on, and the true forward angle
     * above the threshold without a break for the dwell time, worked out on a 20 ms grid.
     */
    public List<TimeWindow> expectedCues(CueRule rule) {
        WearerKinematics k = new WearerKinematics(plan);
        List<TimeWindow> out = new ArrayList<>();
        long n = (long) Math.floor(plan.durationS / CUE_GRID_S);
        double runStart = Double.NaN;
        double lastTrue = Double.NaN;
        for (long i = 0; i <= n; i++) {
            double t = i * CUE_GRID_S;
            boolean above = false;
            if (gateOpen(t)) {
                k.evaluate(t, false);
                above = k.forwardDeg() > rule.thresholdDeg();
            }
            if (above) {
                if (Double.isNaN(runStart)) {
                    runStart = t;
                }
                lastTrue = t;
            } else if (!Double.isNaN(runStart)) {
                addRun(out, runStart, lastTrue, rule.dwellS());
                runStart = Double.NaN;
            }
        }
        if (!Double.isNaN(runStart)) {
            addRun(out, runStart, lastTrue, rule.dwellS());
        }
        return out;
    }

    /** A simulator over this scenario (one per thread). */
    public WearerSimulator newSimulator() {
        return new WearerSimulator(this);
    }

    /** Rows at a fixed rate from t = 0 over the scenario's duration. */
    public RowCursor rows(double sampleRateHz) {
        return new RowCursor(newSimulator(), sampleRateHz);
    }

    /** A readable plan: one line per segment, then calibrations and expected cues. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "scenario %s (seed %d): %.1f s, %d segments, mount %s%n", name, seed,
                durationS(), spans.size(), plan.mounts[0]));
        for (Span span : spans) {
            sb.append(String.format(Locale.ROOT, "  %3d  %8.2f-%8.2f s  %-15s %s%n", span.index(), span.startS(),
                    span.endS(), span.kind(), segments.get(span.index())));
        }
        for (Calibration c : calibrations) {
            sb.append("  calibration: neutral ").append(c.neutral()).append(", lean ").append(c.lean())
                    .append(System.lineSeparator());
        }
        for (TimeWindow w : offBody) {
            sb.append("  off body: ").append(w).append(System.lineSeparator());
        }
        sb.append(String.format(Locale.ROOT, "  expected cues (threshold %.1f deg, dwell %.1f s): %s%n",
                cueRule.thresholdDeg(), cueRule.dwellS(), expectedCues()));
        return sb.toString();
    }

    @Override
    public String toString() {
        return "Scenario[" + name + ", seed " + seed + ", " + spans.size() + " segments]";
    }

    Plan plan() {
        return plan;
    }

    /** Gate of the activity at t and clip on the body. */
    boolean gateOpen(double tS) {
        return plan.spanKind[plan.spanAt(tS)].gateOpen() && !plan.offBody(tS);
    }

    /** True when a cue is expected at {@code tS} (binary search, no allocation). */
    boolean cueExpected(double tS) {
        int i = Plan.countAtOrBefore(cueStart, tS) - 1;
        return i >= 0 && tS <= cueEnd[i];
    }

    private Calibration firstCalibration() {
        if (calibrations.isEmpty()) {
            throw new IllegalStateException("scenario " + name + " has no calibration");
        }
        return calibrations.get(0);
    }

    private static void addRun(List<TimeWindow> out, double start, double end, double dwell) {
        if (end - start >= dwell) {
            out.add(new TimeWindow(start + dwell, end));
        }
    }

    /** Collects the script. */
    public static final class Builder {
        private final String name;
        private final long seed;
        private final List<Segment> segments = new ArrayList<>();
        private final List<int[]> calibrations = new ArrayList<>(); // {standing index, lean index}
        private Mount mount = Mount.CLIP_TILTED;
        private double microMotion = 1;
        private CueRule cueRule = CueRule.DEFAULT;

        private Builder(String name, long seed) {
            this.name = Objects.requireNonNull(name, "name");
            this.seed = seed;
        }

        /** The clip's mount at the start (default {@link Mount#CLIP_TILTED}). */
        public Builder mount(Mount m) {
            this.mount = Objects.requireNonNull(m, "mount");
            return this;
        }

        /** Scale of sway, breathing and typing micro-motion: 0 = none (exact rest), 1 = typical. */
        public Builder microMotion(double scale) {
            if (!(scale >= 0 && scale <= 5)) {
                throw new IllegalArgumentException("micro-motion scale must be in [0, 5], got " + scale);
            }
            this.microMotion = scale;
            return this;
        }

        /** The reference rule for the {@code cue_expected} ground truth (default {@link CueRule#DEFAULT}). */
        public Builder cueRule(CueRule rule) {
            this.cueRule = Objects.requireNonNull(rule, "cue rule");
            return this;
        }

        public Builder then(Segment... more) {
            for (Segment s : more) {
                segments.add(Objects.requireNonNull(s, "segment"));
            }
            return this;
        }

        /** Stand tall 12 s (neutral), lean forward 25 deg for 8 s (lean), stand 4 s. */
        public Builder calibrate() {
            return calibrate(12, 8, 25);
        }

        /** A calibration: standing {@code neutralS}, a forward lean of {@code leanS} to {@code leanDeg}, 4 s back. */
        public Builder calibrate(double neutralS, double leanS, double leanDeg) {
            int standing = segments.size();
            then(new Segment.Standing(neutralS), new Segment.LeanForward(leanS, leanDeg), new Segment.Standing(4));
            calibrations.add(new int[] {standing, standing + 1});
            return this;
        }

        /** Builds and precomputes everything; throws IllegalArgumentException for an impossible script. */
        public Scenario build() {
            return new Scenario(this);
        }
    }
}
