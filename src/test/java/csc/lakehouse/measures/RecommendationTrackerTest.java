package csc.lakehouse.measures;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static csc.lakehouse.SparkTestSession.d;
import static csc.lakehouse.SparkTestSession.frame;
import static csc.lakehouse.SparkTestSession.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecommendationTrackerTest {
    static Row t(String measure, String period, String kind, String end, String breakdown, Double value, String unit) {
        return row(measure, period, kind, d(end), d(end), "Local authority", "301", null, null, breakdown, breakdown,
                null, null, value, unit, "source: test");
    }

    @Test
    void latestPreviousDirectionAndTarget() {
        Dataset<Row> trends = frame(Trends.schema().structType(),
                // in timescale: 202223 65.0, 202324 72.0 -> improving (higher is better), target 80 not met
                t("strategy_discussion_in_timescale", "202223", "Reporting year", "2023-03-31", "Total", 65.0, "percent"),
                t("strategy_discussion_in_timescale", "202324", "Reporting year", "2024-03-31", "Total", 72.0, "percent"),
                // days: 3.5 then 3.17 -> improving (lower is better), target 3 not met
                t("strategy_discussion_days", "202223", "Reporting year", "2023-03-31", "Total", 3.5, "days"),
                t("strategy_discussion_days", "202324", "Reporting year", "2024-03-31", "Total", 3.17, "days"),
                // supervision 8wk: 31/03/2024 90.0, as-at 30/06/2024 87.0 (no earlier as-at) -> latest is the as-at, no previous
                t("supervision_8wk", "202324", "Reporting year", "2024-03-31", "Total", 90.0, "percent"),
                t("supervision_8wk", "2024-06-30", "As at date", "2024-06-30", "Total", 87.0, "percent"),
                // police protection starts: 15.0 then 12.0 -> improving (lower), target 13 met; a breakdown row is ignored
                t("cla_starts_police_protection", "202223", "Reporting year", "2023-03-31", "Total", 15.0, "percent"),
                t("cla_starts_police_protection", "202324", "Reporting year", "2024-03-31", "Total", 12.0, "percent"),
                t("cla_starts_police_protection", "202324", "Reporting year", "2024-03-31", "legal_status", 99.0, "percent"),
                // unregistered notified: 100 then 100 -> steady, target 100 met
                t("unregistered_u16_notified", "202223", "Reporting year", "2023-03-31", "Total", 100.0, "percent"),
                t("unregistered_u16_notified", "202324", "Reporting year", "2024-03-31", "Total", 100.0, "percent"),
                // caseloads over target: 30 then 39 -> worsening, target 0 not met
                t("caseload_over_target", "2023-03-31", "As at date", "2023-03-31", "Total", 30.0, "count"),
                t("caseload_over_target", "2024-03-31", "As at date", "2024-03-31", "Total", 39.0, "count"));
        Map<String, Row> m = new HashMap<>();
        List<Row> rows = RecommendationTracker.build(trends).collectAsList();
        for (Row r : rows) m.put(r.getAs("measure_id"), r);
        assertEquals(RecommendationTracker.entries().size(), rows.size(), "one row per recommendation-measure pair");

        Row sd = m.get("strategy_discussion_in_timescale");
        assertEquals("R1", sd.getAs("recommendation_id"));
        assertEquals(72.0, sd.getAs("latest_value"));
        assertEquals(65.0, sd.getAs("previous_value"));
        assertEquals("improving", sd.getAs("direction"));
        assertEquals(80.0, sd.getAs("target"));
        assertEquals(false, sd.getAs("target_met"));

        assertEquals("improving", m.get("strategy_discussion_days").getAs("direction"));
        assertEquals(false, m.get("strategy_discussion_days").getAs("target_met"));

        Row sup = m.get("supervision_8wk");
        assertEquals("2024-06-30", sup.getAs("latest_time_period"));
        assertEquals(87.0, sup.getAs("latest_value"));
        assertEquals("no_previous", sup.getAs("direction"));
        assertEquals(false, sup.getAs("target_met"));

        Row pp = m.get("cla_starts_police_protection");
        assertEquals(12.0, pp.getAs("latest_value"));
        assertEquals("improving", pp.getAs("direction"));
        assertEquals(true, pp.getAs("target_met"));
        assertTrue(((String) pp.getAs("note")).contains("England runs at about 9%"));

        assertEquals("steady", m.get("unregistered_u16_notified").getAs("direction"));
        assertEquals(true, m.get("unregistered_u16_notified").getAs("target_met"));
        assertEquals("worsening", m.get("caseload_over_target").getAs("direction"));

        Row none = m.get("ppm_by_second_review");
        assertEquals("no_data", none.getAs("direction"));
        assertNull(none.getAs("target_met"));
    }

    static Row month(String measure, String ym, Double value, String unit) {
        java.time.YearMonth m = java.time.YearMonth.parse(ym);
        return row(measure, ym, "Month", d(m.atDay(1).toString()), d(m.atEndOfMonth().toString()), "Local authority", "301",
                null, null, "Total", "Total", null, null, value, unit, "part year: test");
    }

    /*
     * Like with like, never a part year against a whole one.
     *  strategy_discussion_in_timescale: whole years 202223 60.0, 202324 70.0, and the current year to date by month,
     *    2024-05 95.0 (a single good month). Latest = 202324 70.0 against 202223 60.0: improving, target 80 not met.
     *    (Comparing the part year's 95.0 with the year's 70.0 would read "target met".)
     *  pp_out_of_hours: a tracker that started mid-year has only months: 2023-10 40.0, 2024-09 10.0, 2024-10 30.0.
     *    Latest = 2024-10 30.0, compared with the same month a year before, 2023-10 40.0 (not with 2024-09):
     *    improving (lower is better).
     *  homeless_1617_seen_cro: months 2024-09 50.0, 2024-10 90.0 only: no same month a year before -> no_previous.
     */
    @Test
    void partYearMonthsAreComparedLikeWithLike() {
        Dataset<Row> trends = frame(Trends.schema().structType(),
                t("strategy_discussion_in_timescale", "202223", "Reporting year", "2023-03-31", "Total", 60.0, "percent"),
                t("strategy_discussion_in_timescale", "202324", "Reporting year", "2024-03-31", "Total", 70.0, "percent"),
                month("strategy_discussion_in_timescale", "2024-05", 95.0, "percent"),
                month("pp_out_of_hours", "2023-10", 40.0, "percent"),
                month("pp_out_of_hours", "2024-09", 10.0, "percent"),
                month("pp_out_of_hours", "2024-10", 30.0, "percent"),
                month("homeless_1617_seen_cro", "2024-09", 50.0, "percent"),
                month("homeless_1617_seen_cro", "2024-10", 90.0, "percent"));
        Map<String, Row> m = new HashMap<>();
        for (Row r : RecommendationTracker.build(trends).collectAsList()) m.put(r.getAs("measure_id"), r);

        Row sd = m.get("strategy_discussion_in_timescale");
        assertEquals("202324", sd.getAs("latest_time_period"));
        assertEquals("Reporting year", sd.getAs("latest_time_identifier"));
        assertEquals(70.0, sd.getAs("latest_value"));
        assertEquals(60.0, sd.getAs("previous_value"));
        assertEquals("improving", sd.getAs("direction"));
        assertEquals(false, sd.getAs("target_met"));

        Row ooh = m.get("pp_out_of_hours");
        assertEquals("2024-10", ooh.getAs("latest_time_period"));
        assertEquals("Month", ooh.getAs("latest_time_identifier"));
        assertEquals("2023-10", ooh.getAs("previous_time_period"));
        assertEquals(40.0, ooh.getAs("previous_value"));
        assertEquals("improving", ooh.getAs("direction"));

        Row hl = m.get("homeless_1617_seen_cro");
        assertEquals(90.0, hl.getAs("latest_value"));
        assertNull(hl.getAs("previous_value"));
        assertEquals("no_previous", hl.getAs("direction"));
    }
}
