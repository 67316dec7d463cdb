package csc.lakehouse.conform;

import csc.lakehouse.spec.Lineage;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;

import java.util.Optional;

import static org.apache.spark.sql.functions.col;

/**
 * Bronze as the conform step sees it. {@link #current} keeps, for each collection year and LA, only the
 * latest submission of that table (a resubmitted year replaces the earlier one); re-reported rows across
 * different years stay and are de-duplicated by natural key in silver.
 */
public interface BronzeView {
    /** All bronze rows of a table, every submission; empty when the table has no rows. */
    Optional<Dataset<Row>> all(String bronzeTable);

    default Optional<Dataset<Row>> current(String bronzeTable) {
        return all(bronzeTable).map(BronzeView::latestSubmissions);
    }

    static Dataset<Row> latestSubmissions(Dataset<Row> rows) {
        // the latest-ingested file per (year, LA); ties broken by hash so the choice is deterministic
        Dataset<Row> files = rows.select(col(Lineage.COLLECTION_YEAR), col(Lineage.LA_CODE),
                        col(Lineage.FILE_SHA256), col(Lineage.INGESTED_AT))
                .distinct()
                .withColumn("_rank", functions.row_number().over(
                        Window.partitionBy(col(Lineage.COLLECTION_YEAR), col(Lineage.LA_CODE))
                              .orderBy(col(Lineage.INGESTED_AT).desc(), col(Lineage.FILE_SHA256).desc())))
                .filter(col("_rank").equalTo(1))
                .select(col(Lineage.FILE_SHA256).as("_winning_sha"));
        return rows.join(functions.broadcast(files), col(Lineage.FILE_SHA256).equalTo(col("_winning_sha")), "left_semi");
    }

    /**
     * The rows of the latest file per LA, whatever its year: for a source whose every file is its whole
     * history (the local trackers), so a row deleted or re-keyed in the newest file does not survive from
     * an older one. Latest = last ingested, then the later year (two files in one drop), then the hash.
     */
    static Dataset<Row> latestFile(Dataset<Row> rows) {
        Dataset<Row> files = rows.select(col(Lineage.COLLECTION_YEAR), col(Lineage.LA_CODE),
                        col(Lineage.FILE_SHA256), col(Lineage.INGESTED_AT))
                .distinct()
                .withColumn("_rank", functions.row_number().over(
                        Window.partitionBy(col(Lineage.LA_CODE)).orderBy(col(Lineage.INGESTED_AT).desc(),
                                col(Lineage.COLLECTION_YEAR).desc(), col(Lineage.FILE_SHA256).desc())))
                .filter(col("_rank").equalTo(1))
                .select(col(Lineage.FILE_SHA256).as("_winning_sha"));
        return rows.join(functions.broadcast(files), col(Lineage.FILE_SHA256).equalTo(col("_winning_sha")), "left_semi");
    }
}
