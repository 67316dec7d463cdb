package csc.lakehouse.conform;

import csc.lakehouse.ingest.Lineage;
import csc.lakehouse.lake.Lakehouse;
import csc.lakehouse.lake.Layer;
import csc.lakehouse.spec.RuleSet;
import csc.lakehouse.spec.TableSchema;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * Validates typed rows against the table's rules, de-duplicates them by natural key (the later
 * collection year wins, then the later submission, then the later row), and makes the silver table
 * equal to the result with one MERGE. Quarantined rows replace {@code quarantine.<table>}.
 *
 * <p>Counts reconcile by construction and are reported: {@code rows_in = rows_written +
 * rows_quarantined + rows_duplicate}.
 */
public final class SilverWriter {
    public static final String ROW_HASH = "_row_hash";

    /** Counts for the manifest, plus rule-level counts for the data-quality report. */
    public record Outcome(String table, long rowsIn, long rowsWritten, long rowsQuarantined, long rowsDuplicate,
                          Long deltaVersion, Map<String, Long> errorsByRule, Map<String, Long> warningsByRule,
                          Dataset<Row> silver, Dataset<Row> quarantine) {
    }

    private SilverWriter() {}

    /**
     * @param lake null for a dry run ({@code validate}): everything is computed, nothing is written
     */
    public static Outcome write(Lakehouse lake, String table, Dataset<Row> typed) {
        return write(lake, table, typed, RuleSet.forTable(table));
    }

