package csc.lakehouse;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * One {@code csc} command in the test JVM with its console output (stderr: the progress lines and errors) captured,
 * and passed on to the real stderr so the test log still shows it.
 */
public final class CscInProcess {
    /** the command's exit code and what it printed to stderr */
    public record Captured(int exit, String stderr) {}

    private CscInProcess() {}

    public static Captured run(String... args) {
        SparkTestSession.get();
        PrintStream old = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
        int exit = -1;
        try {
            exit = csc.lakehouse.cli.Csc.execute(args);
        } finally {
            System.setErr(old);
            old.print(buf.toString(StandardCharsets.UTF_8));
        }
        return new Captured(exit, buf.toString(StandardCharsets.UTF_8));
    }
}
