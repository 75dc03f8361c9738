package dev.posture.protocol.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.posture.protocol.ProtocolException;
import dev.posture.protocol.mqtt.DeviceId;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Encoding then decoding gives back an equal record, for every message and event type. */
class RoundTripTest {
    private static final DeviceId D = MessageExamples.DESK;

    private static Message roundTrip(Message m) throws ProtocolException {
        return MessageCodec.decode(m.kind(), MessageCodec.encode(m));
    }

    private static String json(Message m) {
        return new String(MessageCodec.encode(m), StandardCharsets.UTF_8);
    }

    static Stream<Arguments> messages() {
        Map<String, Object> mixed = new LinkedHashMap<>();
        mixed.put("flag", false);
        mixed.put("big", 9_000_000_000L);
        mixed.put("tiny", new BigDecimal("0.000001"));
        mixed.put("text", "Grüße, \"quoted\" \\ back/slash \ud83d\ude00");
        mixed.put("empty", "");
        return Stream.of(
                StatusMessage.online(D, "1.2.0-rc.1+3f2a", 0, 0, PostureState.FAULT, SensorHealth.FAULT, 0, null, null),
                StatusMessage.online(D, "0.1.0", FieldCheck.MAX_INTEGER, FieldCheck.MAX_INTEGER, PostureState.QUIET,
                        SensorHealth.OK, FieldCheck.MAX_INTEGER, 0, -127),
                new StatusMessage(D, ConnectionState.OFFLINE, "0.1.0", 5L, null, PostureState.RECLIP, null, null, 100, 0),
                new EventMessage(D, FieldCheck.MAX_INTEGER, 0, 0, new EventDetail.Cue(-180, 0, Integer.MAX_VALUE, 1)),
                new EventMessage(D, 0, 1, 2, new EventDetail.Recovered(180, FieldCheck.MAX_INTEGER, 1, 99)),
                new EventMessage(D, 3, 1, 2, new EventDetail.DrillDone(0, 100)),
                new EventMessage(D, 3, 1, 2, new EventDetail.Calibrated(CalibrationStep.LEAN)),
                new EventMessage(D, 3, 1, 2, new EventDetail.ConfigChanged(0, ChangeSource.MQTT)),
                new EventMessage(D, 3, 1, 2, new EventDetail.Snoozed(1440)),
                TelemetryMessage.withAngles(D, 1, 2, 60_000, PostureState.FORWARD, 60_000, 60_000, -180, 0, 180),
                TelemetryMessage.withAngles(D, 1, 2, 1, PostureState.MOVING, 1, 0, 1 / 3.0, 1 / 3.0, 2 / 3.0),
                TelemetryMessage.withoutAngles(D, 1, 2, 1000, PostureState.FAULT, 0, 50),
                new ConfigMessage(D, 0, Map.of()),
                new ConfigMessage(D, 3, mixed),
                new ConfigSetRequest(null, Map.of("quiet_hours", "")),
                ConfigSetReply.applied(D, null, 9, Map.of()),
                ConfigSetReply.refused(D, null, List.of(new ConfigError(null, "config store is read-only"))),
                CommandRequest.of("a.b:c-d_E", Command.STATUS),
                CommandRequest.cueTest(null, null),
                CommandRequest.snooze(null, 0),
                CommandReply.done(D, null, null, Map.of()),
                CommandReply.done(D, "x", Command.STATUS, Map.of("posture", "UPRIGHT", "list", List.of(1, true, "a",
                        new BigDecimal("2.50"), 9_000_000_000L))),
                CommandReply.failed(D, null, null, "cannot read request: cmd: field 'command' is missing"))
                .map(Arguments::of);
    }

    @ParameterizedTest
    @MethodSource("messages")
    void everyMessageSurvivesARoundTrip(Message message) throws ProtocolException {
        assertEquals(message, roundTrip(message));
    }

    @ParameterizedTest
    @MethodSource("dev.posture.protocol.message.GoldenFilesTest#examples")
    void everyExampleSurvivesARoundTrip(String file, Message message) throws ProtocolException {
        assertEquals(message, roundTrip(message), file);
    }

    @ParameterizedTest
    @EnumSource(Command.class)
    void everyCommandSurvivesARoundTrip(Command command) throws ProtocolException {
        CommandRequest request;
        switch (command) {
            case SNOOZE:
                request = CommandRequest.snooze("r", 15);
                break;
            case TRACE_GET:
                request = CommandRequest.traceGet("r", new dev.posture.protocol.mqtt.RecordingId("a-1"));
                break;
            case CUE_TEST:
                request = CommandRequest.cueTest("r", "single_pulse");
                break;
            default:
                request = CommandRequest.of("r", command);
        }
        assertEquals(request, roundTrip(request));
        CommandReply reply = CommandReply.done(D, "r", command, Map.of());
        assertEquals(reply, roundTrip(reply));
    }

