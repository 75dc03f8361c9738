package dev.posture.protocol.message;

import dev.posture.protocol.TestResources;
import dev.posture.protocol.mqtt.DeviceId;
import dev.posture.protocol.mqtt.RecordingId;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The record behind each golden file in src/test/resources/message/. The golden tests check that
 * each record encodes to its file byte for byte and that the file decodes to the record.
 */
final class MessageExamples {
    static final DeviceId DESK = new DeviceId("desk-07");
    static final String FIRMWARE = "0.1.0";
    /** 2025-01-14T09:30:00Z. */
    static final long T0 = 1_736_847_000_000L;

    private MessageExamples() {
    }

    /** Golden file name to the record it holds, in a stable order. */
    static Map<String, Message> all() {
        Map<String, Message> m = new LinkedHashMap<>();
        m.put("status-online.json", StatusMessage.online(DESK, FIRMWARE, T0, 3_600_000, PostureState.UPRIGHT,
                SensorHealth.OK, 7, 82, -61));
        m.put("status-last-will.json", StatusMessage.lastWill(DESK, FIRMWARE));
        m.put("status-offline.json", StatusMessage.online(DESK, FIRMWARE, T0 + 3_600_000, 7_200_000,
                PostureState.SNOOZED, SensorHealth.OK, 7, null, null).goingOffline());
        m.putAll(events());
        m.put("telemetry.json", TelemetryMessage.withAngles(DESK, T0 + 11_000, 3_611_000, 1000,
                PostureState.DRIFTING, 50, 0, 17.875, 19.2, 20.0));
        m.put("telemetry-uncalibrated.json", TelemetryMessage.withoutAngles(DESK, T0 - 3_599_000, 1000, 1000,
                PostureState.UNCALIBRATED, 49, 1));
        m.put("config.json", new ConfigMessage(DESK, 7, config()));
        m.put("config-set.json", new ConfigSetRequest("c0ffee-01", changes()));
        m.put("config-result-ok.json", ConfigSetReply.applied(DESK, "c0ffee-01", 8, changes()));
        m.put("config-result-error.json", ConfigSetReply.refused(DESK, "c0ffee-02", List.of(
                new ConfigError("threshold_deg", "must be between 5 and 45"),
                new ConfigError("volume", "unknown key"))));
        m.put("cmd-snooze.json", CommandRequest.snooze("r-17", 30));
        m.put("cmd-cue-test.json", CommandRequest.cueTest("r-18", "triple_pulse"));
        m.put("cmd-trace-get.json", CommandRequest.traceGet("r-19", new RecordingId("20250114-093000")));
        m.put("cmd-calibrate-neutral.json", CommandRequest.of(null, Command.CALIBRATE_NEUTRAL));
        m.put("cmd-result-trace-start.json", CommandReply.done(DESK, "r-20", Command.TRACE_START,
                Map.of("recording_id", "20250114-093000")));
        m.put("cmd-result-trace-list.json", CommandReply.done(DESK, "r-21", Command.TRACE_LIST,
                Map.of("recordings", List.of("20250114-093000", "20250114-101500"))));
        m.put("cmd-result-error.json", CommandReply.failed(DESK, "r-22", Command.TRACE_GET,
                "no recording 20250101-000000"));
        return m;
    }

    /** One golden event per event type. */
    static Map<String, EventMessage> events() {
        Map<String, EventMessage> m = new LinkedHashMap<>();
        m.put("event-cue.json", event(4711, T0 + 12_345, 3_612_345, new EventDetail.Cue(21.5, 121_500, 3, 1)));
        m.put("event-recovered.json", event(4712, T0 + 16_845, 3_616_845,
                new EventDetail.Recovered(11.75, 4500, 3, 1)));
        m.put("event-checkin-due.json", event(4713, T0 + 1_800_000, 5_400_000, new EventDetail.CheckinDue()));
        m.put("event-checkin-done.json", event(4714, T0 + 1_812_000, 5_412_000,
                new EventDetail.CheckinDone(5200, -6.25)));
        m.put("event-checkin-missed.json", event(4715, T0 + 3_600_000, 7_200_000,
                new EventDetail.CheckinMissed(300_000)));
        m.put("event-drill-done.json", event(4716, T0 + 4_000_000, 7_600_000, new EventDetail.DrillDone(6, 6)));
        m.put("event-calibrated.json", event(4700, T0 - 3_595_000, 5000,
                new EventDetail.Calibrated(CalibrationStep.NEUTRAL)));
        m.put("event-recalibration-needed.json", event(4717, T0 + 5_000_000, 8_600_000,
                new EventDetail.RecalibrationNeeded(-24.0)));
        m.put("event-sensor-fault.json", event(4718, T0 + 6_000_000, 9_600_000,
                new EventDetail.SensorFault("bus_error")));
        m.put("event-sensor-recovered.json", event(4719, T0 + 6_002_500, 9_602_500,
                new EventDetail.SensorRecovered(2500)));
        m.put("event-snoozed.json", event(4720, T0 + 7_000_000, 10_600_000, new EventDetail.Snoozed(30)));
        m.put("event-config-changed.json", event(4721, T0 + 8_000_000, 11_600_000,
                new EventDetail.ConfigChanged(8, ChangeSource.SERIAL)));
        m.put("event-booted.json", event(4699, T0 - 3_600_000, 0, new EventDetail.Booted(FIRMWARE)));
        return m;
    }

    private static EventMessage event(long seq, long timeMs, long uptimeMs, EventDetail detail) {
        return new EventMessage(DESK, seq, timeMs, uptimeMs, detail);
    }

    /** A full configuration in the order the device keeps it. */
    static Map<String, Object> config() {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("threshold_deg", new BigDecimal("15.5"));
        v.put("hysteresis_deg", new BigDecimal("3.0"));
        v.put("dwell_s", 120);
        v.put("cue_pattern", "double_pulse");
        v.put("cue_intensity_pct", 70);
        v.put("cue_repeat_s", 60);
        v.put("snooze_min", 30);
        v.put("quiet_hours", "22:00-07:00");
        v.put("checkin_interval_min", 30);
        v.put("drill_rounds", 6);
        v.put("drill_hold_s", 3);
        v.put("sample_rate_hz", 50);
        v.put("device_id", "desk-07");
        v.put("broker_url", "tcp://localhost:1883");
        return v;
    }

    static Map<String, Object> changes() {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("threshold_deg", new BigDecimal("18.0"));
        v.put("dwell_s", 90);
        return v;
    }

    /** The bytes of a golden file. */
    static byte[] golden(String name) {
        return TestResources.bytes("/message/" + name);
    }
}
