package csc.lakehouse.cli;

import csc.lakehouse.config.PseudonymKey;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ./csc <command>}: the command line of architecture.md section 3. Exit codes: 0 success,
 * 2 bad usage, 3 inputs rejected, 1 internal failure. Errors are one line naming the file and the
 * reason; {@code --debug} adds the stack trace.
 */
@Command(name = "csc", mixinStandardHelpOptions = true, versionProvider = Csc.Version.class,
        description = "csc-lakehouse: children's social care returns into Delta tables, measures and published trends.",
        subcommands = {IngestCommand.class, ValidateCommand.class, PurgeCommand.class, MaintainCommand.class,
                MeasuresCommand.class, PublishCommand.class, RunCommand.class, GenerateCommand.class, DemoCommand.class, JobCommand.class, BenchCommand.class})
public final class Csc implements Runnable {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;
    public static final int REJECTED = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command (see ./csc --help)");
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs a command line and returns the exit code (tests call this instead of main). */
    public static int execute(String... args) {
        CommandLine cl = new CommandLine(new Csc());
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            boolean debug = parseResult.originalArgs().contains("--debug");
            if (ex instanceof UsageError || ex instanceof PseudonymKey.MissingKey) {
                cmd.getErr().println("csc: " + ex.getMessage());
                if (debug) ex.printStackTrace(cmd.getErr());
                return USAGE;
            }
            if (ex instanceof csc.lakehouse.lake.RunLock.Held) {
                cmd.getErr().println("csc: " + ex.getMessage());
                return FAILED;
            }
            cmd.getErr().println("csc: failed: " + oneLine(ex) + (debug ? "" : " (run with --debug for details)"));
            if (debug) ex.printStackTrace(cmd.getErr());
            return FAILED;
        });
        return cl.execute(args);
    }

    static String oneLine(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t && t.getMessage() == null) t = t.getCause();
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        String first = m.strip().split("\n", 2)[0];
        return first.length() > 400 ? first.substring(0, 400) + "..." : first;
    }

    /** Bad usage found after parsing (e.g. a folder that does not exist). */
    public static final class UsageError extends RuntimeException {
        public UsageError(String m) { super(m); }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{"csc-lakehouse " + csc.lakehouse.lake.CodeVersion.get()};
        }
    }
}
