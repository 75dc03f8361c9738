package dev.posture.device.pipeline.gate;

/**
 * Tuning of the {@link ActivityClassifier}, in physical units. The defaults and the reasons for them
 * are in {@code device/docs/geometry.md}; {@link #DEFAULTS} is what the device uses.
 *
 * @param stepCentreHz       centre of the band-pass on |a| that isolates the step rhythm, Hz (2.0)
 * @param stepBandQ          its Q: 0.5 passes about 0.8-4.8 Hz at -3 dB (0.5)
 * @param vibrationCornerHz  corner of the high-pass on |a| for vehicle vibration, Hz (5.0)
 * @param powerTimeS         time constant of the running energies (mean squares), s (1.0)
 * @param gyroMeanTimeS      time constant of the slow gyro mean removed before its energy (bias, steady turns), s (2.0)
 * @param stepHysteresisG    half-width of the Schmitt trigger on band-passed |a| that marks a step, g (0.04)
 * @param stepWindowS        steps older than this do not count, s (3.0)
 * @param minSteps           up-crossings within the window needed to call it stepping (4)
 * @param stepRegularity     largest allowed ratio of the longest to the shortest step interval (1.6)
 * @param minStepHz          slowest step rate, Hz (1.0)
 * @param maxStepHz          fastest step rate, Hz (4.0)
 * @param walkRmsG           least step-band RMS of |a| for walking, g (0.05)
 * @param jogRmsG            least step-band RMS of |a| for jogging, g (0.45)
 * @param vibrationRmsG      least high-pass RMS of |a| for a vehicle, g (0.02)
 * @param vehicleMaxGyroDps  most gyro RMS (bias removed) for a vehicle: more is handling or fidgeting, deg/s (15)
 * @param lightGyroDps       gyro RMS above which the wearer is not still, deg/s (3)
 * @param lightRmsG          step-band RMS of |a| above which the wearer is not still, g (0.01)
 * @param vehicleEnterS      vibration must last this long before VEHICLE, s (3)
 * @param vehicleHoldS       VEHICLE stays this long after the vibration stops (stops at a light), s (10)
 * @param movingHoldS        WALKING / JOGGING stay this long after the last step, s (2)
 * @param lightHoldS         LIGHT stays this long after the motion stops, s (1)
 */
public record ActivityParams(double stepCentreHz, double stepBandQ, double vibrationCornerHz, double powerTimeS,
                             double gyroMeanTimeS, double stepHysteresisG, double stepWindowS, int minSteps,
                             double stepRegularity, double minStepHz, double maxStepHz, double walkRmsG,
                             double jogRmsG, double vibrationRmsG, double vehicleMaxGyroDps, double lightGyroDps,
                             double lightRmsG, double vehicleEnterS, double vehicleHoldS, double movingHoldS,
                             double lightHoldS) {
    public static final ActivityParams DEFAULTS = new ActivityParams(2.0, 0.5, 5.0, 1.0, 2.0, 0.04, 3.0, 4, 1.6,
            1.0, 4.0, 0.05, 0.45, 0.02, 15, 3, 0.01, 3, 10, 2, 1);

    public ActivityParams {
        positive("stepCentreHz", stepCentreHz);
        positive("stepBandQ", stepBandQ);
        positive("vibrationCornerHz", vibrationCornerHz);
        positive("powerTimeS", powerTimeS);
        positive("gyroMeanTimeS", gyroMeanTimeS);
        positive("stepHysteresisG", stepHysteresisG);
        positive("stepWindowS", stepWindowS);
        if (minSteps < 2 || minSteps > ActivityClassifier.MAX_STEPS) {
            throw new IllegalArgumentException("minSteps must be in [2, " + ActivityClassifier.MAX_STEPS + "], got "
                    + minSteps);
        }
        if (!(stepRegularity >= 1)) {
            throw new IllegalArgumentException("stepRegularity must be at least 1, got " + stepRegularity);
        }
        positive("minStepHz", minStepHz);
        if (!(maxStepHz > minStepHz)) {
            throw new IllegalArgumentException("maxStepHz must be above minStepHz, got " + maxStepHz);
        }
        positive("walkRmsG", walkRmsG);
        if (!(jogRmsG > walkRmsG)) {
            throw new IllegalArgumentException("jogRmsG must be above walkRmsG, got " + jogRmsG);
        }
        positive("vibrationRmsG", vibrationRmsG);
        positive("vehicleMaxGyroDps", vehicleMaxGyroDps);
        positive("lightGyroDps", lightGyroDps);
        positive("lightRmsG", lightRmsG);
        nonNegative("vehicleEnterS", vehicleEnterS);
        nonNegative("vehicleHoldS", vehicleHoldS);
        nonNegative("movingHoldS", movingHoldS);
        nonNegative("lightHoldS", lightHoldS);
    }

    private static void positive(String name, double v) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " must be a positive number, got " + v);
        }
    }

    private static void nonNegative(String name, double v) {
        if (!(v >= 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " must be a number >= 0, got " + v);
        }
    }
}
