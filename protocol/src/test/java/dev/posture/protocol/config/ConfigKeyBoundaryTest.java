package dev.posture.protocol.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posture.protocol.ProtocolException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every key at and just beyond its limits, from text and from JSON, with the exact messages. */
class ConfigKeyBoundaryTest {
    /**
     * One probe of a key.
     *
     * @param canonical the canonical text when accepted, null when rejected
     * @param message the exact message when rejected
     * @param json whether the same probe also goes through JSON with the same outcome
     */
    record Probe(ConfigKey key, String text, String canonical, String message, boolean json) {
        @Override
        public String toString() {
            return key.wireName() + " <- " + ProblemText.quote(text);
        }
    }

    private static final String ABC32 = "abcdefghijklmnopqrstuvwxyz012345";
    private static final String USER64 = "u".repeat(64);

    static List<Probe> probes() {
        List<Probe> out = new ArrayList<>();
        ok(out, ConfigKey.THRESHOLD_DEG, "5", "45", "15.5", "5.0", "44.9");
        bad(out, ConfigKey.THRESHOLD_DEG, "4.9", "threshold_deg: 4.9 is out of range 5..45");
        bad(out, ConfigKey.THRESHOLD_DEG, "45.1", "threshold_deg: 45.1 is out of range 5..45");
        bad(out, ConfigKey.THRESHOLD_DEG, "50", "threshold_deg: 50 is out of range 5..45");
        bad(out, ConfigKey.THRESHOLD_DEG, "15.55", "threshold_deg: 15.55 has more than 1 decimal place");

        ok(out, ConfigKey.HYSTERESIS_DEG, "0", "10", "2.5");
        bad(out, ConfigKey.HYSTERESIS_DEG, "-0.1", "hysteresis_deg: -0.1 is out of range 0..10");
        bad(out, ConfigKey.HYSTERESIS_DEG, "10.1", "hysteresis_deg: 10.1 is out of range 0..10");

        ok(out, ConfigKey.DWELL_S, "1", "600");
        bad(out, ConfigKey.DWELL_S, "0", "dwell_s: 0 is out of range 1..600");
        bad(out, ConfigKey.DWELL_S, "601", "dwell_s: 601 is out of range 1..600");
        bad(out, ConfigKey.DWELL_S, "1.5", "dwell_s: 1.5 is not a whole number");

        ok(out, ConfigKey.CUE_PATTERN, "single_pulse", "double_pulse", "triple_pulse", "long_pulse", "ramp");
        bad(out, ConfigKey.CUE_PATTERN, "buzz",
                "cue_pattern: 'buzz' is not one of single_pulse, double_pulse, triple_pulse, long_pulse, ramp");
        bad(out, ConfigKey.CUE_PATTERN, "double-pulse",
                "cue_pattern: 'double-pulse' is not one of single_pulse, double_pulse, triple_pulse, long_pulse, ramp");

        ok(out, ConfigKey.CUE_INTENSITY_PCT, "10", "100");
        bad(out, ConfigKey.CUE_INTENSITY_PCT, "9", "cue_intensity_pct: 9 is out of range 10..100");
        bad(out, ConfigKey.CUE_INTENSITY_PCT, "101", "cue_intensity_pct: 101 is out of range 10..100");

        ok(out, ConfigKey.CUE_REPEAT_S, "10", "600");
        bad(out, ConfigKey.CUE_REPEAT_S, "9", "cue_repeat_s: 9 is out of range 10..600");
        bad(out, ConfigKey.CUE_REPEAT_S, "601", "cue_repeat_s: 601 is out of range 10..600");

        ok(out, ConfigKey.CUE_MAX_PER_EPISODE, "1", "20");
        bad(out, ConfigKey.CUE_MAX_PER_EPISODE, "0", "cue_max_per_episode: 0 is out of range 1..20");
        bad(out, ConfigKey.CUE_MAX_PER_EPISODE, "21", "cue_max_per_episode: 21 is out of range 1..20");

        ok(out, ConfigKey.SNOOZE_MIN, "1", "240");
        bad(out, ConfigKey.SNOOZE_MIN, "0", "snooze_min: 0 is out of range 1..240");
        bad(out, ConfigKey.SNOOZE_MIN, "241", "snooze_min: 241 is out of range 1..240");

        ok(out, ConfigKey.QUIET_HOURS, "off", "00:00-23:59", "23:59-00:00", "22:00-07:00", "12:30-13:45");
        bad(out, ConfigKey.QUIET_HOURS, "24:00-07:00", "quiet_hours: '24:00-07:00' is not off or HH:MM-HH:MM");
        bad(out, ConfigKey.QUIET_HOURS, "22:00-07:60", "quiet_hours: '22:00-07:60' is not off or HH:MM-HH:MM");
        bad(out, ConfigKey.QUIET_HOURS, "7:00-8:00", "quiet_hours: '7:00-8:00' is not off or HH:MM-HH:MM");
        bad(out, ConfigKey.QUIET_HOURS, "22:00-22:00", "quiet_hours: '22:00-22:00' starts and ends at the same time");

        ok(out, ConfigKey.EXPOSURE_MODE, "off", "on");
        bad(out, ConfigKey.EXPOSURE_MODE, "yes", "exposure_mode: 'yes' is not one of off, on");

        ok(out, ConfigKey.EXPOSURE_WINDOW_MIN, "5", "240");
        bad(out, ConfigKey.EXPOSURE_WINDOW_MIN, "4", "exposure_window_min: 4 is out of range 5..240");
        bad(out, ConfigKey.EXPOSURE_WINDOW_MIN, "241", "exposure_window_min: 241 is out of range 5..240");

        ok(out, ConfigKey.EXPOSURE_SHARE_PCT, "10", "100");
        bad(out, ConfigKey.EXPOSURE_SHARE_PCT, "9", "exposure_share_pct: 9 is out of range 10..100");
        bad(out, ConfigKey.EXPOSURE_SHARE_PCT, "101", "exposure_share_pct: 101 is out of range 10..100");

        ok(out, ConfigKey.CHECKIN_INTERVAL_MIN, "off", "10", "240");
        bad(out, ConfigKey.CHECKIN_INTERVAL_MIN, "9", "checkin_interval_min: 9 is out of range 10..240");
        bad(out, ConfigKey.CHECKIN_INTERVAL_MIN, "241", "checkin_interval_min: 241 is out of range 10..240");
        out.add(new Probe(ConfigKey.CHECKIN_INTERVAL_MIN, "never", null,
                "checkin_interval_min: 'never' is not a number or off", false));

        ok(out, ConfigKey.DRILL_ROUNDS, "1", "20");
        bad(out, ConfigKey.DRILL_ROUNDS, "0", "drill_rounds: 0 is out of range 1..20");
        bad(out, ConfigKey.DRILL_ROUNDS, "21", "drill_rounds: 21 is out of range 1..20");

        ok(out, ConfigKey.DRILL_HOLD_S, "1", "30");
        bad(out, ConfigKey.DRILL_HOLD_S, "0", "drill_hold_s: 0 is out of range 1..30");
        bad(out, ConfigKey.DRILL_HOLD_S, "31", "drill_hold_s: 31 is out of range 1..30");

        ok(out, ConfigKey.SAMPLE_RATE_HZ, "25", "1000");
        bad(out, ConfigKey.SAMPLE_RATE_HZ, "24", "sample_rate_hz: 24 is out of range 25..1000");
        bad(out, ConfigKey.SAMPLE_RATE_HZ, "1001", "sample_rate_hz: 1001 is out of range 25..1000");

        ok(out, ConfigKey.LOWPASS_CUTOFF_HZ, "0.1", "50", "12.3");
        bad(out, ConfigKey.LOWPASS_CUTOFF_HZ, "0", "lowpass_cutoff_hz: 0 is out of range 0.1..50");
        bad(out, ConfigKey.LOWPASS_CUTOFF_HZ, "50.1", "lowpass_cutoff_hz: 50.1 is out of range 0.1..50");
        bad(out, ConfigKey.LOWPASS_CUTOFF_HZ, "0.15", "lowpass_cutoff_hz: 0.15 has more than 1 decimal place");

        ok(out, ConfigKey.ACCEL_RANGE_G, "2", "4", "8", "16");
        bad(out, ConfigKey.ACCEL_RANGE_G, "3", "accel_range_g: 3 is not one of 2, 4, 8, 16");
        bad(out, ConfigKey.ACCEL_RANGE_G, "32", "accel_range_g: 32 is not one of 2, 4, 8, 16");

        ok(out, ConfigKey.GYRO_RANGE_DPS, "250", "500", "1000", "2000");
        bad(out, ConfigKey.GYRO_RANGE_DPS, "125", "gyro_range_dps: 125 is not one of 250, 500, 1000, 2000");
        bad(out, ConfigKey.GYRO_RANGE_DPS, "4000", "gyro_range_dps: 4000 is not one of 250, 500, 1000, 2000");

        ok(out, ConfigKey.DEVICE_ID, "a", ABC32, "posture-1", "-");
        bad(out, ConfigKey.DEVICE_ID, "", "device_id: '' must be 1..32 characters of a-z, 0-9 and '-'");
        bad(out, ConfigKey.DEVICE_ID, ABC32 + "6",
                "device_id: '" + ABC32 + "6' must be 1..32 characters of a-z, 0-9 and '-'");
        bad(out, ConfigKey.DEVICE_ID, "Posture-1", "device_id: 'Posture-1' must be 1..32 characters of a-z, 0-9 and '-'");
        bad(out, ConfigKey.DEVICE_ID, "desk/1", "device_id: 'desk/1' must be 1..32 characters of a-z, 0-9 and '-'");

        ok(out, ConfigKey.BROKER_URL, "tcp://localhost:1883", "ssl://broker.example.com:8883", "tcp://10.0.0.5",
                "ws://broker:8083/mqtt", "wss://broker.example.com/mqtt", "tcp://[::1]:1", "tcp://h:65535");
        bad(out, ConfigKey.BROKER_URL, "tcp://h:65536", "broker_url: 'tcp://h:65536' has an invalid port (1..65535)");
        bad(out, ConfigKey.BROKER_URL, "tcp://h:0", "broker_url: 'tcp://h:0' has an invalid port (1..65535)");
        bad(out, ConfigKey.BROKER_URL, "tcp://h:", "broker_url: 'tcp://h:' has an invalid port (1..65535)");
        bad(out, ConfigKey.BROKER_URL, "http://h", "broker_url: 'http://h' must start with tcp://, ssl://, ws:// or wss://");
        bad(out, ConfigKey.BROKER_URL, "TCP://h", "broker_url: 'TCP://h' must start with tcp://, ssl://, ws:// or wss://");
        bad(out, ConfigKey.BROKER_URL, "tcp://", "broker_url: 'tcp://' has no host");
        bad(out, ConfigKey.BROKER_URL, "tcp://my_broker", "broker_url: 'tcp://my_broker' has an invalid host");
        bad(out, ConfigKey.BROKER_URL, "tcp://[::1", "broker_url: 'tcp://[::1' has an invalid host");
        bad(out, ConfigKey.BROKER_URL, "tcp://u:pw@h",
                "broker_url: 'tcp://u:pw@h' must not contain credentials (use broker_username and the credentials file)");
        bad(out, ConfigKey.BROKER_URL, "tcp://h/mqtt", "broker_url: 'tcp://h/mqtt' may have a path only with ws:// or wss://");
        bad(out, ConfigKey.BROKER_URL, "ws://h/mqtt?x=1", "broker_url: 'ws://h/mqtt?x=1' has an invalid path");
        String longUrl = "tcp://" + "a".repeat(195);
        bad(out, ConfigKey.BROKER_URL, longUrl,
                "broker_url: '" + longUrl.substring(0, 40) + "...' is longer than 200 characters");

        ok(out, ConfigKey.BROKER_USERNAME, "", "clinic@example.org", USER64);
        bad(out, ConfigKey.BROKER_USERNAME, USER64 + "u", "broker_username: '" + "u".repeat(40)
                + "...' must be 0..64 characters of printable ASCII except space and backslash");
        bad(out, ConfigKey.BROKER_USERNAME, "a b",
                "broker_username: 'a b' must be 0..64 characters of printable ASCII except space and backslash");
        bad(out, ConfigKey.BROKER_USERNAME, "dom\\user",
                "broker_username: 'dom\\\\user' must be 0..64 characters of printable ASCII except space and backslash");
        return out;
    }

