package dev.posture.protocol.cli;

import dev.posture.protocol.ProtocolException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/**
 * One way for both jars to run a picocli command: usage errors, bad input and bugs each get one line
 * on stderr and their own exit code, never a stack trace (unless {@code POSTURE_DEBUG=1} is set).
 */
public final class CommandLines {
    /** Exit codes shared by every command of both jars (documented in the top README). */
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;
    public static final int INTERNAL = 70;

    private CommandLines() {
    }

    /** Runs {@code command} on the process's stdout and stderr; for {@code main} to pass to {@code System.exit}. */
    public static int runOnConsole(Object command, String... args) {
        return run(command, new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8), args);
    }

    /** Runs {@code command} with {@code args}, writing to {@code out} and {@code err}; returns the exit code. */
    public static int run(Object command, PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(command);
        cli.setOut(out);
        cli.setErr(err);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExitCodeExceptionMapper(e -> e instanceof ProtocolException || e instanceof UserError
                ? FAILED : INTERNAL);
        cli.setParameterExceptionHandler((e, a) -> {
            CommandLine failed = e.getCommandLine();
            failed.getErr().println(failed.getCommandName() + ": " + e.getMessage());
            failed.getErr().println("Try '" + qualifiedName(failed) + " --help' for usage.");
            return USAGE;
        });
        cli.setExecutionExceptionHandler((e, failed, parsed) -> {
            PrintWriter to = failed.getErr();
            if (e instanceof ProtocolException || e instanceof UserError) {
                to.println(qualifiedName(failed) + ": " + e.getMessage());
            } else {
                to.println(qualifiedName(failed) + ": internal error: " + e);
                if ("1".equals(System.getenv("POSTURE_DEBUG"))) {
                    e.printStackTrace(to);
                }
            }
            to.flush();
            return failed.getExitCodeExceptionMapper().getExitCode(e);
        });
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    private static String qualifiedName(CommandLine cli) {
        StringBuilder name = new StringBuilder(cli.getCommandName());
        for (CommandLine p = cli.getParent(); p != null; p = p.getParent()) {
            name.insert(0, p.getCommandName() + " ");
        }
        return name.toString();
    }

    /** A failure caused by what the user gave (a missing file, a busy port): shown as one line. */
    public static final class UserError extends Exception {
        private static final long serialVersionUID = 1L;

        public UserError(String message) {
            super(message);
        }

        public UserError(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
