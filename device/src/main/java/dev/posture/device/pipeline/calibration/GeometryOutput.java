package dev.posture.device.pipeline.calibration;

import dev.posture.device.pipeline.gate.Activity;

/**
 * What the geometry stage says about one sample: a mutable holder the caller owns and the stage
 * refills (nothing allocated per sample). The fields up to {@code sensorOk} are the posture stage's
 * {@code PostureInput} one for one (the integrator copies them); the rest are extras.
 */
public final class GeometryOutput {
    /** Device monotonic time of the sample, us. */
    public long tUs;
    /** A neutral posture is known (taught, or learned from walking), so the angles mean something. */
    public boolean calibrated;
    /** Signed forward angle from neutral along the forward axis, 0.01 deg, + = forward (unsigned tilt until a forward axis is known). */
    public int forwardCentiDeg;
    /** Signed sideways angle from neutral, 0.01 deg, + = to the right (0 until a forward axis is known). */
    public int sidewaysCentiDeg;
    /** Unsigned angle between the current and the neutral up vector, 0.01 deg. */
    public int tiltCentiDeg;
    /** {@link Activity} ordinal: STILL 0, LIGHT 1, WALKING 2, JOGGING 3, VEHICLE 4. */
    public int activity;
    /** False when lying down or bending far over (tilt beyond the upright gate's limit, with hysteresis). */
    public boolean upright;
    /** A re-clip was suspected and neither a recalibration nor walking has resolved it yet. */
    public boolean needsRecalibration;
    /** The sensor delivers plausible samples (passed through from the caller). */
    public boolean sensorOk;

    // ---- extras ----
    /** A forward axis is known (lean calibration or walking), so forward is signed and sideways leaning does not count. */
    public boolean forwardKnown;
    /** What happened to the calibration on this sample ({@link CalibrationStatus#NONE} almost always). */
    public CalibrationStatus calibrationEvent = CalibrationStatus.NONE;

    @Override
    public String toString() {
        return "GeometryOutput{tUs=" + tUs + ", calibrated=" + calibrated + ", forward=" + forwardCentiDeg
                + ", sideways=" + sidewaysCentiDeg + ", tilt=" + tiltCentiDeg + ", activity="
                + Activity.values()[activity] + ", upright=" + upright + ", needsRecalibration=" + needsRecalibration
                + ", sensorOk=" + sensorOk + ", forwardKnown=" + forwardKnown + ", event=" + calibrationEvent + "}";
    }
}
