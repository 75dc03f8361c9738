package dev.posture.device.pipeline.broad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Java port of tilt_score.py on a tiny hand-made trial. */
class TiltScoreTest {
    @TempDir
    Path dir;

    @Test
    void scoresOnlyMovementRowsWithGroundTruth() throws IOException {
        // Ground truth: identity (up = +z) in rows 1-3; rotation of 90 deg about x in row 4 (up = (0, 1, 0)
        // in the sensor frame: sensor->ENU q = (cos45, sin45, 0, 0) maps sensor y to ENU z).
        double c = Math.sqrt(0.5);
        String csv = "t_s,acc_x,acc_y,acc_z,gyr_x,gyr_y,gyr_z,gt_qw,gt_qx,gt_qy,gt_qz,movement\n"
                + "0.00,0,0,9.81,0,0,0,1,0,0,0,0\n"      // not scored (movement 0)
                + "0.01,0,0,9.81,0,0,0,1,0,0,0,1\n"      // scored
                + "0.02,0,0,9.81,0,0,0,,,,,1\n"          // not scored (no ground truth)
                + "0.03,0,0,9.81,0,0,0," + c + "," + c + ",0,0,1\n"; // scored
        Path file = dir.resolve("t.csv");
        Files.writeString(file, csv);
        BroadTrial t = BroadTrial.read(file);
        // estimates: row 1 exact, row 3 tilted by 3 deg (scaled, not unit), row 2/0 arbitrary
        double a = Math.toRadians(3);
        double[] x = {5, 0, 1, 0};
        double[] y = {0, 0, 0, 2 * Math.cos(a)};
        double[] z = {1, 3, 0, 2 * Math.sin(a)};
        assertEquals(Math.sqrt((0 + 9) / 2.0), TiltScore.rmseDeg(t, x, y, z), 1e-9);
    }

    @Test
    void rejectsAZeroUpVectorOnAScoredRow() throws IOException {
        String csv = "t_s,acc_x,acc_y,acc_z,gyr_x,gyr_y,gyr_z,gt_qw,gt_qx,gt_qy,gt_qz,movement\n"
                + "0.00,0,0,9.81,0,0,0,1,0,0,0,1\n";
        Path file = dir.resolve("z.csv");
        Files.writeString(file, csv);
        BroadTrial t = BroadTrial.read(file);
        assertThrows(IllegalArgumentException.class, () -> TiltScore.rmseDeg(t, new double[1], new double[1], new double[1]));
    }
}
