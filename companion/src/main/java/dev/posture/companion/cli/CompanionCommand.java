package dev.posture.companion.cli;

import dev.posture.protocol.cli.VersionProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "posture-companion",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Posture wearable companion: logs events, configures devices, exports traces.",
        subcommands = {ServeCommand.class, DevicesCommand.class, EventsCommand.class, DemoCommand.class,
                TraceCommand.class, ExportCommand.class})
final class CompanionCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a command is required");
    }
}
