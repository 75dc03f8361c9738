package dev.posture.protocol.message;

import dev.posture.protocol.mqtt.DeviceId;
import java.io.IOException;

/**
 * Field order and reading of {@link EventMessage}: the common fields, then the fields of the type
 * in the order of its record components. Fields of other types are ignored on reading, like
 * unknown fields.
 */
final class EventJson {
    private static final long MAX = FieldCheck.MAX_INTEGER;

    private EventJson() {
    }

    static void write(EventMessage m, FieldWriter out) throws IOException {
        out.string("device_id", m.deviceId().value());
        out.integer("seq", m.seq());
        out.string("type", m.type().wireName());
        out.integer("time_ms", m.timeMs());
        out.integer("uptime_ms", m.uptimeMs());
        writeDetail(m.detail(), out);
    }

    private static void writeDetail(EventDetail detail, FieldWriter out) throws IOException {
        switch (detail.type()) {
            case CUE: {
                EventDetail.Cue d = (EventDetail.Cue) detail;
                out.angle("forward_deg", d.forwardDeg());
                out.integer("forward_ms", d.forwardMs());
                out.integer("episode", d.episode());
                out.integer("cue", d.cue());
                break;
            }
            case RECOVERED: {
                EventDetail.Recovered d = (EventDetail.Recovered) detail;
                out.angle("forward_deg", d.forwardDeg());
                out.integer("correct_ms", d.correctMs());
                out.integer("episode", d.episode());
                out.integer("cues", d.cues());
                break;
            }
            case CHECKIN_DUE:
                break;
            case CHECKIN_DONE: {
                EventDetail.CheckinDone d = (EventDetail.CheckinDone) detail;
                out.integer("hold_ms", d.holdMs());
                out.angle("forward_deg", d.forwardDeg());
                break;
            }
            case CHECKIN_MISSED:
                out.integer("pending_ms", ((EventDetail.CheckinMissed) detail).pendingMs());
                break;
            case DRILL_DONE: {
                EventDetail.DrillDone d = (EventDetail.DrillDone) detail;
                out.integer("rounds_done", d.roundsDone());
                out.integer("rounds_asked", d.roundsAsked());
                break;
            }
            case CALIBRATED:
                out.string("step", ((EventDetail.Calibrated) detail).step().wireName());
                break;
            case RECALIBRATION_NEEDED:
                out.angle("forward_deg", ((EventDetail.RecalibrationNeeded) detail).forwardDeg());
                break;
            case SENSOR_FAULT:
                out.string("fault", ((EventDetail.SensorFault) detail).fault());
                break;
            case SENSOR_RECOVERED:
                out.integer("fault_ms", ((EventDetail.SensorRecovered) detail).faultMs());
                break;
            case SNOOZED:
                out.integer("minutes", ((EventDetail.Snoozed) detail).minutes());
                break;
            case CONFIG_CHANGED: {
                EventDetail.ConfigChanged d = (EventDetail.ConfigChanged) detail;
                out.integer("config_version", d.configVersion());
                out.string("source", d.source().wireName());
                break;
            }
            case BOOTED:
                out.string("firmware", ((EventDetail.Booted) detail).firmware());
                break;
            default:
                throw new AssertionError(detail.type());
        }
    }

    static EventMessage read(FieldReader in) {
        DeviceId deviceId = in.deviceId();
        long seq = in.integer("seq", 0, MAX);
        EventType type = in.choice("type", EventType.values(), EventType::wireName);
        long timeMs = in.integer("time_ms", 0, MAX);
        long uptimeMs = in.integer("uptime_ms", 0, MAX);
        return new EventMessage(deviceId, seq, timeMs, uptimeMs, readDetail(type, in));
    }

    private static EventDetail readDetail(EventType type, FieldReader in) {
        switch (type) {
            case CUE:
                return new EventDetail.Cue(in.angle("forward_deg"), in.integer("forward_ms", 0, MAX),
                        in.smallInteger("episode", 1, Integer.MAX_VALUE), in.smallInteger("cue", 1, Integer.MAX_VALUE));
            case RECOVERED:
                return new EventDetail.Recovered(in.angle("forward_deg"), in.integer("correct_ms", 0, MAX),
                        in.smallInteger("episode", 1, Integer.MAX_VALUE), in.smallInteger("cues", 1, Integer.MAX_VALUE));
            case CHECKIN_DUE:
                return new EventDetail.CheckinDue();
            case CHECKIN_DONE:
                return new EventDetail.CheckinDone(in.integer("hold_ms", 0, MAX), in.angle("forward_deg"));
            case CHECKIN_MISSED:
                return new EventDetail.CheckinMissed(in.integer("pending_ms", 0, MAX));
            case DRILL_DONE:
                return new EventDetail.DrillDone(in.smallInteger("rounds_done", 0, EventDetail.MAX_DRILL_ROUNDS),
                        in.smallInteger("rounds_asked", 1, EventDetail.MAX_DRILL_ROUNDS));
            case CALIBRATED:
                return new EventDetail.Calibrated(in.choice("step", CalibrationStep.values(), CalibrationStep::wireName));
            case RECALIBRATION_NEEDED:
                return new EventDetail.RecalibrationNeeded(in.angle("forward_deg"));
            case SENSOR_FAULT:
                return new EventDetail.SensorFault(in.token("fault", Token.CODE));
            case SENSOR_RECOVERED:
                return new EventDetail.SensorRecovered(in.integer("fault_ms", 0, MAX));
            case SNOOZED:
                return new EventDetail.Snoozed(in.smallInteger("minutes", 1, EventDetail.MAX_SNOOZE_MIN));
            case CONFIG_CHANGED:
                return new EventDetail.ConfigChanged(in.integer("config_version", 0, MAX),
                        in.choice("source", ChangeSource.values(), ChangeSource::wireName));
            case BOOTED:
                return new EventDetail.Booted(in.token("firmware", Token.FIRMWARE));
            default:
                throw new AssertionError(type);
        }
    }
}
