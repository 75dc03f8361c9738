package dev.posture.device.loop;

import dev.posture.device.pipeline.calibration.CalibrationReport;
import dev.posture.device.pipeline.calibration.CalibrationStatus;

/**
 * The last calibration decision the pipeline made (a window accepted or rejected, a re-clip), for
 * the I/O threads waiting on a CALIBRATE: published by the loop through a seqlock, with nothing
 * allocated on the loop thread.
 */
public final class CalibrationNotice {
    private static final CalibrationStatus[] STATUSES = CalibrationStatus.values();
    private static final int STATUS = 0;
    private static final int T_US = 1;
    private static final int MEASURED = 2;
    private static final int LIMIT = 3;
    private static final int AXIS = 4;
    private static final int FIELDS = 5;

    private final Seqlock slot = new Seqlock(FIELDS);

    /** Loop thread only. */
    void publish(CalibrationReport report) {
        slot.begin();
        slot.set(STATUS, report.status().ordinal());
        slot.set(T_US, report.tUs());
        slot.set(MEASURED, report.measured());
        slot.set(LIMIT, report.limit());
        slot.set(AXIS, report.axis());
        slot.end();
    }

    /** Decisions published so far; a waiter compares it with the value it saw before its request. */
    public long version() {
        return slot.version();
    }

    /** The latest decision. Any thread; allocates (it is read a few times per calibration). */
    public Decision read() {
        long[] f = new long[FIELDS];
        long version = slot.read(f);
        CalibrationStatus status = STATUSES[(int) f[STATUS]];
        return new Decision(version, status, f[T_US],
                CalibrationReport.describe(status, (int) f[MEASURED], (int) f[LIMIT], (int) f[AXIS]));
    }

    /**
     * @param version  the notice's version when read
     * @param status   what was decided
     * @param tUs      when, device us
     * @param message  one line for a person (CalibrationReport's text)
     */
    public record Decision(long version, CalibrationStatus status, long tUs, String message) {
    }
}
