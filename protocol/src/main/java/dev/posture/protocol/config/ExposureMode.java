package dev.posture.protocol.config;

/**
 * Whether cues also fire on cumulative exposure: the share of a sliding window spent in forward head
 * posture, which catches a wearer who keeps dipping forward for less than the dwell time each time.
 */
public enum ExposureMode implements WireEnum {
    OFF("cue only on a continuous episode longer than dwell_s"),
    ON("cue when forward time reaches exposure_share_pct of exposure_window_min; replaces the dwell rule");

    private final String description;

    ExposureMode(String description) {
        this.description = description;
    }

    @Override
    public String description() {
        return description;
    }
}
