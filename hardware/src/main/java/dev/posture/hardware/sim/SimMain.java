package dev.posture.hardware.sim;

import java.io.PrintStream;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * A look at a scenario without the firmware: its plan (segments, calibration windows, expected
 * cues) and, per activity, the range of what an IMU would see.
 *
 * <pre>
 * java -cp hardware/target/classes dev.posture.hardware.sim.SimMain desk-day [SEED]
 * java -cp hardware/target/classes dev.posture.hardware.sim.SimMain --list
 * </pre>
 */
public final class SimMain {
    static final int OK = 0;
    static final int USAGE = 2;
    private static final double SUMMARY_RATE_HZ = 100;

    private final PrintStream out;
    private final PrintStream err;

    public SimMain(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(new SimMain(System.out, System.err).run(args));
    }

    /** Runs with command-line arguments; returns the exit code (0 ok, 2 usage error). */
    public int run(String... args) {
        if (args.length == 1 && args[0].equals("--list")) {
            Scenarios.names().forEach(out::println);
            return OK;
        }
        if (args.length < 1 || args.length > 2 || args[0].startsWith("-")) {
            err.println("usage: SimMain SCENARIO [SEED] | --list");
            return USAGE;
        }
        long seed = Scenarios.DEFAULT_SEED;
        if (args.length == 2) {
            try {
                seed = Long.parseLong(args[1]);
            } catch (NumberFormatException e) {
                err.println("seed must be an integer, got '" + args[1] + "'");
                return USAGE;
            }
        }
        Scenario scenario;
        try {
            scenario = Scenarios.named(args[0], seed);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return USAGE;
        }
        out.print(scenario.describe());
        printSummary(scenario);
        return OK;
    }

    /** Per activity: specific-force magnitude range, peak rate and forward-angle range at 100 Hz. */
    private void printSummary(Scenario scenario) {
        Map<SegmentKind, double[]> stats = new EnumMap<>(SegmentKind.class);
        RowCursor rows = scenario.rows(SUMMARY_RATE_HZ);
        while (rows.next()) {
            SimRow r = rows.row();
            double f = Math.sqrt(r.acc(0) * r.acc(0) + r.acc(1) * r.acc(1) + r.acc(2) * r.acc(2));
            double w = Math.sqrt(r.gyr(0) * r.gyr(0) + r.gyr(1) * r.gyr(1) + r.gyr(2) * r.gyr(2));
            double[] s = stats.computeIfAbsent(r.segment(), k -> new double[] {Double.MAX_VALUE, 0, 0,
                Double.MAX_VALUE, -Double.MAX_VALUE});
            s[0] = Math.min(s[0], f);
            s[1] = Math.max(s[1], f);
            s[2] = Math.max(s[2], Math.toDegrees(w));
            s[3] = Math.min(s[3], r.forwardDeg());
            s[4] = Math.max(s[4], r.forwardDeg());
        }
        out.println("  per activity at 100 Hz: |f| range (m/s^2), peak |w| (deg/s), forward range (deg)");
        stats.forEach((kind, s) -> out.printf(Locale.ROOT, "  %-15s |f| %5.2f..%5.2f  |w| <= %6.1f  fwd %6.1f..%6.1f%n",
                kind, s[0], s[1], s[2], s[3], s[4]));
    }
}
