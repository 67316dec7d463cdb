package csc.lakehouse.measures;

import csc.lakehouse.SparkTestSession;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static csc.lakehouse.SparkTestSession.d;
import static csc.lakehouse.SparkTestSession.row;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one set of period helpers: the reporting year of a date, tracker periods and part years. */
class PeriodsTest {

    /*
     * Reporting year = the year ending 31 March: 2023-03-31 -> 2023, 2023-04-01 -> 2024, 2024-02-29 -> 2024,
     * 2024-12-31 -> 2025. The Java and the Spark forms agree.
     */
    @Test
    void reportingYearOfADate() {
        assertEquals(2023, Periods.reportingYear(LocalDate.of(2023, 3, 31)));
        assertEquals(2024, Periods.reportingYear(LocalDate.of(2023, 4, 1)));
        assertEquals("202324", Periods.timePeriod(2024));
        StructType s = new StructType().add("d", DataTypes.DateType);
        Dataset<Row> f = SparkTestSession.frame(s, row(d("2023-03-31")), row(d("2023-04-01")), row(d("2024-02-29")),
                row(d("2024-12-31")));
        for (Row r : f.withColumn("y", Periods.reportingYear(col("d"))).collectAsList()) {
            assertEquals(Periods.reportingYear(r.getDate(0).toLocalDate()), r.getInt(1), r.toString());
        }
    }

    /*
     * A part-year tracker, LA 301: events from 2023-10-16 (the tracker started in October) to 2025-06-15 (the
     * current year to date). LA 302: events 2023-04-03 .. 2024-03-28 (a whole year).
     *   2023-24 (301): starts in October -> not a whole year: 6 Month rows 2023-10 .. 2024-03, no Reporting year row
     *   2024-25 (301): first date before 30 April 2024, last after 1 March 2025 -> one Reporting year row 202425
     *   2025-26 (301): to 2025-06-15 -> 3 Month rows 2025-04, 2025-05, 2025-06
     *   2023-24 (302): 2023-04-03 is in April and 2024-03-28 in March -> one Reporting year row 202324
     * 301: 6 + 1 + 3 = 10 rows; 302: 1 row.
     */
    @Test
    void aPartYearTrackerIsPublishedByMonthNeverAsAReportingYear() {
        StructType s = new StructType().add("la_code", DataTypes.StringType).add("event_date", DataTypes.DateType);
        Dataset<Row> tracker = SparkTestSession.frame(s,
                row("301", d("2023-10-16")), row("301", d("2024-01-05")), row("301", d("2024-04-20")),
                row("301", d("2025-03-03")), row("301", d("2025-06-15")),
                row("302", d("2023-04-03")), row("302", d("2024-03-28")));
        List<Row> p = Periods.trackerYears(SparkTestSession.get(), tracker, "event_date")
                .orderBy("la_code", "period_start").collectAsList();
        List<String> la301 = p.stream().filter(r -> r.getString(0).equals("301"))
                .map(r -> r.getString(2) + " " + r.getString(1)).toList();
        assertEquals(List.of("Month 2023-10", "Month 2023-11", "Month 2023-12", "Month 2024-01", "Month 2024-02",
                "Month 2024-03", "Reporting year 202425", "Month 2025-04", "Month 2025-05", "Month 2025-06"), la301);
        List<String> la302 = p.stream().filter(r -> r.getString(0).equals("302"))
                .map(r -> r.getString(2) + " " + r.getString(1)).toList();
        assertEquals(List.of("Reporting year 202324"), la302);
        // a month row: whole calendar month, reporting_year of the month
        Row oct = p.get(0);
        assertEquals(d("2023-10-01"), oct.getDate(3));
        assertEquals(d("2023-10-31"), oct.getDate(4));
        assertEquals(2024, oct.getInt(5));

        // events counted per period, then labelled: 2023-10 has one event; its note says it is part of 2023-24
        Dataset<Row> periods = Periods.trackerYears(SparkTestSession.get(), tracker, "event_date");
        Dataset<Row> counts = Trends.count("events", Periods.count(periods,
                Periods.during(periods, tracker.withColumn("id", lit(1)).withColumn("k", col("event_date")), "event_date"), "k"))
                .withColumn("note", Periods.partYearNote(lit(null).cast("string")));
        Row m = counts.filter(col("la_code").equalTo("301").and(col("time_period").equalTo("2023-10"))).first();
        assertEquals(1.0, (Double) m.getAs("value"));
        assertTrue(((String) m.getAs("note")).startsWith("part year: a month of reporting year 2023-24"), (String) m.getAs("note"));
        Row y = counts.filter(col("la_code").equalTo("301").and(col("time_period").equalTo("202425"))).first();
        assertEquals(2.0, (Double) y.getAs("value"));   // 2024-04-20 and 2025-03-03

        // snapshots before the tracker existed are not published: 31 March 2023 and 2024 against a tracker from
        // 2023-10-16 (301) keep 2024 only; 302 (from 2023-04-03) keeps 2024 only too (2023-03-31 is before it)
        StructType ps = MeasureContext.PERIOD_SCHEMA;
        Dataset<Row> snaps = SparkTestSession.frame(ps, Periods.yearEndRow("301", 2023), Periods.yearEndRow("301", 2024),
                Periods.yearEndRow("302", 2023), Periods.yearEndRow("302", 2024), Periods.yearEndRow("303", 2024));
        List<String> kept = Periods.fromTrackerStart(snaps, tracker, "event_date").orderBy("la_code", "time_period")
                .collectAsList().stream().map(r -> r.getString(0) + " " + r.getString(1)).toList();
        assertEquals(List.of("301 202324", "302 202324"), kept);   // 303 has no tracker: nothing
        org.junit.jupiter.api.Assertions.assertNull(y.getAs("note"));
    }

