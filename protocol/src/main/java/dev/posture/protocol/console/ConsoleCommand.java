package dev.posture.protocol.console;

import java.util.Locale;
import java.util.Optional;

/** The first word of a request line, and the one-line syntax of everything that starts with it. */
public enum ConsoleCommand {
    HELP("HELP [command]"),
    VERSION("VERSION"),
    STATUS("STATUS"),
    GET("GET [key]"),
    SET("SET key value"),
    CALIBRATE("CALIBRATE NEUTRAL|LEAN"),
    CUE("CUE TEST [pattern]"),
    STREAM("STREAM ON [hz]|OFF"),
    SNOOZE("SNOOZE minutes"),
    TRACE("TRACE LIST|START|STOP|GET id");

    private final String usage;

    ConsoleCommand(String usage) {
        this.usage = usage;
    }

    /** The word as sent; matching is case-insensitive. */
    public String keyword() {
        return name();
    }

    /** One-line syntax of the command with all its forms, as HELP and SYNTAX errors show it. */
    public String usage() {
        return usage;
    }

    /** The command a word names, in any letter case, or empty. */
    public static Optional<ConsoleCommand> fromWord(String word) {
        String upper = word.toUpperCase(Locale.ROOT);
        for (ConsoleCommand command : values()) {
            if (command.name().equals(upper)) {
                return Optional.of(command);
            }
        }
        return Optional.empty();
    }
}
