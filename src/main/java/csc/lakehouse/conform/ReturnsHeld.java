package csc.lakehouse.conform;

import csc.lakehouse.lake.Lakehouse;
import csc.lakehouse.lake.Layer;
import csc.lakehouse.spec.BronzeSpec;
import csc.lakehouse.spec.TableSchema;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.List;

import static org.apache.spark.sql.functions.col;

/**
 * {@code silver.returns_held}: the returns held (la_code, source, collection_year), from the ingest log. Gold
 * reads this table and never bronze.
 */
public final class ReturnsHeld {
    public static final String TABLE = "returns_held";

    private ReturnsHeld() {}

    /** The distinct returns of the ingest log, in key order (a few rows per LA and year). */
    public static List<Row> fromIngestLog(Lakehouse lake) {
        if (!lake.exists(Layer.BRONZE, BronzeSpec.INGEST_LOG)) return List.of();
        return lake.read(Layer.BRONZE, BronzeSpec.INGEST_LOG)
                .select(col("la_code"), col("source"), col("collection_year")).distinct()
                .orderBy("la_code", "source", "collection_year").collectAsList();
    }

    /** What a write left: the table's rows and Delta version. */
    public record Written(long rows, long version) {}

    /** Rewrites the table from the ingest log; empty when nothing was ingested yet. */
    public static java.util.Optional<Written> write(Lakehouse lake) {
        if (!lake.exists(Layer.BRONZE, BronzeSpec.INGEST_LOG)) return java.util.Optional.empty();
        List<Row> rows = fromIngestLog(lake);
        Dataset<Row> df = lake.spark().createDataFrame(rows, TableSchema.load("silver", TABLE).structType());
        return java.util.Optional.of(new Written(rows.size(), lake.overwrite(df.coalesce(1), Layer.SILVER, TABLE)));
    }
}
