package csc.lakehouse.cli;

import csc.lakehouse.config.PseudonymKey;
import csc.lakehouse.lake.RunManifest;
import csc.lakehouse.pipeline.IngestAndConform;
import csc.lakehouse.pipeline.PipelineRun;
import csc.lakehouse.measures.MeasuresJob;
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
 * manifest for all stages ({@link PipelineRun}). Exit code 3 when inputs were rejected; what could be read is still published.
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
        return pipeline(spark, common, key, input, out, o, "run");
    }

    /** What one run did: its exit code, the ingest's outcome and the run's manifest (tests reuse a run's outcome). */
    public record Ran(int exitCode, IngestAndConform.Result ingest, RunManifest manifest) {}

    /** The whole pipeline ({@link PipelineRun#run}); shared with {@code demo}. */
    static int pipeline(SparkSession spark, CommonOptions common, PseudonymKey key, String input, String dir,
                        MeasuresJob.Options o, String command) throws Exception {
        return run(spark, common, key, input, dir, o, command).exitCode();
    }

    /** {@link #pipeline}, returning what the run did. Exit code 3 when inputs were rejected. */
    public static Ran run(SparkSession spark, CommonOptions common, PseudonymKey key, String input, String dir,
                          MeasuresJob.Options o, String command) throws Exception {
        csc.lakehouse.lake.Lakehouse lake = common.lake(spark);
        PipelineRun.Ran r = PipelineRun.run(spark, lake, common.waitSeconds, key.origin(), input, common.la,
                csc.lakehouse.publish.OutputFolder.at(lake.hadoopConf(), dir), o, command);
        return new Ran(r.ingest().inputsRejected() ? Csc.REJECTED : Csc.OK, r.ingest(), r.manifest());
    }
}
