package csc.lakehouse.measures;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

/**
 * The one set of period helpers for gold: the reporting year of a date, period rows, and matching items to
 * periods (an event in a period, an item open at a snapshot date, from the history or from the return that
 * serves the period), with distinct counts zero-filled to every period. Periods are the frames of
 * {@link MeasureContext#reportingYears} / {@link MeasureContext#snapshots} (or {@link #trackerYears} for a
 * local tracker); every join is on {@code la_code}, so several LAs never mix.
 *
 * <p>Period frames carry {@link #P} (the Trends period columns plus {@code reporting_year}, the year whose
 * population is the denominator) and, from the context, {@code return_year}: the collection year of the
 * return whose own rows serve the period (the return is the record of its year, measures.md).
 */
public final class Periods {
    /** period columns plus reporting_year (for population denominators) */
    public static final List<String> P = List.of("la_code", "time_period", "time_identifier", "period_start",
            "period_end", "reporting_year");
    public static final String REPORTING_YEAR = "Reporting year";
    public static final String AS_AT_DATE = "As at date";
    /** A calendar month of a part year (a tracker that does not cover the whole reporting year). */
    public static final String MONTH = "Month";

    private Periods() {}

    // ---------------------------------------------------------------- the reporting year of a date

    /** The reporting (collection) year containing {@code d}: the year ending 31 March (2023-04-01 -> 2024). */
    public static int reportingYear(LocalDate d) {
        return d.getMonthValue() >= 4 ? d.getYear() + 1 : d.getYear();
    }

    /** {@link #reportingYear(LocalDate)} as a Spark column. */
    public static Column reportingYear(Column date) {
        return when(functions.month(date).geq(4), functions.year(date).plus(1)).otherwise(functions.year(date));
    }

    /** {@code 202324} for the year ending 31 March 2024. */
    public static String timePeriod(int year) {
        return (year - 1) + String.format("%02d", year % 100);
    }

    public static LocalDate yearStart(int year) { return LocalDate.of(year - 1, 4, 1); }

    public static LocalDate yearEnd(int year) { return LocalDate.of(year, 3, 31); }

    /** A {@code Reporting year} period row (1 April Y-1 .. 31 March Y) in {@link MeasureContext#PERIOD_SCHEMA}. */
    public static Row yearRow(String la, int year) {
        return RowFactory.create(la, timePeriod(year), REPORTING_YEAR, java.sql.Date.valueOf(yearStart(year)),
                java.sql.Date.valueOf(yearEnd(year)), year);
    }

    /** A snapshot at 31 March Y, published as a {@code Reporting year} row. */
    public static Row yearEndRow(String la, int year) {
        java.sql.Date d = java.sql.Date.valueOf(yearEnd(year));
        return RowFactory.create(la, timePeriod(year), REPORTING_YEAR, d, d, year);
    }

    /** An {@code As at date} snapshot row; reporting_year = the year containing the date. */
    public static Row asAtRow(String la, LocalDate d) {
        return RowFactory.create(la, d.toString(), AS_AT_DATE, java.sql.Date.valueOf(d), java.sql.Date.valueOf(d),
                reportingYear(d));
    }

    /**
     * The reporting year to date at an as-at date {@code d} inside the year (1 April .. d): published as an
     * {@code As at date} row whose period_start is 1 April, labelled a part year by {@link #yearToDateNote}, so a
     * council can put its figures beside a report's "2023-24 to date" (never a {@code Reporting year} row).
     */
    public static Row yearToDateRow(String la, LocalDate d) {
        return RowFactory.create(la, d.toString(), AS_AT_DATE, java.sql.Date.valueOf(yearStart(reportingYear(d))),
                java.sql.Date.valueOf(d), reportingYear(d));
    }

    /** An as-at date inside a reporting year, not its 31 March: the one date that has a year-to-date period. */
    public static boolean insideYear(LocalDate d) {
        return d != null && !d.equals(yearEnd(reportingYear(d)));
    }

    /** Prefixes the note of a year-to-date row (an as-at row spanning 1 April .. the date) with what it covers. */
    public static Column yearToDateNote(Column note) {
        Column ytd = col("time_identifier").equalTo(AS_AT_DATE).and(col("period_start").lt(col("period_end")));
        Column label = functions.concat(lit("part year: "), reportingYear(col("period_end")).minus(1).cast("string"),
                lit("-"), functions.substring(reportingYear(col("period_end")).cast("string"), 3, 2), lit(" to date ("),
                col("period_start").cast("string"), lit(" to "), col("period_end").cast("string"),
                lit("); not a reporting-year figure"));
        return when(ytd, functions.concat_ws("; ", label, note)).otherwise(note);
    }

