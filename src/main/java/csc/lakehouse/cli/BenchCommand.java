package csc.lakehouse.cli;

import csc.lakehouse.bench.DropInDuckDb;
import csc.lakehouse.bench.LikeForLike;
import csc.lakehouse.config.PseudonymKey;
import csc.lakehouse.conform.Pseudonymiser;
import csc.lakehouse.lake.Lakehouse;
import csc.lakehouse.lake.Progress;
import csc.lakehouse.lake.RunManifest;
import csc.lakehouse.lake.SparkSessions;
import csc.lakehouse.measures.MeasuresJob;
import csc.lakehouse.pipeline.IngestAndConform;
import csc.lakehouse.pipeline.PipelineRun;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code ./csc bench}: architecture.md section 6. Generates (or reuses) a synthetic drop, runs ingest, measures
 * and publish into a fresh temporary lakehouse timing each stage, then computes six headline measures
 * (referrals, rereferrals_12m, assessments_45wd, cpp_31mar, cin_plan_duration, cla_starts_police_protection)
 * again from the same drop in embedded DuckDB, written independently from the Spark code from measures.md,
 * and compares every figure with the pipeline's trends.csv; then times the like-for-like benchmark (the six
 * measures from the run's silver by Spark and by DuckDB, each in a cold JVM: {@link LikeForLike}). Exit 1 and a
 * list of differences when any figure disagrees. The last line is
 * {@code bench scale=<scale> rows=<rows> spark_s=<s> duckdb_s=<s> ratio=<spark_s/duckdb_s> peak_rss_mb=<MB>
 * jobs=<Spark jobs> tasks=<Spark tasks> commits=<Delta commits> files=<data files written>} (the last four count the
 * Spark side's ingest, measures and publish), then {@code lfl_spark_s=<s> lfl_duckdb_s=<s> lfl_ratio=<r>} (the
 * like-for-like step's). {@code --lakehouse DIR} runs the like-for-like step alone.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Time the pipeline on a synthetic drop against a DuckDB reference implementation of six headline measures,"
                + " end to end and like for like (the six from the run's silver, each engine in a cold JVM).")
public final class BenchCommand implements Callable<Integer> {
    @picocli.CommandLine.Mixin
    SyntheticDropOptions synthetic;

    @Option(names = "--drop", paramLabel = "DIR",
            description = "where the synthetic drop is generated or reused (default: bench-drops/seed-<seed>-scale-<scale>-<from>-<to>)")
    Path drop;

    @Option(names = "--keep", description = "keep the temporary lakehouse, outputs and DuckDB flat files (their folder is printed)")
    boolean keep;

    @Option(names = "--master", paramLabel = "URL", description = "Spark master (default: local[*], or what spark-submit set)")
    String master;

    @Option(names = "--shuffle-partitions", paramLabel = "N", defaultValue = "4",
            description = "Spark SQL shuffle partitions (default: ${DEFAULT-VALUE})")
    int shufflePartitions;

    @Option(names = "--key-file", paramLabel = "FILE",
            description = "pseudonym key file (else CSC_PSEUDONYM_KEY / CSC_PSEUDONYM_KEY_FILE, else the demo key: synthetic data only)")
    String keyFile;

    @Option(names = "--debug", description = "print stack traces")
    boolean debug;

    @Option(names = "--no-like-for-like", description = "skip the like-for-like timing (six measures from the run's silver, each engine in a cold JVM)")
    boolean noLikeForLike;

    @Option(names = "--lakehouse", paramLabel = "DIR",
            description = "time only the like-for-like benchmark, on this existing lakehouse's silver (no drop, no pipeline run)")
    Path lakehouse;

    @Option(names = "--duckdb-only", description = "diagnostic: time only the DuckDB side (no Spark, no comparison, no contract line)")
    boolean duckdbOnly;

    private final Map<String, Double> stages = new LinkedHashMap<>();

