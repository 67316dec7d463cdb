package csc.lakehouse.cli;

import csc.lakehouse.lake.Lakehouse;
import csc.lakehouse.lake.Progress;
import csc.lakehouse.lake.RunManifest;
import csc.lakehouse.measures.MeasuresJob;
import csc.lakehouse.pipeline.PipelineRun;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;

/** {@code ./csc measures}: gold tables from silver. */
@Command(name = "measures", mixinStandardHelpOptions = true,
        description = "Compute every measure family from silver into gold Delta tables.")
public final class MeasuresCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Mixin
    MeasureOptions measureOptions;

    @Override
    public Integer call() {
        MeasuresJob.Options o = measureOptions.options();
        SparkSession spark = common.session();
        Lakehouse lake = common.lake(spark);
        try (csc.lakehouse.lake.RunLock lock = common.lock(lake, "measures")) {
            RunManifest manifest = new RunManifest("measures");
            manifest.parameter("lakehouse", lake.root());
            csc.lakehouse.lake.WorkSettings.forLakehouse(spark, lake.root());
            new PipelineRun(spark, lake, manifest).measures(o);
            String path = manifest.write(lake);
            Progress.say("manifest: %s/%s", lake.root(), path);
            return Csc.OK;
        }
    }

    /** The options of the measures stage, shared with {@code run}. */
    public static class MeasureOptions {
        @Option(names = "--as-at", paramLabel = "DATE", description = "also publish snapshot measures at this date (yyyy-mm-dd)")
        String asAt;

        @Option(names = "--from", paramLabel = "YEAR", description = "first reporting year (year ending 31 March) to compute")
        Integer from;

        @Option(names = "--to", paramLabel = "YEAR", description = "last reporting year to compute")
        Integer to;

        @Option(names = "--monthly", description = "also publish snapshot measures at every month end")
        boolean monthly;

        @Option(names = "--base-year", paramLabel = "YEAR", description = "base year of the demand index (default: first year held)")
        Integer baseYear;

        MeasuresJob.Options options() {
            LocalDate d = null;
            if (asAt != null) {
                try {
                    d = LocalDate.parse(asAt);
                } catch (DateTimeParseException e) {
                    throw new Csc.UsageError("--as-at " + asAt + " is not a date (yyyy-mm-dd)");
                }
            }
            if (from != null && to != null && from > to) {
                throw new Csc.UsageError("--from " + from + " is after --to " + to);
            }
            return new MeasuresJob.Options(d, from, to, monthly, baseYear);
        }
    }
}
