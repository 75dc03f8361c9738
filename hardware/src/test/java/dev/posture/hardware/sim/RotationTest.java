package dev.posture.hardware.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The small rotation algebra and the mounts built on it. */
class RotationTest {
    @Test
    void quaternionMatrixRoundTripCoversEveryBranch() {
        double[] m = new double[9];
        double[] q = new double[4];
        double[] back = new double[9];
        for (long seed = 0; seed < 500; seed++) {
            Mount mount = Mount.random(seed);
            mount.matrix(m);
            Rot3.toQuaternion(m, q);
            assertSameRotation(Quaternions.of(mount), q);
            Rot3.fromQuaternion(q, back);
            for (int i = 0; i < 9; i++) {
                assertEquals(m[i], back[i], 1e-12);
            }
        }
        // Half turns, where the trace is -1 and w is 0: each off-diagonal branch.
        for (double[] axis : new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {1, 1, 0}}) {
            Mount half = Mount.axisAngleDeg(axis[0], axis[1], axis[2], 180);
            half.matrix(m);
            Rot3.toQuaternion(m, q);
            assertSameRotation(Quaternions.of(half), q);
        }
    }

    @Test
    void axisAngleAgreesWithTheQuaternionRotation() {
        double[] m = new double[9];
        double[] v = {0.3, -1.2, 2.0};
        double[] out = new double[3];
        Rot3.axisAngle(0, 0.6, 0.8, 1.1, m);
        Rot3.mulVec(m, v, out);
        double[] q = {Math.cos(0.55), 0, 0.6 * Math.sin(0.55), 0.8 * Math.sin(0.55)};
        double[] expected = Quaternions.rotate(q, v);
        for (int i = 0; i < 3; i++) {
            assertEquals(expected[i], out[i], 1e-12);
        }
        Rot3.mulTransposeVec(m, out, out);
        for (int i = 0; i < 3; i++) {
            assertEquals(v[i], out[i], 1e-12);
        }
    }

    @Test
    void mountPresetsPutTheSensorAxesWhereTheyClaim() {
        assertAxis(Mount.UPRIGHT, new double[] {0, 0, 1}, new double[] {0, 0, 1});
        assertAxis(Mount.UPSIDE_DOWN, new double[] {0, 0, 1}, new double[] {0, 0, -1});
        assertAxis(Mount.UPSIDE_DOWN, new double[] {1, 0, 0}, new double[] {-1, 0, 0});
        assertAxis(Mount.ROTATED_90_ABOUT_FORWARD, new double[] {1, 0, 0}, new double[] {0, 0, -1});
        assertAxis(Mount.ROTATED_90_ABOUT_FORWARD, new double[] {0, 0, 1}, new double[] {1, 0, 0});
        assertAxis(Mount.FACING_BACKWARD, new double[] {0, 1, 0}, new double[] {0, -1, 0});
        // 15 deg about the right axis then 10 deg about the spine: one 18.0 deg rotation.
        assertEquals(18.0, Mount.UPRIGHT.angleToDeg(Mount.CLIP_TILTED), 0.05);
    }

    @Test
    void mountAlgebra() {
        Mount a = Mount.random(1);
        Mount b = Mount.random(2);
        assertEquals(0, a.then(a.inverse()).angleToDeg(Mount.UPRIGHT), 1e-6);
        assertEquals(a.angleToDeg(b), a.inverse().then(b).angleToDeg(Mount.UPRIGHT), 1e-6);
        assertEquals(a, Mount.random(1));
        assertNotEquals(a, b);
        assertTrue(new Mount(-1, 0, 0, 0).w() > 0, "one sign per rotation");
        assertEquals("Mount[identity]", Mount.UPRIGHT.toString());
        assertEquals("Mount[180.0 deg about (0.000, 1.000, 0.000)]", Mount.UPSIDE_DOWN.toString());
        assertEquals("Mount[90.0 deg about (0.000, 1.000, 0.000)]", Mount.ROTATED_90_ABOUT_FORWARD.toString());
        assertEquals("mount quaternion must be finite and non-zero",
                assertThrows(IllegalArgumentException.class, () -> new Mount(0, 0, 0, 0)).getMessage());
        assertEquals("mount axis must be non-zero",
                assertThrows(IllegalArgumentException.class, () -> Mount.axisAngleDeg(0, 0, 0, 10)).getMessage());
    }

    /** Equal up to the quaternion's sign (q and -q are the same rotation). */
    private static void assertSameRotation(double[] expected, double[] q) {
        double sign = expected[0] * q[0] + expected[1] * q[1] + expected[2] * q[2] + expected[3] * q[3] < 0 ? -1 : 1;
        for (int i = 0; i < 4; i++) {
            assertEquals(expected[i], sign * q[i], 1e-12);
        }
    }

    private static void assertAxis(Mount mount, double[] sensorAxis, double[] bodyAxis) {
        double[] got = Quaternions.rotate(Quaternions.of(mount), sensorAxis);
        for (int i = 0; i < 3; i++) {
            assertEquals(bodyAxis[i], got[i], 1e-12, mount + " axis " + i);
        }
    }
}
