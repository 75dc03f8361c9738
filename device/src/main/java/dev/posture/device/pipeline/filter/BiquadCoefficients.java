package dev.posture.device.pipeline.filter;

import java.util.Locale;

/**
 * The coefficients of one second-order section, designed in {@code double} once at setup (RBJ /
 * bilinear transform with frequency prewarping) and then rounded to Q2.30 for the integer
 * {@link Biquad} and {@link BiquadBank}. Immutable; a config change makes a new instance and hands it
 * to the running filters ({@link Biquad#setCoefficients}), whose state stays valid.
 *
 * <p>Transfer function {@code H(z) = (b0 + b1 z^-1 + b2 z^-2) / (1 + a1 z^-1 + a2 z^-2)}.
 *
 * <p><b>Q format.</b> {@code b0, b1, b2, a1, a2} are Q2.30 (value = integer / 2^30, range [-2, 2)),
 * stored in {@code long} because a1 may round to exactly +2. The quantisation keeps what matters
 * exactly: a low-pass's numerator is chosen so that {@code b0 + b1 + b2 = 2^30 + a1 + a2}, so its DC
 * gain is exactly 1 however low the cutoff (poles close to z = 1 make the plain rounding error in the
 * DC gain large: 0.2 % at 0.1 Hz / 1000 Hz); a high-pass keeps {@code b1 = -2 b0, b2 = b0} (an exact
 * zero at DC); a band-pass keeps {@code b1 = 0, b2 = -b0} (exact zeros at DC and Nyquist).
 *
 * <p><b>Error feedback.</b> The filters round the 64-bit accumulator to the output and keep the
 * rounding remainder as a Q30 fraction of an input unit, which the recursion uses as well (full-precision
 * error feedback): the recursive part then works on the unrounded output, so the output's rounding
 * error is not fed back through {@code 1 / A(z)}, whose gain near DC is {@code 1 / (1 + a1 + a2)}
 * (about 10^5 for a 1 Hz cutoff at 1000 Hz, which would add hundreds of LSB of offset), and cutoffs
 * close to Nyquist (poles close to z = -1) show no zero-input limit cycles. The output is the exact
 * response of the rounded coefficients, rounded once.
 */
public final class BiquadCoefficients {
    /** Fraction bits of the coefficients (Q2.30). */
    public static final int FRACTION_BITS = 30;
    /** 1.0 in Q2.30. */
    public static final long ONE = 1L << FRACTION_BITS;
    /** Butterworth quality factor, 1/sqrt(2): maximally flat passband, -3.01 dB at the corner. */
    public static final double BUTTERWORTH_Q = Math.sqrt(0.5);

    /** What the section passes. */
    public enum Kind {
        /** 0 dB at DC, -3 dB at the corner (Butterworth for Q = 1/sqrt 2), 12 dB/octave above. */
        LOW_PASS,
        /** 0 dB at Nyquist, -3 dB at the corner, 12 dB/octave below, exactly 0 at DC. */
        HIGH_PASS,
        /** 0 dB at the centre, bandwidth centre / Q, exactly 0 at DC and Nyquist. */
        BAND_PASS
    }

    private final Kind kind;
    private final double sampleRateHz;
    private final double cornerHz;
    private final double q;
    // The design, as computed in double (the reference the tests compare against).
    private final double b0d;
    private final double b1d;
    private final double b2d;
    private final double a1d;
    private final double a2d;
    // Q2.30, what the integer filters use.
    final long b0;
    final long b1;
    final long b2;
    final long a1;
    final long a2;

    private BiquadCoefficients(Kind kind, double sampleRateHz, double cornerHz, double q, double b0d, double b1d,
            double b2d, double a1d, double a2d) {
        this.kind = kind;
        this.sampleRateHz = sampleRateHz;
        this.cornerHz = cornerHz;
        this.q = q;
        this.b0d = b0d;
        this.b1d = b1d;
        this.b2d = b2d;
        this.a1d = a1d;
        this.a2d = a2d;
        this.a1 = Math.round(a1d * ONE);
        this.a2 = Math.round(a2d * ONE);
        long b0q = Math.round(b0d * ONE);
        switch (kind) {
            case LOW_PASS -> { // DC gain exactly 1: b0 + b1 + b2 = 1 + a1 + a2
                this.b0 = b0q;
                this.b2 = b0q;
                this.b1 = ONE + a1 + a2 - 2 * b0q;
            }
            case HIGH_PASS -> {
                this.b0 = b0q;
                this.b1 = -2 * b0q;
                this.b2 = b0q;
            }
            default -> {
                this.b0 = b0q;
                this.b1 = 0;
                this.b2 = -b0q;
            }
        }
    }

    /** Butterworth low-pass (Q = 1/sqrt 2) with its -3 dB corner at {@code cutoffHz}. */
    public static BiquadCoefficients lowPass(double sampleRateHz, double cutoffHz) {
        return design(Kind.LOW_PASS, sampleRateHz, cutoffHz, BUTTERWORTH_Q);
    }

