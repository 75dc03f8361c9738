package dev.posture.companion.cli;

import dev.posture.companion.demo.ProtocolDemo;
import dev.posture.protocol.ProtocolException;
import dev.posture.protocol.cli.CommandLines;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code demo}: the README's main job. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Walk one device's configuration through every wire and file format: config file, "
                + "serial console, MQTT JSON, binary trace with a power cut, trace CSV.")
final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", description = "where to write the demo's files (default: a new temporary folder)")
    Path out;

    @Override
    public Integer call() throws IOException, ProtocolException {
        Path dir = out != null ? out : Files.createTempDirectory("posture-demo-");
        new ProtocolDemo(spec.commandLine().getOut(), dir).run();
        return CommandLines.OK;
    }
}
