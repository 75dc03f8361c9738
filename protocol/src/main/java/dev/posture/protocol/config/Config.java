package dev.posture.protocol.config;

import dev.posture.protocol.ProtocolException;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One complete, valid configuration: a value for every {@link ConfigKey} plus a version that grows by
 * one with every change that alters something. Immutable; new configs come from {@link #defaults()},
 * {@link ConfigChange}, {@link ConfigFile} and {@link #fromJsonValues}, all of which validate, so a
 * Config in hand always satisfies every range and cross-key rule.
 */
public final class Config {
    /**
     * Largest version: 2^53 - 1, the largest integer every JSON reader (JavaScript, Python floats)
     * carries exactly. At about one change a second it lasts 285 million years.
     */
    public static final long MAX_VERSION = (1L << 53) - 1;

    private static final Config DEFAULTS = new Config(defaultValues(), 0);

    private final Object[] values; // indexed by ConfigKey.ordinal()
    private final long version;

    private Config(Object[] values, long version) {
        this.values = values;
        this.version = version;
    }

    /** Every key at its default, version 0. */
    public static Config defaults() {
        return DEFAULTS;
    }

    /**
     * A config from the JSON-native map of an MQTT config message (as {@link #toJsonValues()} makes
     * it and Jackson reads it back), with the version the message carries. Keys that are missing take
     * their defaults; unknown keys and bad values are errors.
     *
     * @throws ProtocolException listing every problem, separated by "; "
     */
    public static Config fromJsonValues(Map<String, ?> values, long version) throws ProtocolException {
        if (version < 0 || version > MAX_VERSION) {
            throw new ProtocolException("version: " + version + " is out of range 0.." + MAX_VERSION);
        }
        if (values == null) {
            throw new ProtocolException(ConfigValidator.NOT_A_MAP);
        }
        return ConfigValidator.apply(DEFAULTS.withVersion(version), ConfigValidator.jsonEntries(values), false)
                .orThrow();
    }

    /** {@link #fromJsonValues(Map, long)} at version 0, for a preset or a test fixture without a version. */
    public static Config fromJsonValues(Map<String, ?> values) throws ProtocolException {
        return fromJsonValues(values, 0);
    }

    public long version() {
        return version;
    }

    /** The value as the typed accessors return it (Integer, FixedDecimal, an enum, Optional...). */
    public Object get(ConfigKey key) {
        return values[key.ordinal()];
    }

    /** The canonical text of a key's value: what GET prints and the config file holds. */
    public String text(ConfigKey key) {
        return key.toText(get(key));
    }

    /** Every key's canonical text, in table order. */
    public Map<String, String> toTextValues() {
        Map<String, String> out = new LinkedHashMap<>();
        for (ConfigKey key : ConfigKey.values()) {
            out.put(key.wireName(), text(key));
        }
        return Collections.unmodifiableMap(out);
    }

    /**
     * Every key's JSON-native value in table order, for the MQTT config message: Integer for whole
     * numbers, BigDecimal for decimal keys (plain, no trailing zeros: 15 or 15.5), String for names,
     * times and "off". The version is not in the map; the message carries it beside the values.
     */
    public Map<String, Object> toJsonValues() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (ConfigKey key : ConfigKey.values()) {
            out.put(key.wireName(), key.toJson(get(key)));
        }
        return Collections.unmodifiableMap(out);
    }

    Config withVersion(long newVersion) {
        return newVersion == version ? this : new Config(values, newVersion);
    }

    /** A copy of the values array for a change to edit. */
    Object[] copyValues() {
        return values.clone();
    }

    /** Only for {@link ConfigValidator}, after every check has passed. */
    static Config ofValidated(Object[] values, long version) {
        return new Config(values.clone(), version);
    }

    // Typed accessors for the firmware, one per key, in table order.

    /** Forward angle that starts an episode, deg, 0.1 steps ({@code units()} is in deci-degrees). */
    public FixedDecimal thresholdDeg() {
        return (FixedDecimal) get(ConfigKey.THRESHOLD_DEG);
    }

    /** deg, 0.1 steps, less than {@link #thresholdDeg()}. */
    public FixedDecimal hysteresisDeg() {
        return (FixedDecimal) get(ConfigKey.HYSTERESIS_DEG);
    }

    public int dwellS() {
        return (Integer) get(ConfigKey.DWELL_S);
    }

    public CuePattern cuePattern() {
        return (CuePattern) get(ConfigKey.CUE_PATTERN);
    }

    public int cueIntensityPct() {
        return (Integer) get(ConfigKey.CUE_INTENSITY_PCT);
    }

    public int cueRepeatS() {
        return (Integer) get(ConfigKey.CUE_REPEAT_S);
    }

    public int cueMaxPerEpisode() {
        return (Integer) get(ConfigKey.CUE_MAX_PER_EPISODE);
    }

    public int snoozeMin() {
        return (Integer) get(ConfigKey.SNOOZE_MIN);
    }

    /** Empty when quiet hours are off. */
    @SuppressWarnings("unchecked")
    public Optional<DailyWindow> quietHours() {
        return (Optional<DailyWindow>) get(ConfigKey.QUIET_HOURS);
    }

    public ExposureMode exposureMode() {
        return (ExposureMode) get(ConfigKey.EXPOSURE_MODE);
    }

    public int exposureWindowMin() {
        return (Integer) get(ConfigKey.EXPOSURE_WINDOW_MIN);
    }

    public int exposureSharePct() {
        return (Integer) get(ConfigKey.EXPOSURE_SHARE_PCT);
    }

    /** Empty when check-ins are off. */
    public OptionalInt checkinIntervalMin() {
        return (OptionalInt) get(ConfigKey.CHECKIN_INTERVAL_MIN);
    }

    public int drillRounds() {
        return (Integer) get(ConfigKey.DRILL_ROUNDS);
    }

    public int drillHoldS() {
        return (Integer) get(ConfigKey.DRILL_HOLD_S);
    }

    public int sampleRateHz() {
        return (Integer) get(ConfigKey.SAMPLE_RATE_HZ);
    }

    /** Hz, 0.1 steps, below half of {@link #sampleRateHz()}. */
    public FixedDecimal lowpassCutoffHz() {
        return (FixedDecimal) get(ConfigKey.LOWPASS_CUTOFF_HZ);
    }

    /** Accelerometer full scale, g: 2, 4, 8 or 16. */
    public int accelRangeG() {
        return (Integer) get(ConfigKey.ACCEL_RANGE_G);
    }

    /** Gyroscope full scale, deg/s: 250, 500, 1000 or 2000. */
    public int gyroRangeDps() {
        return (Integer) get(ConfigKey.GYRO_RANGE_DPS);
    }

    public String deviceId() {
        return (String) get(ConfigKey.DEVICE_ID);
    }

    public String brokerUrl() {
        return (String) get(ConfigKey.BROKER_URL);
    }

    /** Empty for an anonymous connection. */
    public String brokerUsername() {
        return (String) get(ConfigKey.BROKER_USERNAME);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Config that && version == that.version && Arrays.equals(values, that.values);
    }

    @Override
    public int hashCode() {
        return 31 * Long.hashCode(version) + Arrays.hashCode(values);
    }

    /** "Config{version=3, threshold_deg=15, ...}", every key in canonical text. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("Config{version=").append(version);
        for (ConfigKey key : ConfigKey.values()) {
            out.append(", ").append(key.wireName()).append('=').append(text(key));
        }
        return out.append('}').toString();
    }

    private static Object[] defaultValues() {
        ConfigKey[] keys = ConfigKey.values();
        Object[] out = new Object[keys.length];
        for (ConfigKey key : keys) {
            out[key.ordinal()] = key.defaultValue();
        }
        return out;
    }
}
