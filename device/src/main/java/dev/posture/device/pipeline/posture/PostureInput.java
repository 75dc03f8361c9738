package dev.posture.device.pipeline.posture;

/**
 * What the geometry stage says about one sample: the posture stage's whole input. A mutable holder
 * the caller owns and refills every sample (nothing is allocated per sample). The geometry stage
 * (pipeline.calibration and pipeline.gate) writes the fields; the posture stage only reads them.
 *
 * <p>The activity codes are the ordinals of the gate stage's activity classes in this order: STILL,
 * LIGHT (fidgeting, typing), WALKING, JOGGING, VEHICLE. They are defined here as constants because
 * the gate stage is not merged yet; when it is, its enum's ordinals must match these (a test there
 * should pin it).
 */
public final class PostureInput {
    /** Standing or sitting still. */
    public static final int ACTIVITY_STILL = 0;
    /** Small motion in place: fidgeting, typing. Does not gate cues. */
    public static final int ACTIVITY_LIGHT = 1;
    /** Walking: gates cues (state MOVING). */
    public static final int ACTIVITY_WALKING = 2;
    /** Jogging or running: gates cues (state MOVING). */
    public static final int ACTIVITY_JOGGING = 3;
    /** Riding a vehicle (bus, car, train vibration): gates cues (state MOVING). */
    public static final int ACTIVITY_VEHICLE = 4;

    /** Device monotonic time of the sample, microseconds; strictly increasing. */
    public long tUs;
    /** A neutral posture has been taught, so the angles mean something. */
    public boolean calibrated;
    /** Signed forward angle from neutral along the taught forward direction, 0.01 deg; + = forward. */
    public int forwardCentiDeg;
    /** Signed sideways angle from neutral, 0.01 deg (not used for cueing: leaning sideways is not forward). */
    public int sidewaysCentiDeg;
    /** Unsigned angle between the current up vector and the neutral up vector, 0.01 deg. */
    public int tiltCentiDeg;
    /** One of the ACTIVITY_ constants; any other value is treated as moving (no cue). */
    public int activity;
    /** False when lying down or bending far over (tilt beyond the gate stage's limit). */
    public boolean upright;
    /** A re-clip was detected and neither a recalibration nor relearning has resolved it yet. */
    public boolean needsRecalibration;
    /** The sensor delivers plausible samples. */
    public boolean sensorOk;

    /** True for the activities that gate cues: walking, jogging, vehicle, and unknown codes. */
    public boolean moving() {
        return activity != ACTIVITY_STILL && activity != ACTIVITY_LIGHT;
    }

    /**
     * The retraction a check-in or a drill round asks for, on this sample: the posture can be judged
     * (sensor fine, calibrated, no re-clip pending), the wearer is upright and still (activity STILL),
     * and the forward angle is at or behind neutral plus a small margin.
     *
     * @param marginCentiDeg how far forward of neutral still counts, 0.01 deg
     */
    public boolean retracted(int marginCentiDeg) {
        return sensorOk && calibrated && !needsRecalibration && upright && activity == ACTIVITY_STILL
                && forwardCentiDeg <= marginCentiDeg;
    }

    /** Copies every field from {@code other} (for adapters that keep their own holder). */
    public void copyFrom(PostureInput other) {
        tUs = other.tUs;
        calibrated = other.calibrated;
        forwardCentiDeg = other.forwardCentiDeg;
        sidewaysCentiDeg = other.sidewaysCentiDeg;
        tiltCentiDeg = other.tiltCentiDeg;
        activity = other.activity;
        upright = other.upright;
        needsRecalibration = other.needsRecalibration;
        sensorOk = other.sensorOk;
    }

    @Override
    public String toString() {
        return "PostureInput{tUs=" + tUs + ", calibrated=" + calibrated + ", forwardCentiDeg=" + forwardCentiDeg
                + ", sidewaysCentiDeg=" + sidewaysCentiDeg + ", tiltCentiDeg=" + tiltCentiDeg + ", activity="
                + activity + ", upright=" + upright + ", needsRecalibration=" + needsRecalibration + ", sensorOk="
                + sensorOk + "}";
    }
}
