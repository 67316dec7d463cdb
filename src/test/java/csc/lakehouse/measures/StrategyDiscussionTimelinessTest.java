package csc.lakehouse.measures;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static csc.lakehouse.SparkTestSession.d;
import static csc.lakehouse.SparkTestSession.frame;
import static csc.lakehouse.SparkTestSession.row;
import static csc.lakehouse.measures.RecommendationFixtures.LA;
import static csc.lakehouse.measures.RecommendationFixtures.byMeasure;
import static csc.lakehouse.measures.RecommendationFixtures.check;
import static csc.lakehouse.measures.RecommendationFixtures.year2024;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StrategyDiscussionTimelinessTest {
    static final StructType ITEMS = new StructType().add("la_code", DataTypes.StringType).add("referral_date", DataTypes.DateType)
            .add("strategy_date", DataTypes.DateType).add("police_attended", DataTypes.BooleanType);

    /*
     * Working days (calendar file; Mon 1 January 2024 is New Year's Day):
     *  Mon 08/01 -> Wed 10/01: Tue, Wed = 2 (police Y)
     *  Fri 05/01 -> Mon 08/01: Mon = 1 (police N)
     *  Fri 29/12 -> Thu 04/01: Tue 2, Wed 3, Thu 4 (Mon 1st a holiday) = 3 (police not recorded)
     *  Mon 05/02 -> Mon 12/02: Tue..Fri + Mon = 5 (police Y)
     *  same day 01/03 = 0 (police Y)
     *  no referral date, held 05/03: no working days; police N (counts for attendance only)
     *  dated 08/03, before its referral 10/03: no working days; police not recorded
     *  01/04 -> 02/04/2024 is outside the year
     * mean 11 / 5 = 2.2 days; median of 0, 1, 2, 3, 5 = 2.0; within 3 days: 2, 1, 3, 0 = 4 of 5 = 80.0%;
     * police 3 of 5 recorded = 60.0%
     */
    @Test
    void meanMedianTimescaleAndPolice() {
        Dataset<Row> items = frame(ITEMS,
                row(LA, d("2024-01-08"), d("2024-01-10"), true),
                row(LA, d("2024-01-05"), d("2024-01-08"), false),
                row(LA, d("2023-12-29"), d("2024-01-04"), null),
                row(LA, d("2024-02-05"), d("2024-02-12"), true),
                row(LA, d("2024-03-01"), d("2024-03-01"), true),
                row(LA, null, d("2024-03-05"), false),
                row(LA, d("2024-03-10"), d("2024-03-08"), null),
                row(LA, d("2024-04-01"), d("2024-04-02"), true));
        Map<String, Row> m = byMeasure(StrategyDiscussionTimeliness.strategyDiscussions(year2024(), items, 3, "source: test"));
        check(m, "strategy_discussion_days", 11L, 5L, 2.2);
        check(m, "strategy_discussion_days_median", 5L, null, 2.0);
        check(m, "strategy_discussion_in_timescale", 4L, 5L, 80.0);
        check(m, "strategy_police_attended", 3L, 5L, 60.0);
        assertEquals("source: test", m.get("strategy_discussion_days|Total").getAs("note"));
        assertEquals("days", m.get("strategy_discussion_days_median|Total").getAs("unit"));
    }

    /*
     * Census fallback: the first S47 of each episode (child, CINreferralDate), unless an assessment of that episode
     * was authorised before it started.
     *   A episode 2023-06-05: S47s 2023-06-07 and 2023-11-01 -> first 06-07; assessment authorised 06-20 (after) -> kept
     *   B episode 2023-05-01: S47 2023-09-04; assessment authorised 2023-06-01 before it -> arose later in the case: out
     *   B episode 2023-10-02: S47 2023-10-02 (same day); the 2023-06-01 assessment is another episode's -> kept
     *   C episode 2023-07-03: S47 2023-07-10; assessment authorised 2023-07-10, the same day (not before) -> kept
     * -> A 2023-06-05 -> 06-07, B 10-02 -> 10-02, C 07-03 -> 07-10
     * working days: A Tue 6, Wed 7 = 2; B 0; C Tue 4 .. Mon 10 = 5 (no holidays) -> mean 7 / 3 = 2.33, median 2.0;
     * within 3: A, B = 2 of 3 = 66.7%. (Without the bound B's 2023-05-01 -> 09-04 S47 would add 87 working days,
     * and A's second S47 would count too.)
     */
    @Test
    void censusFallbackKeepsOnlyS47sThatFollowTheReferralDirectly() {
        Dataset<Row> s47 = CinSilverFixture.of("s47_enquiry")
                .row("person_id", "A", "referral_date", "2023-06-05", "start_date", "2023-06-07")
                .row("person_id", "A", "referral_date", "2023-06-05", "start_date", "2023-11-01")
                .row("person_id", "B", "referral_date", "2023-05-01", "start_date", "2023-09-04")
                .row("person_id", "B", "referral_date", "2023-10-02", "start_date", "2023-10-02")
                .row("person_id", "C", "referral_date", "2023-07-03", "start_date", "2023-07-10")
                .frame();
        Dataset<Row> assessment = CinSilverFixture.of("assessment")
                .row("person_id", "A", "referral_date", "2023-06-05", "start_date", "2023-06-05", "authorisation_date", "2023-06-20")
                .row("person_id", "B", "referral_date", "2023-05-01", "start_date", "2023-05-02", "authorisation_date", "2023-06-01")
                .row("person_id", "C", "referral_date", "2023-07-03", "start_date", "2023-07-03", "authorisation_date", "2023-07-10")
                .frame();
        Dataset<Row> discussions = StrategyDiscussionTimeliness.censusDiscussions(s47, assessment);
        List<String> kept = discussions.orderBy("strategy_date").select("strategy_date").as(org.apache.spark.sql.Encoders.DATE())
                .collectAsList().stream().map(Object::toString).toList();
        assertEquals(List.of("2023-06-07", "2023-07-10", "2023-10-02"), kept);
        Map<String, Row> m = byMeasure(StrategyDiscussionTimeliness.strategyDiscussions(year2024(), discussions, 3, "n"));
        check(m, "strategy_discussion_days", 7L, 3L, 2.33);
        check(m, "strategy_discussion_days_median", 3L, null, 2.0);
        check(m, "strategy_discussion_in_timescale", 2L, 3L, 66.7);
    }

    /*
     * A part-year tracker: the local tracker starts in October 2023 and runs to April 2025 (the current year to date).
     *   T1 Mon 02/10/2023 -> Wed 04/10/2023 = 2 working days     T2 Mon 06/11/2023 same day = 0
     *   T3 Mon 08/04/2024 -> Tue 09/04/2024 = 1                  T4 Mon 03/03/2025 -> Fri 07/03/2025 = 4
     *   T5 Tue 01/04/2025 -> Thu 03/04/2025 = 2                  (Easter 2024: 29/03-01/04; 2025: 18-21/04)
     * First date 04/10/2023, last 03/04/2025 (dates of the discussions):
     *   2023-24: starts after its first month (April) -> never a Reporting year row: Month rows 2023-10 .. 2024-03
     *            2023-10: T1 mean 2.0 (2 / 1); 2023-11: T2 0.0 (0 / 1); 2023-12: none (0 / 0, value null)
     *   2024-25: dates in April 2024 and March 2025 -> whole: Reporting year 202425: T3, T4: mean 5 / 2 = 2.5,
     *            within 3 working days T3 only: 1 of 2 = 50.0%
     *   2025-26: year to date (April only) -> Month 2025-04: T5 2.0 (2 / 1)
     * Rows: (6 + 1 + 1) periods x 4 measures = 32. Month rows' notes say they are part of a reporting year.
     * No CIN census held, so no census fallback rows.
     */
    @Test
    void aPartYearTrackerIsPublishedByMonthNeverAsAReportingYear() {
        StructType sd = csc.lakehouse.spec.TableSchema.load("silver", "tracker_strategy_discussions").structType();
        MeasureContext ctx = MeasureContext.builder(csc.lakehouse.SparkTestSession.get())
                .table("tracker_strategy_discussions", frame(sd,
                        RecommendationMeasuresTest.discussion(sd, "t1", "2023-10-02", "2023-10-04", true),
                        RecommendationMeasuresTest.discussion(sd, "t2", "2023-11-06", "2023-11-06", true),
                        RecommendationMeasuresTest.discussion(sd, "t3", "2024-04-08", "2024-04-09", true),
                        RecommendationMeasuresTest.discussion(sd, "t4", "2025-03-03", "2025-03-07", false),
                        RecommendationMeasuresTest.discussion(sd, "t5", "2025-04-01", "2025-04-03", true)))
                .build();
        Dataset<Row> out = new StrategyDiscussionTimeliness(3).compute(ctx);
        assertEquals(32, out.count());
        assertEquals(0, out.filter("time_period in ('202324', '202526')").count(), "part years are never reporting-year rows");
        assertEquals(List.of("2023-10", "2023-11", "2023-12", "2024-01", "2024-02", "2024-03", "2025-04"),
                out.filter("time_identifier = 'Month'").select("time_period").distinct().orderBy("time_period")
                        .as(org.apache.spark.sql.Encoders.STRING()).collectAsList());
        Map<String, Row> oct = byMeasure(out.filter("time_period = '2023-10'"));
        check(oct, "strategy_discussion_days", 2L, 1L, 2.0);
        assertTrue(((String) oct.get("strategy_discussion_days|Total").getAs("note"))
                .startsWith("part year: a month of reporting year 2023-24"));
        check(byMeasure(out.filter("time_period = '2023-11'")), "strategy_discussion_days", 0L, 1L, 0.0);
        check(byMeasure(out.filter("time_period = '2023-12'")), "strategy_discussion_days", 0L, 0L, null);
        Map<String, Row> y25 = byMeasure(out.filter("time_period = '202425'"));
        assertEquals("Reporting year", y25.get("strategy_discussion_days|Total").getAs("time_identifier"));
        check(y25, "strategy_discussion_days", 5L, 2L, 2.5);
        check(y25, "strategy_discussion_in_timescale", 1L, 2L, 50.0);
        assertTrue(((String) y25.get("strategy_discussion_days|Total").getAs("note")).startsWith("source: local tracker"));
        check(byMeasure(out.filter("time_period = '2025-04'")), "strategy_discussion_days", 2L, 1L, 2.0);
    }

    /*
     * The SSD first, then the tracker (issue 18). SSD extract: S1 referral Mon 03/04/2023 -> S47 (strategy discussion)
     * Wed 05/04/2023 = 2 working days; S2 Mon 04/03/2024 -> Mon 11/03/2024 = 5; S3 an S47 on 02/10/2023 whose referral
     * the extract lacks (no working days). Dates 05/04/2023 .. 11/03/2024: the SSD covers 2023-24 whole.
     *   2023-24 from the SSD: mean 7 / 2 = 3.5; within 3 working days S1 only: 1 of 2 = 50.0%.
     * Tracker: T1 03/04/2023 -> 04/04/2023 (1, police yes), T2 28/03/2024 same day (0, police no),
     * T3 02/04/2024 -> 03/04/2024 (1; Easter Monday was 01/04), T4 03/03/2025 -> 04/03/2025 (1): 2023-24 and 2024-25 whole.
     *   2023-24: the SSD's figures stand; police attendance (not in the SSD) is the tracker's: 1 of 2 = 50.0%.
     *   2024-25, which the SSD does not cover: the tracker's, mean 2 / 2 = 1.0.
     */
    @Test
    void theSsdComesFirstAndTheTrackerCoversWhatItLacks() {
        MeasureContext ctx = ssdAndTracker(
                new String[][]{{"S1", "R1", "2023-04-05"}, {"S2", "R2", "2024-03-11"}, {"S3", "R9", "2023-10-02"}},
                new String[][]{{"R1", "2023-04-03"}, {"R2", "2024-03-04"}},
                new Object[][]{{"t1", "2023-04-03", "2023-04-04", true}, {"t2", "2024-03-28", "2024-03-28", false},
                        {"t3", "2024-04-02", "2024-04-03", true}, {"t4", "2025-03-03", "2025-03-04", true}});
        Dataset<Row> out = new StrategyDiscussionTimeliness(3).compute(ctx);
        Map<String, Row> y24 = byMeasure(out.filter("time_period = '202324'"));
        check(y24, "strategy_discussion_days", 7L, 2L, 3.5);
        check(y24, "strategy_discussion_days_median", 2L, null, 3.5);
        check(y24, "strategy_discussion_in_timescale", 1L, 2L, 50.0);
        assertTrue(((String) y24.get("strategy_discussion_days|Total").getAs("note")).startsWith("source: SSD extract"));
        check(y24, "strategy_police_attended", 1L, 2L, 50.0);
        assertTrue(((String) y24.get("strategy_police_attended|Total").getAs("note")).startsWith("source: local tracker"));
        Map<String, Row> y25 = byMeasure(out.filter("time_period = '202425'"));
        check(y25, "strategy_discussion_days", 2L, 2L, 1.0);
        assertTrue(((String) y25.get("strategy_discussion_days|Total").getAs("note")).startsWith("source: local tracker"));
        assertEquals(8, out.count(), "two years, four measures each");
    }

    /*
     * The SSD only inside its timeframe: extracted on 30/04/2025 with the SSD's 6 years (targets.yaml), the extract is
     * whole from 30/04/2019. Its 2018-19 discussions (S1 Easter Monday 02/04/2018 -> 04/04/2018 = 2 working days, S2
     * 04/03/2019 -> 06/03/2019 = 2) are only those of enquiries still open later: that year comes from the tracker,
     * T1 03/04/2018 -> 09/04/2018 = 4, T2 25/03/2019 -> 26/03/2019 = 1: mean 5 / 2 = 2.5 (the SSD would say 2.0).
     */
    @Test
    void theSsdStandsOnlyForPeriodsItsExtractCoversWhole() {
        MeasureContext ctx = ssdAndTracker(new String[][]{{"S1", "R1", "2018-04-04"}, {"S2", "R2", "2019-03-06"}},
                new String[][]{{"R1", "2018-04-02"}, {"R2", "2019-03-04"}},
                new Object[][]{{"t1", "2018-04-03", "2018-04-09", true}, {"t2", "2019-03-25", "2019-03-26", false}});
        Map<String, Row> y19 = byMeasure(new StrategyDiscussionTimeliness(3).compute(ctx).filter("time_period = '201819'"));
        check(y19, "strategy_discussion_days", 5L, 2L, 2.5);
        assertTrue(((String) y19.get("strategy_discussion_days|Total").getAs("note")).startsWith("source: local tracker"));
    }

    /**
     * A context with an SSD extract taken on 30/04/2025 (S47s: id, referral id, start date; referrals: id, date) and a
     * strategy-discussion tracker (person, referral date, discussion date, police attended).
     */
    static MeasureContext ssdAndTracker(String[][] s47s, String[][] referrals, Object[][] tracker) {
        java.sql.Timestamp at = java.sql.Timestamp.valueOf("2025-04-30 09:00:00");
        CinSilverFixture s47 = CinSilverFixture.of("s47_enquiry_ssd");
        for (String[] x : s47s) s47.row("s47_id", x[0], "referral_id", x[1], "start_date", x[2], "extracted_at", at);
        CinSilverFixture referral = CinSilverFixture.of("referral_ssd");
        for (String[] x : referrals) referral.row("referral_id", x[0], "referral_date", x[1], "extracted_at", at);
        StructType sd = csc.lakehouse.spec.TableSchema.load("silver", "tracker_strategy_discussions").structType();
        List<Row> rows = new java.util.ArrayList<>();
        for (Object[] t : tracker) {
            rows.add(RecommendationMeasuresTest.discussion(sd, (String) t[0], (String) t[1], (String) t[2], (Boolean) t[3]));
        }
        return MeasureContext.builder(csc.lakehouse.SparkTestSession.get())
                .table("s47_enquiry_ssd", s47.frame()).table("referral_ssd", referral.frame())
                .table("tracker_strategy_discussions", frame(sd, rows.toArray(new Row[0])))
                .build();
    }
}
