package dev.posture.hardware.sim;

import dev.posture.protocol.trace.TraceCsvWriter;
import java.util.List;
import java.util.Locale;

/**
 * One simulated sample with its ground truth. Mutable and reused: {@link WearerSimulator#evaluate}
 * and {@link RowCursor} overwrite the same instance, so copy what you keep.
 *
 * <p>The columns are laid out for the trace CSV (DESIGN.md, "Trace CSV"): the first
 * {@link #TRACE_COLUMNS} are exactly {@code t_s, acc_x, acc_y, acc_z, gyr_x, gyr_y, gyr_z} in the
 * sensor frame (specific force in m/s^2, about +9.81 along the up axis at rest; angular rate in
 * rad/s), and the rest are ground-truth extras that trace readers ignore. A CSV writer needs only
 * {@link #COLUMNS} for the header and {@link #cell(int)} (or {@link #value(int)}) per column.
 */
public final class SimRow {
    /** Header names, in column order. */
    public static final List<String> COLUMNS = List.of(
            "t_s", "acc_x", "acc_y", "acc_z", "gyr_x", "gyr_y", "gyr_z",
            "true_up_x", "true_up_y", "true_up_z", "true_forward_deg",
            "true_q_w", "true_q_x", "true_q_y", "true_q_z",
            "true_pos_x", "true_pos_y", "true_pos_z",
            "segment", "segment_index", "on_body", "gate_open", "cue_expected");
    /** The leading columns every trace reader understands. */
    public static final int TRACE_COLUMNS = 7;
    /** Index of the segment label, the only non-numeric column. */
    public static final int SEGMENT_COLUMN = 18;

    double tS;
    final double[] acc = new double[3];
    final double[] gyr = new double[3];
    final double[] up = new double[3];
    final double[] quat = new double[4];
    final double[] pos = new double[3];
    double forwardDeg;
    SegmentKind segment = SegmentKind.STANDING;
    int segmentIndex;
    boolean onBody;
    boolean gateOpen;
    boolean cueExpected;

    /** Scenario time (s). */
    public double tS() {
        return tS;
    }

    /** Specific force (m/s^2), sensor frame, axis 0..2. */
    public double acc(int axis) {
        return acc[axis];
    }

    /** Angular rate (rad/s), sensor frame, axis 0..2 (the true rate: no bias, no noise). */
    public double gyr(int axis) {
        return gyr[axis];
    }

    /** True unit up vector (away from the Earth) in the sensor frame, axis 0..2. */
    public double up(int axis) {
        return up[axis];
    }

    /** True forward angle of head and upper back from the wearer's neutral (deg, + = forward). */
    public double forwardDeg() {
        return forwardDeg;
    }

    /** True orientation, sensor to world (ENU, z up), as a unit quaternion: 0 = w, 1..3 = x, y, z. */
    public double quat(int index) {
        return quat[index];
    }

    /** True sensor position in the world (m), axis 0..2 (east, north, up). */
    public double pos(int axis) {
        return pos[axis];
    }

    /** What the wearer is doing. */
    public SegmentKind segment() {
        return segment;
    }

    /** Index of the segment in the scenario's script. */
    public int segmentIndex() {
        return segmentIndex;
    }

    /** False while the clip is off the body (re-clipping). */
    public boolean onBody() {
        return onBody;
    }

    /** True when a cue is allowed at all: the activity's gate is open and the clip is on the body. */
    public boolean gateOpen() {
        return gateOpen;
    }

    /** True when the scenario's {@link CueRule} says a forward-head cue is due. */
    public boolean cueExpected() {
        return cueExpected;
    }

    /** Column {@code i} as a number (booleans 0/1; the segment column gives its ordinal). */
    public double value(int column) {
        return switch (column) {
            case 0 -> tS;
            case 1, 2, 3 -> acc[column - 1];
            case 4, 5, 6 -> gyr[column - 4];
            case 7, 8, 9 -> up[column - 7];
            case 10 -> forwardDeg;
            case 11, 12, 13, 14 -> quat[column - 11];
            case 15, 16, 17 -> pos[column - 15];
            case 18 -> segment.ordinal();
            case 19 -> segmentIndex;
            case 20 -> onBody ? 1 : 0;
            case 21 -> gateOpen ? 1 : 0;
            case 22 -> cueExpected ? 1 : 0;
            default -> throw new IndexOutOfBoundsException("column " + column + " of " + COLUMNS.size());
        };
    }

    /**
     * Column {@code i} as CSV text: numbers as the trace CSV writes them ({@link TraceCsvWriter#decimal}),
     * counts and flags as integers, the segment column as its name. Allocates: for I/O threads.
     */
    public String cell(int column) {
        if (column == SEGMENT_COLUMN) {
            return segment.name();
        }
        if (column >= 19) {
            return Integer.toString((int) value(column));
        }
        return TraceCsvWriter.decimal(value(column));
    }

    /** Copies every field of {@code other} into this row. */
    public void copyFrom(SimRow other) {
        tS = other.tS;
        System.arraycopy(other.acc, 0, acc, 0, 3);
        System.arraycopy(other.gyr, 0, gyr, 0, 3);
        System.arraycopy(other.up, 0, up, 0, 3);
        System.arraycopy(other.quat, 0, quat, 0, 4);
        System.arraycopy(other.pos, 0, pos, 0, 3);
        forwardDeg = other.forwardDeg;
        segment = other.segment;
        segmentIndex = other.segmentIndex;
        onBody = other.onBody;
        gateOpen = other.gateOpen;
        cueExpected = other.cueExpected;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "t=%.3f acc=(%.3f, %.3f, %.3f) gyr=(%.4f, %.4f, %.4f) fwd=%.2f %s%s",
                tS, acc[0], acc[1], acc[2], gyr[0], gyr[1], gyr[2], forwardDeg, segment,
                cueExpected ? " CUE" : "");
    }
}
