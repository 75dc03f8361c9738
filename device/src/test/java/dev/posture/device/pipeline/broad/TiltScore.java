package dev.posture.device.pipeline.broad;

/**
 * The benchmark's inclination error, as {@code shared/tools/tilt_score.py} computes it: the angle
 * between the estimated and the true up vector, RMS over the rows with {@code movement=1} and ground
 * truth, in degrees.
 */
public final class TiltScore {
    private TiltScore() {
    }

    /**
     * @param upX estimated up vector in the sensor frame (any non-zero length), one row per trial row
     * @return inclination RMSE over the scored rows, deg
     */
    public static double rmseDeg(BroadTrial trial, double[] upX, double[] upY, double[] upZ) {
        double se = 0;
        int n = 0;
        for (int i = 0; i < trial.size(); i++) {
            if (!trial.movement[i] || Double.isNaN(trial.gtW[i])) {
                continue;
            }
            double w = trial.gtW[i], x = trial.gtX[i], y = trial.gtY[i], z = trial.gtZ[i];
            // Third row of the sensor->ENU rotation matrix: ENU "up" expressed in the sensor frame.
            double ux = 2 * (x * z - w * y), uy = 2 * (y * z + w * x), uz = 1 - 2 * (x * x + y * y);
            double norm = Math.sqrt(upX[i] * upX[i] + upY[i] * upY[i] + upZ[i] * upZ[i]);
            if (!(norm > 0)) {
                throw new IllegalArgumentException(trial.name + ": row " + (i + 2) + ": up vector is zero or not a number");
            }
            double c = (ux * upX[i] + uy * upY[i] + uz * upZ[i]) / norm;
            double err = Math.toDegrees(Math.acos(Math.max(-1.0, Math.min(1.0, c))));
            se += err * err;
            n++;
        }
        return Math.sqrt(se / n);
    }
}
