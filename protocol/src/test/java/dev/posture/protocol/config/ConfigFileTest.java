package dev.posture.protocol.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posture.protocol.OneByteInputStream;
import dev.posture.protocol.ProtocolException;
import dev.posture.protocol.TestResources;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The config file: golden bytes, round trips, and a strict reader that reports every problem. */
class ConfigFileTest {
    private static final String SEVERAL_ERRORS = "several-errors.properties";

    @Test
    void defaultConfigFileMatchesTheGoldenFileByteForByte() throws IOException {
        byte[] golden = resource("default-config.properties");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ConfigFile.write(Config.defaults(), out);
        assertArrayEquals(golden, out.toByteArray());
        assertEquals(Config.defaults(), ConfigFile.read(new ByteArrayInputStream(golden)).config());
    }

    @Test
    void theGoldenFileReadsTheSameOneByteAtATime() throws IOException {
        ConfigChange.Result result = ConfigFile.read(new OneByteInputStream(resource("default-config.properties")));
        assertTrue(result.ok());
        assertEquals(Config.defaults(), result.config());
        assertEquals(List.of(), result.changes());
    }

    @Test
    void writeThenReadGivesTheSameConfigIncludingItsVersion() throws Exception {
        Config c = custom();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ConfigFile.write(c, out);
        ConfigChange.Result read = ConfigFile.read(new OneByteInputStream(out.toByteArray()));
        assertTrue(read.ok(), read.problems().toString());
        assertEquals(c, read.config());
        assertEquals(ConfigFile.format(c), ConfigFile.format(read.config()));
        // changes() tells which keys differ from the defaults, e.g. for a startup log line.
        assertTrue(read.changes().stream().anyMatch(ch -> ch.toString().equals("quiet_hours: off -> 22:00-07:00")));
    }

    @Test
    void aFileWithSeveralErrorsReportsThemAllWithLineNumbers() throws IOException {
        ConfigChange.Result result = ConfigFile.read(new OneByteInputStream(resource(SEVERAL_ERRORS)));
        assertFalse(result.ok());
        assertEquals(List.of(
                "line 3: threshold_deg: 50 is out of range 5..45",
                "line 4: unknown key 'treshold_deg'",
                "line 6: expected key=value, got 'this line has no equals sign'",
                "line 7: duplicate key 'dwell_s' (first on line 5)",
                "line 8: cue_pattern: 'buzz' is not one of single_pulse, double_pulse, triple_pulse, long_pulse, ramp",
                "line 9: expected key=value, got '=15'",
                "line 11: backslash escapes and line continuations are not supported",
                "line 13: lowpass_cutoff_hz: 20 must be less than half of sample_rate_hz, which is 25",
                "line 14: hysteresis_deg: 12 is out of range 0..10",
                "line 15: duplicate key 'version' (first on line 2)"),
                result.problems().stream().map(ConfigProblem::message).toList());
        assertEquals(List.of(3, 4, 6, 7, 8, 9, 11, 13, 14, 15),
                result.problems().stream().map(ConfigProblem::line).toList());
        assertEquals(List.of("threshold_deg", "treshold_deg", "", "dwell_s", "cue_pattern", "", "broker_url",
                "lowpass_cutoff_hz", "hysteresis_deg", "version"),
                result.problems().stream().map(ConfigProblem::key).toList());
        assertEquals(List.of(), result.changes());
    }

    @Test
    void missingKeysTakeTheirDefaults() {
        ConfigChange.Result result = ConfigFile.parse("dwell_s=25\n");
        assertTrue(result.ok());
        assertEquals(0, result.config().version());
        assertEquals(25, result.config().dwellS());
        assertEquals(Config.defaults().thresholdDeg(), result.config().thresholdDeg());
        assertEquals(Config.defaults(), ConfigFile.parse("").config());
    }

