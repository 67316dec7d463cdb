package csc.lakehouse.spec;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.sql.Timestamp;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * Lineage columns carried by every bronze row and used to pick the winning submission. Part of the bronze
 * contract: ingest writes them, conform reads them.
 */
public final class Lineage {
    public static final String SOURCE_FILE = "_source_file";
    public static final String FILE_SHA256 = "_file_sha256";
    public static final String COLLECTION_YEAR = "_collection_year";
    public static final String LA_CODE = "_la_code";
    public static final String ROW_NUMBER = "_row_number";
    public static final String INGESTED_AT = "_ingested_at";

    private Lineage() {}

    /**
     * A reader's rows with the lineage of their file added (the reader has already set {@link #ROW_NUMBER}).
     *
     * @param sourceFile the file's path inside the drop
     */
    public static Dataset<Row> add(Dataset<Row> rows, String sourceFile, String sha256, int collectionYear,
                                   String laCode, Timestamp ingestedAt) {
        if (!java.util.Arrays.asList(rows.columns()).contains(ROW_NUMBER)) {
            throw new IllegalStateException("reader for " + sourceFile + " did not set " + ROW_NUMBER);
        }
        // one select, not six withColumn calls: each withColumn re-analyses the plan, per file
        java.util.List<Column> cols = new java.util.ArrayList<>();
        for (String c : rows.columns()) {
            if (c.equals(ROW_NUMBER)) {
                cols.add(col(ROW_NUMBER).cast("long").as(ROW_NUMBER));
            } else if (!java.util.Set.of(SOURCE_FILE, FILE_SHA256, COLLECTION_YEAR, LA_CODE, INGESTED_AT).contains(c)) {
                cols.add(col(c));
            }
        }
        cols.add(lit(sourceFile).as(SOURCE_FILE));
        cols.add(lit(sha256).as(FILE_SHA256));
        cols.add(lit(collectionYear).as(COLLECTION_YEAR));
        cols.add(lit(laCode).cast("string").as(LA_CODE));
        cols.add(lit(ingestedAt).as(INGESTED_AT));
        return rows.select(cols.toArray(new Column[0]));
    }

    /** All lineage columns, in the order they are written. */
    public static Column[] columns() {
        return new Column[]{col(SOURCE_FILE), col(FILE_SHA256), col(COLLECTION_YEAR), col(LA_CODE),
                col(ROW_NUMBER), col(INGESTED_AT)};
    }
}
