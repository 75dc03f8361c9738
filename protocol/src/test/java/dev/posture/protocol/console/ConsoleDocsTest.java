package dev.posture.protocol.console;

import dev.posture.protocol.ProtocolException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** protocol/docs/console.md agrees with the code: HELP table, error codes, and every example exchange. */
class ConsoleDocsTest {
    private static final Path DOC = Path.of("docs", "console.md");

    private static String doc() throws IOException {
        return Files.readString(DOC, StandardCharsets.UTF_8);
    }

    @Test
    void theCommandTableIsTheHelpData() throws IOException {
        String doc = doc();
        for (ConsoleHelp.Entry entry : ConsoleHelp.entries()) {
            String row = "| `" + entry.syntax().replace("|", "\\|") + "` | " + entry.summary() + " |";
            assertTrue(doc.contains(row), "missing row: " + row);
        }
    }

    @Test
    void helpRepliesAreShownVerbatim() throws IOException {
        String doc = doc();
        assertTrue(doc.contains("OK " + ConsoleHelp.replyText(Optional.empty()) + "\n"));
        assertTrue(doc.contains("OK " + ConsoleHelp.replyText(Optional.of(ConsoleCommand.STREAM)) + "\n"));
    }

    @Test
    void everyErrorCodeIsInTheTable() throws IOException {
        String doc = doc();
        for (ConsoleErrorCode code : ConsoleErrorCode.values()) {
            assertTrue(doc.contains("| `" + code.word() + "` |"), code.word());
            assertTrue(doc.contains("`ERR " + code.word() + " "), "example for " + code.word());
        }
    }

    @Test
    void theLimitsInTheTextAreTheCodesLimits() throws IOException {
        String doc = doc();
        assertTrue(doc.contains("At most " + ConsoleLimits.MAX_REQUEST_BYTES + " bytes"));
        assertTrue(doc.contains("At most **" + ConsoleLimits.MAX_DEVICE_LINE_BYTES + " bytes**"));
        assertTrue(doc.contains("(default " + ConsoleLimits.DEFAULT_STREAM_HZ + " Hz)"));
    }

    /**
     * In every example block: each device line parses; each typed line is answered by one OK or ERR
     * (after any * lines); and where the grammar itself rejects the typed line, the ERR shown is
     * exactly what the parser says.
     */
    @Test
    void everyExampleExchangeIsWhatTheGrammarProduces() throws IOException {
        int typed = 0;
        for (List<String> block : textBlocks(doc())) {
            for (int i = 0; i < block.size(); i++) {
                String line = block.get(i);
                if (line.startsWith("> ")) {
                    typed++;
                    checkAnswer(line.substring(2), block, i + 1);
                } else {
                    checkDeviceLine(line);
                }
            }
        }
        assertTrue(typed >= 40, "examples found: " + typed);
    }

    private static void checkAnswer(String typed, List<String> block, int from) {
        ParsedLine parsed = ConsoleRequestParser.parse(typed);
        for (int j = from; j < block.size(); j++) {
            String line = block.get(j);
            assertFalse(line.startsWith("> "), "no answer to '" + typed + "'");
            if (line.startsWith("* ")) {
                continue;
            }
            if (parsed instanceof ConsoleError error) {
                assertEquals("ERR " + error.code().word() + " " + error.message(), line, "answer to '" + typed + "'");
            } else {
                assertTrue(line.startsWith("OK") || line.startsWith("ERR "), "answer to '" + typed + "': " + line);
            }
            return;
        }
        fail("no answer to '" + typed + "'");
    }

    private static void checkDeviceLine(String line) {
        try {
            ConsoleReply reply = ConsoleReply.parse(line);
            if (reply instanceof ConsoleReply.Unsolicited u && u.kind().equals(StreamSample.KIND)) {
                StreamSample.parse(line);
            } else if (reply instanceof ConsoleReply.Unsolicited u && !u.kind().equals("TRACE")) {
                u.fields();
            } else if (reply instanceof ConsoleReply.Ok ok && !ok.text().startsWith("commands: ") && !ok.text().contains(": ")) {
                ok.fields();
            }
        } catch (ProtocolException e) {
            fail("'" + line + "': " + e.getMessage());
        }
    }

    /** The lines of every ```text block. */
    private static List<List<String>> textBlocks(String doc) {
        List<List<String>> blocks = new ArrayList<>();
        List<String> current = null;
        for (String line : doc.split("\n", -1)) {
            if (current == null && line.equals("```text")) {
                current = new ArrayList<>();
            } else if (current != null && line.equals("```")) {
                blocks.add(current);
                current = null;
            } else if (current != null) {
                current.add(line);
            }
        }
        return blocks;
    }
}
