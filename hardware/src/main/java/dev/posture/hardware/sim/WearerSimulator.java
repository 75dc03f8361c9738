package dev.posture.hardware.sim;

import dev.posture.hardware.motion.MotionSource;

/**
 * The wearer simulator for one thread: the motion of the collar-clipped sensor at any time of a
 * {@link Scenario}, as an IMU emulator wants it ({@link MotionSource}) or with its ground truth
 * ({@link #evaluate}). Times may go in any order; the same time always gives the same answer.
 * Nothing here allocates per call.
 */
public final class WearerSimulator implements MotionSource {
    private final Scenario scenario;
    private final Plan plan;
    private final WearerKinematics kinematics;

    WearerSimulator(Scenario scenario) {
        this.scenario = scenario;
        this.plan = scenario.plan();
        this.kinematics = new WearerKinematics(plan);
    }

    public Scenario scenario() {
        return scenario;
    }

    /**
     * The true specific force (m/s^2) and angular rate (rad/s) in the sensor frame at
     * {@code tNanos} since the scenario started: no noise, no bias, no range limits (the emulator's
     * business).
     */
    @Override
    public void sample(long tNanos, double[] specificForce, double[] angularRate) {
        kinematics.evaluate(tNanos * 1e-9, false);
        System.arraycopy(kinematics.specificForce, 0, specificForce, 0, 3);
        System.arraycopy(kinematics.angularRate, 0, angularRate, 0, 3);
    }

    /** Fills {@code out} with the motion and ground truth at {@code tS} seconds. */
    public void evaluate(double tS, SimRow out) {
        WearerKinematics k = kinematics;
        k.evaluate(tS, true);
        out.tS = tS;
        System.arraycopy(k.specificForce, 0, out.acc, 0, 3);
        System.arraycopy(k.angularRate, 0, out.gyr, 0, 3);
        double[] r = k.sensorToWorld;
        out.up[0] = r[6]; // world up in the sensor frame: third row of sensor->world
        out.up[1] = r[7];
        out.up[2] = r[8];
        Rot3.toQuaternion(r, out.quat);
        System.arraycopy(k.position, 0, out.pos, 0, 3);
        out.forwardDeg = k.forwardDeg();
        int span = plan.spanAt(tS);
        out.segmentIndex = span;
        out.segment = plan.spanKind[span];
        out.onBody = !plan.offBody(tS);
        out.gateOpen = out.segment.gateOpen() && out.onBody;
        out.cueExpected = scenario.cueExpected(tS);
    }
}
