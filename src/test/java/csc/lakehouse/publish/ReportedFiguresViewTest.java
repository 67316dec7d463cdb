package csc.lakehouse.publish;

import csc.lakehouse.measures.ReportedFigures;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pack's table of the council's reported figures: the same period's row, suppression kept. */
class ReportedFiguresViewTest {

    static TrendRow row(String measure, String tp, String ti, String start, String end, String bv, String num, String value, String unit) {
        return new TrendRow(measure, tp, ti, start, end, "Local authority", "E09000002", "Barking and Dagenham",
                "Total".equals(bv) ? "Total" : "band", bv, num, "", value, unit);
    }

    /*
     * Pack rows (E09000002 = LA 301): cpp_duration 24m+ As at 2024-01-31 = 6.5 (and 202324 = 9.0, not the report's
     * period); cla_starts_police_protection year to date 2024-01-31 (2023-04-01..2024-01-31) = 20.7 with numerator c
     * (suppressed in the pack).
     *   cpp_duration 24m+ reported 7 at 2024-01-31 -> "6.5%", (6.5-7)/7 = -7.1%
     *   cla_starts_police_protection reported 20 (year to date) -> "20.7%", +3.5%
     *   its numerator, reported 29 children -> c, no difference (a suppressed count stays c)
     *   supervision_8wk reported 87 -> no row: lakehouse null ("not in this run")
     *   a figure for LA 302 -> not shown in LA 301's pack
     */
    @Test
    void eachReportedFigureMeetsThePacksRowForTheSamePeriod() {
        List<TrendRow> rows = List.of(
                row("cpp_duration", "2024-01-31", "As at date", "2024-01-31", "2024-01-31", "24m+", "17", "6.5", "percent"),
                row("cpp_duration", "202324", "Reporting year", "2024-03-31", "2024-03-31", "24m+", "20", "9.0", "percent"),
                row("cla_starts_police_protection", "2024-01-31", "As at date", "2023-04-01", "2024-01-31", "Total", "c", "20.7", "percent"));
        LocalDate at = LocalDate.of(2024, 1, 31);
        List<ReportedFigures.Figure> figures = List.of(
                new ReportedFigures.Figure("301", "r", "cpp_duration", "24m+", "as_at", at, null, 7, false, null),
                new ReportedFigures.Figure("301", "r", "cla_starts_police_protection", "Total", "year_to_date", at, null, 20, false, null),
                new ReportedFigures.Figure("301", "r", "cla_starts_police_protection", "Total", "year_to_date", at, null, 29, true, null),
                new ReportedFigures.Figure("301", "r", "supervision_8wk", "Total", "as_at", at, null, 87, false, null),
                new ReportedFigures.Figure("302", "r", "cpp_duration", "24m+", "as_at", at, null, 7, false, null));
        List<ReportedFiguresView.Line> l = ReportedFiguresView.lines(rows, figures);
        assertEquals(4, l.size());
        assertEquals("6.5%", l.get(0).lakehouse());
        assertEquals("-7.1%", l.get(0).differencePct());
        assertEquals("at 2024-01-31", l.get(0).when());
        assertEquals("20.7%", l.get(1).lakehouse());
        assertEquals("+3.5%", l.get(1).differencePct());
        assertTrue(l.get(1).when().endsWith("(year to date)"), l.get(1).when());
        assertEquals("c", l.get(2).lakehouse());
        assertNull(l.get(2).differencePct());
        assertNull(l.get(3).lakehouse());
        // the report's own figure as given: 3.17 days stays 3.17, 2.5% stays 2.5%, 2355 children is 2,355
        assertEquals("3.17 days", ReportedFiguresView.asReported(3.17, "days"));
        assertEquals("2.5%", ReportedFiguresView.asReported(2.5, "percent"));
        assertEquals("7%", ReportedFiguresView.asReported(7.0, "percent"));
        assertEquals("2,355", ReportedFiguresView.asReported(2355, "count"));
    }
}
