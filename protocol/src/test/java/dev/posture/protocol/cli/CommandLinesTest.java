package dev.posture.protocol.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posture.protocol.ProtocolException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

class CommandLinesTest {
    @Command(name = "tool", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class)
    static final class Tool implements Callable<Integer> {
        @Option(names = "--fail", description = "how to fail") String fail = "";
        @Option(names = "--count") int count;

        @Override
        public Integer call() throws Exception {
            switch (fail) {
                case "protocol" -> throw new ProtocolException("config.properties line 3: bad value");
                case "user" -> throw new CommandLines.UserError("no such port: /dev/ttyX");
                case "bug" -> throw new IllegalStateException("boom");
                default -> {
                    return CommandLines.OK;
                }
            }
        }
    }

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return CommandLines.run(new Tool(), new PrintWriter(out), new PrintWriter(err), args);
    }

    @Test
    void success_exitsZeroAndPrintsNothingOnStderr() {
        assertEquals(0, run("--count", "3"));
        assertEquals("", err.toString());
    }

    @Test
    void usageError_isTwoLinesAndExitCodeTwo() {
        assertEquals(CommandLines.USAGE, run("--count", "many"));
        String[] lines = err.toString().split("\\R");
        assertEquals(2, lines.length, err.toString());
        assertTrue(lines[0].startsWith("tool: Invalid value for option '--count'"), lines[0]);
        assertEquals("Try 'tool --help' for usage.", lines[1]);
    }

    @Test
    void unknownOption_isAUsageError() {
        assertEquals(CommandLines.USAGE, run("--colour"));
        assertTrue(err.toString().startsWith("tool: Unknown option: '--colour'"), err.toString());
    }

    @Test
    void protocolError_isOneLineAndExitCodeOne() {
        assertEquals(CommandLines.FAILED, run("--fail", "protocol"));
        assertEquals("tool: config.properties line 3: bad value" + System.lineSeparator(), err.toString());
    }

    @Test
    void userError_isOneLineAndExitCodeOne() {
        assertEquals(CommandLines.FAILED, run("--fail", "user"));
        assertEquals("tool: no such port: /dev/ttyX" + System.lineSeparator(), err.toString());
    }

    @Test
    void bug_isOneLineWithoutStackTrace() {
        assertEquals(CommandLines.INTERNAL, run("--fail", "bug"));
        assertEquals("tool: internal error: java.lang.IllegalStateException: boom" + System.lineSeparator(),
                err.toString());
    }

    @Test
    void help_printsUsageOnStdout() {
        assertEquals(0, run("--help"));
        assertTrue(out.toString().contains("Usage: tool"), out.toString());
        assertTrue(out.toString().contains("--fail=<fail>"), out.toString());
    }

    @Test
    void version_namesTheCommand() {
        assertEquals(0, run("--version"));
        assertEquals("tool dev" + System.lineSeparator(), out.toString());
    }
}
