package dev.posture.protocol.console;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConsoleHelpTest {

    @Test
    void helpListsEveryRequestTypeOnce() {
        Set<Class<?>> permitted = Arrays.stream(ConsoleRequest.class.getPermittedSubclasses()).collect(Collectors.toSet());
        List<Class<? extends ConsoleRequest>> listed = ConsoleHelp.entries().stream().map(ConsoleHelp.Entry::type).toList();
        assertEquals(permitted, new HashSet<>(listed));
        assertEquals(permitted.size(), listed.size(), "no request type listed twice");
        assertEquals(14, listed.size());
    }

    @Test
    void everySampleRequestMatchesItsEntry() {
        for (ConsoleRequest request : ConsoleRequestParserTest.ONE_OF_EACH) {
            ConsoleHelp.Entry entry = ConsoleHelp.entryFor(request.getClass());
            assertEquals(request.command(), entry.command(), entry.syntax());
            assertTrue(entry.syntax().startsWith(request.command().keyword()), entry.syntax());
            String[] canonical = request.toLine().split(" ");
            String[] syntax = entry.syntax().split(" ");
            // Fixed words of the syntax (upper case, no brackets or bars) appear in the canonical line.
            for (int i = 0; i < syntax.length; i++) {
                if (syntax[i].matches("[A-Z]+")) {
                    assertEquals(syntax[i], canonical[i], request.toLine());
                }
            }
        }
        assertTrue(ConsoleRequestParserTest.ONE_OF_EACH.stream().map(Object::getClass).collect(Collectors.toSet())
                .containsAll(Arrays.asList(ConsoleRequest.class.getPermittedSubclasses())));
    }

    @Test
    void everyCommandWordHasEntriesAndEveryEntrysSyntaxIsInItsUsage() {
        for (ConsoleCommand command : ConsoleCommand.values()) {
            List<ConsoleHelp.Entry> entries = ConsoleHelp.entries().stream().filter(e -> e.command() == command).toList();
            assertTrue(!entries.isEmpty(), command.name());
            for (ConsoleHelp.Entry entry : entries) {
                String rest = entry.syntax().substring(command.keyword().length());
                for (String word : rest.trim().split("[ |\\[\\]]+")) {
                    assertTrue(command.usage().contains(word), entry.syntax() + " vs " + command.usage());
                }
            }
        }
    }

    @Test
    void theOverviewListsEveryCommandOnOneLine() {
        String overview = ConsoleHelp.replyText(new ConsoleRequest.Help());
        assertEquals("commands: HELP [command], VERSION, STATUS, GET [key], SET key value, CALIBRATE NEUTRAL|LEAN, "
                + "CUE TEST [pattern], STREAM ON [hz]|OFF, SNOOZE minutes, TRACE LIST|START|STOP|GET id; "
                + "HELP <command> for details", overview);
        DeviceLineFormatter out = new DeviceLineFormatter();
        out.ok(overview);
        assertEquals("OK " + overview, out.lineText(), "fits on one device line uncut");
    }

    @Test
    void helpForOneCommandShowsAllItsForms() {
        assertEquals("STREAM ON [hz]: send '* STREAM' lines at hz per second (1..50, default 10); STREAM OFF: stop the '* STREAM' lines",
                ConsoleHelp.replyText(Optional.of(ConsoleCommand.STREAM)));
        assertEquals("SNOOZE minutes: no posture cues for minutes (0..240; 0 ends a snooze)",
                ConsoleHelp.replyText(new ConsoleRequest.Help(Optional.of(ConsoleCommand.SNOOZE))));
        for (ConsoleCommand command : ConsoleCommand.values()) {
            assertTrue(ConsoleHelp.replyText(Optional.of(command)).startsWith(command.keyword()), command.name());
        }
    }

    @Test
    void helpAnswersWhatTheParserMakesOfHelpLines() {
        ConsoleRequest.Help help = assertInstanceOf(ConsoleRequest.Help.class, ConsoleRequestParser.parse("help trace"));
        assertTrue(ConsoleHelp.replyText(help).startsWith("TRACE LIST: "));
    }
}
