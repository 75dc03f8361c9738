package dev.posture.protocol.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.posture.protocol.OneByteInputStream;
import dev.posture.protocol.ProtocolException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Random config files, either raw bytes or lines built from real keys and edge values: the reader
 * only returns problems (each on a line that exists) or a config that writes back to a file that
 * reads as the same config.
 */
class ConfigFileFuzzTest {
    @FuzzTest
    void filesAreRefusedCleanlyOrRoundTrip(FuzzedDataProvider data) throws IOException, ProtocolException {
        byte[] file = data.consumeBoolean() ? structured(data) : data.consumeRemainingAsBytes();
        ConfigChange.Result result = ConfigFile.read(new OneByteInputStream(file));
        long lines = 1 + new String(file, StandardCharsets.ISO_8859_1).chars().filter(c -> c == '\n').count();
        for (ConfigProblem problem : result.problems()) {
            assertTrue(problem.line() >= 0 && problem.line() <= lines, problem.message());
        }
        ConfigFuzzing.checkResult(Config.defaults().withVersion(result.config().version()), result, false);
        if (result.ok()) {
            String written = ConfigFile.format(result.config());
            assertEquals(written, ConfigFile.format(ConfigFile.parse(written).orThrow()));
        }
    }

    private static byte[] structured(FuzzedDataProvider data) {
        StringBuilder text = new StringBuilder();
        int lines = data.consumeInt(0, 12);
        for (int i = 0; i < lines; i++) {
            switch (data.consumeInt(0, 4)) {
                case 0 -> text.append("# ").append(data.consumeString(20));
                case 1 -> text.append("version=").append(ConfigFuzzing.text(data));
                case 2 -> text.append(data.consumeString(40));
                default -> text.append(ConfigFuzzing.key(data)).append(data.consumeBoolean() ? "=" : " = ")
                        .append(ConfigFuzzing.text(data));
            }
            text.append(data.consumeBoolean() ? "\n" : "\r\n");
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}
