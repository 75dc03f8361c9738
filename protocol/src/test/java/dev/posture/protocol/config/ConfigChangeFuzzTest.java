package dev.posture.protocol.config;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.posture.protocol.ProtocolException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Random change requests (JSON-native maps, text maps, single SETs) against a random base: the
 * validator only ever returns problems or a config, never throws, and every accepted config
 * re-validates clean and round-trips through text, JSON and the config file.
 */
class ConfigChangeFuzzTest {
    @FuzzTest
    void changesAreRefusedCleanlyOrRoundTrip(FuzzedDataProvider data) throws ProtocolException {
        Config base = Config.defaults();
        int requests = data.consumeInt(1, 3);
        for (int r = 0; r < requests; r++) {
            ConfigChange.Result result = switch (data.consumeInt(0, 2)) {
                case 0 -> ConfigChange.fromJson(base, jsonRequest(data));
                case 1 -> ConfigChange.fromText(base, textRequest(data));
                default -> ConfigChange.set(base, ConfigFuzzing.key(data), ConfigFuzzing.text(data));
            };
            ConfigFuzzing.checkResult(base, result, true);
            try {
                base = result.orThrow();
            } catch (ProtocolException refused) {
                // Expected for most random requests; checkResult has already checked the problems.
            }
        }
    }

    private static Map<String, Object> jsonRequest(FuzzedDataProvider data) {
        Map<String, Object> request = new LinkedHashMap<>();
        int entries = data.consumeInt(0, 6);
        for (int i = 0; i < entries; i++) {
            request.put(ConfigFuzzing.key(data), ConfigFuzzing.json(data));
        }
        return request;
    }

    private static Map<String, String> textRequest(FuzzedDataProvider data) {
        Map<String, String> request = new LinkedHashMap<>();
        int entries = data.consumeInt(0, 6);
        for (int i = 0; i < entries; i++) {
            request.put(ConfigFuzzing.key(data), ConfigFuzzing.text(data));
        }
        return request;
    }
}
