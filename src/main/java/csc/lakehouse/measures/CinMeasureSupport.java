package csc.lakehouse.measures;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.apache.spark.sql.functions.add_months;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

/**
 * Shared building blocks of the CIN, CP and neglect measures: matching items to periods (an event in a
 * reporting year, an item open at a snapshot date), distinct counts zero-filled to every period, and
 * calendar-month duration bands. Periods are the frames of {@link MeasureContext#reportingYears} /
 * {@link MeasureContext#snapshots}; every join is on {@code la_code}, so several LAs never mix.
 */
final class CinMeasureSupport {
    /** period columns plus reporting_year (for population denominators) */
    static final List<String> P = List.of("la_code", "time_period", "time_identifier", "period_start", "period_end",
            "reporting_year");

    private CinMeasureSupport() {}

    static Column[] pcols(String... more) {
        List<Column> c = new ArrayList<>();
        for (String p : P) c.add(col(p));
        for (String m : more) c.add(col(m));
        return c.toArray(new Column[0]);
    }

    static scala.collection.immutable.Seq<String> seq(String... cols) {
        return scala.jdk.javaapi.CollectionConverters.asScala(Arrays.asList(cols)).toList();
    }

    static scala.collection.immutable.Seq<String> pseq() {
        return Trends.toSeq(P);
    }

    /** Items whose {@code dateCol} falls in the period (period_start <= date <= period_end), with the period columns. */
    static Dataset<Row> during(Dataset<Row> periods, Dataset<Row> items, String dateCol) {
        return items.join(periods.select(pcols()), seq("la_code"))
                .filter(col(dateCol).geq(col("period_start")).and(col(dateCol).leq(col("period_end"))));
    }

    /** Items open at the snapshot date A = period_end: start <= A and (end null or end > A). */
    static Dataset<Row> openAt(Dataset<Row> snapshots, Dataset<Row> items, String startCol, String endCol) {
        return items.join(snapshots.select(pcols()), seq("la_code"))
                .filter(col(startCol).leq(col("period_end"))
                        .and(col(endCol).isNull().or(col(endCol).gt(col("period_end")))));
    }

    /** One row per period (every period, zero when none) with {@code n} = distinct values of the key columns. */
    static Dataset<Row> count(Dataset<Row> periods, Dataset<Row> matched, String... keyCols) {
        Dataset<Row> n = matched.groupBy(pcols()).agg(countDistinct(keyCols).as("n"));
        return periods.select(pcols()).join(n, pseq(), "left").withColumn("n", coalesce(col("n"), lit(0L)));
    }

    /**
     * One row per period with {@code den} = distinct items (by key) and {@code num} = distinct items for
     * which {@code isNumerator} holds; zeros where the period has none.
     */
    static Dataset<Row> numDen(Dataset<Row> periods, Dataset<Row> matched, Column isNumerator, String... keyCols) {
        Column[] numKeys = new Column[keyCols.length];
        for (int i = 0; i < keyCols.length; i++) numKeys[i] = when(isNumerator, col(keyCols[i]));
        Dataset<Row> g = matched.groupBy(pcols()).agg(
                functions.count_distinct(numKeys[0], Arrays.copyOfRange(numKeys, 1, numKeys.length)).as("num"),
                countDistinct(keyCols).as("den"));
        return periods.select(pcols()).join(g, pseq(), "left")
                .withColumn("num", coalesce(col("num"), lit(0L)))
                .withColumn("den", coalesce(col("den"), lit(0L)));
    }

    static Column countDistinct(String... keyCols) {
        Column[] rest = new Column[keyCols.length - 1];
        for (int i = 1; i < keyCols.length; i++) rest[i - 1] = col(keyCols[i]);
        return functions.count_distinct(col(keyCols[0]), rest);
    }

    /**
     * Calendar-month band of the time from {@code start} to {@code at}: the first label whose lower
     * bound in months m satisfies start + m months <= at (Spark add_months clamps to the month end, as
     * LocalDate.plusMonths does). {@code bounds} ascending, labels.length = bounds.length + 1, labels[0]
     * for under bounds[0].
     */
    static Column monthBand(Column start, Column at, int[] bounds, String[] labels) {
        Column c = null;
        for (int i = bounds.length - 1; i >= 0; i--) {
            Column cond = add_months(start, bounds[i]).leq(at);
            c = c == null ? when(cond, lit(labels[i + 1])) : c.when(cond, lit(labels[i + 1]));
        }
        return c.otherwise(lit(labels[0]));
    }

    /** The referral is not "no further action" (null counts as not NFA). */
    static Column notNfa() {
        return coalesce(col("referral_nfa"), lit(false)).equalTo(false);
    }

    /** Median (exact, the mean of the two middle values for an even count), one decimal place. */
    static Column median1dp(Column c) {
        return functions.round(functions.median(c.cast("double")), 1);
    }

    /**
     * {@link Trends#shape}, after filling breakdown/breakdown_value with Total where a union of
     * distribution and plain rows left them null.
     */
    static Dataset<Row> shape(Dataset<Row> rows) {
        List<String> have = Arrays.asList(rows.columns());
        Dataset<Row> r = rows;
        for (String c : List.of("breakdown", "breakdown_value")) {
            if (have.contains(c)) r = r.withColumn(c, coalesce(col(c), lit(Trends.TOTAL)));
        }
        return Trends.shape(r);
    }

    /** Unions measure rows of different shapes (missing columns become null) and applies Trends.shape, sorted. */
    static Dataset<Row> shapeAll(List<Dataset<Row>> parts) {
        Dataset<Row> all = parts.get(0);
        for (int i = 1; i < parts.size(); i++) all = all.unionByName(parts.get(i), true);
        return shape(all).orderBy(col("measure_id"), col("la_code"), col("time_identifier"),
                col("time_period"), col("breakdown"), col("breakdown_value"));
    }
}
