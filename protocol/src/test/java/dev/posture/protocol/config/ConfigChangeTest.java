package dev.posture.protocol.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posture.protocol.ProtocolException;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Change requests: all-or-nothing validation, every problem reported, versioning, audit values. */
class ConfigChangeTest {
    private final Config defaults = Config.defaults();

    @Test
    void anAppliedChangeRaisesTheVersionByOneAndListsOldAndNewValues() {
        ConfigChange.Result result = ConfigChange.fromText(defaults,
                ordered("dwell_s", "30", "threshold_deg", "20.5", "cue_pattern", "ramp"));
        assertTrue(result.ok());
        Config changed = result.config();
        assertEquals(1, changed.version());
        assertEquals(new FixedDecimal(205, 1), changed.thresholdDeg());
        assertEquals(30, changed.dwellS());
        assertEquals(CuePattern.RAMP, changed.cuePattern());
        // Changes come in table order whatever the request order was.
        assertEquals(List.of("threshold_deg: 15 -> 20.5", "dwell_s: 10 -> 30", "cue_pattern: double_pulse -> ramp"),
                result.changes().stream().map(ConfigChange.KeyChange::toString).toList());
        ConfigChange.KeyChange first = result.changes().get(0);
        assertEquals(ConfigKey.THRESHOLD_DEG, first.key());
        assertEquals("15", first.oldText());
        assertEquals("20.5", first.newText());
        assertEquals(new BigDecimal("15"), first.oldJson());
        assertEquals(new BigDecimal("20.5"), first.newJson());
        // The base is untouched.
        assertEquals(0, defaults.version());
        assertEquals(10, defaults.dwellS());
    }

    @Test
    void aChangeThatAltersNothingKeepsTheSameConfigAndVersion() throws ProtocolException {
        Config v1 = ConfigChange.set(defaults, "dwell_s", "30").orThrow();
        ConfigChange.Result same = ConfigChange.set(v1, "dwell_s", "30.0");
        assertTrue(same.ok());
        assertSame(v1, same.config());
        assertEquals(List.of(), same.changes());
        ConfigChange.Result empty = ConfigChange.fromJson(v1, Map.of());
        assertTrue(empty.ok());
        assertSame(v1, empty.config());
    }

    @Test
    void onlyValuesThatDifferCountAsChanges() throws ProtocolException {
        ConfigChange.Result result = ConfigChange.fromJson(defaults, ordered("dwell_s", 10, "snooze_min", 45));
        assertEquals(List.of("snooze_min: 30 -> 45"), result.changes().stream().map(Object::toString).toList());
        assertEquals(1, result.orThrow().version());
        assertEquals(2, ConfigChange.set(result.config(), "snooze_min", "50").orThrow().version());
    }

    @Test
    void everyProblemIsReportedAndNothingIsApplied() {
        Map<String, Object> request = ordered(
                "threshold_deg", 50,
                "treshold_deg", 20,
                "dwell_s", 30,
                "cue_pattern", "buzz",
                "device_id", "Desk 1",
                "quiet_hours", 22);
        ConfigChange.Result result = ConfigChange.fromJson(defaults, request);
        assertFalse(result.ok());
        assertEquals(List.of(
                "threshold_deg: 50 is out of range 5..45",
                "unknown key 'treshold_deg'",
                "cue_pattern: 'buzz' is not one of single_pulse, double_pulse, triple_pulse, long_pulse, ramp",
                "device_id: 'Desk 1' must be 1..32 characters of a-z, 0-9 and '-'",
                "quiet_hours: expected a string, got 22"), messages(result));
        assertEquals(List.of("threshold_deg", "treshold_deg", "cue_pattern", "device_id", "quiet_hours"),
                result.problems().stream().map(ConfigProblem::key).toList());
        assertSame(defaults, result.config());
        assertEquals(List.of(), result.changes());
        ProtocolException e = assertThrows(ProtocolException.class, result::orThrow);
        assertEquals("threshold_deg: 50 is out of range 5..45; unknown key 'treshold_deg'; cue_pattern: 'buzz' is"
                + " not one of single_pulse, double_pulse, triple_pulse, long_pulse, ramp; device_id: 'Desk 1' must"
                + " be 1..32 characters of a-z, 0-9 and '-'; quiet_hours: expected a string, got 22", e.getMessage());
    }