    @Override
    public Integer call() throws Exception {
        if (lakehouse != null) return likeForLikeOnly();
        synthetic.check();
        String scale = synthetic.scale;
        Path dropDir = drop != null ? drop
                : Paths.get("bench-drops", "seed-" + synthetic.seed + "-scale-" + scale + "-" + synthetic.from + "-" + synthetic.to);
        long rows = ensureDrop(dropDir);

        Path work = Files.createTempDirectory("csc-bench-");
        if (duckdbOnly) {
            try (Connection db = DriverManager.getConnection("jdbc:duckdb:")) {
                DropInDuckDb ref = new DropInDuckDb(db, dropDir, work.resolve("duckdb"));
                long t = System.nanoTime();
                ref.flatten();
                stage("duckdb.flatten_xml", t);
                t = System.nanoTime();
                ref.load();
                stage("duckdb.load", t);
                t = System.nanoTime();
                ref.measures();
                stage("duckdb.measures", t);
                for (Map.Entry<String, Double> e : stages.entrySet()) {
                    System.out.printf(Locale.ROOT, "stage %-22s %9.2f s%n", e.getKey(), e.getValue());
                }
                System.out.println(String.format(Locale.ROOT, "bench duckdb-only scale=%s rows=%d duckdb_s=%.2f peak_rss_mb=%d (not compared)",
                        scale, rows, sum("duckdb."), peakRssMb()));
                return Csc.OK;
            } finally {
                if (!keep) deleteTree(work);
            }
        }
        try {
            // ---- Spark: the pipeline's own stages into a fresh lakehouse ----
            PseudonymKey key = benchKey();
            long t = System.nanoTime();
            SparkSession spark = SparkSessions.embedded(master, shufflePartitions);
            Pseudonymiser.register(spark, key);
            stage("spark.session", t);
            Lakehouse lake = new Lakehouse(spark, work.resolve("lakehouse").toString());
            RunManifest manifest = new RunManifest("bench");
            csc.lakehouse.lake.WorkCounter.Snapshot work0 = csc.lakehouse.lake.WorkCounter.snapshot();
            manifest.parameter("input", dropDir.toString()).parameter("lakehouse", lake.root());
            PipelineRun pipeline = new PipelineRun(spark, lake, manifest);
            t = System.nanoTime();
            IngestAndConform.Result ingested = pipeline.ingest(dropDir.toString(), null, false, List.of());
            stage("spark.ingest", t);
            if (ingested.nothingUsable()) throw new IllegalStateException("no usable input in " + dropDir);
            t = System.nanoTime();
            pipeline.measures(new MeasuresJob.Options(null, null, null, false, null));
            stage("spark.measures", t);
            t = System.nanoTime();
            Path out = work.resolve("out");
            pipeline.publish(csc.lakehouse.publish.OutputFolder.at(lake.hadoopConf(), out.toString()), null);
            stage("spark.publish", t);
            double sparkS = sum("spark.");
            csc.lakehouse.lake.WorkCounter.Snapshot sparkWork = csc.lakehouse.lake.WorkCounter.snapshot().since(work0);

            // ---- DuckDB: the reference implementation on the same drop ----
            List<String> diffs;
            try (Connection db = DriverManager.getConnection("jdbc:duckdb:")) {
                DropInDuckDb ref = new DropInDuckDb(db, dropDir, work.resolve("duckdb"));
                t = System.nanoTime();
                ref.flatten();
                stage("duckdb.flatten_xml", t);
                t = System.nanoTime();
                ref.load();
                stage("duckdb.load", t);
                t = System.nanoTime();
                ref.measures();
                stage("duckdb.measures", t);
                double duckS = sum("duckdb.");
                t = System.nanoTime();
                diffs = ref.compare(out.resolve("trends.csv"));
                long compared = ref.compared;
                stage("compare", t);
                for (Map.Entry<String, Double> e : stages.entrySet()) {
                    System.out.printf(Locale.ROOT, "stage %-22s %9.2f s%n", e.getKey(), e.getValue());
                }
                System.out.printf(Locale.ROOT, "compared %d figures of %s: %d difference(s)%n", compared,
                        String.join(", ", ref.measureIds()), diffs.size());
                if (keep) System.out.println("kept: " + work.toAbsolutePath());
                if (!diffs.isEmpty()) {
                    System.out.println("measure_id | new_la_code | time_period | breakdown | breakdown_value | spark num/den/value | duckdb num/den/value");
                    for (String d : diffs) System.out.println("  " + d);
                    System.out.println("bench FAILED: " + diffs.size() + " figure(s) differ between Spark and DuckDB");
                    return Csc.FAILED;
                }
                if (compared == 0) {
                    System.out.println("bench FAILED: nothing was compared");
                    return Csc.FAILED;
                }
                System.out.println("end-to-end: spark_s = ingest, measures and publish of the drop (Spark, this JVM);"
                        + " duckdb_s = the six measures from the drop's files (DuckDB, this JVM, after Spark)");
                String lfl = "";
                if (!noLikeForLike) {
                    LikeForLike.Result r = likeForLike(work.resolve("lakehouse"), work.resolve("like-for-like"));
                    if (r == null) return Csc.FAILED;
                    lfl = String.format(Locale.ROOT, " lfl_spark_s=%.2f lfl_duckdb_s=%.2f lfl_ratio=%.2f", r.sparkSeconds(),
                            r.duckdbSeconds(), r.ratio());
                }
                // the Spark side's work (ingest, measures, publish) after the timings: machine-independent figures
                System.out.println(String.format(Locale.ROOT, "bench scale=%s rows=%d spark_s=%.2f duckdb_s=%.2f ratio=%.2f peak_rss_mb=%d %s%s",
                        scale, rows, sparkS, duckS, duckS > 0 ? sparkS / duckS : 0.0, peakRssMb(), sparkWork.line(), lfl));
                return Csc.OK;
            }
        } finally {
            if (!keep) deleteTree(work);
        }
    }