    /** As {@link #write(Lakehouse, String, Dataset)} with an explicit rule set (tests of the mechanism). */
    public static Outcome write(Lakehouse lake, String table, Dataset<Row> typed, RuleSet rules) {
        TableSchema schema = TableSchema.load("silver", table);
        Dataset<Row> withLineage = typed;
        List<String> have = List.of(typed.columns());
        if (!have.contains("collection_year")) {
            withLineage = withLineage.withColumn("collection_year", col(Lineage.COLLECTION_YEAR).cast("int"));
        }
        if (!have.contains("source_file_sha256")) {
            withLineage = withLineage.withColumn("source_file_sha256", col(Lineage.FILE_SHA256));
        }
        if (!have.contains("_src")) {
            withLineage = withLineage.withColumn("_src", functions.struct(lit(null).cast("string").as("none")));
        }
        // rules are evaluated once; every count below reads the cached result
        Dataset<Row> checked = RuleEngine.check(withLineage, rules).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            RuleEngine.Validated v = RuleEngine.split(checked);
            // one pass: rows in, rows quarantined, and the rows per broken rule (errors and warnings)
            Map<String, Long> errors = new java.util.TreeMap<>();
            Map<String, Long> warnings = new java.util.TreeMap<>();
            long rowsIn = 0;
            long quarantined = 0;
            Dataset<Row> perRule = checked.select(
                    functions.explode(functions.concat(
                            functions.transform(col(RuleEngine.ERRORS), e -> functions.struct(lit("e").as("k"), e.getField("rule_id").as("r"))),
                            functions.transform(col(RuleEngine.WARNINGS), w -> functions.struct(lit("w").as("k"), w.getField("rule_id").as("r")))))
                            .as("x"));
            for (Row r : checked.groupBy(functions.size(col(RuleEngine.ERRORS)).gt(0).as("bad")).count().collectAsList()) {
                rowsIn += r.getLong(1);
                if (r.getBoolean(0)) quarantined += r.getLong(1);
            }
            for (Row r : perRule.groupBy(col("x.k"), col("x.r")).count().collectAsList()) {
                ("e".equals(r.getString(0)) ? errors : warnings).put(r.getString(1), r.getLong(2));
            }
            long keptCount = rowsIn - quarantined;

            Dataset<Row> deduped = dedupe(v.kept(), schema.keys).persist(StorageLevel.MEMORY_AND_DISK());
            Dataset<Row> silver = conformToSchema(deduped, schema);
            long written = deduped.count();
            Dataset<Row> quarantine = quarantineRows(v.quarantined(), table);

            Long version = null;
            if (lake != null) {
                List<String> purged = csc.lakehouse.lake.Housekeeping.purgedFiles(lake);
                Column deletable = purged.isEmpty() ? null
                        : functions.not(col("t.source_file_sha256").isin(purged.toArray()));
                version = lake.mergeReplace(silver, Layer.SILVER, table, schema.keys, ROW_HASH, deletable);
                // quarantine tables always reflect the current silver build; an empty one is written only
                // when it replaces an earlier non-empty one
                if (quarantined > 0 || lake.exists(Layer.QUARANTINE, table)) {
                    lake.overwrite(quarantine, Layer.QUARANTINE, table);
                }
                if (!warnings.isEmpty() || lake.exists(Layer.QUARANTINE, table + "_warnings")) {
                    lake.overwrite(warningRows(v.warnings(), table), Layer.QUARANTINE, table + "_warnings");
                }
                silver = lake.read(Layer.SILVER, table);
                if (lake.exists(Layer.QUARANTINE, table)) quarantine = lake.read(Layer.QUARANTINE, table);
            }
            deduped.unpersist();
            return new Outcome(table, rowsIn, written, quarantined, keptCount - written, version, errors, warnings,
                    silver, quarantine);
        } finally {
            checked.unpersist();
        }
    }

    /** Keeps one row per natural key: later collection year, then later submission, then later row. */
    public static Dataset<Row> dedupe(Dataset<Row> rows, List<String> keys) {
        if (keys.isEmpty()) {
            return rows;
        }
        Column[] k = keys.stream().map(functions::col).toArray(Column[]::new);
        return rows.withColumn("_dedupe_rank", functions.row_number().over(Window.partitionBy(k).orderBy(
                        col("collection_year").desc(), col(Lineage.INGESTED_AT).desc(),
                        col(Lineage.FILE_SHA256).desc(), col(Lineage.ROW_NUMBER).desc())))
                .filter(col("_dedupe_rank").equalTo(1))
                .drop("_dedupe_rank");
    }

    /** Selects the declared columns in order, cast to their declared types, plus the row hash. */
    public static Dataset<Row> conformToSchema(Dataset<Row> rows, TableSchema schema) {
        List<Column> cols = new ArrayList<>();
        List<Column> hashed = new ArrayList<>();
        for (TableSchema.ColumnSpec c : schema.columns) {
            if (c.name.equals(ROW_HASH)) continue;
            Column typed = col(c.name).cast(TableSchema.sparkType(c.type)).as(c.name);
            cols.add(typed);
            hashed.add(col(c.name));
        }
        Dataset<Row> out = rows.select(cols.toArray(new Column[0]));
        if (schema.columnNames().contains(ROW_HASH)) {
            out = out.withColumn(ROW_HASH, functions.sha2(functions.to_json(
                    functions.struct(hashed.toArray(new Column[0]))), 256));
        }
        return out;
    }

    private static Dataset<Row> quarantineRows(Dataset<Row> bad, String table) {
        List<String> cols = List.of(bad.columns());
        Column person = cols.contains("person_id") ? col("person_id") : lit(null).cast("string");
        return bad.select(
                lit(table).as("table_name"),
                col(RuleEngine.ERRORS).getItem(0).getField("rule_id").as("rule_id"),
                col(RuleEngine.ERRORS).getItem(0).getField("message").as("message"),
                functions.transform(col(RuleEngine.ERRORS), e -> e.getField("rule_id")).as("rules_broken"),
                col("collection_year").cast("int").as("collection_year"),
                person.as("person_id"),
                col(Lineage.SOURCE_FILE).as("source_file"),
                col(Lineage.FILE_SHA256).as("source_file_sha256"),
                col(Lineage.ROW_NUMBER).as("row_number"),
                functions.to_json(col("_src")).as("original_row"));
    }

    private static Dataset<Row> warningRows(Dataset<Row> warned, String table) {
        List<String> cols = List.of(warned.columns());
        Column person = cols.contains("person_id") ? col("person_id") : lit(null).cast("string");
        return warned.select(lit(table).as("table_name"),
                        functions.explode(col(RuleEngine.WARNINGS)).as("w"),
                        col("collection_year").cast("int").as("collection_year"), person.as("person_id"),
                        col(Lineage.SOURCE_FILE).as("source_file"), col(Lineage.ROW_NUMBER).as("row_number"))
                .select(col("table_name"), col("w.rule_id").as("rule_id"), col("w.message").as("message"),
                        col("collection_year"), col("person_id"), col("source_file"), col("row_number"));
    }

}
