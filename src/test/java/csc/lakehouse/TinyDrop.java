package csc.lakehouse;

import csc.lakehouse.synth.Generator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The suite's second shared fixture: a tiny drop and one clean {@code csc run} of it in this JVM, built once per
 * test JVM on first use. The crash test's kills are compared with this run (its progress lines are the kill points),
 * and the object-storage test runs the same drop on {@code s3a://} and compares its trends.csv with this run's.
 * Read-only for its users.
 */
public final class TinyDrop {
    /** a drop and the clean run made of it (in this JVM), with its progress lines */
    public record Clean(Path drop, Path key, Path lake, Path out, List<String> lines, double seconds) {}

    private static Clean instance;

    public static synchronized Clean get() {
        if (instance == null) {
            try {
                Path base = SparkTestSession.tempDir("tiny-drop");
                instance = cleanRun(base, generate(base, false));
            } catch (Exception e) {
                throw new IllegalStateException("building the shared tiny drop failed", e);
            }
        }
        return instance;
    }

    /**
     * Generator seed 77, scale 0.02, collection year 2024, reduced to the 903 header and episodes and the population
     * (and the SSD extract when {@code withSsd}): every stage (bronze, silver, derived silver, gold, publish) still
     * runs, at a fraction of the Delta writes of the full drop. CI leaves the SSD extract out (its 14 files make 14
     * more bronze and silver tables written by the same {@code Lakehouse} and {@code SilverWriter} code, and about
     * half of the run); the stress tier's ten kills keep it.
     */
    public static Path generate(Path base, boolean withSsd) throws Exception {
        Path drop = base.resolve("drop");
        Generator.generate(new Generator.Options(drop, 77, "0.02", 2024, 2024, false, false, 1), null);
        SparkTestSession.deleteTree(drop.resolve("annex_a"));
        SparkTestSession.deleteTree(drop.resolve("local"));
        SparkTestSession.deleteTree(drop.resolve("cin_census"));
        if (!withSsd) SparkTestSession.deleteTree(drop.resolve("ssd"));
        try (Stream<Path> s = Files.walk(drop.resolve("ssda903"))) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                String n = p.getFileName().toString();
                if (!n.equals("header.csv") && !n.equals("episodes.csv")) Files.delete(p);
            }
        }
        return drop;
    }

    /** A clean {@code csc run} of {@code drop} in this JVM, into {@code base/clean-lake} and {@code base/clean-out}. */
    public static Clean cleanRun(Path base, Path drop) throws Exception {
        Path key = base.resolve("key");
        Files.writeString(key, SparkTestSession.TEST_KEY);
        Path lake = base.resolve("clean-lake"), out = base.resolve("clean-out");
        List<String> lines = new ArrayList<>();
        long t0 = System.nanoTime();
        int exit = inProcess(drop, lake, out, key, lines);
        if (exit != 0) throw new IllegalStateException("the clean run of " + drop + " exited " + exit);
        return new Clean(drop, key, lake, out, List.copyOf(lines), (System.nanoTime() - t0) / 1e9);
    }

    /** {@code csc run} in this JVM; its progress lines (stderr) are added to {@code lines}. */
    public static int inProcess(Path drop, Path lake, Path out, Path key, List<String> lines) {
        CscInProcess.Captured c = CscInProcess.run("run", "--input", drop.toString(), "--lakehouse", lake.toString(),
                "--out", out.toString(), "--key-file", key.toString());
        lines.addAll(List.of(c.stderr().split("\n")));
        return c.exit();
    }
}
