package dev.posture.device.cli;

import dev.posture.protocol.cli.CommandLines;
import dev.posture.protocol.cli.CommandLines.UserError;
import dev.posture.protocol.config.Config;
import dev.posture.protocol.config.ConfigChange;
import dev.posture.protocol.config.ConfigFile;
import dev.posture.protocol.config.ConfigKey;
import dev.posture.protocol.config.ConfigProblem;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code config defaults} and {@code config check FILE}: write and validate the device's config file. */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = "Write the default config file, or check one before deploying it.",
        subcommands = {ConfigCommand.Defaults.class, ConfigCommand.Check.class})
final class ConfigCommand {

    @Command(name = "defaults", mixinStandardHelpOptions = true,
            description = "Print the default config file, every key with its unit, range and default.")
    static final class Defaults implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            spec.commandLine().getOut().print(ConfigFile.format(Config.defaults()));
            return CommandLines.OK;
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Validate a config file (and optional --set overrides); print every problem, "
                    + "one per line, or the values that differ from the defaults.")
    static final class Check implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "the config file (Java properties)")
        Path file;

        @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override a value, as the device would")
        List<String> overrides = new ArrayList<>();

        @Override
        public Integer call() throws IOException, UserError {
            ConfigChange.Result read;
            try (InputStream in = Files.newInputStream(file)) {
                read = ConfigFile.read(in);
            } catch (NoSuchFileException e) {
                throw new UserError(file + ": no such file");
            }
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            List<ConfigProblem> problems = new ArrayList<>(read.problems());
            ConfigChange.Result result = read;
            if (problems.isEmpty()) {
                result = ConfigChange.fromAssignments(read.config(), overrides);
                problems.addAll(result.problems());
            }
            if (!problems.isEmpty()) {
                problems.forEach(p -> err.println(file + ": " + p.message()));
                return CommandLines.FAILED;
            }
            Config config = result.config();
            Config defaults = Config.defaults();
            List<String> differing = new ArrayList<>();
            for (ConfigKey key : ConfigKey.values()) {
                if (!config.text(key).equals(defaults.text(key))) {
                    differing.add(key.wireName() + "=" + config.text(key));
                }
            }
            out.println(file + ": ok, version " + config.version() + ", "
                    + (differing.isEmpty() ? "all defaults" : differing.size() + " set: " + String.join(" ", differing)));
            return CommandLines.OK;
        }
    }
}
