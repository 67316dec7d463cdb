package csc.lakehouse;

import csc.lakehouse.pipeline.IngestAndConform;
import csc.lakehouse.cli.CommonOptions;
import csc.lakehouse.cli.RunCommand;
import csc.lakehouse.config.PseudonymKey;
import csc.lakehouse.lake.Lakehouse;
import csc.lakehouse.lake.RunManifest;
import csc.lakehouse.measures.MeasuresJob;
import csc.lakehouse.synth.Generator;
import org.apache.spark.sql.SparkSession;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The suite's one shared full-pipeline fixture: a small generated drop (every source, collection years
 * 2023-2025) and the lakehouse and out folder one {@code csc run} makes of it, built once per test JVM on
 * first use. The privacy scan, the generated-drop checks, the DuckDB agreement, the notebooks' SQL on real
 * data and the incremental refresh with its batching check (as its full rebuild) all read it, so the suite pays
 * for this run once instead of once per class.
 *
 * <p>Read-only for its users: a test that needs to change a lakehouse builds its own (or copies this drop).
 * The seed, scale and years are the generated-drop checks' (GeneratedDrop): seed 20231, scale 0.1.
 */
public final class SmallDrop {
    public static final long SEED = 20231;
    public static final String SCALE = "0.1";
    public static final int FROM = 2023, TO = 2025;

    /** the drop, as generated (never written to by a test) */
    public final Path dir;
    public final Path lakeRoot;
    public final Path out;
    /** a file holding the test pseudonym key */
    public final Path keyFile;
    public final Lakehouse lake;
    public final Generator.Result generated;
    /** the run's exit code, the ingest's outcome and the run's manifest */
    public final RunCommand.Ran ran;
    public final double runSeconds;

    private static SmallDrop instance;

    public static synchronized SmallDrop get() {
        if (instance == null) {
            try {
                instance = new SmallDrop();
            } catch (Exception e) {
                throw new IllegalStateException("building the shared small drop failed", e);
            }
        }
        return instance;
    }

    private SmallDrop() throws Exception {
        Path base = SparkTestSession.tempDir("small-drop");
        dir = base.resolve("drop");
        lakeRoot = base.resolve("lake");
        out = base.resolve("out");
        keyFile = base.resolve("key");
        Files.writeString(keyFile, SparkTestSession.TEST_KEY);
        generated = Generator.generate(new Generator.Options(dir, SEED, SCALE, FROM, TO, false, false, 1), null);
        SparkTestSession.get();
        // the same path as `csc run --input DIR --lakehouse LAKE --out OUT --key-file KEY`
        CommonOptions common = new CommonOptions();
        common.lakehouse = lakeRoot.toString();
        common.keyFile = keyFile.toString();
        common.shufflePartitions = Integer.getInteger("csc.shuffle.partitions", 4);
        PseudonymKey key = common.key();
        SparkSession spark = common.session(key);
        long t0 = System.nanoTime();
        ran = RunCommand.run(spark, common, key, dir.toString(), out.toString(), MeasuresJob.Options.defaults(), "run");
        runSeconds = (System.nanoTime() - t0) / 1e9;
        System.err.printf("[small-drop] shared fixture: %d input rows, csc run %.1f s, exit %d%n",
                generated.rows(), runSeconds, ran.exitCode());
        lake = new Lakehouse(SparkTestSession.get(), lakeRoot.toString());
    }

    public IngestAndConform.Result ingest() { return ran.ingest(); }

    public RunManifest manifest() { return ran.manifest(); }
}
