package csc.lakehouse.lake;

import csc.lakehouse.spec.BronzeSpec;
import io.delta.tables.DeltaTable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.col;

/**
 * Delta housekeeping and bronze retention.
 * <ul>
 *   <li>{@link #optimize}: compacts small files (one OPTIMIZE per table); worth running after many
 *       small ingests.</li>
 *   <li>{@link #vacuum}: removes files no longer referenced by versions newer than the retention
 *       (default 7 days, Delta's own minimum without the safety override). Time travel is not an archive:
 *       published outputs are kept as files with their manifest, so they do not depend on old versions.</li>
 *   <li>{@link #purgeBronze}: deletes raw rows ingested before a date (retention policy for the raw layer)
 *       and, with a vacuum of retention 0, the data files that held them.</li>
 * </ul>
 */
public final class Housekeeping {
    private Housekeeping() {}

    public record TableAction(String table, long rowsBefore, long rowsAfter) {}

    public static List<String> optimize(Lakehouse lake) {
        List<String> done = new ArrayList<>();
        for (Layer layer : Layer.values()) {
            for (String t : lake.tables(layer)) {
                DeltaTable.forPath(lake.spark(), lake.path(layer, t)).optimize().executeCompaction();
                done.add(Lakehouse.name(layer, t));
            }
        }
        return done;
    }

    public static List<String> vacuum(Lakehouse lake, double retentionHours) {
        List<String> done = new ArrayList<>();
        if (retentionHours < 168) {
            lake.spark().conf().set("spark.databricks.delta.retentionDurationCheck.enabled", "false");
        }
        for (Layer layer : Layer.values()) {
            for (String t : lake.tables(layer)) {
                DeltaTable.forPath(lake.spark(), lake.path(layer, t)).vacuum(retentionHours);
                done.add(Lakehouse.name(layer, t));
            }
        }
        return done;
    }

    /**
     * Deletes bronze rows ingested before {@code before} and vacuums the bronze tables with retention 0 so
     * the raw files are gone, not just unreferenced. The ingest log keeps its entries (so a purged file is
     * still recognised and not re-ingested) with {@code purged_at} set; silver keeps the conformed rows
     * that came from purged files (see {@link #purgedFiles}).
     */
    public static List<TableAction> purgeBronze(Lakehouse lake, LocalDate before) {
        Timestamp cutoff = Timestamp.from(before.atStartOfDay().toInstant(ZoneOffset.UTC));
        List<TableAction> out = new ArrayList<>();
        for (String t : lake.tables(Layer.BRONZE)) {
            if (t.equals(BronzeSpec.INGEST_LOG)) continue;
            long n0 = lake.read(Layer.BRONZE, t).count();
            DeltaTable.forPath(lake.spark(), lake.path(Layer.BRONZE, t)).delete(col("_ingested_at").lt(cutoff));
            long n1 = lake.read(Layer.BRONZE, t).count();
            out.add(new TableAction(Lakehouse.name(Layer.BRONZE, t), n0, n1));
        }
        if (lake.exists(Layer.BRONZE, BronzeSpec.INGEST_LOG)) {
            Dataset<Row> log = lake.read(Layer.BRONZE, BronzeSpec.INGEST_LOG);
            if (!java.util.Arrays.asList(log.columns()).contains("purged_at")) {
                lake.overwrite(log.withColumn("purged_at", org.apache.spark.sql.functions.lit(null).cast("timestamp")),
                        Layer.BRONZE, BronzeSpec.INGEST_LOG);
            }
            DeltaTable.forPath(lake.spark(), lake.path(Layer.BRONZE, BronzeSpec.INGEST_LOG)).update(
                    col("ingested_at").lt(cutoff).and(col("purged_at").isNull()),
                    java.util.Map.of("purged_at", org.apache.spark.sql.functions.current_timestamp()));
        }
        lake.spark().conf().set("spark.databricks.delta.retentionDurationCheck.enabled", "false");
        for (String t : lake.tables(Layer.BRONZE)) {
            DeltaTable.forPath(lake.spark(), lake.path(Layer.BRONZE, t)).vacuum(0);
        }
        return out;
    }

    /** SHA-256 of files whose raw rows were purged: silver rows from them must survive a re-conform. */
    public static List<String> purgedFiles(Lakehouse lake) {
        if (!lake.exists(Layer.BRONZE, BronzeSpec.INGEST_LOG)) return List.of();
        Dataset<Row> log = lake.read(Layer.BRONZE, BronzeSpec.INGEST_LOG);
        if (!java.util.Arrays.asList(log.columns()).contains("purged_at")) return List.of();
        return log.filter(col("purged_at").isNotNull()).select("sha256")
                  .as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
    }
}
