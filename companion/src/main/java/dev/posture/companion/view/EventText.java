package dev.posture.companion.view;

import dev.posture.protocol.message.EventDetail;
import dev.posture.protocol.message.EventMessage;
import java.math.BigDecimal;

/**
 * Events as one human line: {@code desk-07 #4711 CUE fwd=21.5 forward_ms=121500 episode=3 cue=1}.
 * Field names are the wire names, except {@code fwd} for the ubiquitous {@code forward_deg}.
 */
public final class EventText {
    private EventText() {
    }

    /** Device, seq, type and details. */
    public static String line(EventMessage event) {
        String details = details(event.detail());
        return event.deviceId() + " #" + event.seq() + " " + event.type().wireName()
                + (details.isEmpty() ? "" : " " + details);
    }

    /** The type's own fields as {@code key=value} pairs separated by spaces; empty for none. */
    public static String details(EventDetail detail) {
        if (detail instanceof EventDetail.Cue d) {
            return "fwd=" + deg(d.forwardDeg()) + " forward_ms=" + d.forwardMs() + " episode=" + d.episode()
                    + " cue=" + d.cue();
        } else if (detail instanceof EventDetail.Recovered d) {
            return "fwd=" + deg(d.forwardDeg()) + " correct_ms=" + d.correctMs() + " episode=" + d.episode()
                    + " cues=" + d.cues();
        } else if (detail instanceof EventDetail.CheckinDone d) {
            return "hold_ms=" + d.holdMs() + " fwd=" + deg(d.forwardDeg());
        } else if (detail instanceof EventDetail.CheckinMissed d) {
            return "pending_ms=" + d.pendingMs();
        } else if (detail instanceof EventDetail.DrillDone d) {
            return "rounds_done=" + d.roundsDone() + " rounds_asked=" + d.roundsAsked();
        } else if (detail instanceof EventDetail.Calibrated d) {
            return "step=" + d.step().wireName();
        } else if (detail instanceof EventDetail.RecalibrationNeeded d) {
            return "fwd=" + deg(d.forwardDeg());
        } else if (detail instanceof EventDetail.SensorFault d) {
            return "fault=" + d.fault();
        } else if (detail instanceof EventDetail.SensorRecovered d) {
            return "fault_ms=" + d.faultMs();
        } else if (detail instanceof EventDetail.Snoozed d) {
            return "minutes=" + d.minutes();
        } else if (detail instanceof EventDetail.ConfigChanged d) {
            return "config_version=" + d.configVersion() + " source=" + d.source().wireName();
        } else if (detail instanceof EventDetail.Booted d) {
            return "firmware=" + d.firmware();
        }
        return "";
    }

    /** Angles are already rounded to 0.001 degree by the record; print them without trailing zeros. */
    private static String deg(double value) {
        BigDecimal d = BigDecimal.valueOf(value).stripTrailingZeros();
        return d.scale() <= 0 ? d.setScale(1).toPlainString() : d.toPlainString();
    }
}
