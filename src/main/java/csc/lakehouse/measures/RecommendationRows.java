package csc.lakehouse.measures;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * What the recommendation measures share: periods taken from a tracker's own dates, matching items to
 * periods, and the row shape ({@link #OUT}, the {@link Trends} columns with {@code note}). Periods are the
 * frames of {@link MeasureContext#PERIOD_SCHEMA}; every join is on {@code la_code}.
 *
 * <p>Tracker-only measures take their periods from the tracker's own dates: every reporting year from the
 * first to the last date in the tracker (the last may be part-year), and for snapshots the 31 March of
 * those years that the tracker reaches, plus {@code --as-at}. (The reporting year of a date is computed
 * privately here, {@link #ry}, until gold has one shared period helper.)
 */
final class RecommendationRows {
    static final List<String> P = Trends.PERIOD_COLUMNS;

    static final List<String> OUT = List.of("la_code", "time_period", "time_identifier", "period_start", "period_end",
            "measure_id", "numerator", "denominator", "value", "unit", "breakdown", "breakdown_value", "note");

    private RecommendationRows() {}

    // ---------------------------------------------------------------- periods

    /**
     * Reporting years from the first to the last date of {@code dateCol} per LA, part years included: kept for the
     * SSD case-history measures only. Tracker measures use {@link Periods#trackerYears}, which never makes a part
     * year a reporting-year row.
     */
    static Dataset<Row> yearsFromData(SparkSession spark, Dataset<Row> items, String dateCol) {
        List<Row> rows = new ArrayList<>();
        for (Row r : items.filter(col(dateCol).isNotNull()).groupBy("la_code")
                .agg(functions.min(dateCol), functions.max(dateCol)).collectAsList()) {
            if (r.get(0) == null) continue;
            int from = ry(r.getDate(1).toLocalDate()), to = ry(r.getDate(2).toLocalDate());
            for (int y = from; y <= to; y++) rows.add(yearRow(r.getString(0), y));
        }
        return spark.createDataFrame(rows, MeasureContext.PERIOD_SCHEMA);
    }

    /** 31 March of each year the data reaches (first date .. last date), plus the as-at date. */
    static Dataset<Row> snapshotsFromData(SparkSession spark, Dataset<Row> items, String dateCol, Optional<LocalDate> asAt) {
        List<Row> rows = new ArrayList<>();
        for (Row r : items.filter(col(dateCol).isNotNull()).groupBy("la_code")
                .agg(functions.min(dateCol), functions.max(dateCol)).collectAsList()) {
            if (r.get(0) == null) continue;
            LocalDate first = r.getDate(1).toLocalDate(), last = r.getDate(2).toLocalDate();
            for (int y = ry(first); y <= ry(last); y++) {
                LocalDate d = LocalDate.of(y, 3, 31);
                if (!d.isAfter(last)) rows.add(RowFactory.create(r.getString(0), MeasureContext.timePeriod(y), "Reporting year",
                        java.sql.Date.valueOf(d), java.sql.Date.valueOf(d), y));
            }
            if (asAt.isPresent() && !asAt.get().isBefore(first)) {
                LocalDate d = asAt.get();
                rows.add(RowFactory.create(r.getString(0), d.toString(), "As at date", java.sql.Date.valueOf(d),
                        java.sql.Date.valueOf(d), ry(d)));
            }
        }
        return spark.createDataFrame(rows, MeasureContext.PERIOD_SCHEMA);
    }

    /** The reporting-year row for year {@code y}: 1 April (y-1) to 31 March y. */
    static Row yearRow(String la, int y) {
        return RowFactory.create(la, MeasureContext.timePeriod(y), "Reporting year",
                java.sql.Date.valueOf(LocalDate.of(y - 1, 4, 1)), java.sql.Date.valueOf(LocalDate.of(y, 3, 31)), y);
    }

    /** The reporting year (year ending 31 March) containing {@code d}. */
    static int ry(LocalDate d) { return d.getMonthValue() >= 4 ? d.getYear() + 1 : d.getYear(); }

    // ---------------------------------------------------------------- matching

    /** Items (with la_code) whose {@code dateCol} falls in a period, joined to the period columns. */
    static Dataset<Row> within(Dataset<Row> periods, Dataset<Row> items, String dateCol) {
        Dataset<Row> it = items.withColumnRenamed("la_code", "_ila");
        return periods.select(cols(P)).join(it, col("la_code").equalTo(col("_ila"))
                .and(col(dateCol).between(col("period_start"), col("period_end")))).drop("_ila");
    }

    /** Items open at the snapshot date: start on or before it and end empty or after it. */
    static Dataset<Row> openAt(Dataset<Row> snapshots, Dataset<Row> items, String start, String end) {
        Dataset<Row> it = items.withColumnRenamed("la_code", "_ila");
        return snapshots.select(cols(P)).join(it, col("la_code").equalTo(col("_ila"))
                .and(col(start).leq(col("period_end")))
                .and(col(end).isNull().or(col(end).gt(col("period_end"))))).drop("_ila");
    }

    /** Aggregates per period, every period kept (missing aggregates null; counts coalesced to 0 by the caller). */
    static Dataset<Row> perPeriod(Dataset<Row> periods, Dataset<Row> joined, Column... aggs) {
        Dataset<Row> agg = joined.groupBy(cols(P)).agg(aggs[0], Arrays.copyOfRange(aggs, 1, aggs.length));
        return periods.select(cols(P)).join(agg, scala(P), "left");
    }

    /** Primary rows, and fallback rows for (measure, LA, period) the primary does not cover. */
    static Dataset<Row> prefer(Dataset<Row> primary, Dataset<Row> fallback) {
        List<String> k = List.of("measure_id", "la_code", "time_period", "time_identifier");
        return primary.unionByName(fallback.join(primary.select(cols(k)).distinct(), scala(k), "left_anti"), true);
    }

    // ---------------------------------------------------------------- row shape

    /** A Total row per period: the given numerator, denominator, value, unit and note. */
    static Dataset<Row> measure(Dataset<Row> rows, String id, String unit, Column num, Column den, Column value, String note) {
        return measure(rows, id, unit, num, den, value, lit(note));
    }

    static Dataset<Row> measure(Dataset<Row> rows, String id, String unit, Column num, Column den, Column value, Column note) {
        return rows.withColumn("_n", num.cast("long")).withColumn("_d", den.cast("long"))
                .withColumn("_v", value.cast("double")).withColumn("_note", note)
                .withColumn("measure_id", lit(id)).withColumn("unit", lit(unit))
                .withColumn("numerator", col("_n")).withColumn("denominator", col("_d")).withColumn("value", col("_v"))
                .withColumn("breakdown", lit(Trends.TOTAL)).withColumn("breakdown_value", lit(Trends.TOTAL))
                .withColumn("note", Periods.partYearNote(col("_note"))).select(cols(OUT));
    }

    /** A count row: numerator = value = n, no denominator. */
    static Dataset<Row> countRows(Dataset<Row> a, String id, Column n, String note) {
        return measure(a, id, "count", n, lit(null), n, note);
    }

    /** A percent row: value = num / den x 100. */
    static Dataset<Row> percentRows(Dataset<Row> a, String id, Column num, Column den, String note) {
        return measure(a, id, "percent", num, den, Trends.percent(num, den), note);
    }

    static Column zero(String c) { return functions.coalesce(col(c), lit(0L)); }

    static Column[] cols(List<String> names) { return names.stream().map(functions::col).toArray(Column[]::new); }

    static Column[] cols(List<String> a, String... more) { return cols(concat(a, more)); }

    static List<String> concat(List<String> a, String... more) {
        List<String> out = new ArrayList<>(a);
        out.addAll(List.of(more));
        return out;
    }

    static scala.collection.immutable.Seq<String> scala(List<String> names) { return Trends.toSeq(names); }
}