    /** {@code --lakehouse DIR}: the like-for-like benchmark alone, on an existing lakehouse. */
    private int likeForLikeOnly() throws Exception {
        if (!Files.isDirectory(lakehouse.resolve("silver"))) {
            System.err.println("bench: " + lakehouse + " has no silver folder: not a lakehouse");
            return Csc.USAGE;
        }
        Path work = Files.createTempDirectory("csc-bench-lfl-");
        try {
            LikeForLike.Result r = likeForLike(lakehouse, work);
            if (r == null) return Csc.FAILED;
            System.out.println(String.format(Locale.ROOT, "bench like-for-like lakehouse=%s figures=%d spark_s=%.2f duckdb_s=%.2f ratio=%.2f",
                    lakehouse, r.figures(), r.sparkSeconds(), r.duckdbSeconds(), r.ratio()));
            return Csc.OK;
        } finally {
            if (!keep) deleteTree(work);
        }
    }

    /**
     * The six measures from the lakehouse's silver, Spark and DuckDB each in a cold JVM of this one's heap, compared;
     * null (after printing the differences) when they disagree or nothing was compared.
     */
    private LikeForLike.Result likeForLike(Path lake, Path work) throws Exception {
        long t = System.nanoTime();
        LikeForLike.Result r = LikeForLike.run(lake, work, csc.lakehouse.bench.ColdJvm.sameHeap(), shufflePartitions);
        stages.put("like-for-like (both cold JVMs and the comparison)", (System.nanoTime() - t) / 1e9);
        System.out.printf(Locale.ROOT, "like-for-like: the six measures from the run's silver, each engine in a cold JVM of its own"
                + " (start to exit): spark_s=%.2f duckdb_s=%.2f ratio=%.2f; compared %d figures: %d difference(s)%n",
                r.sparkSeconds(), r.duckdbSeconds(), r.ratio(), r.figures(), r.differences().size());
        if (!r.differences().isEmpty() || r.figures() == 0) {
            System.out.println("measure_id | new_la_code | time_period | breakdown | breakdown_value | spark num/den/value | duckdb num/den/value");
            for (String d : r.differences()) System.out.println("  " + d);
            System.out.println("bench FAILED: the like-for-like engines " + (r.figures() == 0 ? "compared nothing" : "disagree"));
            return null;
        }
        return r;
    }

    private PseudonymKey benchKey() {
        if (keyFile != null || System.getenv("CSC_PSEUDONYM_KEY") != null || System.getenv("CSC_PSEUDONYM_KEY_FILE") != null) {
            return PseudonymKey.resolve(keyFile);
        }
        return PseudonymKey.demoKey();
    }

    private void stage(String name, long t0) {
        double s = (System.nanoTime() - t0) / 1e9;
        stages.put(name, s);
        Progress.say("bench: %s %.2f s", name, s);
    }

    private double sum(String prefix) {
        return stages.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).mapToDouble(Map.Entry::getValue).sum();
    }

    /** Generates the drop unless it already holds these parameters; returns its input rows. */
    private long ensureDrop(Path dir) throws Exception {
        long t = System.nanoTime();
        long rows = synthetic.generateOrReuse(dir, "_bench.txt");
        stage("generate or reuse the drop (not timed in spark_s/duckdb_s)", t);
        return rows;
    }

    /** Peak resident set size of this JVM (VmHWM), in MB; -1 where /proc is not available. */
    static long peakRssMb() {
        try {
            for (String l : Files.readAllLines(Paths.get("/proc/self/status"))) {
                if (l.startsWith("VmHWM:")) {
                    return Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) return;
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(x);
        }
    }
}
