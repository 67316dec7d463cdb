package csc.lakehouse.cli;

import csc.lakehouse.lake.Lakehouse;
import csc.lakehouse.lake.Progress;
import csc.lakehouse.lake.RunManifest;
import csc.lakehouse.pipeline.PipelineRun;
import csc.lakehouse.publish.OutputFolder;
import csc.lakehouse.publish.PublishJob;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Paths;
import java.util.concurrent.Callable;

/** {@code ./csc publish --out DIR}: the section 5 files from gold. */
@Command(name = "publish", mixinStandardHelpOptions = true,
        description = "Write trends.csv, its notes and manifest.json (and the other published files) from gold.")
public final class PublishCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output folder")
    String out;

    @Option(names = "--benchmarks", paramLabel = "DIR",
            description = "published DfE comparators (default: the DfE files bundled in the jar)")
    String benchmarks;

    @Override
    public Integer call() {
        SparkSession spark = common.session();
        Lakehouse lake = common.lake(spark);
        OutputFolder dir = OutputFolder.at(lake.hadoopConf(), out);
        if (lake.tables(csc.lakehouse.lake.Layer.GOLD).isEmpty()) {
            throw new Csc.UsageError("no gold tables in " + lake.root() + ": run ./csc measures first");
        }
        try (csc.lakehouse.lake.RunLock lock = common.lock(lake, "publish")) {
            RunManifest manifest = new RunManifest("publish");
            manifest.parameter("lakehouse", lake.root());
            new PipelineRun(spark, lake, manifest).publish(dir, benchmarks == null ? null : Paths.get(benchmarks));
            PublishJob.writeManifest(lake, manifest, dir);
            Progress.say("published to %s (manifest.json)", dir.uri());
            return Csc.OK;
        }
    }
}
