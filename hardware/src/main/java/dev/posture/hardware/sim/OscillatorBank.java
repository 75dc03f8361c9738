package dev.posture.hardware.sim;

/**
 * A sum of sinusoids on one channel, scaled by a smooth gain track:
 * {@code x(t) = G(t) * sum_i a_i sin(w_i t + p_i)}. Used for everything periodic or random-looking
 * (sway, breathing, typing, gait, bus vibration, hand wobble); because every term is analytic, the
 * rates and accelerations it contributes are exact. "Random" means random frequencies, amplitudes
 * and phases drawn once from the scenario's seed, so the output is deterministic.
 */
final class OscillatorBank {
    final Channel channel;     // where the sum is added
    final int gain;            // index of the gain track (dimensionless, usually 0..1)
    final double activeFrom;   // before this time (s) the gain is 0 and constant
    final double activeTo;     // after this time (s) the gain is 0 and constant
    private final double[] amplitude; // in the channel's unit
    private final double[] omega;     // rad/s
    private final double[] phase;     // rad

    OscillatorBank(Channel channel, int gain, Track gainTrack, double[] amplitude, double[] omega,
                   double[] phase) {
        if (amplitude.length != omega.length || omega.length != phase.length) {
            throw new IllegalArgumentException("amplitude, omega and phase must have the same length");
        }
        this.channel = channel;
        this.gain = gain;
        this.amplitude = amplitude.clone();
        this.omega = omega.clone();
        this.phase = phase.clone();
        boolean zeroBefore = gainTrack.base() == 0;
        boolean zeroAfter = gainTrack.finalValue() == 0;
        this.activeFrom = zeroBefore ? gainTrack.firstMoveStart() : Double.NEGATIVE_INFINITY;
        this.activeTo = zeroAfter ? gainTrack.lastMoveEnd() : Double.POSITIVE_INFINITY;
    }

    /**
     * Adds this bank's value and derivatives at {@code t} to {@code out[off..off+2]}, given the gain
     * track's value and derivatives in {@code g[goff..goff+2]}.
     */
    void addTo(double t, double[] g, int goff, double[] out, int off) {
        if (t <= activeFrom || t >= activeTo) {
            return;
        }
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        for (int i = 0; i < omega.length; i++) {
            double w = omega[i];
            double arg = w * t + phase[i];
            double a = amplitude[i];
            double sin = Math.sin(arg);
            s0 += a * sin;
            s1 += a * w * Math.cos(arg);
            s2 -= a * w * w * sin;
        }
        double g0 = g[goff];
        double g1 = g[goff + 1];
        double g2 = g[goff + 2];
        out[off] += g0 * s0;
        out[off + 1] += g1 * s0 + g0 * s1;
        out[off + 2] += g2 * s0 + 2 * g1 * s1 + g0 * s2;
    }
}
