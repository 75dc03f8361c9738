package dev.posture.protocol.message;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The JSON examples in docs/mqtt.md are the golden files, byte for byte, and all of them. */
class DocExamplesTest {
    /** Surefire runs in the module folder. */
    static final Path DOC = Path.of("docs", "mqtt.md");
    private static final Pattern EXAMPLE = Pattern.compile("<!-- golden: (\\S+) -->\n```json\n([^\n]*)\n```");

    @Test
    void everyGoldenFileIsInTheDocExactly() throws IOException {
        Map<String, String> documented = new TreeMap<>();
        Matcher m = EXAMPLE.matcher(Files.readString(DOC, StandardCharsets.UTF_8));
        while (m.find()) {
            documented.put(m.group(1), m.group(2));
        }
        Map<String, String> golden = new TreeMap<>();
        for (String file : MessageExamples.all().keySet()) {
            golden.put(file, new String(MessageExamples.golden(file), StandardCharsets.UTF_8));
        }
        assertEquals(golden, documented);
    }
}
