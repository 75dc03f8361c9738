package dev.posture.device.pipeline.filter;

/** The plain {@code double} reference of {@link Biquad}: direct form I, no rounding anywhere. */
final class BiquadTwin {
    private final double b0;
    private final double b1;
    private final double b2;
    private final double a1;
    private final double a2;
    private double x1;
    private double x2;
    private double y1;
    private double y2;

    /** From {@code {b0, b1, b2, a1, a2}} (the design or the rounded coefficients). */
    BiquadTwin(double[] c) {
        b0 = c[0];
        b1 = c[1];
        b2 = c[2];
        a1 = c[3];
        a2 = c[4];
    }

    double step(double x) {
        double y = b0 * x + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2;
        x2 = x1;
        x1 = x;
        y2 = y1;
        y1 = y;
        return y;
    }

    void reset(double level, boolean passesDc) {
        x1 = level;
        x2 = level;
        y1 = passesDc ? level : 0;
        y2 = y1;
    }
}
