package csc.lakehouse.conform;

import csc.lakehouse.spec.Lineage;
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
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

/**
 * Chooses the winning row of every natural key, then validates it, and makes the silver table equal to
 * the result with one MERGE. Quarantined rows replace {@code quarantine.<table>}.
 *
 * <p>The winner is chosen before validation (measures.md, "Choose the winner first, then validate it"):
 * the later collection year, then the later submission, then the later row. When the winner breaks an
 * error rule it is quarantined and no earlier row of its key takes its place, so a closure in a later
 * return that fails an unrelated rule cannot leave the item open from an earlier return.
 *
 * <p>A per-return table ({@link TableSchema#perReturn()}: CIN items and 903 episodes) keeps one row per
 * (natural key, collection year), each validated on its own: the return is the record of its year. Of an
 * item's rows only the latest return's can be {@code is_latest}, and only when it passed; an item that its
 * last return showed open (no end recorded in {@link TableSchema#open_until}) and that a later return of the
 * LA does not hold is {@code vanished} on every row and listed in {@code silver.vanished_items}.
 *
 * <p>Counts are reported as {@code rows_in = rows_written + rows_quarantined + rows_duplicate}, where a duplicate
 * is a row that lost to another row of the same key (and, for a per-return table, the same collection year),
 * whatever its own errors. The identity holds by construction; tests check the counts against ones taken
 * independently ({@code SilverCounts} in the tests: the input counted again, the tables read back).
 */
public final class SilverWriter {
    public static final String ROW_HASH = "_row_hash";
    public static final String VANISHED_ITEMS = "vanished_items";