    @Test
    void anglesAreWrittenWithOneToThreeFractionDigits() {
        assertEquals("\"forward_deg\":21.0,", between(json(cue(21.0)), "\"forward_deg\"", "\"forward_ms\""));
        assertEquals("\"forward_deg\":0.3,", between(json(cue(0.1 + 0.2)), "\"forward_deg\"", "\"forward_ms\""));
        assertEquals("\"forward_deg\":-0.125,", between(json(cue(-0.125)), "\"forward_deg\"", "\"forward_ms\""));
        assertEquals("\"forward_deg\":0.0,", between(json(cue(-0.0)), "\"forward_deg\"", "\"forward_ms\""));
        assertEquals("\"forward_deg\":0.0,", between(json(cue(-0.0004)), "\"forward_deg\"", "\"forward_ms\""));
        assertEquals("\"forward_deg\":0.001,", between(json(cue(0.0006)), "\"forward_deg\"", "\"forward_ms\""));
        // Ties round to even, as Math.rint does.
        assertEquals("\"forward_deg\":0.0,", between(json(cue(0.0005)), "\"forward_deg\"", "\"forward_ms\""));
        assertEquals("\"forward_deg\":0.002,", between(json(cue(0.0015)), "\"forward_deg\"", "\"forward_ms\""));
        assertEquals("\"forward_deg\":-180.0,", between(json(cue(-180)), "\"forward_deg\"", "\"forward_ms\""));
        assertEquals("\"forward_deg\":12.346,", between(json(cue(12.3456789)), "\"forward_deg\"", "\"forward_ms\""));
    }

    @Test
    void anglesAreCanonicalInTheRecord() {
        assertEquals(12.346, new EventDetail.Cue(12.3456789, 0, 1, 1).forwardDeg());
        assertEquals(0.0, new EventDetail.Cue(-0.0, 0, 1, 1).forwardDeg());
        assertEquals(cue(0.1 + 0.2), cue(0.3));
    }

    @Test
    void anglesWrittenWithMoreDigitsAreReadAtThreeDigits() throws ProtocolException {
        String text = "{\"schema\":1,\"device_id\":\"desk-07\",\"seq\":1,\"type\":\"RECALIBRATION_NEEDED\","
                + "\"time_ms\":1,\"uptime_ms\":1,\"forward_deg\":-0.00049999}";
        EventMessage event = MessageCodec.decodeEvent(text.getBytes(StandardCharsets.UTF_8));
        assertEquals(new EventDetail.RecalibrationNeeded(0.0), event.detail());
        String integer = text.replace("-0.00049999", "-24");
        assertEquals(new EventDetail.RecalibrationNeeded(-24.0),
                MessageCodec.decodeEvent(integer.getBytes(StandardCharsets.UTF_8)).detail());
    }

    @Test
    void decimalConfigValuesKeepTheirDigitsExactly() throws ProtocolException {
        for (String number : new String[] {"15.5", "15.50", "0.000001", "1.5E-7", "-3.25", "123456789.123456789"}) {
            String text = "{\"schema\":1,\"device_id\":\"d\",\"version\":1,\"values\":{\"x\":" + number + "}}";
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            ConfigMessage config = MessageCodec.decodeConfig(bytes);
            assertEquals(new BigDecimal(number), config.values().get("x"), number);
            assertEquals(text, json(config), number);
        }
    }

    @Test
    void integersAreCanonicalInValueMaps() throws ProtocolException {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("small_long", 5L);
        values.put("big_long", 5_000_000_000L);
        values.put("whole_decimal", new BigDecimal("100"));
        values.put("exponent", new BigDecimal("1E+2"));
        values.put("big_integer", new java.math.BigInteger("-9223372036854775808"));
        ConfigMessage config = new ConfigMessage(D, 1, values);
        assertEquals(Integer.valueOf(5), config.values().get("small_long"));
        assertEquals(Long.valueOf(5_000_000_000L), config.values().get("big_long"));
        assertEquals(Integer.valueOf(100), config.values().get("whole_decimal"));
        assertEquals(Integer.valueOf(100), config.values().get("exponent"));
        assertEquals(Long.MIN_VALUE, config.values().get("big_integer"));
        assertEquals(config, roundTrip(config));
        String wire = "{\"schema\":1,\"device_id\":\"d\",\"version\":1,\"values\":{\"x\":1e2,\"y\":-0}}";
        ConfigMessage decoded = MessageCodec.decodeConfig(wire.getBytes(StandardCharsets.UTF_8));
        assertEquals(Map.of("x", 100, "y", 0), decoded.values());
    }

    @Test
    void valueMapsKeepInsertionOrder() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("zeta", 1);
        values.put("alpha", 2);
        values.put("mid", 3);
        assertEquals("{\"schema\":1,\"device_id\":\"desk-07\",\"version\":1,\"values\":{\"zeta\":1,\"alpha\":2,\"mid\":3}}",
                json(new ConfigMessage(D, 1, values)));
        assertEquals(List.of("zeta", "alpha", "mid"), List.copyOf(new ConfigMessage(D, 1, values).values().keySet()));
    }

    @Test
    void valueMapsRefuseDoublesAndOtherTypes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ConfigMessage(D, 1, Map.of("threshold_deg", 15.5)));
        assertEquals("field 'values.threshold_deg' must be a string, number or boolean", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new ConfigMessage(D, 1, Map.of("list", List.of(1))));
        assertEquals("field 'values.list' must be a string, number or boolean", e.getMessage());
    }

    private static EventMessage cue(double deg) {
        return new EventMessage(D, 1, 1, 1, new EventDetail.Cue(deg, 1, 1, 1));
    }

    private static String between(String text, String from, String to) {
        return text.substring(text.indexOf(from), text.indexOf(to));
    }
}