    /** A {@code Month} row (time_period {@code 2023-10}) for a part year. */
    public static Row monthRow(String la, YearMonth m) {
        return RowFactory.create(la, m.toString(), MONTH, java.sql.Date.valueOf(m.atDay(1)),
                java.sql.Date.valueOf(m.atEndOfMonth()), reportingYear(m.atDay(1)));
    }

    // ---------------------------------------------------------------- tracker periods (part years)

    /**
     * Periods for an event measure read from a local tracker: a reporting year the tracker covers whole (it
     * has dates in the year's first month, April, or earlier, and in its last month, March, or later) is one
     * {@code Reporting year} row; a year it covers in part (it started mid-year, or it is the current year to
     * date) is never a reporting-year row: it is published by calendar month ({@code Month} rows, every month
     * from the tracker's first to its last date) and labelled a part year by {@link #partYearNote}.
     */
    public static Dataset<Row> trackerYears(SparkSession spark, Dataset<Row> items, String dateCol) {
        return trackerYears(spark, items, dateCol, java.util.Optional.empty());
    }

    /**
     * As {@link #trackerYears(SparkSession, Dataset, String)}, plus the reporting year to date at {@code asAt}
     * ({@link #yearToDateRow}) when the date is inside a year and the tracker covers that year from its first month
     * to the date's month.
     */
    public static Dataset<Row> trackerYears(SparkSession spark, Dataset<Row> items, String dateCol,
                                            java.util.Optional<LocalDate> asAt) {
        List<Row> rows = new ArrayList<>();
        for (Row r : items.filter(col(dateCol).isNotNull()).groupBy("la_code")
                .agg(functions.min(dateCol), functions.max(dateCol)).collectAsList()) {
            if (r.get(0) == null) continue;
            LocalDate first = r.getDate(1).toLocalDate(), last = r.getDate(2).toLocalDate();
            for (int y = reportingYear(first); y <= reportingYear(last); y++) {
                if (coversWholeYear(first, last, y)) {
                    rows.add(yearRow(r.getString(0), y));
                    continue;
                }
                YearMonth m = YearMonth.from(first.isAfter(yearStart(y)) ? first : yearStart(y));
                YearMonth to = YearMonth.from(last.isBefore(yearEnd(y)) ? last : yearEnd(y));
                for (; !m.isAfter(to); m = m.plusMonths(1)) rows.add(monthRow(r.getString(0), m));
            }
            if (asAt.isPresent() && insideYear(asAt.get())) {
                LocalDate d = asAt.get();
                if (!first.isAfter(yearStart(reportingYear(d)).withDayOfMonth(30)) && !last.isBefore(d.withDayOfMonth(1)))
                    rows.add(yearToDateRow(r.getString(0), d));
            }
        }
        return spark.createDataFrame(rows, MeasureContext.PERIOD_SCHEMA);
    }

    /**
     * The periods (snapshot dates, years) that start on or after the LA's first date in a local tracker: a measure
     * that needs the tracker (permanence planning meetings) says nothing of the time before the tracker existed, so
     * those periods are not published at all (never as about 0%, which would read as a dramatic improvement).
     * LAs without the tracker keep no periods.
     */
    public static Dataset<Row> fromTrackerStart(Dataset<Row> periods, Dataset<Row> tracker, String dateCol) {
        Dataset<Row> first = tracker.filter(col(dateCol).isNotNull()).groupBy(col("la_code").as("_t_la"))
                .agg(functions.min(dateCol).as("_t_first"));
        return periods.join(first, col("la_code").equalTo(col("_t_la")).and(col("period_start").geq(col("_t_first"))),
                "left_semi");
    }

    /** The tracker (first..last date) reaches into the first and the last month of reporting year Y. */
    static boolean coversWholeYear(LocalDate first, LocalDate last, int year) {
        return !first.isAfter(yearStart(year).withDayOfMonth(30)) && !last.isBefore(yearEnd(year).withDayOfMonth(1));
    }

    /** The note of a part-year month row: which reporting year it is part of and that it is not a whole year. */
    public static Column partYearNote(Column note) {
        Column label = functions.concat(lit("part year: a month of reporting year "),
                functions.concat(reportingYear(col("period_start")).minus(1).cast("string"), lit("-"),
                        functions.substring(reportingYear(col("period_start")).cast("string"), 3, 2)),
                lit(" that the source does not cover whole; not a reporting-year figure"));
        return when(col("time_identifier").equalTo(MONTH),
                functions.concat_ws("; ", label, note)).otherwise(note);
    }

