package dev.posture.protocol.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * protocol/docs/config.md shows the key table and the default JSON form; both are rendered here from
 * the code and must match the document, so the documentation cannot go stale. On a mismatch the
 * failure message holds the text to paste.
 */
class ConfigDocsTest {
    private static final Path DOC = Path.of("docs", "config.md");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void keyTableInTheDocsMatchesTheEnum() throws IOException {
        assertEquals(keyTable(), section("config-keys"),
                "docs/config.md key table is stale; replace it with:\n" + keyTable());
    }

    @Test
    void cuePatternTableInTheDocsMatchesTheEnum() throws IOException {
        assertEquals(patternTable(), section("cue-patterns"),
                "docs/config.md cue pattern table is stale; replace it with:\n" + patternTable());
    }

    /** The JSON example is what Jackson writes for the default config's values, and reads back. */
    @Test
    void defaultJsonExampleMatchesJacksonOutput() throws Exception {
        String expected = "```json\n" + JSON.writerWithDefaultPrettyPrinter()
                .writeValueAsString(Config.defaults().toJsonValues()).replace("\r\n", "\n") + "\n```\n";
        assertEquals(expected, section("default-json"), "docs/config.md default JSON is stale:\n" + expected);
    }

    @Test
    void everyKeyAppearsInTheDocs() throws IOException {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        for (ConfigKey key : ConfigKey.values()) {
            assertTrue(doc.contains("`" + key.wireName() + "`"), key.wireName());
        }
    }

    /** Through real JSON text, as the message codec will do it: decimals stay exact. */
    @Test
    void valuesSurviveJacksonBothWays() throws Exception {
        Config c = ConfigFileTest.custom();
        String text = JSON.writeValueAsString(c.toJsonValues());
        assertTrue(text.startsWith("{\"threshold_deg\":17.5,\"hysteresis_deg\":2.5,\"dwell_s\":120,"), text);
        @SuppressWarnings("unchecked")
        Map<String, Object> back = JSON.readValue(text, Map.class);
        assertEquals(c, Config.fromJsonValues(back, c.version()));
    }

    static String keyTable() {
        StringBuilder out = new StringBuilder("| Key | Type | Unit | Allowed | Default | Description |\n")
                .append("|---|---|---|---|---|---|\n");
        for (ConfigKey key : ConfigKey.values()) {
            String defaultText = key.defaultText().isEmpty() ? "(empty)" : "`" + key.defaultText() + "`";
            out.append("| `").append(key.wireName()).append("` | ").append(key.typeName())
                    .append(" | ").append(cell(key.unit())).append(" | ").append(cell(key.rangeText()))
                    .append(" | ").append(defaultText).append(" | ").append(cell(key.description())).append(" |\n");
        }
        return out.toString();
    }

    static String patternTable() {
        StringBuilder out = new StringBuilder("| Pattern | Plays |\n|---|---|\n");
        for (CuePattern pattern : CuePattern.values()) {
            out.append("| `").append(pattern.wireName()).append("` | ").append(cell(pattern.description()))
                    .append(" |\n");
        }
        return out.toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }

    /** The text between {@code <!-- begin NAME -->} and {@code <!-- end NAME -->} lines. */
    private static String section(String name) throws IOException {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        String begin = "<!-- begin " + name + " (generated, checked by ConfigDocsTest) -->\n";
        String end = "<!-- end " + name + " -->";
        int from = doc.indexOf(begin);
        int to = doc.indexOf(end);
        assertTrue(from >= 0 && to > from, "docs/config.md lacks the " + name + " markers");
        return doc.substring(from + begin.length(), to);
    }
}