    private static void ok(List<Probe> out, ConfigKey key, String... texts) {
        for (String text : texts) {
            String canonical = text;
            if (text.contains(".") && !key.typeName().equals("URL") && !key.typeName().equals("string")) {
                canonical = new BigDecimal(text).stripTrailingZeros().toPlainString();
            }
            out.add(new Probe(key, text, canonical, null, true));
        }
    }

    private static void bad(List<Probe> out, ConfigKey key, String text, String message) {
        out.add(new Probe(key, text, null, message, true));
    }

    static Stream<Probe> probeStream() {
        return probes().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("probeStream")
    void fromText(Probe probe) throws ProtocolException {
        if (probe.canonical() != null) {
            Object value = probe.key().parseText(probe.text());
            assertEquals(probe.canonical(), probe.key().toText(value));
        } else {
            ProtocolException e = assertThrows(ProtocolException.class, () -> probe.key().parseText(probe.text()));
            assertEquals(probe.message(), e.getMessage());
        }
    }

    /** Numbers go in as JSON numbers (as Jackson gives them), everything else as JSON strings. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("probeStream")
    void fromJson(Probe probe) throws ProtocolException {
        if (!probe.json()) {
            return;
        }
        Object json = asJson(probe.key(), probe.text());
        if (probe.canonical() != null) {
            Object value = probe.key().parseJson(json);
            assertEquals(probe.key().parseText(probe.text()), value);
            Object back = probe.key().toJson(value);
            assertEquals(probe.key().parseText(probe.text()), probe.key().parseJson(back));
        } else {
            ProtocolException e = assertThrows(ProtocolException.class, () -> probe.key().parseJson(json));
            assertEquals(probe.message(), e.getMessage());
        }
    }

    @Test
    void everyKeyIsProbedAtBothEnds() {
        Map<ConfigKey, int[]> counts = new EnumMap<>(ConfigKey.class);
        for (Probe probe : probes()) {
            counts.computeIfAbsent(probe.key(), k -> new int[2])[probe.canonical() != null ? 0 : 1]++;
        }
        for (ConfigKey key : ConfigKey.values()) {
            int[] count = counts.getOrDefault(key, new int[2]);
            assertTrue(count[0] >= 2 && count[1] >= 1, key.wireName() + " needs accepted and rejected probes");
        }
    }

    private static Object asJson(ConfigKey key, String text) {
        boolean numeric = key.typeName().startsWith("integer") || key.typeName().equals("decimal");
        if (numeric && text.matches("-?[0-9]+(\\.[0-9]+)?")) {
            return text.contains(".") ? Double.valueOf(text) : (Object) Integer.valueOf(text);
        }
        return text;
    }
}
