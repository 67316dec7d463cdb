package csc.lakehouse.ingest;

import csc.lakehouse.spec.Lineage;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.sql.Timestamp;
import java.util.List;
import java.util.Map;

/**
 * What a reader made of one file: rows for one or more bronze tables, all columns strings exactly as
 * received plus {@code _row_number} (position in the file). Lineage columns are added by the caller.
 *
 * @param collectionYear the year ending 31 March that the return is for (from the file's contents)
 * @param laCode         DfE LA number (e.g. 301), or null when the file does not say
 * @param tables         bronze table name (e.g. {@code cin_census_child}) to its rows
 * @param rows           input rows counted for the manifest
 * @param warnings       non-fatal notes about the file (shown in validate and the manifest)
 * @param heldRows       rows over all its bronze tables, held in the driver until written: what ingest
 *                       batches by (a CIN census counts one input row per child but holds a row per
 *                       referral, assessment, factor, plan, review... as well)
 */
public record ParsedFile(int collectionYear, String laCode, Map<String, Dataset<Row>> tables, long rows,
                         List<String> warnings, long heldRows) {
    /** A file whose every input row is one bronze row. */
    public ParsedFile(int collectionYear, String laCode, Map<String, Dataset<Row>> tables, long rows,
                      List<String> warnings) {
        this(collectionYear, laCode, tables, rows, warnings, rows);
    }

    /** The same file attributed to another LA. */
    public ParsedFile withLa(String la) {
        return new ParsedFile(collectionYear, la, tables, rows, warnings, heldRows);
    }

    /** Rows of one of this file's tables with the file's {@link Lineage} added, as they land in bronze. */
    public Dataset<Row> withLineage(Dataset<Row> rows, InputFile file, Timestamp ingestedAt) {
        return Lineage.add(rows, file.relative(), file.sha256(), collectionYear, laCode, ingestedAt);
    }
}
