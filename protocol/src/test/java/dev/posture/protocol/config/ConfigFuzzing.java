package dev.posture.protocol.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import dev.posture.protocol.ProtocolException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/** Inputs and invariants shared by the config fuzz tests. */
final class ConfigFuzzing {
    /** Values near the edges of the key table, so the fuzzer reaches accepted values quickly. */
    static final List<String> EDGE_TEXTS = List.of("off", "on", "OFF", "5", "45", "4.9", "45.1", "15.5", "0",
            "10", "600", "601", "25", "1000", "0.1", "50", "12.5", "2", "16", "250", "2000", "ramp", "double_pulse",
            "22:00-07:00", "00:00-00:00", "posture-1", "tcp://localhost:1883", "wss://h:8884/mqtt", "", "-1",
            "9999999999999999999999", "1e3", "NaN");

    private ConfigFuzzing() {
    }

    static String key(FuzzedDataProvider data) {
        if (data.consumeBoolean()) {
            return data.consumeString(24);
        }
        ConfigKey[] keys = ConfigKey.values();
        String name = keys[data.consumeInt(0, keys.length - 1)].wireName();
        return data.consumeBoolean() ? name.toUpperCase(java.util.Locale.ROOT) : name;
    }

    static String text(FuzzedDataProvider data) {
        return switch (data.consumeInt(0, 3)) {
            case 0 -> EDGE_TEXTS.get(data.consumeInt(0, EDGE_TEXTS.size() - 1));
            case 1 -> Integer.toString(data.consumeInt());
            case 2 -> BigDecimal.valueOf(data.consumeLong(), data.consumeInt(-3, 3)).toPlainString();
            default -> data.consumeString(48);
        };
    }

    /** Everything Jackson may put in a Map<String, Object>, and a few things it never does. */
    static Object json(FuzzedDataProvider data) {
        return switch (data.consumeInt(0, 11)) {
            case 0 -> data.consumeInt();
            case 1 -> data.consumeLong();
            case 2 -> data.consumeDouble();
            case 3 -> data.consumeFloat();
            case 4 -> BigDecimal.valueOf(data.consumeLong(), data.consumeInt(-400, 400));
            case 5 -> BigInteger.valueOf(data.consumeLong()).shiftLeft(data.consumeInt(0, 200));
            case 6 -> data.consumeBoolean();
            case 7 -> null;
            case 8 -> List.of(data.consumeInt());
            case 9 -> Map.of("x", data.consumeInt());
            case 10 -> EDGE_TEXTS.get(data.consumeInt(0, EDGE_TEXTS.size() - 1));
            default -> data.consumeString(48);
        };
    }

    /**
     * What every result must satisfy: a refusal changes nothing and explains itself on one line each;
     * an accepted config obeys every rule, validates clean again and survives every wire.
     *
     * @param bumps whether an accepted change raises the version (a change request, not a file)
     */
    static void checkResult(Config base, ConfigChange.Result result, boolean bumps) throws ProtocolException {
        if (!result.ok()) {
            assertEquals(base, result.config());
            assertEquals(List.of(), result.changes());
            for (ConfigProblem problem : result.problems()) {
                assertFalse(problem.message().isBlank());
                assertTrue(problem.message().chars().allMatch(c -> c >= 0x20 && c < 0x7F), problem.message());
            }
            return;
        }
        checkConfig(result.config());
        long expectedVersion = bumps && !result.changes().isEmpty() ? base.version() + 1 : base.version();
        assertEquals(expectedVersion, result.config().version());
    }

    static void checkConfig(Config c) throws ProtocolException {
        assertEquals(List.of(), CrossKeyRules.check(c.copyValues(), EnumSet.allOf(ConfigKey.class),
                EnumSet.noneOf(ConfigKey.class)));
        assertEquals(c, Config.fromJsonValues(c.toJsonValues(), c.version()));
        assertEquals(c.toTextValues(), ConfigChange.fromText(Config.defaults(), c.toTextValues()).orThrow()
                .toTextValues());
        String file = ConfigFile.format(c);
        assertEquals(c, ConfigFile.parse(file).orThrow());
        for (ConfigKey key : ConfigKey.values()) {
            assertEquals(c.get(key), key.parseText(c.text(key)), key.wireName());
        }
    }
}
