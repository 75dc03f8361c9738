package dev.posture.protocol.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posture.protocol.ProtocolException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The tables in docs/mqtt.md say what the code does. */
class TopicDocTest {
    private static final Path DOC = Path.of("docs", "mqtt.md");

    @Test
    void documentedParseErrorsAreTheRealOnes() throws IOException {
        Pattern row = Pattern.compile("\\| `(posture/[^`]*)` \\| `(topic level [^`]*)` \\|");
        Matcher m = row.matcher(Files.readString(DOC, StandardCharsets.UTF_8));
        int rows = 0;
        while (m.find()) {
            String topic = m.group(1);
            assertEquals(m.group(2), assertThrows(ProtocolException.class, () -> Topic.parse(topic)).getMessage());
            rows++;
        }
        assertTrue(rows >= 7, "found " + rows + " rows");
    }

    @Test
    void documentedTopicTableMatchesTopicKind() throws IOException {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        for (TopicKind kind : TopicKind.values()) {
            String name = kind == TopicKind.TRACE ? "trace/{recording_id}" : kind.suffix();
            String direction = kind.direction() == Direction.FROM_DEVICE ? "device -> companion" : "companion -> device";
            String row = "| `" + name + "` | " + direction + " | " + kind.qos() + " | " + (kind.retained() ? "yes" : "no");
            assertTrue(doc.contains(row), row);
        }
    }
}
