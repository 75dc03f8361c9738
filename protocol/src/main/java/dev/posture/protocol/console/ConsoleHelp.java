package dev.posture.protocol.console;

import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * The HELP text as data: one entry per request type. The device answers HELP from here and the
 * tests check that protocol/docs/console.md shows every entry, so the two cannot drift apart.
 */
public final class ConsoleHelp {

    /** One request form: its syntax as typed and what it does, in one line each. */
    public record Entry(Class<? extends ConsoleRequest> type, ConsoleCommand command, String syntax, String summary) {
    }

    private static final List<Entry> ENTRIES = List.of(
            new Entry(ConsoleRequest.Help.class, ConsoleCommand.HELP, "HELP [command]",
                    "list the commands, or show the forms of one command"),
            new Entry(ConsoleRequest.Version.class, ConsoleCommand.VERSION, "VERSION",
                    "firmware, console grammar and config schema versions"),
            new Entry(ConsoleRequest.Status.class, ConsoleCommand.STATUS, "STATUS",
                    "posture state, forward angle, calibration, snooze, stream and trace state"),
            new Entry(ConsoleRequest.Get.class, ConsoleCommand.GET, "GET [key]",
                    "one setting, or every setting, as key=value"),
            new Entry(ConsoleRequest.Set.class, ConsoleCommand.SET, "SET key value",
                    "change one setting (same keys and units as the config file)"),
            new Entry(ConsoleRequest.Calibrate.class, ConsoleCommand.CALIBRATE, "CALIBRATE NEUTRAL|LEAN",
                    "record the upright pose, or a deliberate forward lean; hold still about 3 s"),
            new Entry(ConsoleRequest.CueTest.class, ConsoleCommand.CUE, "CUE TEST [pattern]",
                    "play the configured cue, or the named pattern, once"),
            new Entry(ConsoleRequest.StreamOn.class, ConsoleCommand.STREAM, "STREAM ON [hz]",
                    "send '* STREAM' lines at hz per second (" + ConsoleLimits.MIN_STREAM_HZ + ".."
                            + ConsoleLimits.MAX_STREAM_HZ + ", default " + ConsoleLimits.DEFAULT_STREAM_HZ + ")"),
            new Entry(ConsoleRequest.StreamOff.class, ConsoleCommand.STREAM, "STREAM OFF",
                    "stop the '* STREAM' lines"),
            new Entry(ConsoleRequest.Snooze.class, ConsoleCommand.SNOOZE, "SNOOZE minutes",
                    "no posture cues for minutes (" + ConsoleLimits.MIN_SNOOZE_MINUTES + ".."
                            + ConsoleLimits.MAX_SNOOZE_MINUTES + "; 0 ends a snooze)"),
            new Entry(ConsoleRequest.TraceList.class, ConsoleCommand.TRACE, "TRACE LIST",
                    "list the recorded raw traces"),
            new Entry(ConsoleRequest.TraceStart.class, ConsoleCommand.TRACE, "TRACE START",
                    "start recording a raw trace"),
            new Entry(ConsoleRequest.TraceStop.class, ConsoleCommand.TRACE, "TRACE STOP",
                    "stop the recording"),
            new Entry(ConsoleRequest.TraceGet.class, ConsoleCommand.TRACE, "TRACE GET id",
                    "send one recording as '* TRACE' lines"));

    private static final String OVERVIEW = overviewText();

    private ConsoleHelp() {
    }

    /** Every request form, in the order HELP lists them. */
    public static List<Entry> entries() {
        return ENTRIES;
    }

    /** The entry for a request type; every permitted {@link ConsoleRequest} record has one. */
    public static Entry entryFor(Class<? extends ConsoleRequest> type) {
        for (Entry entry : ENTRIES) {
            if (entry.type() == type) {
                return entry;
            }
        }
        throw new IllegalStateException("no HELP entry for " + type.getSimpleName());
    }

    /** The text of the OK reply to a HELP request (without the leading "OK "). */
    public static String replyText(ConsoleRequest.Help help) {
        return replyText(help.topic());
    }

    /** The text of the OK reply to {@code HELP} (empty topic) or {@code HELP command}. */
    public static String replyText(Optional<ConsoleCommand> topic) {
        return topic.map(ConsoleHelp::commandText).orElse(OVERVIEW);
    }

    private static String overviewText() {
        StringJoiner list = new StringJoiner(", ", "commands: ", "; HELP <command> for details");
        for (ConsoleCommand command : ConsoleCommand.values()) {
            list.add(command.usage());
        }
        return list.toString();
    }

    private static String commandText(ConsoleCommand command) {
        StringJoiner forms = new StringJoiner("; ");
        for (Entry entry : ENTRIES) {
            if (entry.command() == command) {
                forms.add(entry.syntax() + ": " + entry.summary());
            }
        }
        return forms.toString();
    }
}
