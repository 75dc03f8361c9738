package dev.posture.protocol.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posture.protocol.ProtocolException;
import java.lang.reflect.Method;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The key table is consistent with itself: names, units, defaults, descriptions, accessors. */
class ConfigKeyTableTest {
    private static final Map<String, String> UNIT_OF_SUFFIX = Map.of(
            "_deg", "deg", "_s", "s", "_min", "min", "_pct", "%", "_hz", "Hz", "_g", "g", "_dps", "deg/s");

    @Test
    void wireNamesAreUniqueLowercaseSnakeCaseAndMatchTheEnumNames() {
        Set<String> seen = new HashSet<>();
        for (ConfigKey key : ConfigKey.values()) {
            assertTrue(key.wireName().matches("[a-z][a-z0-9]*(_[a-z0-9]+)*"), key.wireName());
            assertEquals(key.name().toLowerCase(java.util.Locale.ROOT), key.wireName());
            assertTrue(seen.add(key.wireName()), "duplicate " + key.wireName());
        }
    }

    @Test
    void unitMatchesTheNameSuffix() {
        for (ConfigKey key : ConfigKey.values()) {
            String expected = UNIT_OF_SUFFIX.entrySet().stream()
                    .filter(e -> key.wireName().endsWith(e.getKey()))
                    .map(Map.Entry::getValue).findFirst().orElse("");
            assertEquals(expected, key.unit(), key.wireName());
        }
    }

    @Test
    void everyDefaultIsWithinItsOwnRangeInTextAndJson() throws ProtocolException {
        for (ConfigKey key : ConfigKey.values()) {
            assertEquals(key.defaultValue(), key.parseText(key.defaultText()), key.wireName());
            assertEquals(key.defaultValue(), key.parseJson(key.toJson(key.defaultValue())), key.wireName());
        }
    }

    @Test
    void defaultsSatisfyEveryCrossKeyRule() {
        Object[] values = Config.defaults().copyValues();
        assertEquals(java.util.List.of(), CrossKeyRules.check(values, EnumSet.allOf(ConfigKey.class),
                EnumSet.noneOf(ConfigKey.class)));
    }

    @Test
    void defaultsAreTheIssuesValues() {
        Config c = Config.defaults();
        assertEquals("15", c.text(ConfigKey.THRESHOLD_DEG));
        assertEquals("3", c.text(ConfigKey.HYSTERESIS_DEG));
        assertEquals(10, c.dwellS());
        assertEquals(CuePattern.DOUBLE_PULSE, c.cuePattern());
        assertEquals(70, c.cueIntensityPct());
        assertEquals(60, c.cueRepeatS());
        assertEquals(30, c.snoozeMin());
        assertEquals(Optional.empty(), c.quietHours());
        assertEquals(30, c.checkinIntervalMin().getAsInt());
        assertEquals(6, c.drillRounds());
        assertEquals(3, c.drillHoldS());
        assertEquals(100, c.sampleRateHz());
        assertEquals("posture-1", c.deviceId());
        assertEquals("tcp://localhost:1883", c.brokerUrl());
        assertEquals("", c.brokerUsername());
        assertEquals(0, c.version());
    }

    @Test
    void everyKeyIsDocumentedOnOneShortLine() {
        for (ConfigKey key : ConfigKey.values()) {
            String d = key.description();
            assertFalse(d.isBlank(), key.wireName());
            assertTrue(d.length() <= 100, key.wireName() + " description longer than 100 characters");
            assertTrue(d.chars().allMatch(c -> c >= 0x20 && c < 0x7F && c != '|'), key.wireName());
            assertFalse(d.endsWith("."), key.wireName() + ": the summary adds the full stop");
            assertFalse(key.rangeText().isBlank(), key.wireName());
            assertFalse(key.typeName().isBlank(), key.wireName());
        }
    }

    @Test
    void summaryCombinesDescriptionUnitRangeAndDefault() {
        assertEquals("Hold time of each drill round. Unit: s. Allowed: 1..30. Default: 3.",
                ConfigKey.DRILL_HOLD_S.summary());
        assertEquals("Forward head angle from the wearer's neutral that starts an episode. Unit: deg."
                + " Allowed: 5..45 step 0.1. Default: 15.", ConfigKey.THRESHOLD_DEG.summary());
        assertEquals("Cue on the share of a sliding window spent forward instead of on dwell_s. Allowed: off, on."
                + " Default: off.", ConfigKey.EXPOSURE_MODE.summary());
        assertTrue(ConfigKey.BROKER_USERNAME.summary().endsWith("Default: empty."));
    }

    /** The firmware reads values through one typed accessor per key, named after the wire name. */
    @Test
    void everyKeyHasATypedAccessorReturningItsValue() throws Exception {
        Config c = Config.defaults();
        for (ConfigKey key : ConfigKey.values()) {
            Method accessor = Config.class.getMethod(camelCase(key.wireName()));
            assertEquals(c.get(key), accessor.invoke(c), key.wireName());
        }
    }

    @Test
    void byNameIgnoresAsciiCaseOnly() {
        assertEquals(Optional.of(ConfigKey.THRESHOLD_DEG), ConfigKey.byName("threshold_deg"));
        assertEquals(Optional.of(ConfigKey.THRESHOLD_DEG), ConfigKey.byName("THRESHOLD_DEG"));
        assertEquals(Optional.of(ConfigKey.BROKER_URL), ConfigKey.byName("Broker_Url"));
        // U+212A KELVIN SIGN lowercases to 'k' under String.toLowerCase; it must not name broker_url.
        assertEquals(Optional.empty(), ConfigKey.byName("bro\u212Aer_url"));
        assertEquals(Optional.empty(), ConfigKey.byName("treshold_deg"));
        assertEquals(Optional.empty(), ConfigKey.byName(" threshold_deg"));
        assertEquals(Optional.empty(), ConfigKey.byName(""));
        assertEquals(Optional.empty(), ConfigKey.byName(null));
        for (ConfigKey key : ConfigKey.values()) {
            assertEquals(Optional.of(key), ConfigKey.byName(key.wireName()));
        }
    }

    @Test
    void cuePatternByNameIgnoresAsciiCase() {
        assertEquals(Optional.of(CuePattern.RAMP), CuePattern.byName("RAMP"));
        assertEquals(Optional.of(CuePattern.DOUBLE_PULSE), CuePattern.byName("double_pulse"));
        assertEquals(Optional.empty(), CuePattern.byName("buzz"));
        assertEquals(Optional.empty(), CuePattern.byName(null));
    }

    private static String camelCase(String snake) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : snake.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }
}
