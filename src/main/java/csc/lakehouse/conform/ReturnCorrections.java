package csc.lakehouse.conform;

import csc.lakehouse.spec.TableSchema;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.functions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

/**
 * {@code silver.return_corrections}: what a later return changed in an item an earlier return recorded
 * (measures.md: "the return is the record of its year"; a later return's correction does not revise an earlier
 * year's figure, and is listed in the data-quality outputs). One row per item, pair of consecutive returns holding
 * it, and corrected column.
 *
 * <p>A correction is a value return Y recorded that the next return holding the item changed or removed, or a date
 * return Y left empty that the next return fills with a date on or before 31 March Y (an event of Y's period
 * recorded late). Progress is not a correction: a closure or end date filled after that 31 March, any other empty
 * value filled later, and a column the table declares in {@code changes_while_open} (a CP plan's latest category).
 * Items deleted or re-keyed are not here: they are {@code silver.vanished_items}.
 */
public final class ReturnCorrections implements DerivedSilverTable {
    public static final String TABLE = "return_corrections";
    /** a row's bookkeeping, not what the return recorded */
    static final Set<String> BOOKKEEPING = Set.of("collection_year", "is_latest", "vanished", "source_file_sha256",
            SilverWriter.ROW_HASH, "ingested_at", "extracted_at");

    @Override
    public String table() { return TABLE; }

    @Override
    public Optional<Dataset<Row>> build(Map<String, Dataset<Row>> silver, ConformContext ctx) {
        Dataset<Row> all = null;
        List<String> declared = csc.lakehouse.spec.DataSchemas.list("tables/silver");
        for (Map.Entry<String, Dataset<Row>> e : silver.entrySet()) {
            if (!declared.contains(e.getKey() + ".yaml")) continue;
            TableSchema schema = TableSchema.load("silver", e.getKey());
            if (!schema.perReturn() || schema.keys.isEmpty()) continue;
            Dataset<Row> c = corrections(e.getValue(), e.getKey(), schema);
            all = all == null ? c : all.unionByName(c);
        }
        return Optional.ofNullable(all);
    }

    /** The corrections between consecutive returns of one per-return table's rows. */
    public static Dataset<Row> corrections(Dataset<Row> rows, String table, TableSchema schema) {
        List<String> have = List.of(rows.columns());
        List<Column> item = new ArrayList<>();
        for (String k : schema.keys) item.add(col(k));
        WindowSpec byReturn = Window.partitionBy(item.toArray(new Column[0])).orderBy(col("collection_year"));
        Column earlierYearEnd = functions.make_date(col("collection_year"), lit(3), lit(31));
        List<Column> changed = new ArrayList<>();
        for (TableSchema.ColumnSpec c : schema.columns) {
            if (schema.keys.contains(c.name) || BOOKKEEPING.contains(c.name) || !have.contains(c.name)
                    || schema.changes_while_open.contains(c.name)) continue;
            Column earlier = col(c.name), later = functions.lead(col(c.name), 1).over(byReturn);
            Column recordedThenChanged = earlier.isNotNull().and(later.isNull().or(earlier.notEqual(later)));
            Column lateEventOfThatYear = c.type.equals("date")
                    ? earlier.isNull().and(later.isNotNull()).and(later.leq(earlierYearEnd)) : lit(false);
            changed.add(when(recordedThenChanged.or(lateEventOfThatYear), functions.struct(lit(c.name).as("column_name"),
                    earlier.cast("string").as("earlier_value"), later.cast("string").as("later_value"))));
        }
        if (changed.isEmpty()) changed.add(lit(null).cast("struct<column_name:string,earlier_value:string,later_value:string>"));
        Dataset<Row> pairs = rows.select(col("la_code").cast("string").as("la_code"), lit(table).as("table_name"),
                SilverWriter.itemKey(schema).as("item_key"),
                (have.contains("person_id") ? col("person_id") : lit(null)).cast("string").as("person_id"),
                col("collection_year").cast("int").as("earlier_return"),
                functions.lead(col("collection_year"), 1).over(byReturn).cast("int").as("later_return"),
                functions.array_compact(functions.array(changed.toArray(new Column[0]))).as("_changes"));
        Dataset<Row> out = pairs.filter(col("later_return").isNotNull())
                .select(col("la_code"), col("table_name"), col("item_key"), col("person_id"), col("earlier_return"),
                        col("later_return"), functions.explode(col("_changes")).as("c"))
                .select(col("la_code"), col("table_name"), col("item_key"), col("person_id"), col("earlier_return"),
                        col("later_return"), col("c.column_name").as("column_name"),
                        col("c.earlier_value").as("earlier_value"), col("c.later_value").as("later_value"));
        return SilverWriter.conformToSchema(out, TableSchema.load("silver", TABLE));
    }
}
