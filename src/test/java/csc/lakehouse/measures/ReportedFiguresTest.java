package csc.lakehouse.measures;

import csc.lakehouse.SparkTestSession;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static csc.lakehouse.SparkTestSession.d;
import static csc.lakehouse.SparkTestSession.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The council's reported figures beside the lakehouse's for the same date or period, never another. */
class ReportedFiguresTest {

    static Row gold(String measure, String tp, String ti, String start, String end, String la, String bv, Long num,
                    Double value, String unit, String note) {
        return row(measure, tp, ti, d(start), d(end), "Local authority", la, "E09000002", "Barking and Dagenham",
                bv.equals("Total") ? "Total" : "band", bv, num, null, value, unit, note);
    }

    /*
     * Gold rows (LA 301 unless said):
     *   cpp_duration 24m+, As at 2024-01-31 (2024-01-31..2024-01-31): 6.5%   | its Reporting year 202324 row: 9.0%
     *   cla_starts_police_protection, year to date 2024-01-31 (2023-04-01..2024-01-31): 20.7%, numerator 6
     *   strategy_discussion_days: Reporting year 202324 2.0 days; year to date (2023-04-01..2024-01-31) 3.0 days
     *   pp_out_of_hours: Reporting year 201314 48.3%
     *   cin_31mar: As at 2024-01-31 for LA 302 only (another council)
     * Reported (LA 301, report date 2024-01-31):
     *   cpp_duration 24m+ as_at 7          -> the as-at row 6.5 (not the year's 9.0): (6.5-7)/7 = -7.14 -> -7.1
     *   cla_starts_police_protection year_to_date 20 -> 20.7: +3.5;  of: numerator 29 -> 6: (6-29)/29 = -79.3, unit count
     *   strategy_discussion_days year_to_date 3.17 -> 3.0 (not the whole year's 2.0): (3.0-3.17)/3.17 = -5.36 -> -5.4
     *   pp_out_of_hours reporting_year 2014 43 -> 48.3: 5.3/43 = +12.33 -> +12.3, period "2013-14"
     *   supervision_8wk as_at 87 -> no row: lakehouse empty, note says a run needs --as-at 2024-01-31
     *   cin_31mar as_at 2355 -> LA 302's row is not LA 301's: empty
     * Rows come out in the file's order.
     */
    @Test
    void eachReportedFigureMeetsTheLakehouseFigureForTheSamePeriod() {
        Dataset<Row> trends = SparkTestSession.frame(Trends.schema().structType(),
                gold("cpp_duration", "2024-01-31", "As at date", "2024-01-31", "2024-01-31", "301", "24m+", 17L, 6.5, "percent", null),
                gold("cpp_duration", "202324", "Reporting year", "2024-03-31", "2024-03-31", "301", "24m+", 20L, 9.0, "percent", null),
                gold("cla_starts_police_protection", "2024-01-31", "As at date", "2023-04-01", "2024-01-31", "301", "Total", 6L, 20.7, "percent",
                        "part year: 2023-24 to date (2023-04-01 to 2024-01-31); not a reporting-year figure"),
                gold("strategy_discussion_days", "202324", "Reporting year", "2023-04-01", "2024-03-31", "301", "Total", null, 2.0, "days", null),
                gold("strategy_discussion_days", "2024-01-31", "As at date", "2023-04-01", "2024-01-31", "301", "Total", null, 3.0, "days", null),
                gold("pp_out_of_hours", "201314", "Reporting year", "2013-04-01", "2014-03-31", "301", "Total", 14L, 48.3, "percent", null),
                gold("cin_31mar", "2024-01-31", "As at date", "2024-01-31", "2024-01-31", "302", "Total", 2400L, 2400.0, "count", null));
        LocalDate at = LocalDate.of(2024, 1, 31);
        String src = "Scrutiny report, April 2024";
        List<ReportedFigures.Figure> figures = List.of(
                new ReportedFigures.Figure("301", src, "cpp_duration", "24m+", "as_at", at, null, 7, false, "18 of 268"),
                new ReportedFigures.Figure("301", src, "cla_starts_police_protection", "Total", "year_to_date", at, null, 20, false, null),
                new ReportedFigures.Figure("301", src, "cla_starts_police_protection", "Total", "year_to_date", at, null, 29, true, "29 children"),
                new ReportedFigures.Figure("301", src, "strategy_discussion_days", "Total", "year_to_date", at, null, 3.17, false, null),
                new ReportedFigures.Figure("301", "Inspection 2014", "pp_out_of_hours", "Total", "reporting_year", null, 2014, 43, false, null),
                new ReportedFigures.Figure("301", src, "supervision_8wk", "Total", "as_at", at, null, 87, false, null),
                new ReportedFigures.Figure("301", src, "cin_31mar", "Total", "as_at", at, null, 2355, false, null));
        List<Row> out = ReportedFigures.build(trends, figures).collectAsList();
        assertEquals(7, out.size());

        assertEquals("cpp_duration", out.get(0).getAs("measure_id"));
        assertEquals("at 2024-01-31", out.get(0).getAs("reported_period"));
        assertEquals(6.5, (Double) out.get(0).getAs("lakehouse_value"));
        assertEquals(-7.1, (Double) out.get(0).getAs("difference_pct"));
        assertEquals("18 of 268", out.get(0).getAs("reported_text"));

        assertEquals("2023-04-01 to 2024-01-31", out.get(1).getAs("reported_period"));
        assertEquals(20.7, (Double) out.get(1).getAs("lakehouse_value"));
        assertEquals(3.5, (Double) out.get(1).getAs("difference_pct"));
        assertTrue(((String) out.get(1).getAs("note")).startsWith("part year: 2023-24 to date"));
        assertEquals(6.0, (Double) out.get(2).getAs("lakehouse_value"));
        assertEquals("count", out.get(2).getAs("unit"));
        assertEquals("numerator", out.get(2).getAs("compares"));
        assertEquals("value", out.get(1).getAs("compares"));
        assertEquals(-79.3, (Double) out.get(2).getAs("difference_pct"));

        assertEquals(3.0, (Double) out.get(3).getAs("lakehouse_value"));
        assertEquals(-5.4, (Double) out.get(3).getAs("difference_pct"));

        assertEquals("2013-14", out.get(4).getAs("reported_period"));
        assertEquals("201314", out.get(4).getAs("time_period"));
        assertEquals("Reporting year", out.get(4).getAs("time_identifier"));
        assertEquals(12.3, (Double) out.get(4).getAs("difference_pct"));

        assertNull(out.get(5).getAs("lakehouse_value"));
        assertNull(out.get(5).getAs("difference_pct"));
        assertTrue(((String) out.get(5).getAs("note")).contains("--as-at 2024-01-31"), (String) out.get(5).getAs("note"));
        assertNull(out.get(6).getAs("lakehouse_value"));
    }

