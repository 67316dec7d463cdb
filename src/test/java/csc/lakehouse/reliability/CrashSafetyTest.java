package csc.lakehouse.reliability;

import csc.lakehouse.SparkTestSession;
import csc.lakehouse.TinyDrop;
import csc.lakehouse.lake.Lakehouse;
import csc.lakehouse.lake.Layer;
import csc.lakehouse.spec.TableSchema;
import csc.lakehouse.synth.Generator;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code csc run} on a tiny drop in a separate JVM, killed with SIGKILL and run again after each kill, then allowed
 * to finish: trends.csv must be byte-identical to a clean run's, no silver table may hold two rows with one key, the
 * out folder may hold no half-written file, and the killed run's lock must not stop the next one.
 *
 * <p>Kill points are progress-line boundaries, not timed slices: a clean run (in this JVM) lists its progress lines
 * (files read, bronze and silver tables written, measures, publish), and kill i lands the moment the killed run prints
 * its drawn line (or any later one, when the run resumed past it). Each kill so costs one JVM start and the work up to
 * its point, and every kill lands where it was meant to, whatever the machine's load.
 *
 * <p>CI (quick tier) draws one kill in each stage that writes, {@link #STAGES} (bronze, silver, measures, publish),
 * in that order, seeded, and fails if a stage has no progress line to kill at or a kill did not land in its stage.
 * The stress tier ({@code mvn -B test -Pstress}) kills the same tiny drop {@code csc.crash.kills} times (default
 * ten, one from each tenth of the progress lines, as CI did before issue 16) and a borough run ten times;
 * {@code -Dcsc.crash.kills=N -Dcsc.crash.seed=S} (or jobs/crash-check.sh) draws other points.
 */
@org.junit.jupiter.api.Tag("slow")
class CrashSafetyTest {
    static final int KILLS = Integer.getInteger("csc.crash.kills", 10);
    static final long SEED = Long.getLong("csc.crash.seed", 20261123L);

    /** The stages that write, in run order: CI kills once in each (a progress line's first word). */
    static final List<String> STAGES = List.of("bronze", "silver", "measures", "publish");

    /** One kill in each writing stage of the tiny run (CI): every stage covered at four runs' cost, not ten. */
    @Test
    void killedRunsLeaveNothingHalfDone() throws Exception {
        // the shared tiny drop's clean run (TinyDrop): the object-storage test compares with it too
        killAndCompare(SparkTestSession.tempDir("crash"), TinyDrop.get(), Draw.ONE_PER_STAGE, STAGES.size());
    }

    /** The tiny run killed ten times (csc.crash.kills), one from each tenth of its progress lines: stress tier. */
    @Test
    @org.junit.jupiter.api.Tag("stress")
    void tenKilledRunsLeaveNothingHalfDone() throws Exception {
        Path base = SparkTestSession.tempDir("crash-ten");
        killAndCompare(base, TinyDrop.cleanRun(base, TinyDrop.generate(base, true)), Draw.STRATIFIED, KILLS);
    }

    /** Ten kills of a borough run (every source, one year): long by nature, so in the stress tier only. */
    @Test
    @org.junit.jupiter.api.Tag("stress")
    void killedBoroughRunsLeaveNothingHalfDone() throws Exception {
        Path base = SparkTestSession.tempDir("crash-borough");
        Path drop = base.resolve("drop");
        Generator.generate(new Generator.Options(drop, 77, "borough", 2024, 2024, false, false, 2), null);
        killAndCompare(base, TinyDrop.cleanRun(base, drop), Draw.STRATIFIED, KILLS);
    }

    /** How the kill points are drawn from the clean run's progress lines. */
    enum Draw { ONE_PER_STAGE, STRATIFIED }

    /**
     * The drawn kill points (indexes into {@code points}, in order). STRATIFIED: kill i from the i-th of {@code kills}
     * equal slices of the list; ONE_PER_STAGE: one from each stage's lines, in {@link #STAGES} order, failing when a
     * stage printed no line (the kills would no longer cover it).
     */
    static List<Integer> draw(List<String> points, Draw how, int kills, Random rnd) {
        List<Integer> targets = new ArrayList<>();
        if (how == Draw.STRATIFIED) {
            assertTrue(points.size() >= kills, "too few progress lines to kill at: " + points);
            for (int i = 0; i < kills; i++) {
                targets.add(Math.min(points.size() - 1, (int) ((i + rnd.nextDouble()) * points.size() / kills)));
            }
            return targets;
        }
        for (String stage : STAGES) {
            List<Integer> in = new ArrayList<>();
            for (int i = 0; i < points.size(); i++) if (stage.equals(stage(points.get(i)))) in.add(i);
            assertFalse(in.isEmpty(), "the clean run printed no " + stage + " progress line, so no kill covers the "
                    + stage + " stage: " + points);
            targets.add(in.get(rnd.nextInt(in.size())));
        }
        return targets;
    }

    /** A boundary's stage: its first word ({@code bronze ssda903_header} is in stage bronze). */
    static String stage(String point) {
        return point.split(" ", 2)[0];
    }

    static void killAndCompare(Path base, TinyDrop.Clean clean, Draw how, int kills) throws Exception {
        Path drop = clean.drop(), key = clean.key(), cleanLake = clean.lake(), cleanOut = clean.out();
        double cleanSeconds = clean.seconds();
        // the clean run's progress lines are the kill points
        List<String> points = new ArrayList<>();
        for (String l : clean.lines()) {
            String k = boundary(l);
            if (k != null && !points.contains(k)) points.add(k);
        }
        Path lake = base.resolve("lake"), out = base.resolve("out");
        List<Integer> targets = draw(points, how, kills, new Random(SEED));
        List<String> landed = new ArrayList<>();
        List<String> landedStages = new ArrayList<>();
        int killed = 0;
        for (int i = 0; i < targets.size(); i++) {
            // stratified kills cover reading, bronze, silver, measures and publish by spreading over the lines;
            // one-per-stage kills name the stage
            int target = targets.get(i);
            Path log = base.resolve("kill-" + i + ".log");
            long s0 = System.nanoTime();
            Run r = run(drop, lake, out, key, log, points, target);
            if (r.killed) {
                killed++;
                landedStages.add(stage(r.at));
            }
            landed.add(String.format("kill %d at '%s' (%.1fs): %s%s", i + 1, points.get(target), (System.nanoTime() - s0) / 1e9,
                    r.killed ? "" : "(finished first, exit " + r.exit + ") ", lastStage(log)));
        }
        landed.forEach(System.out::println);
        System.out.printf("crash-safety: clean run %.1fs, %d kill(s) at progress-line boundaries (%s), %d landed%n",
                cleanSeconds, targets.size(), how, killed);
        if (how == Draw.ONE_PER_STAGE) {
            // a kill lands at its line or a later one: each landed in the stage it was drawn from, so every
            // writing stage was interrupted at least once
            assertEquals(STAGES, landedStages, "kills by stage:\n" + String.join("\n", landed));
        } else {
            // a kill only misses when its run resumed past every later line too (nothing left to kill)
            assertTrue(killed >= kills / 2, "only " + killed + " of " + kills + " kills landed:\n" + String.join("\n", landed));
        }
        // the run after the kills, in this JVM: it must clear the dead run's lock itself
        assertEquals(0, TinyDrop.inProcess(drop, lake, out, key, new ArrayList<>()), "the run after the kills");
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

    /**
     * A progress line's boundary: its stage and subject ({@code read ssda903/2024/episodes.csv},
     * {@code bronze ssda903_episodes}, {@code silver cla_episode}...), without row counts, timings or paths
     * that differ between runs; null for anything else.
     */
    static String boundary(String line) {
        if (!line.startsWith("[csc] ")) return null;
        String[] w = line.substring(6).trim().split("\\s+");
        if (w.length == 0 || w[0].isEmpty()) return null;
        if (w[0].equals("published")) return "published";
        // publish lines name the file under the out folder, which differs between the clean and the killed runs
        if (w[0].equals("publish") && w.length > 1) return "publish " + w[1].substring(w[1].lastIndexOf('/') + 1);
        return w.length > 1 ? w[0] + " " + w[1] : w[0];
    }
    /** at: the boundary of the line the kill landed on (null when not killed) */
    record Run(int exit, boolean killed, String at) {}

    /**
     * Runs {@code csc run} in a new JVM and kills it with SIGKILL the moment it prints the progress line of
     * {@code points.get(target)} or of any later point (target < 0: let it finish).
     */
    static Run run(Path drop, Path lake, Path out, Path key, Path log, List<String> points, int target)
            throws IOException, InterruptedException {
        List<String> cmd = csc.lakehouse.bench.ColdJvm.command("1g", "csc.lakehouse.cli.Csc",
                List.of("run", "--input", drop.toString(), "--lakehouse", lake.toString(), "--out", out.toString(),
                        "--key-file", key.toString(), "--shuffle-partitions", "2", "--master", "local[2]"));
        // a killed run lives seconds: C1 only and the serial collector (measured: the four CI kills took 101 s, 124 s
        // with the default JIT and G1); what is killed and checked is the same run
        cmd.addAll(1, List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        Process p = pb.start();
        boolean killed = false;
        String at = null;
        try (java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(),
                java.nio.charset.StandardCharsets.UTF_8));
             java.io.BufferedWriter w = Files.newBufferedWriter(log)) {
            String line;
            while ((line = in.readLine()) != null) {
                w.write(line);
                w.newLine();
                String b = boundary(line);
                if (!killed && target >= 0 && b != null && points.indexOf(b) >= target) {
                    p.destroyForcibly();   // SIGKILL on Unix
                    killed = true;
                    at = b;
                    break;                 // destroy closes the child's output stream: nothing more to read
                }
            }
        }
        p.waitFor();
        return new Run(p.exitValue(), killed, at);
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
        // each run's set under runs/<run_id>/ is named by its run: compare the usual names
        out.removeIf(f -> f.startsWith(csc.lakehouse.publish.OutputFolder.RUNS + "/"));
        return out;
    }
}
