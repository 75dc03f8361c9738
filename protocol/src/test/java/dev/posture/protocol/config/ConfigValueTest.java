package dev.posture.protocol.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posture.protocol.ProtocolException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Typed values: exact decimals, JSON-native inputs, canonical text, the shapes of messages. */
class ConfigValueTest {
    @Test
    void decimalTextRoundTripsByteExactly() throws ProtocolException {
        for (String text : List.of("15.5", "5", "45", "44.9", "10.1")) {
            assertEquals(text, ConfigKey.THRESHOLD_DEG.toText(ConfigKey.THRESHOLD_DEG.parseText(text)));
        }
        FixedDecimal value = (FixedDecimal) ConfigKey.THRESHOLD_DEG.parseText("15.5");
        assertEquals(new FixedDecimal(155, 1), value);
        assertEquals(15.5, value.doubleValue());
    }

    @Test
    void decimalTextIsCanonicalizedWithoutTrailingZeros() throws ProtocolException {
        assertEquals("15", ConfigKey.THRESHOLD_DEG.toText(ConfigKey.THRESHOLD_DEG.parseText("15.0")));
        assertEquals("15.5", ConfigKey.THRESHOLD_DEG.toText(ConfigKey.THRESHOLD_DEG.parseText("015.50")));
        assertEquals("0", ConfigKey.HYSTERESIS_DEG.toText(ConfigKey.HYSTERESIS_DEG.parseText("-0.0")));
        assertEquals("20", ConfigKey.THRESHOLD_DEG.toText(ConfigKey.THRESHOLD_DEG.parseText("20")));
    }

    @Test
    void decimalJsonIsAPlainBigDecimalAndAcceptsEveryJacksonNumber() throws ProtocolException {
        ConfigKey key = ConfigKey.THRESHOLD_DEG;
        Object half = key.toJson(key.parseText("15.5"));
        assertEquals(new BigDecimal("15.5"), half);
        Object whole = key.toJson(key.parseText("20"));
        assertEquals("20", ((BigDecimal) whole).toString()); // not 2E+1
        FixedDecimal expected = new FixedDecimal(155, 1);
        assertEquals(expected, key.parseJson(15.5d));
        assertEquals(expected, key.parseJson(15.5f));
        assertEquals(expected, key.parseJson(new BigDecimal("15.50")));
        assertEquals(new FixedDecimal(200, 1), key.parseJson(20));
        assertEquals(new FixedDecimal(200, 1), key.parseJson(20L));
        assertEquals(new FixedDecimal(200, 1), key.parseJson(BigInteger.valueOf(20)));
    }

    @Test
    void integerKeysAcceptWholeDecimalsFromBothWires() throws ProtocolException {
        assertEquals(10, ConfigKey.DWELL_S.parseText("10.0"));
        assertEquals(10, ConfigKey.DWELL_S.parseJson(10.0d));
        assertEquals(10, ConfigKey.DWELL_S.parseJson(new BigDecimal("1E+1")));
        assertEquals("dwell_s: 10.5 is not a whole number", message(() -> ConfigKey.DWELL_S.parseJson(10.5d)));
    }

    @Test
    void textNumbersAreStrict() {
        for (String text : List.of("", " 10", "10 ", "+10", "1e1", "10.", ".5", "0x10", "1_0", "ten", "--1")) {
            assertEquals("dwell_s: " + ProblemText.quote(text) + " is not a number",
                    message(() -> ConfigKey.DWELL_S.parseText(text)), text);
        }
        assertEquals("dwell_s: null is not a number", message(() -> ConfigKey.DWELL_S.parseText(null)));
    }

    @Test
    void jsonIsTyped() {
        assertEquals("dwell_s: expected a number, got string '10'", message(() -> ConfigKey.DWELL_S.parseJson("10")));
        assertEquals("dwell_s: expected a number, got true", message(() -> ConfigKey.DWELL_S.parseJson(true)));
        assertEquals("dwell_s: expected a number, got null", message(() -> ConfigKey.DWELL_S.parseJson(null)));
        assertEquals("dwell_s: expected a number, got an object", message(() -> ConfigKey.DWELL_S.parseJson(Map.of())));
        assertEquals("dwell_s: expected a number, got an array", message(() -> ConfigKey.DWELL_S.parseJson(List.of(1))));
        assertEquals("device_id: expected a string, got 7", message(() -> ConfigKey.DEVICE_ID.parseJson(7)));
        assertEquals("exposure_mode: expected a string, got false",
                message(() -> ConfigKey.EXPOSURE_MODE.parseJson(false)));
        assertEquals("checkin_interval_min: expected a number or 'off', got string 'never'",
                message(() -> ConfigKey.CHECKIN_INTERVAL_MIN.parseJson("never")));
        assertEquals("quiet_hours: expected a string, got 22", message(() -> ConfigKey.QUIET_HOURS.parseJson(22)));
    }

