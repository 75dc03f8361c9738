package dev.posture.device.pipeline.filter;

import dev.posture.device.pipeline.fixed.Q;

/**
 * A second-order IIR section in direct form I with a 64-bit accumulator, for one channel of int
 * samples (e.g. raw int16 counts). Coefficients are designed in {@code double} at setup
 * ({@link #butterworthLowPass}) and rounded to Q2.30; {@link #filter} uses integer arithmetic only
 * and allocates nothing.
 *
 * <p>y[n] = b0 x[n] + b1 x[n-1] + b2 x[n-2] - a1 y[n-1] - a2 y[n-2], accumulated exactly in 64 bits
 * (each product is below 2^62 and the exact sum is about y[n] 2^30, so partial sums that wrap still
 * end exact while the output fits an int; int16 inputs are far inside that), then shifted back by
 * 30 bits with the remainder carried to the next sample (first-order error feedback: the rounding
 * error does not accumulate into a DC offset, so a constant input comes out exact). The output
 * saturates at the int range.
 */
public final class Biquad {
    // ---- coefficients, Q2.30 ----
    private final long b0, b1, b2, a1, a2;

    // ---- state ----
    private int x1, x2, y1, y2;   // previous inputs and outputs
    private long remainder;       // fraction (below 2^30) carried from the last output

    /** Coefficients (a0 = 1) as doubles; each is rounded to Q2.30 and must lie in (-2, 2). */
    public Biquad(double b0, double b1, double b2, double a1, double a2) {
        this.b0 = coefficient(b0);
        this.b1 = coefficient(b1);
        this.b2 = coefficient(b2);
        this.a1 = coefficient(a1);
        this.a2 = coefficient(a2);
    }

    /** Smallest cut-off relative to the sample rate that {@link #butterworthLowPass} accepts. */
    public static final double MIN_RELATIVE_CUTOFF = 0.002;

    /**
     * Second-order Butterworth low-pass by the bilinear transform with pre-warping (cut-off at -3 dB
     * exactly at {@code cutoffHz}).
     *
     * @throws IllegalArgumentException unless 0.002 &lt;= cutoff / rate &lt; 0.5 (below that the
     *                                  Q2.30 poles are too coarse)
     */
    public static Biquad butterworthLowPass(double cutoffHz, double sampleRateHz) {
        double[] c = butterworthLowPassCoefficients(cutoffHz, sampleRateHz);
        return new Biquad(c[0], c[1], c[2], c[3], c[4]);
    }

    /** The double design {b0, b1, b2, a1, a2} behind {@link #butterworthLowPass}. */
    public static double[] butterworthLowPassCoefficients(double cutoffHz, double sampleRateHz) {
        double rel = cutoffHz / sampleRateHz;
        if (!(rel >= MIN_RELATIVE_CUTOFF && rel < 0.5)) {
            throw new IllegalArgumentException("cut-off " + cutoffHz + " Hz at " + sampleRateHz
                    + " Hz: the ratio must be in [" + MIN_RELATIVE_CUTOFF + ", 0.5)");
        }
        double k = Math.tan(Math.PI * rel);
        double q = Math.sqrt(0.5);
        double norm = 1 / (1 + k / q + k * k);
        double b0 = k * k * norm;
        return new double[] {b0, 2 * b0, b0, 2 * (k * k - 1) * norm, (1 - k / q + k * k) * norm};
    }

    private static long coefficient(double c) {
        if (!(c > -2 && c < 2)) {
            throw new IllegalArgumentException("coefficient outside (-2, 2): " + c);
        }
        return Q.toQ30(c);
    }

    /** The rounded coefficients {b0, b1, b2, a1, a2} as doubles (for response checks). */
    public double[] coefficients() {
        return new double[] {Q.fromQ30(b0), Q.fromQ30(b1), Q.fromQ30(b2), Q.fromQ30(a1), Q.fromQ30(a2)};
    }

    /** Starts from rest at a constant input (as if it had been applied forever). */
    public void reset(int x) {
        x1 = x2 = y1 = y2 = x;
        remainder = 0;
    }

    /** One sample in, one sample out. */
    public int filter(int x) {
        long acc = b0 * x + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2 + remainder;
        long y = acc >> Q.FRAC30;
        remainder = acc - (y << Q.FRAC30);
        int out = Q.saturateToInt(y);
        x2 = x1;
        x1 = x;
        y2 = y1;
        y1 = out;
        return out;
    }
}
