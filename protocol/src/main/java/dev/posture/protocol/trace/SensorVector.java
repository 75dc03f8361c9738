package dev.posture.protocol.trace;

/**
 * A direction in the sensor frame, each component in -1..1 (a unit vector, as calibration stores
 * them). A trace stores components to 2^-30 (about 1e-9), so a vector read back from a trace is
 * the nearest multiple of 2^-30 of the one written.
 */
public record SensorVector(double x, double y, double z) {
    public SensorVector {
        if (!inRange(x) || !inRange(y) || !inRange(z)) {
            throw new IllegalArgumentException("vector (" + x + ", " + y + ", " + z + ") needs components in -1..1");
        }
    }

    private static boolean inRange(double c) {
        return c >= -1.0 && c <= 1.0;
    }
}