    /**
     * Counts for the manifest, plus rule-level counts for the data-quality report. {@code input} is the frame the
     * writer was given (lineage columns added), unevaluated: a check can count it again, independently of the
     * writer's own counts (tests reconcile rows_in and rows_duplicate with it).
     */
    public record Outcome(String table, long rowsIn, long rowsWritten, long rowsQuarantined, long rowsDuplicate,
                          Long deltaVersion, Map<String, Long> errorsByRule, Map<String, Long> warningsByRule,
                          Dataset<Row> silver, Dataset<Row> quarantine, long vanishedCount, Dataset<Row> vanished,
                          Dataset<Row> input) {
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
        // rules are evaluated once, winners chosen once; every count and output below reads the cached result
        Dataset<Row> marked = choose(RuleEngine.check(withLineage, rules), schema)
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            // one pass: rows by status, the rules broken by quarantined rows and warned on written rows, and
            // one entry per vanished item
            Column status = col(STATUS);
            Column none = functions.array_compact(functions.array(when(lit(false),
                    functions.struct(lit("").as("k"), lit("").as("r")))));
            Column entries = functions.concat(
                    functions.array(functions.struct(lit("s").as("k"), status.as("r"))),
                    when(status.equalTo(QUARANTINED), functions.transform(col(RuleEngine.ERRORS),
                            e -> functions.struct(lit("e").as("k"), e.getField("rule_id").as("r")))).otherwise(none),
                    when(status.equalTo(WRITTEN), functions.transform(col(RuleEngine.WARNINGS),
                            w -> functions.struct(lit("w").as("k"), w.getField("rule_id").as("r")))).otherwise(none),
                    when(col(VANISHED_ENTRY), functions.array(functions.struct(lit("v").as("k"), lit("").as("r"))))
                            .otherwise(none));
            Map<String, Long> errors = new java.util.TreeMap<>();
            Map<String, Long> warnings = new java.util.TreeMap<>();
            Map<String, Long> byStatus = new java.util.HashMap<>();
            long vanishedCount = 0;
            for (Row r : marked.select(functions.explode(entries).as("x")).groupBy(col("x.k"), col("x.r")).count()
                    .collectAsList()) {
                switch (r.getString(0)) {
                    case "s" -> byStatus.put(r.getString(1), r.getLong(2));
                    case "e" -> errors.put(r.getString(1), r.getLong(2));
                    case "w" -> warnings.put(r.getString(1), r.getLong(2));
                    default -> vanishedCount += r.getLong(2);
                }
            }
            long written = byStatus.getOrDefault(WRITTEN, 0L);
            long quarantined = byStatus.getOrDefault(QUARANTINED, 0L);
            long duplicate = byStatus.getOrDefault(DUPLICATE, 0L);

            // one file per million rows: a borough's table is one file, not one per shuffle partition
            Dataset<Row> silver = conformToSchema(marked.filter(status.equalTo(WRITTEN)), schema).coalesce(files(written));
            Dataset<Row> quarantine = quarantineRows(marked.filter(status.equalTo(QUARANTINED)), table).coalesce(files(quarantined));
            Dataset<Row> vanished = vanishedRows(marked.filter(col(VANISHED_ENTRY)), table, schema);

            Long version = null;
            if (lake != null) {
                List<String> purged = csc.lakehouse.lake.Housekeeping.purgedFiles(lake);
                Column deletable = purged.isEmpty() ? null
                        : functions.not(col("t.source_file_sha256").isin(purged.toArray()));
                // a per-return table's rows are keyed by the natural key and collection_year: each return's row is its own
                version = lake.mergeReplace(silver, Layer.SILVER, table, schema.rowKey(), ROW_HASH, deletable);
                // quarantine tables always reflect the current silver build; an empty one is written only
                // when it replaces an earlier non-empty one
                if (quarantined > 0 || lake.exists(Layer.QUARANTINE, table)) {
                    lake.overwrite(quarantine, Layer.QUARANTINE, table);
                }
                if (!warnings.isEmpty() || lake.exists(Layer.QUARANTINE, table + "_warnings")) {
                    Dataset<Row> warned = marked.filter(status.equalTo(WRITTEN).and(functions.size(col(RuleEngine.WARNINGS)).gt(0)));
                    // the warnings' sum bounds the warned rows (a row may break two rules): enough for a file count
                    long warnedAtMost = warnings.values().stream().mapToLong(Long::longValue).sum();
                    lake.overwrite(warningRows(warned, table).coalesce(files(warnedAtMost)), Layer.QUARANTINE, table + "_warnings");
                }
                silver = lake.read(Layer.SILVER, table);
                if (lake.exists(Layer.QUARANTINE, table)) quarantine = lake.read(Layer.QUARANTINE, table);
            }
            // a handful of rows, held in the driver: the caller writes every table's list as one table
            vanished = vanished.sparkSession().createDataFrame(
                    vanishedCount == 0 ? new ArrayList<Row>() : vanished.collectAsList(), vanished.schema());
            return new Outcome(table, written + quarantined + duplicate, written, quarantined, duplicate, version,
                    errors, warnings, silver, quarantine, vanishedCount, vanished, withLineage);
        } finally {
            marked.unpersist();
        }
    }

    /** Rows per written file (issue 16: files written per run). */
    static final long ROWS_PER_FILE = 1_000_000;

    static int files(long rows) {
        return (int) Math.max(1, Math.min(10_000, (rows + ROWS_PER_FILE - 1) / ROWS_PER_FILE));
    }

    static final String STATUS = "_status";
    static final String WRITTEN = "written";
    static final String QUARANTINED = "quarantined";
    static final String DUPLICATE = "duplicate";
    /** True on the one row per vanished item that lists it (its last return's winning row). */
    static final String VANISHED_ENTRY = "_vanished_entry";
    private static final String LAST_RETURN = "_last_return";
    private static final String NEXT_RETURN = "_next_return";

    /**
     * Adds {@link #STATUS} to checked rows (with {@link RuleEngine#ERRORS}): the winner of each key
     * (per collection year for a per-return table) is written or quarantined by its own errors, every
     * other row is a duplicate. A per-return table also gets {@code is_latest}, {@code vanished} and
     * {@link #VANISHED_ENTRY}. Rows with a key column missing are each their own key (they fail a rule).
     */
    static Dataset<Row> choose(Dataset<Row> checked, TableSchema schema) {
        Column ok = functions.size(col(RuleEngine.ERRORS)).equalTo(0);
        if (schema.keys.isEmpty()) {
            return nothingVanishes(checked.withColumn(STATUS, when(ok, lit(WRITTEN)).otherwise(lit(QUARANTINED))));
        }
        Column anyNull = lit(false);
        for (String k : schema.rowKey()) anyNull = anyNull.or(col(k).isNull());
        Dataset<Row> d = checked.withColumn("_alone", when(anyNull, functions.concat_ws("#",
                col(Lineage.FILE_SHA256), col(Lineage.ROW_NUMBER).cast("string"))));
        List<Column> k = new ArrayList<>();
        for (String c : schema.rowKey()) k.add(col(c));
        k.add(col("_alone"));
        d = d.withColumn("_rank", functions.row_number().over(Window.partitionBy(k.toArray(new Column[0])).orderBy(
                col("collection_year").desc(), col(Lineage.INGESTED_AT).desc(),
                col(Lineage.FILE_SHA256).desc(), col(Lineage.ROW_NUMBER).desc())));
        Column winner = col("_rank").equalTo(1);
        d = d.withColumn(STATUS, when(winner.and(ok), lit(WRITTEN)).when(winner, lit(QUARANTINED)).otherwise(lit(DUPLICATE)));
        if (!schema.perReturn()) return nothingVanishes(d.drop("_rank", "_alone"));

        List<Column> item = new ArrayList<>();
        for (String c : schema.keys) item.add(col(c));
        item.add(col("_alone"));
        Column[] itemKey = item.toArray(new Column[0]);
        // the last return holding the item: its winning row, passed or not (a failing latest row still holds it)
        d = d.withColumn(LAST_RETURN, functions.max(when(winner, col("collection_year"))).over(Window.partitionBy(itemKey)));
        Column last = winner.and(col("collection_year").equalTo(col(LAST_RETURN)));
        d = d.withColumn("is_latest", last.and(ok));
        // open at the end of its return: the return records no end. An end after that 31 March (which a return
        // should not hold; warned) is still an end: such an item is not required in the next return, and counting
        // it would make every item of a drop whose years are labelled one year early vanish
        Column openAtEnd = schema.open_until == null ? lit(false) : col(schema.open_until).isNull();
        // the returns of the LA this table holds rows from (any row: a return whose rows all failed still came)
        Dataset<Row> returns = checked.groupBy(col("la_code").as("_r_la"))
                .agg(functions.collect_set(col("collection_year")).as("_r_years"));
        d = d.join(functions.broadcast(returns), d.col("la_code").eqNullSafe(returns.col("_r_la")), "left")
             .withColumn(NEXT_RETURN, functions.array_min(functions.filter(col("_r_years"),
                     y -> y.gt(col(LAST_RETURN)))))
             .drop("_r_la", "_r_years");
        Column vanishedItem = functions.max(when(last, openAtEnd)).over(Window.partitionBy(itemKey))
                .and(col(NEXT_RETURN).isNotNull()).and(col("_alone").isNull());
        d = d.withColumn("vanished", functions.coalesce(vanishedItem, lit(false)));
        return d.withColumn(VANISHED_ENTRY, col("vanished").and(last)).drop("_rank");
    }

    /** A table without per-return rows: no item can vanish. */
    private static Dataset<Row> nothingVanishes(Dataset<Row> d) {
        return d.withColumn(VANISHED_ENTRY, lit(false)).withColumn(LAST_RETURN, lit(null).cast("int"))
                .withColumn(NEXT_RETURN, lit(null).cast("int"));
    }

    /** One row per vanished item, shaped as {@code silver.vanished_items}. */
    static Dataset<Row> vanishedRows(Dataset<Row> entries, String table, TableSchema schema) {
        Dataset<Row> v = entries.select(col("la_code").cast("string").as("la_code"), lit(table).as("table_name"),
                itemKey(schema).as("item_key"),
                List.of(entries.columns()).contains("person_id") ? col("person_id") : lit(null).cast("string").as("person_id"),
                col(LAST_RETURN).cast("int").as("last_return"), col(NEXT_RETURN).cast("int").as("first_return_without"));
        return conformToSchema(v, TableSchema.load("silver", VANISHED_ITEMS));
    }

    /** An item's natural key after la_code (pseudonymised person_id first), values joined with |. */
    public static Column itemKey(TableSchema schema) {
        List<Column> parts = new ArrayList<>();
        for (String c : schema.keys) if (!c.equals("la_code")) parts.add(col(c).cast("string"));
        return functions.concat_ws("|", parts.toArray(new Column[0]));
    }

    /**
     * The history of a per-return table: each item's latest row, when it passed and has not vanished
     * ({@code is_latest and not vanished}); a frame without those columns is returned as it is.
     */
    public static Dataset<Row> history(Dataset<Row> rows) {
        List<String> c = List.of(rows.columns());
        if (!c.contains("is_latest") || !c.contains("vanished")) return rows;
        return rows.filter(functions.coalesce(col("is_latest"), lit(true))
                .and(functions.not(functions.coalesce(col("vanished"), lit(false)))));
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