    /* The YAML: a figure's period must be one of the three, and each kind needs its date or year. */
    @Test
    void theReportedBlockIsCheckedAndTheShippedOneIsReadable() {
        Map<String, Object> bad = Map.of("reported", List.of(Map.of("la_code", "301", "source", "s", "as_at", "2024-01-31",
                "figures", List.of(Map.of("measure", "cpp_repeat", "period", "quarter", "value", 20)))));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ReportedFigures.figures(bad)).getMessage()
                .contains("period must be as_at, year_to_date or reporting_year"));
        Map<String, Object> noYear = Map.of("reported", List.of(Map.of("la_code", "301", "source", "s",
                "figures", List.of(Map.of("measure", "pp_out_of_hours", "period", "reporting_year", "value", 43)))));
        assertThrows(IllegalArgumentException.class, () -> ReportedFigures.figures(noYear));
        // the shipped file: the scrutiny report's date, and every figure names a catalogue measure
        assertEquals(LocalDate.of(2024, 1, 31), ReportedFigures.reportDate().orElseThrow());
        csc.lakehouse.spec.MeasureSpec spec = csc.lakehouse.spec.MeasureSpec.load();
        for (ReportedFigures.Figure f : ReportedFigures.figures())
            assertTrue(spec.get(f.measureId()).isPresent(), f.measureId() + " is not in data-schemas/measures.yaml");
    }
}
