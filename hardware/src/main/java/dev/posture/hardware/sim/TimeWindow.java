package dev.posture.hardware.sim;

import java.util.Locale;

/**
 * A stretch of scenario time in seconds, {@code [startS, endS]}. {@link #toString()} gives the
 * {@code A:B} form of the device's {@code --neutral-window} and {@code --lean-window} options.
 */
public record TimeWindow(double startS, double endS) {
    public TimeWindow {
        if (!(endS >= startS) || !Double.isFinite(startS) || !Double.isFinite(endS)) {
            throw new IllegalArgumentException("time window needs finite start <= end, got " + startS + ":" + endS);
        }
    }

    public double durationS() {
        return endS - startS;
    }

    public boolean contains(double tS) {
        return tS >= startS && tS <= endS;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%.2f:%.2f", startS, endS);
    }
}
