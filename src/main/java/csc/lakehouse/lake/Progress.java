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

    /**
     * The run's numbered steps ("step 1/4 reading extracts"), each announced with an estimate of the time left:
     * the time so far scaled by the expected share of the steps still to come (shares measured on the demo).
     */
    public static final class Steps {
        private final String[] names;
        private final double[] shares;
        private final long start = System.nanoTime();
        private int next = 0;

        public Steps(String[] names, double[] shares) {
            this.names = names;
            this.shares = shares;
        }

        /** Announces the next step; returns its number (1-based). */
        public int next() {
            double done = 0, left = 0;
            for (int i = 0; i < shares.length; i++) if (i < next) done += shares[i]; else left += shares[i];
            double elapsed = (System.nanoTime() - start) / 1e9;
            String eta = next == 0 || done <= 0 ? "" : String.format(Locale.ROOT, " (about %s left)", duration(elapsed * left / done));
            next++;
            say("step %d/%d %s%s", next, names.length, names[next - 1], eta);
            return next;
        }

        public double elapsedSeconds() { return (System.nanoTime() - start) / 1e9; }
    }

    /** 75 -> "1 min 15 s"; 20 -> "20 s". */
    public static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 60 ? String.format(Locale.ROOT, "%d min %d s", s / 60, s % 60) : s + " s";
    }

    public void stage(String stage, String table, long rows) {
        say("%-9s %-40s %,10d rows %7.1fs", stage, table, rows, elapsedSeconds());
    }
}
