package csc.lakehouse.reliability;

import csc.lakehouse.SparkTestSession;
import csc.lakehouse.lake.Lakehouse;
import csc.lakehouse.lake.Layer;
import csc.lakehouse.spec.TableSchema;
import csc.lakehouse.synth.Generator;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code csc run} on a tiny drop in a separate JVM, killed with SIGKILL at seeded random points and run
 * again after each kill, then allowed to finish: trends.csv must be byte-identical to a clean run's, no
 * silver table may hold two rows with one key, the out folder may hold no half-written file, and the
 * killed run's lock must not stop the next one. Ten kills by default (issue 8), as in CI;
 * {@code -Dcsc.crash.kills=N -Dcsc.crash.seed=S} (or jobs/crash-check.sh) draws other points.
 */
@org.junit.jupiter.api.Tag("slow")
class CrashSafetyTest {
    static final int KILLS = Integer.getInteger("csc.crash.kills", 10);
    static final long SEED = Long.getLong("csc.crash.seed", 20261123L);

    @Test
    void killedRunsLeaveNothingHalfDone() throws Exception {
        Path base = SparkTestSession.tempDir("crash");
        Path drop = base.resolve("drop");
        Generator.generate(new Generator.Options(drop, 77, "0.02", 2024, 2024, false, false, 1), null);
        // 903 header and episodes and the population only: every stage (bronze, silver, derived silver,
        // gold, publish) still runs, at a fraction of the Delta writes of the full drop
        SparkTestSession.deleteTree(drop.resolve("annex_a"));
        SparkTestSession.deleteTree(drop.resolve("local"));
        SparkTestSession.deleteTree(drop.resolve("cin_census"));
        try (Stream<Path> s = Files.walk(drop.resolve("ssda903"))) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                String n = p.getFileName().toString();
                if (!n.equals("header.csv") && !n.equals("episodes.csv")) Files.delete(p);
            }
        }
        Path key = base.resolve("key");
        Files.writeString(key, SparkTestSession.TEST_KEY);

        // a clean run (in this JVM), timed: kill points are drawn from its duration plus a JVM start
        Path cleanLake = base.resolve("clean-lake"), cleanOut = base.resolve("clean-out");
        long t0 = System.nanoTime();
        assertEquals(0, inProcess(drop, cleanLake, cleanOut, key), "clean run");
        double cleanSeconds = (System.nanoTime() - t0) / 1e9 + 15;

        Path lake = base.resolve("lake"), out = base.resolve("out");
        Random rnd = new Random(SEED);
        List<String> landed = new ArrayList<>();
        for (int i = 0; i < KILLS; i++) {
            // stratified: kill i falls in the i-th tenth of a run's span, so the kills cover ingest, measures and publish
            double span = Math.max(1000, cleanSeconds * 1000 - 3000) / KILLS;
            long at = (long) (3000 + (i + rnd.nextDouble()) * span);
            Path log = base.resolve("kill-" + i + ".log");
            Run r = run(drop, lake, out, key, log, at);
            String where = lastStage(log);
            landed.add(String.format("kill %d at %.1fs: %s%s", i + 1, at / 1000.0, r.killed ? "" : "(finished first, exit " + r.exit + ") ", where));
        }
        landed.forEach(System.out::println);
        System.out.printf("crash-safety: clean run %.1fs (+15s JVM start), %d kill(s)%n", cleanSeconds - 15, KILLS);
        // the run after the kills, in this JVM: it must clear the dead run's lock itself
        assertEquals(0, inProcess(drop, lake, out, key), "the run after the kills");
        assertFalse(Files.exists(lake.resolve("_lock")), "lock left behind");

        assertArrayEquals(Files.readAllBytes(cleanOut.resolve("trends.csv")), Files.readAllBytes(out.resolve("trends.csv")),
                "trends.csv differs from the clean run's");
        assertEquals(files(cleanOut), files(out), "out folder holds different files from the clean run's");

        Lakehouse lh = new Lakehouse(SparkTestSession.get(), lake.toString());
        Lakehouse cleanLh = new Lakehouse(SparkTestSession.get(), cleanLake.toString());
        for (String t : lh.tables(Layer.SILVER)) {
            TableSchema schema = TableSchema.load("silver", t);
            long rows = lh.read(Layer.SILVER, t).count();
            assertEquals(cleanLh.read(Layer.SILVER, t).count(), rows, "silver." + t + " rows vs the clean run");
            if (schema.keys.isEmpty()) continue;
            // a per-return table holds one row per item and return: its row key adds collection_year
            long keys = lh.read(Layer.SILVER, t).selectExpr(schema.rowKey().stream().map(k -> "`" + k + "`").toArray(String[]::new))
                    .distinct().count();
            assertEquals(rows, keys, "silver." + t + " holds duplicate keys " + schema.rowKey());
        }
    }

    record Run(int exit, boolean killed) {}

    static int inProcess(Path drop, Path lake, Path out, Path key) {
        SparkTestSession.get();
        return csc.lakehouse.cli.Csc.execute("run", "--input", drop.toString(), "--lakehouse", lake.toString(),
                "--out", out.toString(), "--key-file", key.toString());
    }


    /** Runs {@code csc run} in a new JVM; kills it with SIGKILL after killAfterMs (negative: let it finish). */
    static Run run(Path drop, Path lake, Path out, Path key, Path log, long killAfterMs) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("--add-opens") || a.startsWith("-XX:+Ignore") || a.startsWith("-Djdk.reflect")
                    || a.startsWith("-Dio.netty") || a.startsWith("-Duser.timezone")) cmd.add(a);
        }
        cmd.add("-Xmx1g");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("csc.lakehouse.cli.Csc");
        cmd.addAll(List.of("run", "--input", drop.toString(), "--lakehouse", lake.toString(), "--out", out.toString(),
                "--key-file", key.toString(), "--shuffle-partitions", "2", "--master", "local[2]"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        Process p = pb.start();
        if (killAfterMs >= 0 && !p.waitFor(killAfterMs, TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();   // SIGKILL on Unix
            p.waitFor();
            return new Run(p.exitValue(), true);
        }
        p.waitFor();
        return new Run(p.exitValue(), false);
    }

    /** The last progress line the killed run printed (where the kill landed). */
    static String lastStage(Path log) throws IOException {
        String last = "before any progress line";
        for (String l : Files.readAllLines(log)) {
            if (l.startsWith("[csc]")) last = l.length() > 120 ? l.substring(0, 120) : l;
        }
        return last;
    }

    static TreeSet<String> files(Path dir) throws IOException {
        TreeSet<String> out = new TreeSet<>();
        try (Stream<Path> s = Files.walk(dir)) {
            s.filter(Files::isRegularFile).forEach(p -> out.add(dir.relativize(p).toString().replace(File.separatorChar, '/')));
        }
        out.remove("manifest.json");
        return out;
    }
}
