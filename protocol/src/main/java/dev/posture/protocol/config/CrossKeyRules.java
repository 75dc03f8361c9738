package dev.posture.protocol.config;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The few rules that tie keys together. Each holds for every {@link Config}; a change that breaks
 * one is refused with a message on the key the request set (the dependent key if it set both).
 * <ul>
 *   <li>hysteresis_deg &lt; threshold_deg: the episode must end at a forward angle above neutral,
 *       or it would never end.</li>
 *   <li>lowpass_cutoff_hz &lt; sample_rate_hz / 2: a cutoff at or above Nyquist filters nothing and
 *       the fixed-point filter coefficient would leave its range.</li>
 * </ul>
 * Exposure settings apply only with exposure_mode on, but may be set ahead while it is off (a
 * clinician prepares them), so that is documented, not enforced.
 */
final class CrossKeyRules {
    record Violation(ConfigKey key, String message) {
    }

    private CrossKeyRules() {
    }

    /**
     * @param values a full set of values indexed by key ordinal
     * @param requested keys the request set
     * @param invalid keys whose requested value was refused: rules on them are not checked
     */
    static List<Violation> check(Object[] values, Set<ConfigKey> requested, Set<ConfigKey> invalid) {
        List<Violation> out = new ArrayList<>();
        checkHysteresis(values, requested, invalid, out);
        checkLowpass(values, requested, invalid, out);
        return out;
    }

    private static void checkHysteresis(Object[] values, Set<ConfigKey> requested, Set<ConfigKey> invalid,
            List<Violation> out) {
        if (invalid.contains(ConfigKey.THRESHOLD_DEG) || invalid.contains(ConfigKey.HYSTERESIS_DEG)) {
            return;
        }
        FixedDecimal threshold = (FixedDecimal) values[ConfigKey.THRESHOLD_DEG.ordinal()];
        FixedDecimal hysteresis = (FixedDecimal) values[ConfigKey.HYSTERESIS_DEG.ordinal()];
        if (hysteresis.compareTo(threshold) < 0) {
            return;
        }
        if (requested.contains(ConfigKey.THRESHOLD_DEG) && !requested.contains(ConfigKey.HYSTERESIS_DEG)) {
            out.add(new Violation(ConfigKey.THRESHOLD_DEG, "threshold_deg: " + threshold
                    + " must be greater than hysteresis_deg, which is " + hysteresis));
        } else {
            out.add(new Violation(ConfigKey.HYSTERESIS_DEG, "hysteresis_deg: " + hysteresis
                    + " must be less than threshold_deg, which is " + threshold));
        }
    }

    private static void checkLowpass(Object[] values, Set<ConfigKey> requested, Set<ConfigKey> invalid,
            List<Violation> out) {
        if (invalid.contains(ConfigKey.LOWPASS_CUTOFF_HZ) || invalid.contains(ConfigKey.SAMPLE_RATE_HZ)) {
            return;
        }
        FixedDecimal cutoff = (FixedDecimal) values[ConfigKey.LOWPASS_CUTOFF_HZ.ordinal()];
        int rate = (Integer) values[ConfigKey.SAMPLE_RATE_HZ.ordinal()];
        if (cutoff.toBigDecimal().multiply(BigDecimal.valueOf(2)).compareTo(BigDecimal.valueOf(rate)) < 0) {
            return;
        }
        if (requested.contains(ConfigKey.SAMPLE_RATE_HZ) && !requested.contains(ConfigKey.LOWPASS_CUTOFF_HZ)) {
            out.add(new Violation(ConfigKey.SAMPLE_RATE_HZ, "sample_rate_hz: " + rate
                    + " must be more than twice lowpass_cutoff_hz, which is " + cutoff));
        } else {
            out.add(new Violation(ConfigKey.LOWPASS_CUTOFF_HZ, "lowpass_cutoff_hz: " + cutoff
                    + " must be less than half of sample_rate_hz, which is " + rate));
        }
    }
}
