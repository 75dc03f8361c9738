package dev.posture.protocol.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.posture.protocol.mqtt.DeviceId;
import dev.posture.protocol.mqtt.RecordingId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Records built in code obey the same rules as decoded ones, with the same words, so the device
 * cannot publish what a companion would reject.
 */
class RecordValidationTest {
    private static final DeviceId D = MessageExamples.DESK;

    private static void rejects(String expected, Executable build) {
        assertEquals(expected, assertThrows(IllegalArgumentException.class, build).getMessage());
    }

    @Test
    void statusRules() {
        rejects("field 'device_id' is missing", () -> StatusMessage.lastWill(null, "1"));
        rejects("field 'firmware' must match [0-9A-Za-z.+_-]{1,32}", () -> StatusMessage.lastWill(D, ""));
        rejects("field 'posture' is missing", () -> StatusMessage.online(D, "1", 1, 1, null, SensorHealth.OK, 1, null,
                null));
        rejects("field 'battery_pct' must be between 0 and 100", () -> StatusMessage.online(D, "1", 1, 1,
                PostureState.UPRIGHT, SensorHealth.OK, 1, -1, null));
        rejects("field 'time_ms' must be between 0 and 9007199254740991", () -> StatusMessage.online(D, "1", -1, 1,
                PostureState.UPRIGHT, SensorHealth.OK, 1, null, null));
    }

    @Test
    void eventRules() {
        rejects("field 'seq' must be between 0 and 9007199254740991",
                () -> new EventMessage(D, -1, 0, 0, new EventDetail.CheckinDue()));
        rejects("field 'type' is missing", () -> new EventMessage(D, 1, 0, 0, null));
        rejects("field 'forward_deg' must be between -180 and 180", () -> new EventDetail.Cue(Double.NaN, 1, 1, 1));
        rejects("field 'forward_deg' must be between -180 and 180",
                () -> new EventDetail.RecalibrationNeeded(Double.POSITIVE_INFINITY));
        rejects("field 'forward_deg' must be between -180 and 180", () -> new EventDetail.CheckinDone(1, -181));
        rejects("field 'cue' must be between 1 and 2147483647", () -> new EventDetail.Cue(1, 1, 1, 0));
        rejects("field 'rounds_done' must not exceed rounds_asked", () -> new EventDetail.DrillDone(5, 4));
        rejects("field 'minutes' must be between 1 and 1440", () -> new EventDetail.Snoozed(1441));
        rejects("field 'fault' must match [a-z0-9_]{1,32}", () -> new EventDetail.SensorFault("x".repeat(33)));
        rejects("field 'step' is missing", () -> new EventDetail.Calibrated(null));
        rejects("field 'source' is missing", () -> new EventDetail.ConfigChanged(1, null));
    }

    @Test
    void telemetryRules() {
        rejects("field 'max_deg' is missing", () -> new TelemetryMessage(D, 1, 1, 1000, PostureState.UPRIGHT, 5, 0,
                1.0, 2.0, null));
        rejects("field 'mean_deg' must lie between min_deg and max_deg", () -> TelemetryMessage.withAngles(D, 1, 1,
                1000, PostureState.UPRIGHT, 5, 0, 1, 4, 3));
        rejects("field 'min_deg' does not apply while UNCALIBRATED", () -> TelemetryMessage.withAngles(D, 1, 1,
                1000, PostureState.UNCALIBRATED, 5, 0, 1, 2, 3));
        rejects("field 'mean_deg' must be between -180 and 180", () -> TelemetryMessage.withAngles(D, 1, 1,
                1000, PostureState.UPRIGHT, 5, 0, 1, Double.NaN, 3));
        rejects("field 'window_ms' must be between 1 and 60000", () -> TelemetryMessage.withoutAngles(D, 1, 1,
                60_001, PostureState.UPRIGHT, 5, 0));
    }

    @Test
    void configRules() {
        rejects("field 'values' is missing", () -> new ConfigMessage(D, 1, null));
        rejects("field 'values' must not be empty", () -> new ConfigSetRequest(null, Map.of()));
        rejects("field 'values' key 'Bad-Key' must match [a-z][a-z0-9_]{0,63}",
                () -> new ConfigSetRequest(null, Map.of("Bad-Key", 1)));
        rejects("field 'values' key (unprintable name) must match [a-z][a-z0-9_]{0,63}",
                () -> new ConfigSetRequest(null, Map.of("caf\u00e9", 1)));
        rejects("field 'values.quiet_hours' must be 0 to 1024 printable characters",
                () -> new ConfigSetRequest(null, Map.of("quiet_hours", "x".repeat(1025))));
        rejects("field 'request_id' must match [A-Za-z0-9._:-]{1,64}", () -> new ConfigSetRequest("", Map.of("a", 1)));
        rejects("field 'version' is missing", () -> new ConfigSetReply(D, null, true, null, Map.of(), List.of()));
        rejects("field 'errors' does not apply when ok is true", () -> new ConfigSetReply(D, null, true, 1L,
                Map.of(), List.of(new ConfigError(null, "x"))));
        rejects("field 'version' does not apply when ok is false", () -> new ConfigSetReply(D, null, false, 1L,
                Map.of(), List.of(new ConfigError(null, "x"))));
        rejects("field 'applied' does not apply when ok is false", () -> new ConfigSetReply(D, null, false, null,
                Map.of("a", 1), List.of(new ConfigError(null, "x"))));
        rejects("field 'errors' must not be empty when ok is false", () -> ConfigSetReply.refused(D, null, List.of()));
        rejects("field 'errors[1]' is missing", () -> ConfigSetReply.refused(D, null,
                Arrays.asList(new ConfigError(null, "x"), null)));
        rejects("field 'message' must be 1 to 256 printable characters", () -> new ConfigError("a", "line\nbreak"));
    }

    @Test
    void commandRules() {
        rejects("field 'command' is missing", () -> CommandRequest.of(null, null));
        rejects("field 'args.minutes' is missing", () -> CommandRequest.of(null, Command.SNOOZE));
        rejects("field 'args.minutes' must be between 0 and 1440", () -> CommandRequest.snooze(null, 1441));
        rejects("field 'args.recording_id' is missing", () -> CommandRequest.of(null, Command.TRACE_GET));
        rejects("field 'args.minutes' does not apply to command status",
                () -> new CommandRequest(null, Command.STATUS, null, 5, null));
        rejects("field 'args.pattern' does not apply to command snooze",
                () -> new CommandRequest(null, Command.SNOOZE, "x", 5, null));
        rejects("field 'args.recording_id' does not apply to command trace_start",
                () -> new CommandRequest(null, Command.TRACE_START, null, null, new RecordingId("a")));
        rejects("field 'error' is missing", () -> CommandReply.failed(D, null, null, null));
        rejects("field 'error' does not apply when ok is true", () -> new CommandReply(D, null, null, true, "x",
                Map.of()));
        rejects("field 'result' does not apply when ok is false", () -> new CommandReply(D, null, null, false, "x",
                Map.of("a", 1)));
        rejects("field 'result.a[0]' must be a string, number or boolean", () -> CommandReply.done(D, null, null,
                Map.of("a", List.of(List.of()))));
    }

    @Test
    void recordsAreImmutableCopies() {
        java.util.Map<String, Object> values = new java.util.LinkedHashMap<>(Map.of("a", 1));
        ConfigMessage config = new ConfigMessage(D, 1, values);
        values.put("b", 2);
        assertEquals(Map.of("a", 1), config.values());
        assertThrows(UnsupportedOperationException.class, () -> config.values().put("c", 3));
    }
}