    /*
     * The reporting year to date at --as-at 2024-01-31, beside a report's "2023-24 to date" figure.
     * Tracker, LA 301: events 2023-04-03, 2023-11-20, 2024-01-31, 2024-02-12, 2024-03-28 (covers 2023-24 whole).
     *   trackerYears with the as-at date: Reporting year 202324 (1 Apr 2023 .. 31 Mar 2024) plus an As at date row
     *   2024-01-31 spanning 2023-04-01 .. 2024-01-31 (reporting_year 2024). Events in it: 2023-04-03, 2023-11-20,
     *   2024-01-31 (the as-at day itself counts) = 3; the whole year has 5.
     * LA 302: events from 2023-10-02 only (the tracker started in October): no year-to-date row, because the tracker
     *   does not cover the year from April; it keeps its Month rows.
     * An as-at date on 31 March is the year itself: no year-to-date row (insideYear false).
     * The context: returns held 301 cin_census 2023 and 2024 -> Reporting years 202223, 202324 plus the year to date
     *   2024-01-31 served by return 2024; with --as-at 2022-06-30 (year 2023 held) the row is 2022-04-01 .. 2022-06-30.
     *   An as-at date in a year whose return is not held (2025-01-31) adds nothing.
     * The note of a year-to-date row says so: "part year: 2023-24 to date (2023-04-01 to 2024-01-31); ...".
     */
    @Test
    void theYearToDateAtAnAsAtDateIsAnAsAtRowFromTheFirstOfApril() {
        StructType s = new StructType().add("la_code", DataTypes.StringType).add("event_date", DataTypes.DateType);
        Dataset<Row> tracker = SparkTestSession.frame(s,
                row("301", d("2023-04-03")), row("301", d("2023-11-20")), row("301", d("2024-01-31")),
                row("301", d("2024-02-12")), row("301", d("2024-03-28")), row("302", d("2023-10-02")),
                row("302", d("2024-03-05")));
        java.util.Optional<LocalDate> asAt = java.util.Optional.of(LocalDate.of(2024, 1, 31));
        Dataset<Row> periods = Periods.trackerYears(SparkTestSession.get(), tracker, "event_date", asAt);
        List<String> p301 = periods.filter(col("la_code").equalTo("301")).orderBy("time_identifier").collectAsList().stream()
                .map(r -> r.getString(2) + " " + r.getString(1) + " " + r.getDate(3) + ".." + r.getDate(4) + " " + r.getInt(5)).toList();
        assertEquals(List.of("As at date 2024-01-31 2023-04-01..2024-01-31 2024",
                "Reporting year 202324 2023-04-01..2024-03-31 2024"), p301);
        assertEquals(0, periods.filter(col("la_code").equalTo("302").and(col("time_identifier").equalTo("As at date"))).count());
        assertEquals(6, periods.filter(col("la_code").equalTo("302")).count());   // Month rows 2023-10 .. 2024-03

        Dataset<Row> counts = Trends.count("events", Periods.count(periods,
                Periods.during(periods, tracker.withColumn("k", col("event_date")), "event_date"), "k"))
                .withColumn("note", Periods.yearToDateNote(lit(null).cast("string")));
        Row ytd = counts.filter(col("la_code").equalTo("301").and(col("time_identifier").equalTo("As at date"))).first();
        assertEquals(3.0, (Double) ytd.getAs("value"));
        assertEquals("part year: 2023-24 to date (2023-04-01 to 2024-01-31); not a reporting-year figure", ytd.getAs("note"));
        Row year = counts.filter(col("la_code").equalTo("301").and(col("time_identifier").equalTo("Reporting year"))).first();
        assertEquals(5.0, (Double) year.getAs("value"));
        org.junit.jupiter.api.Assertions.assertNull(year.getAs("note"));

        assertEquals(false, Periods.insideYear(LocalDate.of(2024, 3, 31)));
        assertEquals(1, Periods.trackerYears(SparkTestSession.get(), tracker.filter(col("la_code").equalTo("301")),
                "event_date", java.util.Optional.of(LocalDate.of(2024, 3, 31))).count());

        MeasureContext.Builder b = MeasureContext.builder(SparkTestSession.get()).asAt(LocalDate.of(2024, 1, 31))
                .ret("301", MeasureContext.CIN_CENSUS, 2023).ret("301", MeasureContext.CIN_CENSUS, 2024);
        List<String> ctx = b.build().reportingYearsToDate(MeasureContext.CIN_CENSUS).orderBy("period_start", "period_end")
                .collectAsList().stream().map(r -> r.getString(1) + " " + r.getDate(3) + ".." + r.getDate(4) + " return " + r.getInt(6)).toList();
        assertEquals(List.of("202223 2022-04-01..2023-03-31 return 2023", "2024-01-31 2023-04-01..2024-01-31 return 2024",
                "202324 2023-04-01..2024-03-31 return 2024"), ctx);
        assertEquals(3, MeasureContext.builder(SparkTestSession.get()).asAt(LocalDate.of(2022, 6, 30))
                .ret("301", MeasureContext.CIN_CENSUS, 2023).ret("301", MeasureContext.CIN_CENSUS, 2024).build()
                .reportingYearsToDate(MeasureContext.CIN_CENSUS).count());
        assertEquals(2, MeasureContext.builder(SparkTestSession.get()).asAt(LocalDate.of(2025, 1, 31))
                .ret("301", MeasureContext.CIN_CENSUS, 2023).ret("301", MeasureContext.CIN_CENSUS, 2024).build()
                .reportingYearsToDate(MeasureContext.CIN_CENSUS).count());
    }
}
