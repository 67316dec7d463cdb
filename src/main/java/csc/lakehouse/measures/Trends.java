package csc.lakehouse.measures;

import csc.lakehouse.spec.TableSchema;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

/**
 * The long ("tidy") shape every gold table shares: the {@code trends.csv} columns of
 * architecture.md section 5 plus {@code la_code} and {@code note}
 * ({@code data-schemas/tables/gold/trends.yaml}).
 *
 * <p>Period columns come from {@link MeasureContext#reportingYears} or {@link MeasureContext#snapshots}:
 * {@code la_code, time_period, time_identifier, period_start, period_end}.
 */
public final class Trends {
    public static final String TOTAL = "Total";
    public static final List<String> PERIOD_COLUMNS =
            List.of("la_code", "time_period", "time_identifier", "period_start", "period_end");

    private Trends() {}

    public static TableSchema schema() {
        return TableSchema.load("gold", "trends");
    }

    /**
     * Final projection: the declared columns in order and type; missing optional columns are null;
     * {@code geographic_level} defaults to "Local authority", {@code breakdown}/{@code breakdown_value}
     * to Total. {@code new_la_code} and {@code la_name} are filled from the LA reference.
     */
    public static Dataset<Row> shape(Dataset<Row> rows) {
        List<String> have = Arrays.asList(rows.columns());
        Dataset<Row> r = rows;
        if (!have.contains("breakdown")) r = r.withColumn("breakdown", lit(TOTAL));
        if (!have.contains("breakdown_value")) r = r.withColumn("breakdown_value", lit(TOTAL));
        if (!have.contains("geographic_level")) r = r.withColumn("geographic_level", lit("Local authority"));
        if (!have.contains("note")) r = r.withColumn("note", lit(null).cast("string"));
        r = LaReference.withNames(r);
        List<Column> cols = new ArrayList<>();
        for (TableSchema.ColumnSpec c : schema().columns) {
            Column v = Arrays.asList(r.columns()).contains(c.name) ? col(c.name) : lit(null);
            cols.add(v.cast(TableSchema.sparkType(c.type)).as(c.name));
        }
        return r.select(cols.toArray(new Column[0]));
    }

    // ---------------------------------------------------------------- row status: x, not published, provisional

    /**
     * How a row's status travels in the Trends shape (no extra column): a marker at the start of its
     * {@code note}, which {@code trends_notes.csv} carries. {@link #status} reads it back for publish.
     * <ul>
     *   <li>{@link #X_MARK} ({@code [x] }): not collected: the item could not exist in that year's return (CIN
     *       plans before the 2021-22 census, a code introduced later). numerator, denominator and value are null;
     *       publish renders them as {@code x}, the DfE's symbol for "not available".</li>
     *   <li>{@link #NOT_PUBLISHED_MARK} ({@code [not published] }): the row must not appear in trends.csv
     *       (a look-back measure without the return for Y-1, a look-forward window not yet complete); values
     *       null; its note, saying why, goes to trends_notes.csv only.</li>
     *   <li>{@link #PROVISIONAL_MARK} ({@code [provisional] }): published with its values, marked provisional
     *       (an as-at date after the latest return's 31 March: later closures are not yet known).</li>
     * </ul>
     */
    public static final String X_MARK = "[x] ";
    public static final String NOT_PUBLISHED_MARK = "[not published] ";
    public static final String PROVISIONAL_MARK = "[provisional] ";
    /** The DfE symbol publish writes in place of values of a {@link Status#NOT_COLLECTED} row. */
    public static final String NOT_COLLECTED_SYMBOL = "x";

    public enum Status { PUBLISHED, NOT_COLLECTED, NOT_PUBLISHED, PROVISIONAL }

    /** The status a row's note carries (see {@link #X_MARK}). */
    public static Status status(String note) {
        if (note == null) return Status.PUBLISHED;
        if (note.startsWith(X_MARK)) return Status.NOT_COLLECTED;
        if (note.startsWith(NOT_PUBLISHED_MARK)) return Status.NOT_PUBLISHED;
        if (note.startsWith(PROVISIONAL_MARK)) return Status.PROVISIONAL;
        return Status.PUBLISHED;
    }

    /** Rows published with values (published or provisional): what derived measures may read. */
    public static Column hasValue() {
        Column n = functions.coalesce(col("note"), lit(""));
        return functions.not(n.startsWith(X_MARK).or(n.startsWith(NOT_PUBLISHED_MARK)));
    }

    /** Marks rows where {@code where} holds as not collected ({@code x}): values null, note = mark + reason. */
    public static Dataset<Row> notCollected(Dataset<Row> rows, Column where, Column reason) {
        return mark(rows, where, X_MARK, reason, true);
    }

    /** Marks rows where {@code where} holds as not published: values null, note = mark + why. */
    public static Dataset<Row> notPublished(Dataset<Row> rows, Column where, Column reason) {
        return mark(rows, where, NOT_PUBLISHED_MARK, reason, true);
    }

    /** Marks rows where {@code where} holds as provisional; values kept. */
    public static Dataset<Row> provisional(Dataset<Row> rows, Column where, Column reason) {
        return mark(rows, where, PROVISIONAL_MARK, reason, false);
    }

