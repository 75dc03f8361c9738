package dev.posture.device.pipeline.tilt;

/**
 * Tuning parameters of the tilt estimator, in physical units and independent of the sample rate.
 *
 * <p>Defaults follow VQF's published defaults (Laidig &amp; Seel, Information Fusion 2023) where VQF
 * has the same parameter; {@link #driftTimeS} is this estimator's own (see {@code device/docs/estimator.md}).
 *
 * @param tauAccS            time constant of the accelerometer low-pass in the almost-inertial frame, s (3.0)
 * @param driftTimeS         time constant of the drift-rate integrator of the almost-inertial frame, s;
 *                           0 disables drift estimation (10.0)
 * @param restThGyrDps       rest detection: max deviation of the gyro from its low-pass, deg/s (2.0)
 * @param restThAccMs2       rest detection: max deviation of the accelerometer from the gravity estimate, m/s^2 (0.5)
 * @param restMinS           rest detection: how long both must stay within bounds, s (1.5)
 * @param restFilterTauS     rest detection: time constant of the gyro low-pass (also the bias measurement), s (0.5)
 * @param biasSigmaInitDps   std. dev. of the gyro bias before any estimate, deg/s (0.5)
 * @param biasForgettingTimeS time in which the bias variance grows from 0 to (0.1 deg/s)^2, s (100)
 * @param biasClipDps        bound of the gyro bias estimate, of one measurement of it and of the drift
 *                           rate, deg/s, at most 5 (2.0)
 * @param biasSigmaRestDps   std. dev. of the gyro bias measurement at rest, deg/s (0.03)
 * @param shockLimitMs2      shock rejection: an accelerometer sample enters the low-pass at most this far
 *                           from the low-pass output, m/s^2, at most 8 g (19.6, i.e. 2 g)
 * @param outputLeadS        output prediction horizon, s: the up vector is extrapolated this far ahead with
 *                           the gyro to compensate a known sensor latency; 0 = no prediction (0)
 */
public record TiltParams(
        double tauAccS,
        double driftTimeS,
        double restThGyrDps,
        double restThAccMs2,
        double restMinS,
        double restFilterTauS,
        double biasSigmaInitDps,
        double biasForgettingTimeS,
        double biasClipDps,
        double biasSigmaRestDps,
        double shockLimitMs2,
        double outputLeadS) {

    /** The defaults listed above. */
    public static final TiltParams DEFAULTS = new TiltParams(3.0, 10.0, 2.0, 0.5, 1.5, 0.5, 0.5, 100.0, 2.0, 0.03, 19.6, 0.0);

    /** Checks ranges: time constants positive, thresholds positive, lead within [0, 0.05] s. */
    public TiltParams {
        positive("tauAccS", tauAccS);
        if (!(driftTimeS == 0 || driftTimeS >= tauAccS)) {
            throw new IllegalArgumentException("driftTimeS must be 0 (off) or >= tauAccS: " + driftTimeS);
        }
        positive("restThGyrDps", restThGyrDps);
        positive("restThAccMs2", restThAccMs2);
        positive("restMinS", restMinS);
        positive("restFilterTauS", restFilterTauS);
        positive("biasSigmaInitDps", biasSigmaInitDps);
        positive("biasForgettingTimeS", biasForgettingTimeS);
        positive("biasClipDps", biasClipDps);
        if (biasClipDps > 5) {
            throw new IllegalArgumentException("biasClipDps must be at most 5 deg/s: " + biasClipDps);
        }
        positive("biasSigmaRestDps", biasSigmaRestDps);
        positive("shockLimitMs2", shockLimitMs2);
        if (shockLimitMs2 > 8 * 9.80665) {
            throw new IllegalArgumentException("shockLimitMs2 must be at most 8 g (78.45 m/s^2): " + shockLimitMs2);
        }
        if (!(outputLeadS >= 0 && outputLeadS <= 0.05)) {
            throw new IllegalArgumentException("outputLeadS must be in [0, 0.05] s: " + outputLeadS);
        }
    }

    private static void positive(String name, double v) {
        if (!(v > 0 && v < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException(name + " must be positive and finite: " + v);
        }
    }

    public TiltParams withTauAccS(double v) {
        return new TiltParams(v, driftTimeS, restThGyrDps, restThAccMs2, restMinS, restFilterTauS,
                biasSigmaInitDps, biasForgettingTimeS, biasClipDps, biasSigmaRestDps, shockLimitMs2, outputLeadS);
    }

    public TiltParams withDriftTimeS(double v) {
        return new TiltParams(tauAccS, v, restThGyrDps, restThAccMs2, restMinS, restFilterTauS,
                biasSigmaInitDps, biasForgettingTimeS, biasClipDps, biasSigmaRestDps, shockLimitMs2, outputLeadS);
    }

    public TiltParams withShockLimitMs2(double v) {
        return new TiltParams(tauAccS, driftTimeS, restThGyrDps, restThAccMs2, restMinS, restFilterTauS,
                biasSigmaInitDps, biasForgettingTimeS, biasClipDps, biasSigmaRestDps, v, outputLeadS);
    }

    public TiltParams withOutputLeadS(double v) {
        return new TiltParams(tauAccS, driftTimeS, restThGyrDps, restThAccMs2, restMinS, restFilterTauS,
                biasSigmaInitDps, biasForgettingTimeS, biasClipDps, biasSigmaRestDps, shockLimitMs2, v);
    }
}
