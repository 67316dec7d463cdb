package csc.lakehouse.cli;

import csc.lakehouse.lake.Housekeeping;
import csc.lakehouse.lake.Lakehouse;
import csc.lakehouse.lake.Progress;
import csc.lakehouse.lake.RunLock;
import csc.lakehouse.lake.RunManifest;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code ./csc maintain}: OPTIMIZE every table, then VACUUM with the retention policy. */
@Command(name = "maintain", mixinStandardHelpOptions = true,
        description = "Compact small files (OPTIMIZE) and remove unreferenced files older than the retention (VACUUM).")
public final class MaintainCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--retain-hours", defaultValue = "168", paramLabel = "H",
            description = "keep files needed by versions from the last H hours (default: ${DEFAULT-VALUE} = 7 days)")
    double retainHours;

    @Option(names = "--no-vacuum", description = "compact only")
    boolean noVacuum;

    @Override
    public Integer call() {
        SparkSession spark = common.session();
        Lakehouse lake = common.lake(spark);
        try (RunLock lock = common.lock(lake, "maintain")) {
            RunManifest manifest = new RunManifest("maintain");
            manifest.parameter("retain_hours", retainHours).parameter("vacuum", !noVacuum);
            long t0 = System.nanoTime();
            List<String> optimized = Housekeeping.optimize(lake);
            manifest.stage("optimize", (System.nanoTime() - t0) / 1e9);
            Progress.say("optimized %d tables", optimized.size());
            if (!noVacuum) {
                long t1 = System.nanoTime();
                List<String> vacuumed = Housekeeping.vacuum(lake, retainHours);
                manifest.stage("vacuum", (System.nanoTime() - t1) / 1e9);
                Progress.say("vacuumed %d tables (retention %.0f h)", vacuumed.size(), retainHours);
            }
            manifest.put("optimized", optimized);
            Progress.say("manifest: %s/%s", lake.root(), manifest.write(lake));
        }
        return Csc.OK;
    }
}
