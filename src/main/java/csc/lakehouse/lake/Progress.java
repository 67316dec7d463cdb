package csc.lakehouse.lake;

import java.util.Locale;

/** Progress lines on stderr: stage, table, rows, elapsed. Never prints a child identifier. */
public final class Progress {
    private static volatile boolean quiet = false;
    private final long start = System.nanoTime();

    public static void setQuiet(boolean q) { quiet = q; }

    public static void say(String fmt, Object... args) {
        if (!quiet) {
            System.err.println("[csc] " + String.format(Locale.ROOT, fmt, args));
        }
    }

    public double elapsedSeconds() { return (System.nanoTime() - start) / 1e9; }

    public void stage(String stage, String table, long rows) {
        say("%-9s %-40s %,10d rows %7.1fs", stage, table, rows, elapsedSeconds());
    }
}
