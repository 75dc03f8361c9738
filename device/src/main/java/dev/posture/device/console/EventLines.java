package dev.posture.device.console;

import dev.posture.protocol.message.EventDetail;
import dev.posture.protocol.message.EventMessage;
import dev.posture.protocol.console.DeviceLineFormatter;

/**
 * Formats {@code * EVENT t=754.120 type=CUE fwd=21.3 dur=12.0 episode=1 cue=1}: {@code t} (uptime,
 * s, 3 decimals) and {@code type} (the events CSV's type word), then {@code fwd} (deg, 1 decimal)
 * and {@code dur} (s, 1 decimal) when the type has them, then the type's other fields by their MQTT
 * names, which readers may skip.
 */
final class EventLines {
    static final String KIND = "EVENT";

    private EventLines() {
    }

    /** Formats the line into {@code out}; returns its length in {@code out.bytes()}. */
    static int format(DeviceLineFormatter out, EventMessage event) {
        out.startUnsolicited(KIND).fixedField("t", event.uptimeMs(), 3).field("type", event.type().wireName());
        EventDetail detail = event.detail();
        if (detail instanceof EventDetail.Cue cue) {
            fwd(out, cue.forwardDeg());
            dur(out, cue.forwardMs());
            out.field("episode", cue.episode()).field("cue", cue.cue());
        } else if (detail instanceof EventDetail.Recovered recovered) {
            fwd(out, recovered.forwardDeg());
            dur(out, recovered.correctMs());
            out.field("episode", recovered.episode()).field("cues", recovered.cues());
        } else if (detail instanceof EventDetail.CheckinDone done) {
            fwd(out, done.forwardDeg());
            dur(out, done.holdMs());
        } else if (detail instanceof EventDetail.CheckinMissed missed) {
            dur(out, missed.pendingMs());
        } else if (detail instanceof EventDetail.DrillDone drill) {
            out.field("rounds_done", drill.roundsDone()).field("rounds_asked", drill.roundsAsked());
        } else if (detail instanceof EventDetail.Calibrated calibrated) {
            out.field("step", calibrated.step().wireName());
        } else if (detail instanceof EventDetail.RecalibrationNeeded recalibration) {
            fwd(out, recalibration.forwardDeg());
        } else if (detail instanceof EventDetail.SensorFault fault) {
            out.field("fault", fault.fault());
        } else if (detail instanceof EventDetail.SensorRecovered recovered) {
            dur(out, recovered.faultMs());
        } else if (detail instanceof EventDetail.Snoozed snoozed) {
            dur(out, snoozed.minutes() * 60_000L);
        } else if (detail instanceof EventDetail.ConfigChanged changed) {
            out.field("config_version", changed.configVersion()).field("source", changed.source().wireName());
        } else if (detail instanceof EventDetail.Booted booted) {
            out.field("firmware", booted.firmware());
        }
        return out.finish();
    }

    private static void fwd(DeviceLineFormatter out, double deg) {
        out.fixedField("fwd", Math.round(deg * 10), 1);
    }

    private static void dur(DeviceLineFormatter out, long ms) {
        out.fixedField("dur", Math.round(ms / 100.0), 1);
    }
}
