package dev.posture.hardware.sim;

import dev.posture.hardware.HardwareException;
import dev.posture.hardware.sim.ScenarioTrace.Summary;
import dev.posture.hardware.sim.ScenarioTrace.Through;
import dev.posture.protocol.cli.CommandLines;
import dev.posture.protocol.cli.CommandLines.UserError;
import dev.posture.protocol.cli.VersionProvider;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The wearer simulator on the command line: list the scenarios, describe one (its plan and, per
 * activity, the range of what an IMU would see), or write one as a trace CSV with its ground truth
 * ({@link ScenarioTrace}). Runs through the shared {@link CommandLines}: usage errors are one line
 * (plus a pointer to --help) and exit 2, a file that cannot be written exits 1.
 *
 * <pre>
 * SimMain --list
 * SimMain desk-day [--seed N]
 * SimMain walking --out walking.csv.gz [--rate 100] [--seed 1] [--through ideal|mpu6050|icm42688]
 * </pre>
 */
@Command(name = "scenario", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"List the simulator's scenarios, describe one, or write one as a trace CSV "
                + "(t_s, acc_x..gyr_z, then the ground truth as extra columns)."})
public final class SimMain implements Callable<Integer> {
    private static final double SUMMARY_RATE_HZ = 100;

    @Spec
    CommandSpec spec;

    @Option(names = "--list", description = "print the scenario names, one per line")
    boolean list;

    @Parameters(arity = "0..1", paramLabel = "SCENARIO", description = "a scenario name (see --list)")
    String name;

    @Option(names = "--out", paramLabel = "FILE", description = "write the trace CSV here (gzip if it ends in .gz)")
    Path out;

    @Option(names = "--rate", paramLabel = "HZ", defaultValue = "100",
            description = "sample rate, Hz (default ${DEFAULT-VALUE}; 25..1000 through a chip)")
    double rateHz;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
            description = "scenario seed, also the emulated chip's (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--through", paramLabel = "CHIP", defaultValue = "IDEAL",
            description = "ideal (the physics), or as an mpu6050 or icm42688 would report it through its driver "
                    + "(default ideal)")
    Through through;

    public static void main(String[] args) {
        System.exit(CommandLines.runOnConsole(new SimMain(), args));
    }

    @Override
    public Integer call() throws IOException, HardwareException, UserError {
        PrintWriter stdout = spec.commandLine().getOut();
        if (list) {
            if (name != null || out != null) {
                throw usage("--list takes no scenario and no --out");
            }
            Scenarios.names().forEach(stdout::println);
            return CommandLines.OK;
        }
        if (name == null) {
            throw usage("name a SCENARIO, or --list");
        }
        Scenario scenario;
        try {
            scenario = Scenarios.named(name, seed);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        if (out == null) {
            if (matched("--rate") || matched("--through")) {
                throw usage("--rate and --through go with --out");
            }
            stdout.print(scenario.describe());
            printSummary(scenario, stdout);
            return CommandLines.OK;
        }
        try {
            ScenarioTrace.checkRate(rateHz, through);
        } catch (IllegalArgumentException e) {
            throw usage("--" + e.getMessage());
        }
        Summary written;
        try {
            written = ScenarioTrace.write(scenario, out, rateHz, through);
        } catch (NoSuchFileException e) {
            throw new UserError("cannot write " + out + ": no such directory");
        } catch (AccessDeniedException e) {
            throw new UserError("cannot write " + out + ": permission denied");
        }
        stdout.printf(Locale.ROOT, "%s: %d rows, %.3f..%.3f s at %s Hz through %s%n", out, written.rows(),
                written.firstS(), written.lastS(), rate(written.rateHz()), through.cliName());
        return CommandLines.OK;
    }

    private boolean matched(String option) {
        return spec.commandLine().getParseResult().hasMatchedOption(option);
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    private static String rate(double hz) {
        return hz == Math.rint(hz) ? Long.toString((long) hz) : String.format(Locale.ROOT, "%.3f", hz);
    }

    /** Per activity: specific-force magnitude range, peak rate and forward-angle range at 100 Hz. */
    private static void printSummary(Scenario scenario, PrintWriter out) {
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
