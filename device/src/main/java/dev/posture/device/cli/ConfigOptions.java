package dev.posture.device.cli;

import dev.posture.protocol.cli.CommandLines.UserError;
import dev.posture.protocol.config.Config;
import dev.posture.protocol.config.ConfigChange;
import dev.posture.protocol.config.ConfigFile;
import dev.posture.protocol.config.ConfigProblem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine.Option;

/** {@code --config FILE} and {@code --set KEY=VALUE}: a starting config, as replay and sim take it. */
final class ConfigOptions {
    @Option(names = "--config", paramLabel = "FILE", description = "config file (default: the defaults)")
    Path config;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override a config value (repeatable)")
    List<String> overrides = new ArrayList<>();

    /** The file's values (or the defaults) with the overrides; every problem in one line, file named. */
    Config read() throws IOException, UserError {
        Config base = Config.defaults();
        if (config != null) {
            ConfigChange.Result read;
            try (InputStream in = Files.newInputStream(config)) {
                read = ConfigFile.read(in);
            } catch (NoSuchFileException e) {
                throw new UserError(config + ": no such file");
            }
            if (!read.problems().isEmpty()) {
                throw new UserError(config + ": " + messages(read.problems()));
            }
            base = read.config();
        }
        ConfigChange.Result result = ConfigChange.fromAssignments(base, overrides);
        if (!result.problems().isEmpty()) {
            throw new UserError("--set: " + messages(result.problems()));
        }
        return result.config();
    }

    static String messages(List<ConfigProblem> problems) {
        return problems.stream().map(ConfigProblem::message).collect(Collectors.joining("; "));
    }
}
