package dev.posture.protocol.config;

import dev.posture.protocol.ProtocolException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Every configuration key of the wearable, in the one table that the config file, the MQTT config
 * messages, the serial console's {@code GET}/{@code SET} and the documentation all read. Each entry
 * has its wire name (lowercase snake_case, the unit in the suffix), unit, value type with its range,
 * default and a one-line description.
 *
 * <p>Names are matched ignoring ASCII case ({@code SET THRESHOLD_DEG 20} works) and always emitted in
 * lowercase. There is deliberately no password key: the broker password lives in a separate
 * credentials file that the device reads, so it never travels in a config message or a GET reply.
 */
public enum ConfigKey {
    THRESHOLD_DEG("threshold_deg", "deg", new DecimalType(1, "5", "45"), "15",
            "Forward head angle from the wearer's neutral that starts an episode"),
    HYSTERESIS_DEG("hysteresis_deg", "deg", new DecimalType(1, "0", "10"), "3",
            "The episode ends below threshold_deg minus this; must be less than threshold_deg"),
    DWELL_S("dwell_s", "s", new IntegerType(1, 600), "10",
            "How long an episode lasts before the first cue"),
    CUE_PATTERN("cue_pattern", "", new EnumType<>(CuePattern.class), "double_pulse",
            "Haptic pattern of a posture cue"),
    CUE_INTENSITY_PCT("cue_intensity_pct", "%", new IntegerType(10, 100), "70",
            "Motor strength of a cue"),
    CUE_REPEAT_S("cue_repeat_s", "s", new IntegerType(10, 600), "60",
            "Interval between repeated cues while one episode lasts"),
    CUE_MAX_PER_EPISODE("cue_max_per_episode", "", new IntegerType(1, 20), "3",
            "Most cues in one episode; after that silence until the wearer is upright again"),
    SNOOZE_MIN("snooze_min", "min", new IntegerType(1, 240), "30",
            "Length of a snooze from a short button press or SNOOZE without minutes"),
    QUIET_HOURS("quiet_hours", "", new DailyWindowType(), "off",
            "Daily stretch without cues in device local time; may wrap midnight, e.g. 22:00-07:00"),
    EXPOSURE_MODE("exposure_mode", "", new EnumType<>(ExposureMode.class), "off",
            "Cue on the share of a sliding window spent forward instead of on dwell_s"),
    EXPOSURE_WINDOW_MIN("exposure_window_min", "min", new IntegerType(5, 240), "30",
            "Sliding window of exposure cueing; used when exposure_mode is on"),
    EXPOSURE_SHARE_PCT("exposure_share_pct", "%", new IntegerType(10, 100), "50",
            "Forward share of the window that triggers a cue; used when exposure_mode is on"),
    CHECKIN_INTERVAL_MIN("checkin_interval_min", "min", new OffOrIntegerType(10, 240), "30",
            "Interval of check-in reminders to retract and hold"),
    DRILL_ROUNDS("drill_rounds", "", new IntegerType(1, 20), "6",
            "Rounds of the retraction drill (retract, inhale, hold, exhale)"),
    DRILL_HOLD_S("drill_hold_s", "s", new IntegerType(1, 30), "3",
            "Hold time of each drill round"),
    SAMPLE_RATE_HZ("sample_rate_hz", "Hz", new IntegerType(25, 1000), "100",
            "IMU sample rate of the signal pipeline"),
    LOWPASS_CUTOFF_HZ("lowpass_cutoff_hz", "Hz", new DecimalType(1, "0.1", "50"), "5",
            "Cutoff of the IMU low-pass filter; must be below half of sample_rate_hz"),
    ACCEL_RANGE_G("accel_range_g", "g", new IntegerChoiceType(2, 4, 8, 16), "4",
            "Accelerometer full scale; 4 g keeps jogging peaks unclipped"),
    GYRO_RANGE_DPS("gyro_range_dps", "deg/s", new IntegerChoiceType(250, 500, 1000, 2000), "500",
            "Gyroscope full scale"),
    DEVICE_ID("device_id", "", new StringType(1, 32, ConfigKey::isDeviceIdChar, "a-z, 0-9 and '-'"),
            "posture-1", "Name of the device in MQTT topics"),
    BROKER_URL("broker_url", "", new BrokerUrlType(), "tcp://localhost:1883",
            "MQTT broker address"),
    BROKER_USERNAME("broker_username", "",
            new StringType(0, 64, ConfigKey::isUsernameChar, "printable ASCII except space and backslash"),
            "", "MQTT user name, empty for none; the password is in the credentials file");

