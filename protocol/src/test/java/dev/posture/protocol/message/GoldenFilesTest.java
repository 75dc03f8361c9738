package dev.posture.protocol.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.posture.protocol.ProtocolException;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each golden file holds the exact bytes of one example message. */
class GoldenFilesTest {
    static Stream<Arguments> examples() {
        return MessageExamples.all().entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void encodingEqualsTheGoldenFileByteForByte(String file, Message message) {
        byte[] expected = MessageExamples.golden(file);
        byte[] actual = MessageCodec.encode(message);
        assertArrayEquals(expected, actual,
                () -> "expected " + new String(expected, StandardCharsets.UTF_8) + "\nbut got  "
                        + new String(actual, StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void goldenFileDecodesToTheRecord(String file, Message message) throws ProtocolException {
        assertEquals(message, MessageCodec.decode(message.kind(), MessageExamples.golden(file)));
    }

    @Test
    void everyGoldenFileHasAnExampleAndEveryEventTypeAGoldenFile() throws IOException, URISyntaxException {
        Path folder = Path.of(GoldenFilesTest.class.getResource("/message").toURI());
        Set<String> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(files, new TreeSet<>(MessageExamples.all().keySet()));
        Set<EventType> covered = MessageExamples.events().values().stream().map(EventMessage::type)
                .collect(Collectors.toSet());
        assertEquals(Set.of(EventType.values()), covered);
    }

    @Test
    void goldenFilesAreSingleLinesWithoutTrailingNewline() {
        for (Map.Entry<String, Message> e : MessageExamples.all().entrySet()) {
            String text = new String(MessageExamples.golden(e.getKey()), StandardCharsets.UTF_8);
            assertEquals(-1, text.indexOf('\n'), e.getKey());
            assertEquals(true, text.startsWith("{\"schema\":1,"), e.getKey());
        }
    }
}