    @Test
    void blanksCommentsCrlfAndAByteOrderMarkAreAccepted() {
        String text = "\uFEFF# Windows editors add a BOM\r\n"
                + "! a properties comment too\r\n"
                + "   \t\r\n"
                + "  # indented comment with a backslash \\ and \u00e9\r\n"
                + "\tthreshold_deg \t=\t 20.5  \r\n"
                + "VERSION=12\r\n"
                + "Cue_Pattern=RAMP";
        ConfigChange.Result result = ConfigFile.parse(text);
        assertTrue(result.ok(), result.problems().toString());
        assertEquals(12, result.config().version());
        assertEquals("20.5", result.config().text(ConfigKey.THRESHOLD_DEG));
        assertEquals(CuePattern.RAMP, result.config().cuePattern());
    }

    @Test
    void theVersionLineIsAWholeNumberInJsonSafeRange() {
        assertEquals(Config.MAX_VERSION, ConfigFile.parse("version=9007199254740991\n").config().version());
        for (String bad : List.of("-1", "9007199254740992", "99999999999999999999", "1.0", "", "x")) {
            assertEquals(List.of("line 1: version: " + ProblemText.quote(bad) + " is not a whole number"
                    + " 0..9007199254740991"), messages(ConfigFile.parse("version=" + bad + "\n")), bad);
        }
    }

    @Test
    void invalidUtf8IsAProblemOfItsLine() {
        byte[] bytes = {'d', 'w', 'e', 'l', 'l', '_', 's', '=', (byte) 0xC3, '\n', 'x', '=', '1', '\n'};
        assertEquals(List.of("line 1: not valid UTF-8", "line 2: unknown key 'x'"),
                messages(ConfigFile.parse(bytes)));
    }

    @Test
    void nonAsciiValuesAreShownEscaped() {
        assertEquals(List.of("line 1: device_id: 'd\\u00e9sk' must be 1..32 characters of a-z, 0-9 and '-'"),
                messages(ConfigFile.parse("device_id=d\u00e9sk\n")));
    }

    @Test
    void aLoneCarriageReturnIsNotALineBreak() {
        assertEquals(List.of("line 1: dwell_s: '5\\u000dsnooze_min=3' is not a number"),
                messages(ConfigFile.parse("dwell_s=5\rsnooze_min=3\n")));
    }

    @Test
    void anOversizedFileIsRefusedWithoutReadingFurther() throws IOException {
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return '#';
            }
        };
        assertEquals(List.of("config file is larger than 65536 bytes"), messages(ConfigFile.read(endless)));
    }

    /** The files we write mean the same to java.util.Properties, for tools that read them that way. */
    @Test
    void writtenFilesReadTheSameWithJavaUtilProperties() throws Exception {
        for (Config c : List.of(Config.defaults(), custom())) {
            Properties properties = new Properties();
            properties.load(new StringReader(ConfigFile.format(c)));
            Map<String, String> expected = new HashMap<>(c.toTextValues());
            expected.put("version", Long.toString(c.version()));
            Map<String, String> actual = new HashMap<>();
            properties.stringPropertyNames().forEach(name -> actual.put(name, properties.getProperty(name)));
            assertEquals(expected, actual);
        }
    }

    static Config custom() throws ProtocolException {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("threshold_deg", "17.5");
        values.put("hysteresis_deg", "2.5");
        values.put("cue_pattern", "triple_pulse");
        values.put("quiet_hours", "22:00-07:00");
        values.put("exposure_mode", "on");
        values.put("checkin_interval_min", "off");
        values.put("lowpass_cutoff_hz", "2.5");
        values.put("accel_range_g", "8");
        values.put("device_id", "desk-7");
        values.put("broker_url", "wss://broker.example.com:8884/mqtt");
        values.put("broker_username", "clinic@example.org");
        Config c = ConfigChange.fromText(Config.defaults(), values).orThrow();
        return ConfigChange.set(c, "dwell_s", "120").orThrow();
    }

    private static byte[] resource(String name) {
        return TestResources.bytes("/config/" + name);
    }

    private static List<String> messages(ConfigChange.Result result) {
        return result.problems().stream().map(ConfigProblem::message).toList();
    }
}