    /** Butterworth high-pass (Q = 1/sqrt 2) with its -3 dB corner at {@code cutoffHz}. */
    public static BiquadCoefficients highPass(double sampleRateHz, double cutoffHz) {
        return design(Kind.HIGH_PASS, sampleRateHz, cutoffHz, BUTTERWORTH_Q);
    }

    /** Band-pass with 0 dB at {@code centreHz} and a -3 dB bandwidth of {@code centreHz / q}. */
    public static BiquadCoefficients bandPass(double sampleRateHz, double centreHz, double q) {
        return design(Kind.BAND_PASS, sampleRateHz, centreHz, q);
    }

    /**
     * The low-pass the config asks for ({@code lowpass_cutoff_hz} at {@code sample_rate_hz}); the
     * config's cross-key rule already guarantees the cutoff is below Nyquist.
     */
    public static BiquadCoefficients lowPass(LowPassParams params) {
        return lowPass(params.sampleRateHz(), params.cutoffHz());
    }

    /**
     * The bilinear-transform design (R. Bristow-Johnson's "Audio EQ cookbook" formulas): with the
     * prewarped {@code K = tan(pi f / fs)} and {@code n = 1 / (1 + K/Q + K^2)}, the poles are
     * {@code a1 = 2 (K^2 - 1) n}, {@code a2 = (1 - K/Q + K^2) n}.
     */
    private static BiquadCoefficients design(Kind kind, double fs, double f, double q) {
        if (!(fs >= 1 && fs <= 100_000)) {
            throw new IllegalArgumentException("sample rate must be in [1, 100000] Hz, got " + fs);
        }
        if (!(f > 0 && f < fs / 2)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "corner frequency must be above 0 and below half the sample rate (%s Hz), got %s Hz",
                    fs / 2, f));
        }
        if (!(q >= 0.1 && q <= 20)) {
            throw new IllegalArgumentException("Q must be in [0.1, 20], got " + q);
        }
        double k = Math.tan(Math.PI * f / fs);
        double n = 1 / (1 + k / q + k * k);
        double a1 = 2 * (k * k - 1) * n;
        double a2 = (1 - k / q + k * k) * n;
        return switch (kind) {
            case LOW_PASS -> new BiquadCoefficients(kind, fs, f, q, k * k * n, 2 * k * k * n, k * k * n, a1, a2);
            case HIGH_PASS -> new BiquadCoefficients(kind, fs, f, q, n, -2 * n, n, a1, a2);
            case BAND_PASS -> new BiquadCoefficients(kind, fs, f, q, k / q * n, 0, -k / q * n, a1, a2);
        };
    }

    public Kind kind() {
        return kind;
    }

    public double sampleRateHz() {
        return sampleRateHz;
    }

    /** The -3 dB corner (low- and high-pass) or the centre (band-pass), Hz. */
    public double cornerHz() {
        return cornerHz;
    }

    public double q() {
        return q;
    }

    /** The design before rounding: {@code {b0, b1, b2, a1, a2}} (for tests and documentation). */
    public double[] designed() {
        return new double[] {b0d, b1d, b2d, a1d, a2d};
    }

    /** The rounded coefficients as doubles: {@code {b0, b1, b2, a1, a2}} (Q2.30 / 2^30). */
    public double[] quantised() {
        double s = 1.0 / ONE;
        return new double[] {b0 * s, b1 * s, b2 * s, a1 * s, a2 * s};
    }

    /** The Q2.30 integers {@code {b0, b1, b2, a1, a2}}. */
    public long[] raw() {
        return new long[] {b0, b1, b2, a1, a2};
    }

    /** Gain at DC of the filtered output when the input has been constant for long (1, 0 or 0). */
    public boolean passesDc() {
        return kind == Kind.LOW_PASS;
    }

    /** |H| of the {@code double} design at {@code freqHz}. */
    public double designGain(double freqHz) {
        return gain(new double[] {b0d, b1d, b2d, a1d, a2d}, freqHz / sampleRateHz);
    }

    /** |H| of the rounded coefficients at {@code freqHz}. */
    public double quantisedGain(double freqHz) {
        return gain(quantised(), freqHz / sampleRateHz);
    }

    private static double gain(double[] c, double cyclesPerSample) {
        double w = 2 * Math.PI * cyclesPerSample;
        double c1 = Math.cos(w);
        double s1 = Math.sin(w);
        double c2 = Math.cos(2 * w);
        double s2 = Math.sin(2 * w);
        double nr = c[0] + c[1] * c1 + c[2] * c2;
        double ni = -(c[1] * s1 + c[2] * s2);
        double dr = 1 + c[3] * c1 + c[4] * c2;
        double di = -(c[3] * s1 + c[4] * s2);
        return Math.sqrt((nr * nr + ni * ni) / (dr * dr + di * di));
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Biquad %s %.3f Hz at %.1f Hz (Q %.3f): b=[%d, %d, %d] a=[%d, %d]",
                kind, cornerHz, sampleRateHz, q, b0, b1, b2, a1, a2);
    }
}
