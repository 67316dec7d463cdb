package csc.lakehouse.pipeline;

import csc.lakehouse.ingest.InputFile;
import csc.lakehouse.ingest.ParsedFile;
import csc.lakehouse.lake.Lakehouse;
import csc.lakehouse.lake.Progress;
import csc.lakehouse.lake.RunLock;
import csc.lakehouse.lake.RunManifest;
import csc.lakehouse.lake.WorkCounter;
import csc.lakehouse.measures.MeasuresJob;
import csc.lakehouse.publish.EvidencePack;
import csc.lakehouse.publish.OutputFolder;
import csc.lakehouse.publish.PublishJob;
import csc.lakehouse.publish.RunSummary;
import org.apache.spark.sql.SparkSession;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The pipeline's stages in order, bronze to published files, under one manifest: {@link IngestAndConform}
 * (bronze and silver), {@link MeasuresJob} (gold, from silver only) and {@link PublishJob}. The one place they
 * are wired together: {@code run}, {@code demo} and {@code job} run {@link #run} whole; {@code bench} times the
 * stages one by one; {@code ingest}, {@code measures} and {@code publish} run one stage each.
 */
public final class PipelineRun {
    /** What {@link #measures} did. */
    public record Measured(List<String> goldTables) {
        public Measured { goldTables = List.copyOf(goldTables); }
    }

    /** What {@link #publish} did: the published trends rows. */
    public record Published(long trendRows) {}

    /** What one whole run did (tests reuse a run's outcome). */
    public record Ran(IngestAndConform.Result ingest, Measured measures, Published published, RunManifest manifest) {}

    private final SparkSession spark;
    private final Lakehouse lake;
    private final RunManifest manifest;

    public PipelineRun(SparkSession spark, Lakehouse lake, RunManifest manifest) {
        this.spark = spark;
        this.lake = lake;
        this.manifest = manifest;
    }

    /** Bronze and silver from a drop (and inputs read elsewhere), timed as the manifest's "ingest" stage. */
    public IngestAndConform.Result ingest(String input, String la, boolean reconform,
                                          List<Map.Entry<InputFile, ParsedFile>> fromDb) throws Exception {
        long t0 = System.nanoTime();
        // interpreted, non-adaptive execution for a borough's drop; Spark's defaults for a national one
        csc.lakehouse.lake.WorkSettings.forInput(spark, input);
        manifest.parameter("work_settings", csc.lakehouse.lake.WorkSettings.small(spark) ? "small" : "large");
        IngestAndConform.Result r = new IngestAndConform(spark, lake, manifest, la).forceConform(reconform)
                .withInputsReadElsewhere(fromDb).run(input);
        manifest.stage("ingest", (System.nanoTime() - t0) / 1e9);
        Progress.say("ingest: %d file(s) ingested, %d already seen, %d rejected, %d not recognised",
                r.filesIngested(), r.filesSkipped(), r.filesRejected(), r.filesUnrecognised());
        if (r.nothingUsable()) {
            Progress.say("no usable input in %s", input);
        }
        return r;
    }

    /** Gold from silver. */
    public Measured measures(MeasuresJob.Options o) {
        return new Measured(new MeasuresJob(lake, manifest).run(o));
    }

    /** The published files from gold; {@code benchmarks} null for the extracts bundled in the jar. */
    public Published publish(OutputFolder out, Path benchmarks) {
        return new Published(new PublishJob(lake, manifest).withBenchmarks(benchmarks).run(out).size());
    }

    /**
     * Ingest, measures and publish under one lock and one manifest, then the manifest and the run's summary:
     * {@code run}, {@code demo} (and {@code job}, which runs {@code run}).
     *
     * @param keyOrigin where the pseudonym key came from, recorded in the manifest
     * @param la        DfE LA number for files that do not name their LA, or null
     */
    public static Ran run(SparkSession spark, Lakehouse lake, long waitSeconds, String keyOrigin, String input, String la,
                          OutputFolder out, MeasuresJob.Options o, String command) throws Exception {
        try (RunLock lock = RunLock.acquire(lake, command, waitSeconds)) {
            RunManifest manifest = new RunManifest(command);
            PipelineRun stages = new PipelineRun(spark, lake, manifest);
            WorkCounter.Snapshot work0 = WorkCounter.snapshot();
            manifest.parameter("input", input).parameter("lakehouse", lake.root()).parameter("pseudonym_key", keyOrigin);
            // shares of a borough run's time, measured on the demo: ingest and conform most, publish least
            Progress.Steps steps = new Progress.Steps(new String[] {"reading extracts (bronze and silver)",
                    "computing measures (gold)", "publishing the outputs", "recording the run"}, new double[] {0.6, 0.3, 0.08, 0.02});
            steps.next();
            IngestAndConform.Result ingested = stages.ingest(input, la, false, List.of());
            steps.next();
            Measured measured = stages.measures(o);
            steps.next();
            Published published = stages.publish(out, csc.lakehouse.publish.BundledBenchmarks.fromDrop(lake.hadoopConf(), input));
            steps.next();
            // the run's work (before the manifest's own audit row): jobs, tasks, commits, files
            WorkCounter.Snapshot work = WorkCounter.snapshot().since(work0);
            manifest.put("work", work.toMap());
            Progress.say("work: %,d Spark jobs, %,d tasks, %,d Delta commits, %,d files written",
                    work.sparkJobs(), work.sparkTasks(), work.deltaCommits(), work.filesWritten());
            String json = PublishJob.writeManifest(lake, manifest, out);
            Progress.say("published to %s (manifest.json) in %s", out.uri(), Progress.duration(steps.elapsedSeconds()));
            System.out.println();
            for (String line : RunSummary.lines(out, EvidencePack.warnings(
                    new com.fasterxml.jackson.databind.ObjectMapper().readTree(json)),
                    "open " + out.display("evidence-pack.html") + " in a browser; to use your own extracts: ./csc run --input DIR --out DIR")) {
                System.out.println(line);
            }
            return new Ran(ingested, measured, published, manifest);
        }
    }
}
