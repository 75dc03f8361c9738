package dev.posture.protocol.message;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.posture.protocol.ProtocolException;
import dev.posture.protocol.mqtt.DeviceId;
import dev.posture.protocol.mqtt.RecordingId;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Any record the constructors accept, built from fuzzed values (any double, any string, any decimal
 * scale), encodes to bytes that decode to an equal record. Constructors may refuse a value with
 * IllegalArgumentException; nothing else may go wrong.
 */
class MessageRoundTripFuzzTest {
    private static final String[] KEYS = {"threshold_deg", "dwell_s", "cue_pattern", "quiet_hours", "a", "x_1"};

    @FuzzTest
    void recordsSurviveEncoding(FuzzedDataProvider data) throws ProtocolException {
        Message message;
        try {
            message = build(data);
        } catch (IllegalArgumentException refused) {
            return;
        }
        assertEquals(message, MessageCodec.decode(message.kind(), MessageCodec.encode(message)));
    }

    private static Message build(FuzzedDataProvider d) {
        DeviceId device = new DeviceId(d.consumeBoolean() ? "desk-07" : d.consumeAsciiString(33));
        switch (d.consumeInt(0, 7)) {
            case 0:
                return new StatusMessage(device, pick(d, ConnectionState.values()), d.consumeAsciiString(33),
                        maybe(d, d.consumeLong()), maybe(d, d.consumeLong(0, FieldCheck.MAX_INTEGER)),
                        maybe(d, pick(d, PostureState.values())), maybe(d, pick(d, SensorHealth.values())),
                        maybe(d, d.consumeLong(-1, FieldCheck.MAX_INTEGER + 1)), maybe(d, d.consumeInt(-1, 101)),
                        maybe(d, d.consumeInt(-130, 1)));
            case 1:
                return new EventMessage(device, d.consumeLong(-1, FieldCheck.MAX_INTEGER + 1), d.consumeLong(0,
                        FieldCheck.MAX_INTEGER), d.consumeLong(0, FieldCheck.MAX_INTEGER), detail(d));
            case 2:
                boolean angles = d.consumeBoolean();
                double a = angle(d);
                double b = angle(d);
                double c = angle(d);
                return new TelemetryMessage(device, d.consumeLong(0, 1L << 53), d.consumeLong(0, 1L << 53),
                        d.consumeInt(0, 60_001), pick(d, PostureState.values()), d.consumeInt(0, 60_000),
                        d.consumeInt(0, 60_000), angles ? Math.min(a, Math.min(b, c)) : null,
                        angles ? median(a, b, c) : null, angles ? Math.max(a, Math.max(b, c)) : null);
            case 3:
                return new ConfigMessage(device, d.consumeLong(0, FieldCheck.MAX_INTEGER), values(d, false));
            case 4:
                return new ConfigSetRequest(maybe(d, d.consumeAsciiString(65)), values(d, false));
            case 5:
                if (d.consumeBoolean()) {
                    return ConfigSetReply.applied(device, maybe(d, d.consumeAsciiString(20)), d.consumeLong(0, 99),
                            values(d, false));
                }
                List<ConfigError> errors = new ArrayList<>();
                for (int i = d.consumeInt(1, 3); i > 0; i--) {
                    errors.add(new ConfigError(maybe(d, key(d)), d.consumeString(300)));
                }
                return ConfigSetReply.refused(device, null, errors);
            case 6:
                Command command = pick(d, Command.values());
                return new CommandRequest(maybe(d, d.consumeAsciiString(65)), command,
                        command == Command.CUE_TEST ? maybe(d, d.consumeAsciiString(33)) : null,
                        command == Command.SNOOZE ? d.consumeInt(-1, 1441) : null,
                        command == Command.TRACE_GET ? new RecordingId(d.consumeAsciiString(65)) : null);
            default:
                if (d.consumeBoolean()) {
                    return CommandReply.done(device, null, maybe(d, pick(d, Command.values())), values(d, true));
                }
                return CommandReply.failed(device, "r", null, d.consumeString(300));
        }
    }

    private static EventDetail detail(FuzzedDataProvider d) {
        switch (pick(d, EventType.values())) {
            case CUE:
                return new EventDetail.Cue(angle(d), d.consumeLong(), d.consumeInt(), d.consumeInt());
            case RECOVERED:
                return new EventDetail.Recovered(angle(d), d.consumeLong(0, 1L << 40), d.consumeInt(1, 9),
                        d.consumeInt(1, 9));
            case CHECKIN_DUE:
                return new EventDetail.CheckinDue();
            case CHECKIN_DONE:
                return new EventDetail.CheckinDone(d.consumeLong(0, 1L << 40), angle(d));
            case CHECKIN_MISSED:
                return new EventDetail.CheckinMissed(d.consumeLong());
            case DRILL_DONE:
                return new EventDetail.DrillDone(d.consumeInt(-1, 101), d.consumeInt(-1, 101));
            case CALIBRATED:
                return new EventDetail.Calibrated(pick(d, CalibrationStep.values()));
            case RECALIBRATION_NEEDED:
                return new EventDetail.RecalibrationNeeded(angle(d));
            case SENSOR_FAULT:
                return new EventDetail.SensorFault(d.consumeAsciiString(33));
            case SENSOR_RECOVERED:
                return new EventDetail.SensorRecovered(d.consumeLong(0, FieldCheck.MAX_INTEGER));
            case SNOOZED:
                return new EventDetail.Snoozed(d.consumeInt(0, 1441));
            case CONFIG_CHANGED:
                return new EventDetail.ConfigChanged(d.consumeLong(0, 1L << 53), pick(d, ChangeSource.values()));
            default:
                return new EventDetail.Booted(d.consumeAsciiString(33));
        }
    }

    /** Mostly a plausible angle, sometimes any double at all (NaN, infinities, subnormals). */
    private static double angle(FuzzedDataProvider d) {
        return d.consumeBoolean() ? d.consumeRegularDouble(-180, 180) : d.consumeDouble();
    }

    private static double median(double a, double b, double c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }

    private static String key(FuzzedDataProvider d) {
        return d.consumeBoolean() ? KEYS[d.consumeInt(0, KEYS.length - 1)] : d.consumeAsciiString(65);
    }

    private static Map<String, Object> values(FuzzedDataProvider d, boolean lists) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = d.consumeInt(0, 4); i > 0; i--) {
            values.put(key(d), lists && d.consumeBoolean() ? List.of(value(d), value(d)) : value(d));
        }
        return values;
    }

    private static Object value(FuzzedDataProvider d) {
        switch (d.consumeInt(0, 5)) {
            case 0:
                return d.consumeString(40);
            case 1:
                return d.consumeInt();
            case 2:
                return d.consumeLong();
            case 3:
                return new BigDecimal(BigInteger.valueOf(d.consumeLong()), d.consumeInt(-40, 40));
            case 4:
                return new BigDecimal(new BigInteger(1, d.consumeBytes(20)), d.consumeInt(-5, 40));
            default:
                return d.consumeBoolean();
        }
    }

    private static <E> E pick(FuzzedDataProvider d, E[] values) {
        return values[d.consumeInt(0, values.length - 1)];
    }

    private static <T> T maybe(FuzzedDataProvider d, T value) {
        return d.consumeBoolean() ? value : null;
    }
}