    @Test
    void keysIgnoreAsciiCaseButTheSameKeyTwiceIsAProblem() {
        ConfigChange.Result upper = ConfigChange.set(defaults, "DWELL_S", "20");
        assertTrue(upper.ok());
        assertEquals(20, upper.config().dwellS());
        ConfigChange.Result twice = ConfigChange.fromText(defaults, ordered("dwell_s", "20", "Dwell_S", "25"));
        assertEquals(List.of("duplicate key 'Dwell_S' (same as 'dwell_s')"), messages(twice));
    }

    @Test
    void unknownAndMissingKeysAreNamed() {
        Map<String, Object> request = new HashMap<>();
        request.put(null, 1);
        assertEquals(List.of("unknown key null"), messages(ConfigChange.fromJson(defaults, request)));
        assertEquals(List.of("unknown key 'version'"), messages(ConfigChange.set(defaults, "version", "3")));
        assertEquals(List.of("dwell_s: null is not a number"), messages(ConfigChange.set(defaults, "dwell_s", null)));
    }

    @Test
    void aMissingOrRawlyTypedRequestIsAProblemNotACrash() {
        assertEquals(List.of("expected an object of settings, got null"), messages(ConfigChange.fromJson(defaults, null)));
        assertEquals(List.of("expected an object of settings, got null"), messages(ConfigChange.fromText(defaults, null)));
        assertEquals("expected an object of settings, got null",
                assertThrows(ProtocolException.class, () -> Config.fromJsonValues(null, 0)).getMessage());
        Map<Object, Object> raw = new LinkedHashMap<>();
        raw.put(7, 1);
        raw.put("dwell_s", 20);
        @SuppressWarnings("unchecked")
        Map<String, Object> unchecked = (Map<String, Object>) (Map<?, ?>) raw;
        assertEquals(List.of("unknown key '7'"), messages(ConfigChange.fromJson(defaults, unchecked)));
    }

    @Test
    void hysteresisMustStayBelowThreshold() {
        assertEquals(List.of("hysteresis_deg: 10 must be less than threshold_deg, which is 8"), messages(
                ConfigChange.fromText(defaults, ordered("threshold_deg", "8", "hysteresis_deg", "10"))));
        Config narrow = ConfigChange.fromText(defaults, ordered("threshold_deg", "6", "hysteresis_deg", "5.9"))
                .config();
        assertEquals(1, narrow.version());
        assertEquals(List.of("threshold_deg: 5.5 must be greater than hysteresis_deg, which is 5.9"),
                messages(ConfigChange.set(narrow, "threshold_deg", "5.5")));
        assertEquals(List.of("hysteresis_deg: 6 must be less than threshold_deg, which is 6"),
                messages(ConfigChange.set(narrow, "hysteresis_deg", "6")));
        // A rule is not checked against a value that is already refused on its own.
        assertEquals(List.of("threshold_deg: 4 is out of range 5..45"),
                messages(ConfigChange.fromText(defaults, ordered("threshold_deg", "4", "hysteresis_deg", "9"))));
    }

    @Test
    void lowpassCutoffMustStayBelowNyquist() throws ProtocolException {
        Config slow = ConfigChange.fromJson(defaults, ordered("sample_rate_hz", 25, "lowpass_cutoff_hz", 12.4))
                .orThrow();
        assertEquals(List.of("lowpass_cutoff_hz: 12.5 must be less than half of sample_rate_hz, which is 25"),
                messages(ConfigChange.fromJson(slow, Map.of("lowpass_cutoff_hz", 12.5))));
        Config fast = ConfigChange.fromJson(defaults, ordered("sample_rate_hz", 200, "lowpass_cutoff_hz", 40))
                .orThrow();
        assertEquals(List.of("sample_rate_hz: 80 must be more than twice lowpass_cutoff_hz, which is 40"),
                messages(ConfigChange.set(fast, "sample_rate_hz", "80")));
        assertTrue(ConfigChange.set(fast, "sample_rate_hz", "81").ok());
    }

    @Test
    void exposureSettingsMayBePreparedWhileExposureIsOff() throws ProtocolException {
        Config prepared = ConfigChange.fromJson(defaults, ordered("exposure_window_min", 60, "exposure_share_pct", 40))
                .orThrow();
        assertEquals(ExposureMode.OFF, prepared.exposureMode());
        assertEquals(60, prepared.exposureWindowMin());
        assertEquals(ExposureMode.ON, ConfigChange.set(prepared, "exposure_mode", "on").orThrow().exposureMode());
    }

