package dev.posture.protocol.trace;

import java.util.Objects;
import java.util.Optional;

/**
 * The calibration in force when a recording started: the neutral "up" direction (measured while
 * the wearer stood tall) and, once taught by a deliberate lean, the forward direction, both in the
 * sensor frame. A forward direction without a neutral one means nothing, so it cannot be built.
 */
public record TraceCalibration(Optional<SensorVector> neutralUp, Optional<SensorVector> forward) {
    public static final TraceCalibration NONE = new TraceCalibration(Optional.empty(), Optional.empty());

    public TraceCalibration {
        Objects.requireNonNull(neutralUp, "neutralUp");
        Objects.requireNonNull(forward, "forward");
        if (forward.isPresent() && neutralUp.isEmpty()) {
            throw new IllegalArgumentException("a forward direction needs a neutral up direction");
        }
    }

    public static TraceCalibration neutral(SensorVector up) {
        return new TraceCalibration(Optional.of(up), Optional.empty());
    }

    public static TraceCalibration neutralAndForward(SensorVector up, SensorVector forward) {
        return new TraceCalibration(Optional.of(up), Optional.of(forward));
    }
}
