package csc.lakehouse.synth;

import csc.lakehouse.pipeline.IngestAndConform;
import csc.lakehouse.SmallDrop;
import csc.lakehouse.SparkTestSession;
import csc.lakehouse.conform.SilverWriter;
import csc.lakehouse.lake.Lakehouse;
import csc.lakehouse.lake.Layer;
import csc.lakehouse.lake.RunManifest;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A tiny generated drop (seed 20231, scale 0.1, collection years 2023-2025) ingested into a temp lakehouse. Cached per
 * JVM by dirtiness. The clean drop is the suite's shared fixture ({@link SmallDrop}: the same drop through one
 * {@code csc run}, so its gold is already there); the dirty one is generated and ingested here.
 */
final class GeneratedDrop {
    static final long SEED = SmallDrop.SEED;
    static final String SCALE = SmallDrop.SCALE;
    static final int FROM = SmallDrop.FROM, TO = SmallDrop.TO;

    final Path dir;
    final Lakehouse lake;
    final Generator.Result generated;
    final IngestAndConform.Result ingest;
    final RunManifest manifest;

    private static final Map<Boolean, GeneratedDrop> CACHE = new HashMap<>();

    static synchronized GeneratedDrop get(boolean dirty) {
        return CACHE.computeIfAbsent(dirty, d -> {
            try { return new GeneratedDrop(d); } catch (Exception e) { throw new IllegalStateException(e); }
        });
    }

    /** whether gold is already computed (the shared run measured it) */
    final boolean measured;

    private GeneratedDrop(boolean dirty) throws Exception {
        if (!dirty && System.getProperty("csc.test.cleanLake") == null) {
            SmallDrop shared = SmallDrop.get();
            dir = shared.dir;
            lake = shared.lake;
            generated = shared.generated;
            ingest = shared.ingest();
            manifest = shared.manifest();
            measured = true;
            return;
        }
        measured = false;
        dir = SparkTestSession.tempDir(dirty ? "gen-dirty" : "gen-clean");
        generated = Generator.generate(new Generator.Options(dir, SEED, SCALE, FROM, TO, dirty, false, 1), System.err);
        // -Dcsc.test.cleanLake=DIR reuses a lakehouse already ingested (and measured) from this same clean drop
        String reuse = System.getProperty(dirty ? "csc.test.dirtyLake" : "csc.test.cleanLake");
        Path root = reuse != null ? Path.of(reuse) : SparkTestSession.tempDir(dirty ? "lake-dirty" : "lake-clean");
        lake = new Lakehouse(SparkTestSession.get(), root.toString());
        manifest = new RunManifest("ingest");
        ingest = reuse != null ? null : new IngestAndConform(SparkTestSession.get(), lake, manifest, Generator.BOROUGH_LA).run(dir.toString());
    }

    /** quarantined rows by table and rule id (first rule broken), from quarantine.<table> */
    Map<String, Long> quarantinedByTableRule() {
        Map<String, Long> out = new TreeMap<>();
        for (String t : lake.tables(Layer.QUARANTINE)) if (!t.endsWith("_warnings"))
            for (Row r : lake.read(Layer.QUARANTINE, t).groupBy("rule_id").count().collectAsList())
                out.put(t + "/" + r.getString(0), r.getLong(1));
        return out;
    }

    /** warnings by table and rule */
    Map<String, Long> warningsByTableRule() {
        Map<String, Long> out = new TreeMap<>();
        if (ingest != null) for (SilverWriter.Outcome o : ingest.silver())
            if (o.warningsByRule() != null) o.warningsByRule().forEach((k, v) -> { if (v != null && v > 0) out.put(o.table() + "/" + k, v); });
        return out;
    }

    /** a few example quarantined rows per table (original_row and rules) for the failure message */
    String examples() {
        StringBuilder sb = new StringBuilder();
        for (String t : lake.tables(Layer.QUARANTINE)) { if (t.endsWith("_warnings")) continue;
            Dataset<Row> q = lake.read(Layer.QUARANTINE, t);
            for (Row r : q.limit(3).collectAsList()) sb.append(t).append(": ").append(r.mkString(" | ")).append('\n');
        }
        return sb.toString();
    }
}
