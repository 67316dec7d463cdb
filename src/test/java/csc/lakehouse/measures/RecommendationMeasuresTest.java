package csc.lakehouse.measures;

import csc.lakehouse.SparkTestSession;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static csc.lakehouse.SparkTestSession.d;
import static csc.lakehouse.SparkTestSession.frame;
import static csc.lakehouse.SparkTestSession.row;
import static csc.lakehouse.measures.OfstedRecommendationMeasures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecommendationMeasuresTest {
    static final String LA = "301";

    /** Reporting year 2024: 1 April 2023 to 31 March 2024. */
    static Dataset<Row> year2024() {
        return frame(MeasureContext.PERIOD_SCHEMA, OfstedRecommendationMeasures.yearRow(LA, 2024));
    }

    static Dataset<Row> snap(String iso) {
        return frame(MeasureContext.PERIOD_SCHEMA, row(LA, iso, "As at date", d(iso), d(iso), 2024));
    }

    /** measure_id|breakdown_value -> row */
    static Map<String, Row> byMeasure(Dataset<Row> rows) {
        Map<String, Row> m = new HashMap<>();
        for (Row r : rows.collectAsList()) m.put(r.getAs("measure_id") + "|" + r.getAs("breakdown_value"), r);
        return m;
    }

    static void check(Map<String, Row> m, String key, Long num, Long den, Double value) {
        Row r = m.get(key.contains("|") ? key : key + "|Total");
        assertTrue(r != null, key + " missing from " + m.keySet());
        assertEquals(num, r.getAs("numerator") == null ? null : ((Number) r.getAs("numerator")).longValue(), key + " numerator");
        assertEquals(den, r.getAs("denominator") == null ? null : ((Number) r.getAs("denominator")).longValue(), key + " denominator");
        assertEquals(value, r.getAs("value"), key + " value");
    }

    @Test
    void strategyDiscussions() {
        StructType s = new StructType().add("la_code", DataTypes.StringType).add("referral_date", DataTypes.DateType)
                .add("strategy_date", DataTypes.DateType).add("police_attended", DataTypes.BooleanType);
        // Working days, with 1 January 2024 a bank holiday:
        //  Mon 08/01 -> Wed 10/01: Tue, Wed = 2 (police Y)
        //  Fri 05/01 -> Mon 08/01: Mon = 1 (police N)
        //  Fri 29/12 -> Thu 04/01: Tue 2, Wed 3, Thu 4 (Mon 1st is a holiday) = 3 (police not recorded)
        //  Mon 05/02 -> Mon 12/02: Tue..Fri + Mon = 5 (police Y)
        //  same day 01/03 = 0 (police Y);  02/04/2024 is outside the year
        // sum 11 over 5 -> 2.2 days; within 3 days: 4/5 = 80.0%; police 3 of 4 recorded = 75.0%
        Dataset<Row> items = frame(s,
                row(LA, d("2024-01-08"), d("2024-01-10"), true),
                row(LA, d("2024-01-05"), d("2024-01-08"), false),
                row(LA, d("2023-12-29"), d("2024-01-04"), null),
                row(LA, d("2024-02-05"), d("2024-02-12"), true),
                row(LA, d("2024-03-01"), d("2024-03-01"), true),
                row(LA, d("2024-04-01"), d("2024-04-02"), true));
        String hol = BankHolidays.sqlArray(List.of(LocalDate.of(2024, 1, 1)));
        Map<String, Row> m = byMeasure(OfstedRecommendationMeasures.strategyDiscussions(year2024(), items, hol, 3, "source: test"));
        check(m, "strategy_discussion_days", 11L, 5L, 2.2);
        check(m, "strategy_discussion_in_timescale", 4L, 5L, 80.0);
        check(m, "strategy_police_attended", 3L, 4L, 75.0);
        assertEquals("source: test", m.get("strategy_discussion_days|Total").getAs("note"));
    }

    @Test
    void supervisionSnapshot() {
        StructType o = new StructType().add("la_code", DataTypes.StringType).add("person_id", DataTypes.StringType)
                .add("start", DataTypes.DateType).add("end", DataTypes.DateType).add("note", DataTypes.StringType);
        StructType s = new StructType().add("la_code", DataTypes.StringType).add("person_id", DataTypes.StringType)
                .add("supervision_date", DataTypes.DateType);
        // At 31/03/2024 open: p1, p3, p4 (p2 closed on the date). Latest supervision on or before it:
        // p1 10/03 (21 days), p3 15/02 (45 days), p4 20/01 (71 days; its 05/04 one is after the date).
        // 4 weeks: 1/3 = 33.3%; 8 weeks: 2/3 = 66.7%
        Dataset<Row> open = frame(o, row(LA, "p1", d("2023-01-01"), null, "n"), row(LA, "p2", d("2023-06-01"), d("2024-03-31"), "n"),
                row(LA, "p3", d("2024-01-01"), null, "n"), row(LA, "p4", d("2023-01-01"), null, "n"));
        Dataset<Row> sup = frame(s, row(LA, "p1", d("2024-03-10")), row(LA, "p1", d("2024-01-01")),
                row(LA, "p2", d("2024-03-30")), row(LA, "p3", d("2024-02-15")), row(LA, "p4", d("2024-01-20")),
                row(LA, "p4", d("2024-04-05")));
        Map<String, Row> m = byMeasure(OfstedRecommendationMeasures.supervision(snap("2024-03-31"), open, sup));
        check(m, "supervision_4wk", 1L, 3L, 33.3);
        check(m, "supervision_8wk", 2L, 3L, 66.7);
    }

    @Test
    void caseloadsSnapshot() {
        StructType s = new StructType().add("la_code", DataTypes.StringType).add("worker_id", DataTypes.StringType)
                .add("children_held", DataTypes.IntegerType).add("team_target", DataTypes.IntegerType)
                .add("as_at_date", DataTypes.DateType).add("case_holding", DataTypes.BooleanType);
        // Latest count on or before 31/03/2024 is 29/03: W1 19>18 over, W2 18=18 not, W3 not case-holding,
        // W4 holds none, W5 22>20 over -> 2 of 3 case-holding workers = 66.7%
        Dataset<Row> cl = frame(s, row(LA, "W1", 20, 18, d("2024-02-29"), true), row(LA, "W9", 30, 18, d("2024-02-29"), true),
                row(LA, "W1", 19, 18, d("2024-03-29"), true), row(LA, "W2", 18, 18, d("2024-03-29"), true),
                row(LA, "W3", 25, 20, d("2024-03-29"), false), row(LA, "W4", 0, 18, d("2024-03-29"), true),
                row(LA, "W5", 22, 20, d("2024-03-29"), null), row(LA, "W1", 40, 18, d("2024-04-05"), true));
        Map<String, Row> m = byMeasure(OfstedRecommendationMeasures.caseloads(snap("2024-03-31"), cl));
        check(m, "caseload_over_target", 2L, 3L, 2.0);
        check(m, "caseload_over_target_pct", 2L, 3L, 66.7);
        assertEquals("source: local tracker caseloads as at 2024-03-29", m.get("caseload_over_target|Total").getAs("note"));
    }

    @Test
    void preProceedingsOver16Weeks() {
        StructType s = new StructType().add("la_code", DataTypes.StringType).add("person_id", DataTypes.StringType)
                .add("family_id", DataTypes.StringType).add("start", DataTypes.DateType).add("end", DataTypes.DateType);
        // 16 weeks = 112 days before 31/03/2024 is 10/12/2023. Open and started before it: c1, c2 (family f1), c5 (f4).
        // c3 started exactly 112 days before (not over); c4 ended 01/02/2024. -> 3 children, 2 families
        Dataset<Row> pp = frame(s, row(LA, "c1", "f1", d("2023-11-01"), null), row(LA, "c2", "f1", d("2023-11-01"), null),
                row(LA, "c3", "f2", d("2023-12-10"), null), row(LA, "c4", "f3", d("2023-10-01"), d("2024-02-01")),
                row(LA, "c5", "f4", d("2023-09-01"), d("2024-04-15")));
        Map<String, Row> m = byMeasure(OfstedRecommendationMeasures.preProceedings(snap("2024-03-31"), pp, 16, true, "n"));
        check(m, "pre_proceedings_over_16w", 3L, null, 3.0);
        check(m, "pre_proceedings_over_16w|families", 2L, null, 2.0);
    }

    @Test
    void homelessAndUnregistered() {
        StructType h = new StructType().add("la_code", DataTypes.StringType).add("presentation_date", DataTypes.DateType)
                .add("outcome", DataTypes.StringType).add("seen_by_childrens_rights_officer", DataTypes.BooleanType);
        // 4 presentations in 2023-24 (one in May 2024 is outside): s20 x2, s17, returned; seen 2 of 4
        Dataset<Row> hl = frame(h, row(LA, d("2023-05-01"), "accommodated_s20", true), row(LA, d("2023-06-01"), "accommodated_s20", false),
                row(LA, d("2023-07-01"), "supported_s17", true), row(LA, d("2023-08-01"), "returned_to_family", null),
                row(LA, d("2024-05-01"), "other", true));
        Map<String, Row> m = byMeasure(homeless(year2024(), hl));
        check(m, "homeless_1617", 4L, null, 4.0);
        check(m, "homeless_1617|accommodated_s20", 2L, 4L, 50.0);
        check(m, "homeless_1617|supported_s17", 1L, 4L, 25.0);
        check(m, "homeless_1617|other", 0L, 4L, 0.0);
        check(m, "homeless_1617_seen_cro", 2L, 4L, 50.0);

        StructType u = new StructType().add("la_code", DataTypes.StringType).add("age_at_start", DataTypes.IntegerType)
                .add("placement_start", DataTypes.DateType).add("ofsted_notified_date", DataTypes.DateType);
        // under 16 and starting in the year: 3; notified on or before the start: only the first -> 33.3%
        Dataset<Row> up = frame(u, row(LA, 15, d("2023-05-01"), d("2023-05-01")), row(LA, 14, d("2023-06-01"), d("2023-06-03")),
                row(LA, 15, d("2023-07-01"), null), row(LA, 16, d("2023-08-01"), d("2023-07-01")),
                row(LA, 12, d("2024-04-10"), d("2024-04-01")));
        Map<String, Row> u16 = byMeasure(unregistered(year2024(), up));
        check(u16, "unregistered_u16_placements", 3L, null, 3.0);
        check(u16, "unregistered_u16_notified", 1L, 3L, 33.3);
    }

    @Test
    void earlyHelpThreshold() {
        StructType s = new StructType().add("la_code", DataTypes.StringType).add("person_id", DataTypes.StringType)
                .add("referral_date", DataTypes.DateType).add("referral_source", DataTypes.StringType)
                .add("closure_date", DataTypes.DateType).add("reason_for_closure", DataTypes.StringType);
        // 5D referrals in 2023-24: p1 (01/05/23), p2 (10/04/23) = 2 (p3's is in 2022-23)
        // RC9 closures in the year: p1 01/06/23, p2 01/07/23, p4 01/03/24 = 3
        // re-referred within 12 months: p1 (01/02/24); p2's next referral 01/08/24 is 13 months on -> 1/3 = 33.3%
        Dataset<Row> ref = frame(s, row(LA, "p1", d("2023-05-01"), "5D", d("2023-06-01"), "RC9"),
                row(LA, "p1", d("2024-02-01"), "1A", null, null),
                row(LA, "p2", d("2023-04-10"), "5D", d("2023-07-01"), "RC9"),
                row(LA, "p2", d("2024-08-01"), "5D", null, null),
                row(LA, "p3", d("2023-01-01"), "5D", d("2023-05-01"), "RC8"),
                row(LA, "p4", d("2023-09-01"), "3A", d("2024-03-01"), "RC9"));
        Map<String, Row> m = byMeasure(earlyHelp(year2024(), ref));
        check(m, "early_help_threshold_referrals_5d", 2L, null, 2.0);
        check(m, "early_help_threshold_closed_rc9", 3L, null, 3.0);
        check(m, "early_help_threshold", 1L, 3L, 33.3);
    }

    @Test
    void permanencePlanning() {
        StructType p = new StructType().add("la_code", DataTypes.StringType).add("person_id", DataTypes.StringType)
                .add("start_date", DataTypes.DateType).add("end_date", DataTypes.DateType).add("is_short_break", DataTypes.BooleanType);
        StructType r = new StructType().add("la_code", DataTypes.StringType).add("person_id", DataTypes.StringType)
                .add("review_date", DataTypes.DateType);
        StructType mt = new StructType().add("la_code", DataTypes.StringType).add("person_id", DataTypes.StringType)
                .add("meeting_date", DataTypes.DateType);
        // Looked after at 31/03/2024: k1, k2, k3 (k4 left, k5 short breaks).
        // Second review in the period: k1 15/09/23 (its 01/01/23 review is before the period), k2 20/03/24, k3 has one.
        // PPMs: k1 01/09/23 (before its 2nd review), k2 25/03/24 (after its 2nd review), k3 none.
        // ppm_held 2/3 = 66.7%; ppm_by_second_review 1/2 = 50.0%
        Dataset<Row> poc = frame(p, row(LA, "k1", d("2023-06-01"), null, false), row(LA, "k2", d("2023-10-01"), null, false),
                row(LA, "k3", d("2024-01-15"), null, false), row(LA, "k4", d("2023-05-01"), d("2024-01-01"), false),
                row(LA, "k5", d("2023-07-01"), null, true));
        Dataset<Row> rv = frame(r, row(LA, "k1", d("2023-01-01")), row(LA, "k1", d("2023-06-20")), row(LA, "k1", d("2023-09-15")),
                row(LA, "k1", d("2024-03-01")), row(LA, "k2", d("2023-10-25")), row(LA, "k2", d("2024-03-20")),
                row(LA, "k3", d("2024-02-10")), row(LA, "k5", d("2023-07-20")), row(LA, "k5", d("2023-08-20")));
        Dataset<Row> ppm = frame(mt, row(LA, "k1", d("2023-09-01")), row(LA, "k2", d("2024-03-25")), row(LA, "k5", d("2023-07-10")));
        Map<String, Row> m = byMeasure(OfstedRecommendationMeasures.permanence(snap("2024-03-31"), poc, rv, ppm));
        check(m, "ppm_held", 2L, 3L, 66.7);
        check(m, "ppm_by_second_review", 1L, 2L, 50.0);
    }

    @Test
    void policeProtection() {
        StructType s = new StructType().add("la_code", DataTypes.StringType).add("person_id", DataTypes.StringType)
                .add("sibling_group_id", DataTypes.StringType).add("event_datetime", DataTypes.TimestampType);
        // 6 entries in 2023-24 (Christmas Day a bank holiday):
        //  Tue 02/05 10:00 g1, Tue 02/05 10:00 g1 (in hours), Sat 03/06 11:00 (out), Wed 05/07 17:00 g2 (out: 17:00),
        //  Mon 25/12 12:00 (out: holiday), Thu 03/08 08:59 (out); 01/04/2024 is outside the year.
        // sibling entries 3, groups 2; out of hours 4/6 = 66.7%
        Dataset<Row> ev = frame(s, row(LA, "a", "g1", Timestamp.valueOf("2023-05-02 10:00:00")),
                row(LA, "b", "g1", Timestamp.valueOf("2023-05-02 10:00:00")), row(LA, "c", null, Timestamp.valueOf("2023-06-03 11:00:00")),
                row(LA, "d", "g2", Timestamp.valueOf("2023-07-05 17:00:00")), row(LA, "e", null, Timestamp.valueOf("2023-12-25 12:00:00")),
                row(LA, "f", null, Timestamp.valueOf("2023-08-03 08:59:00")), row(LA, "g", "g3", Timestamp.valueOf("2024-04-01 03:00:00")));
        Map<String, Row> m = byMeasure(OfstedRecommendationMeasures.policeProtection(year2024(), ev,
                BankHolidays.sqlArray(List.of(LocalDate.of(2023, 12, 25))), "n"));
        check(m, "pp_sibling_groups", 3L, null, 3.0);
        check(m, "pp_sibling_groups|groups", 2L, null, 2.0);
        check(m, "pp_out_of_hours", 4L, 6L, 66.7);
    }

    @Test
    void familyComputesFromTrackersAndPrefersTheTrackerOverTheCensus() {
        StructType sd = csc.lakehouse.spec.TableSchema.load("silver", "tracker_strategy_discussions").structType();
        // tracker: one discussion in 2023-24 with 1 working day (Mon -> Tue), police attended
        Object[] v = new Object[sd.size()];
        v[sd.fieldIndex("la_code")] = LA;
        v[sd.fieldIndex("person_id")] = "x";
        v[sd.fieldIndex("referral_date")] = d("2024-01-08");
        v[sd.fieldIndex("strategy_date")] = d("2024-01-09");
        v[sd.fieldIndex("police_attended")] = true;
        v[sd.fieldIndex("collection_year")] = 2024;
        v[sd.fieldIndex("source_file_sha256")] = "h";
        v[sd.fieldIndex("_row_hash")] = "r";
        MeasureContext ctx = MeasureContext.builder(SparkTestSession.get())
                .table("tracker_strategy_discussions", frame(sd, row(v)))
                .ret(LA, MeasureContext.CIN_CENSUS, 2024).build();
        Map<String, Row> m = byMeasure(new OfstedRecommendationMeasures(3, 16, Optional.empty()).compute(ctx)
                .filter("time_period = '202324'"));
        check(m, "strategy_discussion_days", 1L, 1L, 1.0);
        assertTrue(((String) m.get("strategy_discussion_days|Total").getAs("note")).startsWith("source: local tracker"));
        assertTrue(((String) m.get("strategy_discussion_days|Total").getAs("note")).contains("bank holidays not excluded"));
        // the census (no s47s) still gives the early-help rows for its year
        check(m, "early_help_threshold_referrals_5d", 0L, null, 0.0);
        assertEquals(1, OfstedMeasureFamilies.all().size());
        assertTrue(new OfstedRecommendationMeasures().definitions().size() >= 19);
    }
}
