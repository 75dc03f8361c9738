package dev.posture.device.pipeline.calibration;

/**
 * One calibration window (neutral or lean) being collected: the sum of the up vectors, and the spread
 * (max - min) of every gyro axis, of |a| and of every up component, so a window that moved can be
 * rejected with what moved and by how much. Spreads rather than absolute values, so a gyro or accel
 * bias does not matter. Preallocated; {@link #start} reuses it.
 */
final class CalibrationWindow {
    enum Kind { NEUTRAL, LEAN }

    private Kind kind;
    private boolean active;
    private long startUs;
    private long endUs;        // the window closes on the first sample at or after this
    private long firstUs;
    private long lastUs;
    private int samples;
    private int faults;
    private final long[] upSum = new long[3]; // Q2.30 sums
    private final int[] upMin = new int[3];
    private final int[] upMax = new int[3];
    private final int[] gyroMin = new int[3]; // counts
    private final int[] gyroMax = new int[3];
    private int accelMin;                     // |a| counts
    private int accelMax;

    void start(Kind kind, long tUs, long durationUs) {
        this.kind = kind;
        this.active = true;
        this.startUs = tUs;
        this.endUs = tUs + durationUs;
        samples = 0;
        faults = 0;
        for (int i = 0; i < 3; i++) {
            upSum[i] = 0;
            upMin[i] = Integer.MAX_VALUE;
            upMax[i] = Integer.MIN_VALUE;
            gyroMin[i] = Integer.MAX_VALUE;
            gyroMax[i] = Integer.MIN_VALUE;
        }
        accelMin = Integer.MAX_VALUE;
        accelMax = Integer.MIN_VALUE;
    }

    boolean active() {
        return active;
    }

    Kind kind() {
        return kind;
    }

    void cancel() {
        active = false;
    }

    /** Adds a sample at or after the start; returns true when the window is complete (then finish it). */
    boolean add(long tUs, int[] up, short[] raw, int accelMagnitude, boolean sensorOk) {
        if (tUs < startUs) {
            return false;
        }
        if (!sensorOk) {
            faults++;
        } else {
            if (samples == 0) {
                firstUs = tUs;
            }
            lastUs = tUs;
            samples++;
            for (int i = 0; i < 3; i++) {
                upSum[i] += up[i];
                upMin[i] = Math.min(upMin[i], up[i]);
                upMax[i] = Math.max(upMax[i], up[i]);
                gyroMin[i] = Math.min(gyroMin[i], raw[3 + i]);
                gyroMax[i] = Math.max(gyroMax[i], raw[3 + i]);
            }
            accelMin = Math.min(accelMin, accelMagnitude);
            accelMax = Math.max(accelMax, accelMagnitude);
        }
        return tUs >= endUs;
    }

    /**
     * Closes the window and judges its stillness into {@code report}: the mean up vector goes to
     * {@code meanUp} when it passes. The motion check reports the quantity furthest beyond its limit.
     *
     * @return true when the window is still enough
     */
    boolean finish(long tUs, Limits limits, int[] meanUp, CalibrationReport report) {
        active = false;
        if (faults > 0) {
            report.set(CalibrationStatus.REJECTED_SENSOR_FAULT, tUs, faults, 0, -1);
            return false;
        }
        long durationUs = samples == 0 ? 0 : lastUs - firstUs;
        if (samples < 2 || durationUs < limits.minDurationUs) {
            report.set(CalibrationStatus.REJECTED_TOO_SHORT, tUs, (int) (durationUs / 1000),
                    (int) (limits.minDurationUs / 1000), -1);
            return false;
        }
        int gyroAxis = 0;
        int gyroRange = 0;
        int upRange = 0;
        for (int i = 0; i < 3; i++) {
            int r = gyroMax[i] - gyroMin[i];
            if (r > gyroRange) {
                gyroRange = r;
                gyroAxis = i;
            }
            upRange = Math.max(upRange, upMax[i] - upMin[i]);
        }
        int accelRange = accelMax - accelMin;
        // Ratios to the limits, compared by cross-multiplication: report the worst offender.
        long gyroScore = (long) gyroRange * limits.accelRangeCounts * limits.upRangeQ30;
        long accelScore = (long) accelRange * limits.gyroRangeCounts * limits.upRangeQ30;
        long upScore = (long) upRange * limits.gyroRangeCounts * limits.accelRangeCounts;
        long gyroLimitScore = (long) limits.gyroRangeCounts * limits.accelRangeCounts * limits.upRangeQ30;
        if (Math.max(gyroScore, Math.max(accelScore, upScore)) > gyroLimitScore) {
            if (gyroScore >= accelScore && gyroScore >= upScore) {
                report.set(CalibrationStatus.REJECTED_ROTATION, tUs,
                        (int) ((long) gyroRange * 1000 / limits.gyroLsbPerDpsX10), limits.gyroRangeCentiDps, gyroAxis);
            } else if (accelScore >= upScore) {
                report.set(CalibrationStatus.REJECTED_ACCELERATION, tUs,
                        (int) ((long) accelRange * 1000 / limits.accelLsbPerG), limits.accelRangeMilliG, -1);
            } else {
                report.set(CalibrationStatus.REJECTED_TILT, tUs, AngleMath.radQ30ToCentiDeg(upRange), limits.upRangeCentiDeg,
                        -1);
            }
            return false;
        }
        if (!AngleMath.normalise(upSum[0], upSum[1], upSum[2], meanUp)) {
            report.set(CalibrationStatus.REJECTED_TILT, tUs, 0, limits.upRangeCentiDeg, -1);
            return false;
        }
        report.set(CalibrationStatus.NONE, tUs, AngleMath.radQ30ToCentiDeg(upRange), limits.upRangeCentiDeg, -1);
        return true;
    }

    /** The window limits in counts and Q30, derived once from the params and scale factors. */
    static final class Limits {
        final long minDurationUs;
        final int gyroRangeCounts;
        final int accelRangeCounts;
        final int upRangeQ30;
        final int gyroRangeCentiDps;
        final int accelRangeMilliG;
        final int upRangeCentiDeg;
        final int gyroLsbPerDpsX10;
        final int accelLsbPerG;

        Limits(GeometryParams.Window w, int accelLsbPerG, int gyroLsbPerDpsX10) {
            minDurationUs = Math.round(w.minDurationS() * 1e6);
            gyroRangeCounts = (int) Math.max(1, Math.round(w.maxGyroRangeDps() * gyroLsbPerDpsX10 / 10.0));
            accelRangeCounts = (int) Math.max(1, Math.round(w.maxAccelRangeG() * accelLsbPerG));
            upRangeQ30 = (int) Math.max(1, Math.round(Math.toRadians(w.maxUpRangeDeg()) * AngleMath.ONE));
            gyroRangeCentiDps = (int) Math.round(w.maxGyroRangeDps() * 100);
            accelRangeMilliG = (int) Math.round(w.maxAccelRangeG() * 1000);
            upRangeCentiDeg = (int) Math.round(w.maxUpRangeDeg() * 100);
            this.gyroLsbPerDpsX10 = gyroLsbPerDpsX10;
            this.accelLsbPerG = accelLsbPerG;
        }
    }
}
