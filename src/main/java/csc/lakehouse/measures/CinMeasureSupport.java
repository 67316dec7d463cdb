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
 * Shared building blocks of the CIN, CP and neglect measures: calendar-month duration bands, the NFA test,
 * medians and the final shaping. Matching items to periods lives in {@link Periods} (the one set of period
 * helpers); the delegates below keep the CIN families' static imports short.
 */
final class CinMeasureSupport {
    /** period columns plus reporting_year (for population denominators): {@link Periods#P} */
    static final List<String> P = Periods.P;

    private CinMeasureSupport() {}

    static Column[] pcols(String... more) { return Periods.pcols(more); }

    static scala.collection.immutable.Seq<String> seq(String... cols) { return Periods.seq(cols); }

    static scala.collection.immutable.Seq<String> pseq() { return Periods.pseq(); }

    /** {@link Periods#during} */
    static Dataset<Row> during(Dataset<Row> periods, Dataset<Row> items, String dateCol) {
        return Periods.during(periods, items, dateCol);
    }

    /** {@link Periods#openAt} */
    static Dataset<Row> openAt(Dataset<Row> snapshots, Dataset<Row> items, String startCol, String endCol) {
        return Periods.openAt(snapshots, items, startCol, endCol);
    }

    /** {@link Periods#count} */
    static Dataset<Row> count(Dataset<Row> periods, Dataset<Row> matched, String... keyCols) {
        return Periods.count(periods, matched, keyCols);
    }

    /** {@link Periods#numDen} */
    static Dataset<Row> numDen(Dataset<Row> periods, Dataset<Row> matched, Column isNumerator, String... keyCols) {
        return Periods.numDen(periods, matched, isNumerator, keyCols);
    }

    static Column countDistinct(String... keyCols) { return Periods.countDistinct(keyCols); }

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

    /** Unions measure rows of different shapes (missing columns become null). */
    static Dataset<Row> union(List<Dataset<Row>> parts) {
        Dataset<Row> all = parts.get(0);
        for (int i = 1; i < parts.size(); i++) all = all.unionByName(parts.get(i), true);
        return all;
    }

    /** Unions measure rows of different shapes (missing columns become null) and applies Trends.shape, sorted. */
    static Dataset<Row> shapeAll(List<Dataset<Row>> parts) {
        return shape(union(parts)).orderBy(col("measure_id"), col("la_code"), col("time_identifier"),
                col("time_period"), col("breakdown"), col("breakdown_value"));
    }
}
