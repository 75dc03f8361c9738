package dev.posture.device.pipeline.event;

import dev.posture.protocol.message.CalibrationStep;
import dev.posture.protocol.message.ChangeSource;
import dev.posture.protocol.message.EventDetail;
import dev.posture.protocol.message.EventType;

/**
 * One event copied out of an {@link EventRing}: a mutable holder the consumer owns and reuses.
 *
 * <p>Every event has a sequence number, a type, the device time {@code tUs} (monotonic microseconds)
 * and an angle in centidegrees (0.01 deg; the forward angle from neutral, + forward, unless the
 * table says otherwise). The four detail fields mean, per type (unused fields are 0):
 *
 * <table>
 * <caption>Detail fields per event type</caption>
 * <tr><th>type</th><th>angle</th><th>d0</th><th>d1</th><th>d2</th><th>d3</th></tr>
 * <tr><td>CUE</td><td>forward at the cue</td><td>forward_ms: time since the episode started</td>
 *     <td>episode (from 1)</td><td>cue (1 = first, 2.. = repeats)</td><td></td></tr>
 * <tr><td>RECOVERED</td><td>forward on recovery</td><td>correct_ms: time from the first cue</td>
 *     <td>episode</td><td>cues</td><td>episode_ms: time from the episode's start (not on the wire yet)</td></tr>
 * <tr><td>CHECKIN_DUE</td><td>forward when asked</td><td></td><td></td><td></td><td></td></tr>
 * <tr><td>CHECKIN_DONE</td><td>deepest retraction during the hold</td><td>hold_ms</td><td></td><td></td><td></td></tr>
 * <tr><td>CHECKIN_MISSED</td><td>forward when given up</td><td>pending_ms</td><td></td><td></td><td></td></tr>
 * <tr><td>DRILL_DONE</td><td>forward at the end</td><td>rounds_done</td><td>rounds_asked</td><td></td><td></td></tr>
 * <tr><td>RECALIBRATION_NEEDED</td><td>forward reported on detection</td><td></td><td></td><td></td><td></td></tr>
 * <tr><td>SNOOZED</td><td>forward at the time</td><td>minutes</td><td></td><td></td><td></td></tr>
 * <tr><td>CALIBRATED</td><td>0</td><td>ordinal of {@link CalibrationStep}</td><td></td><td></td><td></td></tr>
 * <tr><td>SENSOR_RECOVERED</td><td>0</td><td>fault_ms</td><td></td><td></td><td></td></tr>
 * <tr><td>CONFIG_CHANGED</td><td>0</td><td>config_version</td><td>ordinal of {@link ChangeSource}</td><td></td><td></td></tr>
 * </table>
 *
 * <p>SENSOR_FAULT and BOOTED carry text (the fault code, the firmware version) and have no primitive
 * form here: whoever raises them (the loop, on the producer thread) must give them another path or
 * a code table; {@link #toDetail()} refuses them.
 */
public final class EventRecord {
    private long sequence;
    private EventType type;
    private long tUs;
    private int angleCentiDeg;
    private long d0;
    private long d1;
    private long d2;
    private long d3;

    void set(long sequence, EventType type, long tUs, int angleCentiDeg, long d0, long d1, long d2, long d3) {
        this.sequence = sequence;
        this.type = type;
        this.tUs = tUs;
        this.angleCentiDeg = angleCentiDeg;
        this.d0 = d0;
        this.d1 = d1;
        this.d2 = d2;
        this.d3 = d3;
    }

    /** The event's number in the device's sequence. */
    public long sequence() {
        return sequence;
    }

    /** Null until the first event is copied in. */
    public EventType type() {
        return type;
    }

    /** Device monotonic time of the sample that raised the event, microseconds. */
    public long tUs() {
        return tUs;
    }

    /** Angle in 0.01 deg; see the table above. */
    public int angleCentiDeg() {
        return angleCentiDeg;
    }

    public long d0() {
        return d0;
    }

    public long d1() {
        return d1;
    }

    public long d2() {
        return d2;
    }

    public long d3() {
        return d3;
    }

    /**
     * The protocol's record for this event (allocates: for the I/O thread, never the sampling loop).
     *
     * @throws IllegalStateException for SENSOR_FAULT and BOOTED, whose text fields the ring cannot hold
     * @throws IllegalArgumentException when a field is outside the protocol's range
     */
    public EventDetail toDetail() {
        double deg = angleCentiDeg / 100.0;
        return switch (type) {
            case CUE -> new EventDetail.Cue(deg, d0, Math.toIntExact(d1), Math.toIntExact(d2));
            case RECOVERED -> new EventDetail.Recovered(deg, d0, Math.toIntExact(d1), Math.toIntExact(d2));
            case CHECKIN_DUE -> new EventDetail.CheckinDue();
            case CHECKIN_DONE -> new EventDetail.CheckinDone(d0, deg);
            case CHECKIN_MISSED -> new EventDetail.CheckinMissed(d0);
            case DRILL_DONE -> new EventDetail.DrillDone(Math.toIntExact(d0), Math.toIntExact(d1));
            case RECALIBRATION_NEEDED -> new EventDetail.RecalibrationNeeded(deg);
            case SNOOZED -> new EventDetail.Snoozed(Math.toIntExact(d0));
            case CALIBRATED -> new EventDetail.Calibrated(CalibrationStep.values()[Math.toIntExact(d0)]);
            case SENSOR_RECOVERED -> new EventDetail.SensorRecovered(d0);
            case CONFIG_CHANGED -> new EventDetail.ConfigChanged(d0, ChangeSource.values()[Math.toIntExact(d1)]);
            case SENSOR_FAULT, BOOTED -> throw new IllegalStateException(
                    type + " carries text; the event ring holds primitives only");
        };
    }

    /** "#12 CUE t=10.000000s 18.00deg [10000, 1, 1, 0]", for logs and test messages. */
    @Override
    public String toString() {
        int angle = Math.abs(angleCentiDeg);
        return "#" + sequence + " " + type + " t=" + tUs / 1_000_000 + "." + String.format("%06d", tUs % 1_000_000)
                + "s " + (angleCentiDeg < 0 ? "-" : "") + angle / 100 + "." + String.format("%02d", angle % 100)
                + "deg [" + d0 + ", " + d1 + ", " + d2 + ", " + d3 + "]";
    }
}
