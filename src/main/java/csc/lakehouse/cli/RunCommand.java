package csc.lakehouse.cli;

import csc.lakehouse.config.PseudonymKey;
import csc.lakehouse.ingest.IngestJob;
import csc.lakehouse.lake.Lakehouse;
import csc.lakehouse.lake.Progress;
import csc.lakehouse.lake.RunManifest;
import csc.lakehouse.lake.WorkCounter;
import csc.lakehouse.measures.MeasuresJob;
import csc.lakehouse.publish.PublishJob;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.Callable;

/**
 * {@code ./csc run --input DIR --out DIR}: ingest (the same code as {@code ingest}), measures and publish, with one
 * manifest for all stages. Exit code 3 when inputs were rejected; what could be read is still published.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Ingest an extract drop, compute the measures and publish, in one go.")
public final class RunCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Mixin
    MeasuresCommand.MeasureOptions measureOptions;

    @Option(names = "--input", required = true, paramLabel = "DIR", description = "the extract drop")
    String input;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output folder")
    String out;

    @Override
    public Integer call() throws Exception {
        MeasuresJob.Options o = measureOptions.options();
        PseudonymKey key = common.key();
        if (!input.contains("://") && !Files.isDirectory(Paths.get(input))) {
            throw new Csc.UsageError("input folder " + input + " does not exist");
        }
        SparkSession spark = common.session(key);
        return pipeline(spark, common, key, input, Paths.get(out), o, "run");
    }

    /** What one run did: its exit code, the ingest's outcome and the run's manifest (tests reuse a run's outcome). */
    public record Ran(int exitCode, IngestJob.Result ingest, RunManifest manifest) {}

    /** Ingest, measures and publish under one lock and one manifest; shared with {@code demo}. */
    static int pipeline(SparkSession spark, CommonOptions common, PseudonymKey key, String input, Path dir,
                        MeasuresJob.Options o, String command) throws Exception {
        return run(spark, common, key, input, dir, o, command).exitCode();
    }

    /** {@link #pipeline}, returning what the run did. */
    public static Ran run(SparkSession spark, CommonOptions common, PseudonymKey key, String input, Path dir,
                          MeasuresJob.Options o, String command) throws Exception {
        Lakehouse lake = common.lake(spark);
        try (csc.lakehouse.lake.RunLock lock = common.lock(lake, command)) {
            RunManifest manifest = new RunManifest(command);
            WorkCounter.Snapshot work0 = WorkCounter.snapshot();
            manifest.parameter("input", input).parameter("lakehouse", lake.root()).parameter("pseudonym_key", key.origin());
            // shares of a borough run's time, measured on the demo: ingest and conform most, publish least
            Progress.Steps steps = new Progress.Steps(new String[] {"reading extracts (bronze and silver)",
                    "computing measures (gold)", "publishing the outputs", "recording the run"}, new double[] {0.6, 0.3, 0.08, 0.02});
            steps.next();
            IngestCommand.Result ingested = IngestCommand.ingest(spark, lake, manifest, input, common.la, false);
            steps.next();
            new MeasuresJob(lake, manifest).run(o);
            steps.next();
            Path benchmarks = Paths.get(input, "benchmarks");
            new PublishJob(lake, manifest).withBenchmarks(Files.isDirectory(benchmarks) ? benchmarks : null).run(dir);
            steps.next();
            // the run's work (before the manifest's own audit row): jobs, tasks, commits, files
            WorkCounter.Snapshot work = WorkCounter.snapshot().since(work0);
            manifest.put("work", work.toMap());
            Progress.say("work: %,d Spark jobs, %,d tasks, %,d Delta commits, %,d files written",
                    work.sparkJobs(), work.sparkTasks(), work.deltaCommits(), work.filesWritten());
            Path m = PublishJob.writeManifest(lake, manifest, dir);
            Progress.say("published to %s (manifest %s) in %s", dir, m.getFileName(), Progress.duration(steps.elapsedSeconds()));
            String json = java.nio.file.Files.readString(m);
            System.out.println();
            for (String line : csc.lakehouse.publish.RunSummary.lines(dir, csc.lakehouse.publish.EvidencePack.warnings(
                    new com.fasterxml.jackson.databind.ObjectMapper().readTree(json)),
                    "open " + dir.resolve("evidence-pack.html") + " in a browser; to use your own extracts: ./csc run --input DIR --out DIR")) {
                System.out.println(line);
            }
            return new Ran(ingested.exitCode(), ingested.job(), manifest);
        }
    }
}
