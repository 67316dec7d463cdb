package csc.lakehouse.cli;

import csc.lakehouse.lake.Housekeeping;
import csc.lakehouse.lake.Lakehouse;
import csc.lakehouse.lake.Layer;
import csc.lakehouse.lake.Progress;
import csc.lakehouse.lake.RunLock;
import csc.lakehouse.lake.RunManifest;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;

/** {@code ./csc purge --before DATE}: bronze retention; the manifest records what was removed. */
@Command(name = "purge", mixinStandardHelpOptions = true,
        description = "Remove raw (bronze) rows and files ingested before a date; silver and gold keep their rows.")
public final class PurgeCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--before", required = true, paramLabel = "DATE", description = "ISO date: purge rows ingested before it")
    String before;

    @Override
    public Integer call() {
        LocalDate cutoff;
        try {
            cutoff = LocalDate.parse(before);
        } catch (DateTimeParseException e) {
            throw new Csc.UsageError("--before must be an ISO date (yyyy-mm-dd), not " + before);
        }
        SparkSession spark = common.session();
        Lakehouse lake = common.lake(spark);
        try (RunLock lock = common.lock(lake, "purge")) {
            RunManifest manifest = new RunManifest("purge");
            manifest.parameter("before", cutoff).parameter("lakehouse", lake.root());
            long t0 = System.nanoTime();
            for (Housekeeping.TableAction a : Housekeeping.purgeBronze(lake, cutoff)) {
                manifest.table(a.table(), Layer.BRONZE, a.rowsBefore(), a.rowsAfter(), null, null,
                        lake.version(Layer.BRONZE, a.table().substring("bronze.".length())).orElse(null));
                Progress.say("purge %-40s %,d -> %,d rows", a.table(), a.rowsBefore(), a.rowsAfter());
            }
            manifest.stage("purge", (System.nanoTime() - t0) / 1e9);
            Progress.say("manifest: %s/%s", lake.root(), manifest.write(lake));
        }
        return Csc.OK;
    }
}