    /**
     * Puts {@code mark + reason} before the row's note (a row already carrying a status mark keeps it: not
     * collected beats not published beats provisional, in that order of application by the callers).
     */
    static Dataset<Row> mark(Dataset<Row> rows, Column where, String mark, Column reason, boolean clearValues) {
        Dataset<Row> r = Arrays.asList(rows.columns()).contains("note") ? rows
                : rows.withColumn("note", lit(null).cast("string"));
        Column n = functions.coalesce(col("note"), lit(""));
        Column marked = n.startsWith(X_MARK).or(n.startsWith(NOT_PUBLISHED_MARK)).or(n.startsWith(PROVISIONAL_MARK));
        Column apply = functions.coalesce(where, lit(false)).and(functions.not(marked));
        Column note = functions.concat(lit(mark), reason,
                functions.coalesce(functions.concat(lit("; "), col("note")), lit("")));
        r = r.withColumn("_mark", apply);
        if (clearValues) {
            for (String c : List.of("numerator", "denominator", "value")) {
                if (Arrays.asList(r.columns()).contains(c)) r = r.withColumn(c, when(col("_mark"), lit(null)).otherwise(col(c)));
            }
        }
        return r.withColumn("note", when(col("_mark"), note).otherwise(col("note"))).drop("_mark");
    }

    /** value = numerator / denominator x 100, one decimal place (HALF_UP); null when the denominator is 0. */
    public static Column percent(Column numerator, Column denominator) {
        return when(denominator.gt(0), functions.round(numerator.cast("double").multiply(100.0).divide(denominator), 1));
    }

    /** value = numerator / denominator x 10,000, one decimal place. */
    public static Column ratePer10k(Column numerator, Column denominator) {
        return when(denominator.gt(0), functions.round(numerator.cast("double").multiply(10000.0).divide(denominator), 1));
    }

    /**
     * A count measure: {@code value} = {@code n}. Input: period columns plus {@code n}
     * (and optional breakdown columns).
     */
    public static Dataset<Row> count(String measureId, Dataset<Row> periodsWithN) {
        return periodsWithN.withColumn("measure_id", lit(measureId))
                .withColumn("numerator", col("n").cast("long"))
                .withColumn("denominator", lit(null).cast("long"))
                .withColumn("value", col("n").cast("double"))
                .withColumn("unit", lit("count"))
                .drop("n");
    }

    /** A percentage: input period columns plus {@code num} and {@code den}. */
    public static Dataset<Row> percentRows(String measureId, Dataset<Row> periodsWithNumDen) {
        return periodsWithNumDen.withColumn("measure_id", lit(measureId))
                .withColumn("numerator", col("num").cast("long"))
                .withColumn("denominator", col("den").cast("long"))
                .withColumn("value", percent(col("num"), col("den")))
                .withColumn("unit", lit("percent"))
                .drop("num", "den");
    }

    /**
     * A distribution (bands, categories): a Total row whose value is the count of all items, and one
     * row per breakdown value with its percent of the total; values with no items get 0.
     *
     * @param items     period columns plus the column {@code dimension} holding each item's value
     * @param dimension breakdown name, e.g. {@code duration_band}
     * @param values    every breakdown value to publish, in order
     */
    public static Dataset<Row> distribution(String measureId, Dataset<Row> periods, Dataset<Row> items,
                                            String dimension, List<String> values) {
        Column[] keys = PERIOD_COLUMNS.stream().map(functions::col).toArray(Column[]::new);
        Dataset<Row> totals = items.groupBy(keys).agg(functions.count(lit(1)).as("total"));
        List<Column> byValue = new ArrayList<>(Arrays.asList(keys));
        byValue.add(col(dimension).as("breakdown_value"));
        Dataset<Row> perValue = items.groupBy(byValue.toArray(new Column[0])).agg(functions.count(lit(1)).as("n"));
        Dataset<Row> valueList = periods.sparkSession()
                .createDataset(values, org.apache.spark.sql.Encoders.STRING()).toDF("breakdown_value");
        Dataset<Row> grid = periods.select(keys).distinct().crossJoin(valueList)
                .join(perValue, toSeq(PERIOD_COLUMNS, "breakdown_value"), "left")
                .join(periods.select(keys).distinct().join(totals, toSeq(PERIOD_COLUMNS), "left"),
                        toSeq(PERIOD_COLUMNS), "left")
                .withColumn("n", functions.coalesce(col("n"), lit(0L)))
                .withColumn("total", functions.coalesce(col("total"), lit(0L)));
        Dataset<Row> breakdownRows = grid
                .withColumn("measure_id", lit(measureId))
                .withColumn("breakdown", lit(dimension))
                .withColumn("numerator", col("n"))
                .withColumn("denominator", col("total"))
                .withColumn("value", when(col("total").gt(0), percent(col("n"), col("total"))).otherwise(lit(0.0)))
                .withColumn("unit", lit("percent"))
                .drop("n", "total");
        Dataset<Row> totalRows = periods.select(keys).distinct().join(totals, toSeq(PERIOD_COLUMNS), "left")
                .withColumn("total", functions.coalesce(col("total"), lit(0L)))
                .withColumn("measure_id", lit(measureId))
                .withColumn("breakdown", lit(TOTAL))
                .withColumn("breakdown_value", lit(TOTAL))
                .withColumn("numerator", col("total"))
                .withColumn("denominator", lit(null).cast("long"))
                .withColumn("value", col("total").cast("double"))
                .withColumn("unit", lit("count"))
                .drop("total");
        return totalRows.unionByName(breakdownRows);
    }

    public static scala.collection.immutable.Seq<String> toSeq(List<String> cols, String... more) {
        List<String> all = new ArrayList<>(cols);
        all.addAll(Arrays.asList(more));
        return scala.jdk.javaapi.CollectionConverters.asScala(all).toList();
    }
}