    private static final Map<String, ConfigKey> BY_NAME = new HashMap<>();

    static {
        for (ConfigKey key : values()) {
            BY_NAME.put(key.wireName, key);
        }
    }

    private final String wireName;
    private final String unit;
    private final ValueType<?> type;
    private final String description;
    private final Object defaultValue;

    ConfigKey(String wireName, String unit, ValueType<?> type, String defaultText, String description) {
        this.wireName = wireName;
        this.unit = unit;
        this.type = type;
        this.description = description;
        try {
            this.defaultValue = type.fromText(defaultText);
        } catch (ProtocolException e) {
            throw new IllegalStateException("bad default in the key table: " + wireName + ": " + e.getMessage(), e);
        }
    }

    /** Looks a key up by its wire name, ignoring ASCII case; empty for an unknown name or null. */
    public static Optional<ConfigKey> byName(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(BY_NAME.get(AsciiCase.lower(name)));
    }

    /** The name on every wire: lowercase snake_case, e.g. {@code threshold_deg}. */
    public String wireName() {
        return wireName;
    }

    /** The unit symbol ("deg", "s", "min", "%", "Hz", "g", "deg/s"), or "" for counts, names and words. */
    public String unit() {
        return unit;
    }

    /** "integer", "decimal", "enum", "integer or off", "time range or off", "string" or "URL". */
    public String typeName() {
        return type.typeName();
    }

    /** The allowed values in words, e.g. "5..45 step 0.1", "off or 10..240", "2, 4, 8, 16". */
    public String rangeText() {
        return type.rangeText();
    }

    public String description() {
        return description;
    }

    /** The default as the Java value a {@link Config} holds. */
    public Object defaultValue() {
        return defaultValue;
    }

    /** The default in canonical text. */
    public String defaultText() {
        return toText(defaultValue);
    }

    /**
     * Description, unit, allowed values and default on one line: the config file's comment above the
     * key and a HELP line, e.g. "Hold time of each drill round. Unit: s. Allowed: 1..30. Default: 3."
     */
    public String summary() {
        String defaultText = defaultText();
        return description + "." + (unit.isEmpty() ? "" : " Unit: " + unit + ".") + " Allowed: " + rangeText()
                + ". Default: " + (defaultText.isEmpty() ? "empty" : defaultText) + ".";
    }

    /**
     * Parses a value typed at the console or read from the config file.
     *
     * @throws ProtocolException naming this key, e.g. "threshold_deg: 50 is out of range 5..45"
     */
    public Object parseText(String text) throws ProtocolException {
        try {
            return type.fromText(text);
        } catch (ProtocolException e) {
            throw new ProtocolException(wireName + ": " + e.getMessage());
        }
    }

    /**
     * Parses a JSON-native value (Integer, Long, BigInteger, Double, BigDecimal, String, Boolean, null,
     * Map or List, as Jackson gives them) through the same checks as {@link #parseText}. JSON is typed:
     * a number key wants a JSON number, a name or text key a JSON string.
     *
     * @throws ProtocolException naming this key, e.g. "dwell_s: expected a number, got string '10'"
     */
    public Object parseJson(Object json) throws ProtocolException {
        try {
            return type.fromJson(json);
        } catch (ProtocolException e) {
            throw new ProtocolException(wireName + ": " + e.getMessage());
        }
    }

    /** Canonical text of a value of this key (as held by a {@link Config}). */
    String toText(Object value) {
        return uncheckedType().toText(value);
    }

    /** JSON-native form of a value of this key: Integer, BigDecimal or String. */
    Object toJson(Object value) {
        return uncheckedType().toJson(value);
    }

    @SuppressWarnings("unchecked")
    private ValueType<Object> uncheckedType() {
        // Safe: a Config only ever holds values this key's own type produced.
        return (ValueType<Object>) type;
    }

    private static boolean isDeviceIdChar(int c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    }

    private static boolean isUsernameChar(int c) {
        return c > ' ' && c < 0x7F && c != '\\';
    }
}