    @Test
    void nonFiniteAndHugeNumbersAreRefusedWithAShortMessage() {
        assertEquals("threshold_deg: NaN is not a finite number",
                message(() -> ConfigKey.THRESHOLD_DEG.parseJson(Double.NaN)));
        assertEquals("dwell_s: Infinity is not a finite number",
                message(() -> ConfigKey.DWELL_S.parseJson(Double.POSITIVE_INFINITY)));
        assertEquals("dwell_s: 1E+999999999 is out of range 1..600",
                message(() -> ConfigKey.DWELL_S.parseJson(new BigDecimal("1e999999999"))));
        assertEquals("dwell_s: 1.0E300 is out of range 1..600", message(() -> ConfigKey.DWELL_S.parseJson(1e300)));
        assertEquals("dwell_s: 9223372036854775807 is out of range 1..600",
                message(() -> ConfigKey.DWELL_S.parseJson(Long.MAX_VALUE)));
        String digits = "9".repeat(500);
        assertEquals("dwell_s: " + digits.substring(0, 40) + "... is out of range 1..600",
                message(() -> ConfigKey.DWELL_S.parseText(digits)));
    }

    @Test
    void bigDecimalsWithExtremeScalesStayExactAndCheap() throws ProtocolException {
        assertEquals(new FixedDecimal(0, 1), ConfigKey.HYSTERESIS_DEG.parseJson(BigDecimal.valueOf(0, Integer.MIN_VALUE)));
        assertEquals(new FixedDecimal(0, 1), ConfigKey.HYSTERESIS_DEG.parseJson(BigDecimal.valueOf(0, Integer.MAX_VALUE)));
        assertEquals(new FixedDecimal(155, 1),
                ConfigKey.THRESHOLD_DEG.parseJson(new BigDecimal("15.5" + "0".repeat(5000))));
        assertEquals(15, ConfigKey.DWELL_S.parseJson(new BigDecimal("15." + "0".repeat(5000))));
        assertEquals("dwell_s: 1E-2147483647 is out of range 1..600",
                message(() -> ConfigKey.DWELL_S.parseJson(BigDecimal.valueOf(1, Integer.MAX_VALUE))));
        assertEquals("threshold_deg: 15." + "0".repeat(37) + "... has more than 1 decimal place",
                message(() -> ConfigKey.THRESHOLD_DEG.parseJson(new BigDecimal("15." + "0".repeat(60) + "1"))));
    }

    @Test
    void wordsIgnoreAsciiCaseAndPrintLowercase() throws ProtocolException {
        assertEquals(CuePattern.RAMP, ConfigKey.CUE_PATTERN.parseText("RAMP"));
        assertEquals(ExposureMode.ON, ConfigKey.EXPOSURE_MODE.parseJson("On"));
        assertEquals(OptionalInt.empty(), ConfigKey.CHECKIN_INTERVAL_MIN.parseText("OFF"));
        assertEquals(Optional.empty(), ConfigKey.QUIET_HOURS.parseText("Off"));
        assertEquals("ramp", ConfigKey.CUE_PATTERN.toText(CuePattern.RAMP));
        assertEquals("off", ConfigKey.CHECKIN_INTERVAL_MIN.toJson(OptionalInt.empty()));
        assertEquals(45, ConfigKey.CHECKIN_INTERVAL_MIN.toJson(OptionalInt.of(45)));
        assertEquals("off", ConfigKey.QUIET_HOURS.toJson(Optional.empty()));
    }

    @Test
    void messagesEscapeControlAndNonAsciiCharacters() {
        assertEquals("cue_pattern: 'r\\u00e4mp\\u000a\\'' is not one of single_pulse, double_pulse, triple_pulse,"
                + " long_pulse, ramp", message(() -> ConfigKey.CUE_PATTERN.parseText("r\u00e4mp\n'")));
    }

    @Test
    void dailyWindowContainsWrapsMidnight() throws ProtocolException {
        DailyWindow night = ((Optional<?>) ConfigKey.QUIET_HOURS.parseText("22:00-07:00"))
                .map(DailyWindow.class::cast).orElseThrow();
        assertTrue(night.wrapsMidnight());
        assertTrue(night.contains(LocalTime.of(22, 0)));
        assertTrue(night.contains(LocalTime.of(0, 0)));
        assertTrue(night.contains(LocalTime.of(6, 59)));
        assertFalse(night.contains(LocalTime.of(7, 0)));
        assertFalse(night.contains(LocalTime.of(21, 59)));
        DailyWindow lunch = new DailyWindow(12 * 60, 13 * 60 + 30);
        assertFalse(lunch.wrapsMidnight());
        assertTrue(lunch.contains(12 * 60));
        assertFalse(lunch.contains(13 * 60 + 30));
        assertFalse(lunch.contains(11 * 60 + 59));
        assertEquals("12:00-13:30", lunch.toString());
        assertThrows(IllegalArgumentException.class, () -> new DailyWindow(60, 60));
        assertThrows(IllegalArgumentException.class, () -> new DailyWindow(0, 1440));
    }

    @Test
    void offOrIntegerIsAnOptionalInt() throws ProtocolException {
        Object value = ConfigKey.CHECKIN_INTERVAL_MIN.parseJson(45);
        assertInstanceOf(OptionalInt.class, value);
        assertEquals(OptionalInt.of(45), value);
        assertEquals(OptionalInt.empty(), ConfigKey.CHECKIN_INTERVAL_MIN.parseJson("off"));
    }

    private interface Parse {
        Object run() throws ProtocolException;
    }

    private static String message(Parse parse) {
        return assertThrows(ProtocolException.class, parse::run).getMessage();
    }
}
