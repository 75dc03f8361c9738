package dev.posture.companion.cli;

import dev.posture.protocol.cli.CommandLines;

/** {@code java -jar posture-companion.jar ...}: the companion's command line ({@link CompanionCommand}). */
public final class CompanionMain {
    private CompanionMain() {
    }

    public static void main(String[] args) {
        System.exit(CommandLines.runOnConsole(new CompanionCommand(), args));
    }
}
