package dev.posture.device.pipeline.gate;

import java.util.Objects;

/**
 * Says whether the wearer is upright from the tilt between the current up vector and the neutral
 * one: lying down or bending far over closes the gate (no posture cue makes sense there). Hysteresis
 * and a short hold keep it from flickering at the limit: it closes as soon as the tilt passes
 * {@code limitDeg}, and opens again only after the tilt has stayed below {@code limitDeg -
 * hysteresisDeg} for {@code reopenHoldS}.
 */
public final class UprightGate {
    /**
     * @param limitDeg      tilt from neutral beyond which the wearer is not upright, deg (50: past any
     *                      slouch or phone look, short of a bend to the floor or lying down)
     * @param hysteresisDeg how far back below the limit the tilt must come, deg (10)
     * @param reopenHoldS   how long it must stay there, s (1)
     */
    public record Params(double limitDeg, double hysteresisDeg, double reopenHoldS) {
        public static final Params DEFAULTS = new Params(50, 10, 1);

        public Params {
            if (!(limitDeg > 0 && limitDeg < 180)) {
                throw new IllegalArgumentException("limitDeg must be in (0, 180), got " + limitDeg);
            }
            if (!(hysteresisDeg >= 0 && hysteresisDeg < limitDeg)) {
                throw new IllegalArgumentException("hysteresisDeg must be in [0, limitDeg), got " + hysteresisDeg);
            }
            if (!(reopenHoldS >= 0 && reopenHoldS < 3600)) {
                throw new IllegalArgumentException("reopenHoldS must be in [0, 3600), got " + reopenHoldS);
            }
        }
    }

    private int closeAboveCentiDeg;
    private int reopenBelowCentiDeg;
    private long reopenHoldUs;

    private boolean upright = true;
    private long belowSinceUs = Long.MIN_VALUE; // start of the current stretch below the reopen level

    public UprightGate(Params params) {
        configure(params);
    }

    /** New params; the gate's state is kept. */
    public void configure(Params params) {
        Objects.requireNonNull(params, "params");
        closeAboveCentiDeg = (int) Math.round(params.limitDeg() * 100);
        reopenBelowCentiDeg = (int) Math.round((params.limitDeg() - params.hysteresisDeg()) * 100);
        reopenHoldUs = Math.round(params.reopenHoldS() * 1e6);
    }

    /** One sample's tilt from neutral (0.01 deg, unsigned); returns whether the wearer is upright. */
    public boolean step(long tUs, int tiltCentiDeg) {
        if (upright) {
            if (tiltCentiDeg > closeAboveCentiDeg) {
                upright = false;
                belowSinceUs = Long.MIN_VALUE;
            }
        } else if (tiltCentiDeg < reopenBelowCentiDeg) {
            if (belowSinceUs == Long.MIN_VALUE) {
                belowSinceUs = tUs;
            }
            if (tUs - belowSinceUs >= reopenHoldUs) {
                upright = true;
            }
        } else {
            belowSinceUs = Long.MIN_VALUE;
        }
        return upright;
    }

    /** Open again, as after a new calibration. */
    public void reset() {
        upright = true;
        belowSinceUs = Long.MIN_VALUE;
    }

    public boolean upright() {
        return upright;
    }
}
