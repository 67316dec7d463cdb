package csc.lakehouse.cli;

import csc.lakehouse.config.PseudonymKey;
import csc.lakehouse.lake.Progress;
import csc.lakehouse.measures.MeasuresJob;
import csc.lakehouse.measures.ReportedFigures;
import csc.lakehouse.synth.Generator;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.Callable;

/**
 * {@code ./csc demo}: generates the default synthetic borough (fixed seed, collection years 2013-2026),
 * then ingests, computes every measure and publishes into {@code ./lakehouse} and {@code ./out}. The
 * drop is generated once into {@code ./demo-drop} and reused while its seed and years are unchanged.
 * Uses a throwaway pseudonym key in {@code ~/.csc-lakehouse/demo.key}: synthetic data only.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Generate a synthetic borough and run the whole pipeline on it; prints where the outputs are.")
public final class DemoCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--drop", defaultValue = "demo-drop", paramLabel = "DIR", description = "where the synthetic drop goes (default: ${DEFAULT-VALUE})")
    String drop;

    @Option(names = "--out", defaultValue = "out", paramLabel = "DIR", description = "output folder (default: ${DEFAULT-VALUE})")
    String out;

    @Mixin
    SyntheticDropOptions synthetic;

    @Override
    public Integer call() throws Exception {
        long t0 = System.nanoTime();
        synthetic.check();
        Path dropDir = Paths.get(drop);
        synthetic.generateOrReuse(dropDir, "_demo.txt");
        PseudonymKey key = PseudonymKey.demoKey();
        SparkSession spark = common.session(key);
        // snapshots and the year to date at the council's report date too, so its reported figures have their match
        MeasuresJob.Options o = new MeasuresJob.Options(ReportedFigures.reportDate().orElse(null), null, null, false, null);
        Path outDir = Paths.get(out);
        int rc = RunCommand.pipeline(spark, common, key, dropDir.toString(), outDir.toString(), o, "demo");
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf("%nDemo finished in %s. Synthetic data only (%s). Lakehouse: %s%n", Progress.duration(s),
                synthetic.describe(), Paths.get(common.lakehouse).toAbsolutePath());
        return rc;
    }
}
