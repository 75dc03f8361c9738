package dev.posture.device.cli;

import dev.posture.protocol.cli.CommandLines.UserError;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --neutral-window A:B} and {@code --lean-window C:D}: when the wearer calibrates, s of the trace or scenario. */
final class CalibrationWindows {
    @Option(names = "--neutral-window", paramLabel = "A:B",
            description = "seconds where the wearer stands tall (repeatable)")
    List<String> neutralWindows = new ArrayList<>();

    @Option(names = "--lean-window", paramLabel = "C:D",
            description = "seconds where the wearer leans forward on purpose (repeatable)")
    List<String> leanWindows = new ArrayList<>();

    /** A calibration window in microseconds of device time. */
    record Window(boolean neutral, String text, long startUs, long endUs) {
    }

    boolean given() {
        return !neutralWindows.isEmpty() || !leanWindows.isEmpty();
    }

    /** Neutral and lean windows, in order of start; overlapping windows are refused. */
    List<Window> windows() throws UserError {
        List<Window> all = new ArrayList<>();
        for (String w : neutralWindows) {
            all.add(parse("--neutral-window", w, true));
        }
        for (String w : leanWindows) {
            all.add(parse("--lean-window", w, false));
        }
        all.sort((a, b) -> Long.compare(a.startUs(), b.startUs()));
        for (int i = 1; i < all.size(); i++) {
            if (all.get(i).startUs() < all.get(i - 1).endUs()) {
                throw new UserError(all.get(i).text() + " overlaps " + all.get(i - 1).text());
            }
        }
        return all;
    }

    static Window parse(String option, String text, boolean neutral) throws UserError {
        String shown = option + " '" + text + "'";
        int colon = text.indexOf(':');
        if (colon < 0 || text.indexOf(':', colon + 1) >= 0) {
            throw new UserError(shown + ": expected A:B, seconds of the trace, A < B");
        }
        double a = seconds(shown, text.substring(0, colon));
        double b = seconds(shown, text.substring(colon + 1));
        if (!(a < b)) {
            throw new UserError(shown + ": the start must be before the end");
        }
        return new Window(neutral, shown, Math.round(a * 1e6), Math.round(b * 1e6));
    }

    private static double seconds(String shown, String s) throws UserError {
        try {
            double v = Double.parseDouble(s.trim());
            if (Double.isFinite(v) && !s.trim().isEmpty() && Math.abs(v) < 1e9) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UserError(shown + ": '" + s + "' is not a number of seconds");
    }
}
