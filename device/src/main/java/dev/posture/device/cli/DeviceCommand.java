package dev.posture.device.cli;

import dev.posture.protocol.cli.VersionProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "posture-device",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Posture wearable firmware: senses head-forward posture and cues the wearer.",
        subcommands = {ConfigCommand.class, ReplayCommand.class, RunCommand.class, SimCommand.class})
public final class DeviceCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a command is required");
    }
}
