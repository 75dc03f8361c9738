package dev.posture.device.pipeline.calibration;

import java.util.Locale;

/**
 * The outcome of the last calibration decision, with the numbers behind it: a mutable holder the
 * geometry stage refills on the sampling thread (no allocation). {@link #message()} builds the
 * one-line explanation and allocates: in the loop, copy the primitives (status, measured, limit,
 * axis) into the event ring, and let the I/O thread call {@link #describe} with them.
 */
public final class CalibrationReport {
    private CalibrationStatus status = CalibrationStatus.NONE;
    private long tUs;
    private int measured; // unit depends on the status, see message()
    private int limit;
    private int axis = -1; // gyro axis for REJECTED_ROTATION

    void set(CalibrationStatus status, long tUs, int measured, int limit, int axis) {
        this.status = status;
        this.tUs = tUs;
        this.measured = measured;
        this.limit = limit;
        this.axis = axis;
    }

    public CalibrationStatus status() {
        return status;
    }

    /** Device time of the decision, us. */
    public long tUs() {
        return tUs;
    }

    /**
     * The measured quantity: 0.01 deg/s for rotation, milli-g for acceleration, 0.01 deg for tilt and
     * leans, ms for durations, samples for faults.
     */
    public int measured() {
        return measured;
    }

    /** The limit it was compared with, in the same unit. */
    public int limit() {
        return limit;
    }

    /** The gyro axis (0 = x, 1 = y, 2 = z) behind a {@link CalibrationStatus#REJECTED_ROTATION}, else -1. */
    public int axis() {
        return axis;
    }

    /** One line saying what happened and, for a rejection, what moved and by how much (allocates). */
    public String message() {
        return describe(status, measured, limit, axis);
    }

    /** The message for a decision recorded as primitives (see {@link #measured()} for the units). */
    public static String describe(CalibrationStatus status, int measured, int limit, int axis) {
        return switch (status) {
            case NONE -> "no calibration yet";
            case NEUTRAL_SET -> String.format(Locale.ROOT, "neutral calibration set (up direction held within %s deg)",
                    centi(measured));
            case LEAN_SET -> String.format(Locale.ROOT, "forward direction taught by a %s deg lean", centi(measured));
            case LEARNED_FROM_WALKING -> String.format(Locale.ROOT,
                    "neutral and forward direction learned from %d s of walking", measured / 1000);
            case RECLIP_SUSPECTED -> String.format(Locale.ROOT,
                    "the clip seems to have been moved: the up direction is %s deg from neutral; recalibrate or walk"
                            + " for a minute", centi(measured));
            case RECLIP_DISMISSED -> String.format(Locale.ROOT,
                    "walking shows the old neutral still fits (%s deg off); posture judging resumes", centi(measured));
            case REJECTED_ROTATION -> String.format(Locale.ROOT,
                    "calibration rejected: the sensor turned, its %s rate spanned %s deg/s (limit %s deg/s); hold"
                            + " still", "xyz".charAt(Math.max(0, axis)) + " axis", centi(measured), centi(limit));
            case REJECTED_ACCELERATION -> String.format(Locale.ROOT,
                    "calibration rejected: the acceleration changed by %s g (limit %s g); stand still",
                    milli(measured), milli(limit));
            case REJECTED_TILT -> String.format(Locale.ROOT,
                    "calibration rejected: the up direction moved by %s deg (limit %s deg); hold the posture",
                    centi(measured), centi(limit));
            case REJECTED_TOO_SHORT -> String.format(Locale.ROOT,
                    "calibration rejected: the window lasted %s s (at least %s s needed)", milli(measured),
                    milli(limit));
            case REJECTED_SENSOR_FAULT -> String.format(Locale.ROOT,
                    "calibration rejected: the sensor reported a fault during the window (%d samples)", measured);
            case REJECTED_NO_NEUTRAL -> "lean calibration rejected: calibrate the neutral posture first";
            case REJECTED_LEAN_TOO_SMALL -> String.format(Locale.ROOT,
                    "lean calibration rejected: the lean was %s deg (at least %s deg needed); lean further forward"
                            + " from the hips", centi(measured), centi(limit));
            case REJECTED_LEAN_TOO_LARGE -> String.format(Locale.ROOT,
                    "lean calibration rejected: the lean was %s deg (at most %s deg); lean, do not bend",
                    centi(measured), centi(limit));
            case REJECTED_LEAN_SIDEWAYS -> String.format(Locale.ROOT,
                    "lean calibration rejected: the lean points %s deg away from the walking direction (at most %s"
                            + " deg); lean straight forward", centi(measured), centi(limit));
            case CANCELLED -> "calibration cancelled";
        };
    }

    @Override
    public String toString() {
        return status + " at " + tUs + " us: " + message();
    }

    private static String centi(int v) {
        return String.format(Locale.ROOT, "%.2f", v / 100.0);
    }

    private static String milli(int v) {
        return String.format(Locale.ROOT, "%.3f", v / 1000.0);
    }
}