    @Test
    void assignmentsFromTheCommandLine() throws ProtocolException {
        Config c = ConfigChange.fromAssignments(defaults,
                List.of("threshold_deg=18", "broker_url=tcp://broker:1883", "broker_username=")).orThrow();
        assertEquals("18", c.text(ConfigKey.THRESHOLD_DEG));
        assertEquals("tcp://broker:1883", c.brokerUrl());
        assertEquals(List.of("expected key=value, got 'threshold_deg'", "expected key=value, got '=5'",
                "dwell_s: ' 5' is not a number"), messages(ConfigChange.fromAssignments(defaults,
                List.of("threshold_deg", "=5", "dwell_s= 5"))));
    }

    @Test
    void theVersionStopsAtTheLargestExactJsonInteger() throws ProtocolException {
        Config last = Config.fromJsonValues(Map.of(), Config.MAX_VERSION);
        assertEquals(List.of("version 9007199254740991 cannot grow any further"),
                messages(ConfigChange.set(last, "dwell_s", "20")));
        assertTrue(ConfigChange.set(last, "dwell_s", "10").ok()); // alters nothing, needs no new version
    }

    @Test
    void jsonValuesRoundTripInTableOrderWithNumbersAsNumbers() throws ProtocolException {
        Config c = ConfigChange.fromJson(defaults, ordered("threshold_deg", 17.5, "quiet_hours", "22:30-06:45",
                "checkin_interval_min", "off", "lowpass_cutoff_hz", 2.5, "broker_username", "clinic")).orThrow();
        Map<String, Object> json = c.toJsonValues();
        assertEquals(List.of(ConfigKey.values()).stream().map(ConfigKey::wireName).toList(), List.copyOf(json.keySet()));
        assertEquals(new BigDecimal("17.5"), json.get("threshold_deg"));
        assertEquals(10, json.get("dwell_s"));
        assertEquals("double_pulse", json.get("cue_pattern"));
        assertEquals("22:30-06:45", json.get("quiet_hours"));
        assertEquals("off", json.get("checkin_interval_min"));
        assertEquals(4, json.get("accel_range_g"));
        assertEquals("clinic", json.get("broker_username"));
        assertEquals(c, Config.fromJsonValues(json, c.version()));
        assertEquals(c.toTextValues(), ConfigChange.fromText(defaults, c.toTextValues()).orThrow().toTextValues());
    }

    @Test
    void fromJsonValuesFillsMissingKeysWithDefaultsAndRefusesBadOnes() throws ProtocolException {
        Config c = Config.fromJsonValues(Map.of("dwell_s", 42), 7);
        assertEquals(7, c.version());
        assertEquals(42, c.dwellS());
        assertEquals(defaults.thresholdDeg(), c.thresholdDeg());
        assertEquals(0, Config.fromJsonValues(Map.of()).version());
        assertEquals(defaults, Config.fromJsonValues(Map.of()));
        assertEquals("dwell_s: 0 is out of range 1..600; unknown key 'x'",
                assertThrows(ProtocolException.class,
                        () -> Config.fromJsonValues(ordered("dwell_s", 0, "x", 1), 3)).getMessage());
        assertEquals("version: -1 is out of range 0..9007199254740991",
                assertThrows(ProtocolException.class, () -> Config.fromJsonValues(Map.of(), -1)).getMessage());
    }

    @Test
    void configsAreValuesIncludingTheirVersion() throws ProtocolException {
        Config a = ConfigChange.set(defaults, "dwell_s", "20").orThrow();
        Config b = ConfigChange.set(defaults, "dwell_s", "20").orThrow();
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertFalse(a.equals(Config.fromJsonValues(Map.of("dwell_s", 20), 2)));
        assertTrue(a.toString().startsWith("Config{version=1, threshold_deg=15, hysteresis_deg=3, dwell_s=20,"));
        assertThrows(UnsupportedOperationException.class, () -> a.toJsonValues().put("dwell_s", 1));
    }

    private static <V> Map<String, V> ordered(Object... keysAndValues) {
        Map<String, V> out = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            @SuppressWarnings("unchecked")
            V value = (V) keysAndValues[i + 1];
            out.put((String) keysAndValues[i], value);
        }
        return out;
    }

    private static List<String> messages(ConfigChange.Result result) {
        return result.problems().stream().map(ConfigProblem::message).toList();
    }
}
