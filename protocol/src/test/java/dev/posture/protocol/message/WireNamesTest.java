package dev.posture.protocol.message;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The wire spellings of every enumeration: posture states and event types upper case, the rest lower. */
class WireNamesTest {
    private static <E extends Enum<E>> List<String> names(E[] values, java.util.function.Function<E, String> wire) {
        return Arrays.stream(values).map(wire).collect(Collectors.toList());
    }

    @Test
    void postureStates() {
        assertEquals(List.of("UNCALIBRATED", "UPRIGHT", "DRIFTING", "FORWARD", "MOVING", "NOT_UPRIGHT", "SNOOZED",
                "QUIET", "RECLIP", "FAULT"), names(PostureState.values(), PostureState::wireName));
        assertEquals(Optional.of(PostureState.NOT_UPRIGHT), PostureState.fromWire("NOT_UPRIGHT"));
        assertEquals(Optional.empty(), PostureState.fromWire("upright"));
        assertEquals(Optional.empty(), PostureState.fromWire(null));
    }

    @Test
    void eventTypes() {
        assertEquals(List.of("CUE", "RECOVERED", "CHECKIN_DUE", "CHECKIN_DONE", "CHECKIN_MISSED", "DRILL_DONE",
                "CALIBRATED", "RECALIBRATION_NEEDED", "SENSOR_FAULT", "SENSOR_RECOVERED", "SNOOZED", "CONFIG_CHANGED",
                "BOOTED"), names(EventType.values(), EventType::wireName));
        assertEquals(Optional.of(EventType.CUE), EventType.fromWire("CUE"));
        assertEquals(Optional.empty(), EventType.fromWire("Cue"));
    }

    @Test
    void lowerCaseVocabularies() {
        assertEquals(List.of("calibrate_neutral", "calibrate_lean", "cue_test", "snooze", "trace_start", "trace_stop",
                "trace_list", "trace_get", "status"), names(Command.values(), Command::wireName));
        assertEquals(List.of("online", "offline"), names(ConnectionState.values(), ConnectionState::wireName));
        assertEquals(List.of("ok", "fault"), names(SensorHealth.values(), SensorHealth::wireName));
        assertEquals(List.of("neutral", "lean"), names(CalibrationStep.values(), CalibrationStep::wireName));
        assertEquals(List.of("mqtt", "serial"), names(ChangeSource.values(), ChangeSource::wireName));
    }

    @Test
    void everyEventTypeHasItsOwnDetailRecord() {
        assertEquals(EventType.values().length, EventDetail.class.getPermittedSubclasses().length);
    }
}