    // ---------------------------------------------------------------- matching items to periods

    /** The period column names, then {@code more}: the key of a per-period item (dropDuplicates). */
    static String[] pnames(String... more) {
        List<String> c = new ArrayList<>(P);
        c.addAll(Arrays.asList(more));
        return c.toArray(new String[0]);
    }

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

    /** Items (any row: the history) whose {@code dateCol} falls in the period, with the period columns. */
    public static Dataset<Row> during(Dataset<Row> periods, Dataset<Row> items, String dateCol) {
        return items.join(periods.select(pcols()), seq("la_code"))
                .filter(col(dateCol).geq(col("period_start")).and(col(dateCol).leq(col("period_end"))));
    }

    /** Items (any row: the history) open at the snapshot date A = period_end: start <= A and (end null or end > A). */
    public static Dataset<Row> openAt(Dataset<Row> snapshots, Dataset<Row> items, String startCol, String endCol) {
        return items.join(snapshots.select(pcols()), seq("la_code"))
                .filter(open(startCol, endCol));
    }

    /**
     * Per-return rows ({@link MeasureContext#returnRows}) of the return serving the period
     * ({@code collection_year = return_year}) whose {@code dateCol} falls in it: counts in year Y from return Y.
     */
    public static Dataset<Row> duringInReturn(Dataset<Row> periods, Dataset<Row> returnRows, String dateCol) {
        return fromReturn(periods, returnRows)
                .filter(col(dateCol).geq(col("period_start")).and(col(dateCol).leq(col("period_end"))))
                .drop("return_year");
    }

    /**
     * Per-return rows of the return serving the snapshot (31 March Y and dates in year Y: return Y; dates after
     * the latest return's 31 March: the latest return, provisional) open at its date.
     */
    public static Dataset<Row> openAtInReturn(Dataset<Row> snapshots, Dataset<Row> returnRows, String startCol,
                                              String endCol) {
        return fromReturn(snapshots, returnRows).filter(open(startCol, endCol)).drop("return_year");
    }

    private static Dataset<Row> fromReturn(Dataset<Row> periods, Dataset<Row> returnRows) {
        Column[] withReturn = pcols("return_year");
        return returnRows.join(periods.select(withReturn), seq("la_code"))
                // a row without a collection_year (a table without per-return rows) serves every period
                .filter(col("collection_year").isNull().or(col("collection_year").equalTo(col("return_year"))));
    }

    private static Column open(String startCol, String endCol) {
        return col(startCol).leq(col("period_end")).and(col(endCol).isNull().or(col(endCol).gt(col("period_end"))));
    }

    /** One row per period (every period, zero when none) with {@code n} = distinct values of the key columns. */
    public static Dataset<Row> count(Dataset<Row> periods, Dataset<Row> matched, String... keyCols) {
        Dataset<Row> n = matched.groupBy(pcols()).agg(countDistinct(keyCols).as("n"));
        return periods.select(pcols()).join(n, pseq(), "left").withColumn("n", coalesce(col("n"), lit(0L)));
    }

    /**
     * One row per period with {@code den} = distinct items (by key) and {@code num} = distinct items for
     * which {@code isNumerator} holds; zeros where the period has none.
     */
    public static Dataset<Row> numDen(Dataset<Row> periods, Dataset<Row> matched, Column isNumerator, String... keyCols) {
        Dataset<Row> g = matched.groupBy(pcols()).agg(distinctNum(isNumerator, keyCols), countDistinct(keyCols).as("den"));
        return periods.select(pcols()).join(g, pseq(), "left")
                .withColumn("num", coalesce(col("num"), lit(0L)))
                .withColumn("den", coalesce(col("den"), lit(0L)));
    }

    /** {@code num}: distinct items (by key) for which {@code isNumerator} holds. */
    static Column distinctNum(Column isNumerator, String... keyCols) {
        Column[] numKeys = new Column[keyCols.length];
        for (int i = 0; i < keyCols.length; i++) numKeys[i] = when(isNumerator, col(keyCols[i]));
        return functions.count_distinct(numKeys[0], Arrays.copyOfRange(numKeys, 1, numKeys.length)).as("num");
    }

    static Column countDistinct(String... keyCols) {
        Column[] rest = new Column[keyCols.length - 1];
        for (int i = 1; i < keyCols.length; i++) rest[i - 1] = col(keyCols[i]);
        return functions.count_distinct(col(keyCols[0]), rest);
    }
}
