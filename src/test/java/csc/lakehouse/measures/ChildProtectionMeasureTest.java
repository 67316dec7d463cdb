package csc.lakehouse.measures;

import csc.lakehouse.SparkTestSession;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static csc.lakehouse.SparkTestSession.d;
import static csc.lakehouse.SparkTestSession.row;
import static csc.lakehouse.measures.CinMeasureAsserts.expect;
import static org.apache.spark.sql.functions.add_months;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChildProtectionMeasureTest {

    static MeasureContext ctx() {
        return MeasureContext.builder(SparkTestSession.get())
                .ret("301", MeasureContext.CIN_CENSUS, 2023).ret("301", MeasureContext.CIN_CENSUS, 2024)
                .table("population", CinSilverFixture.population("301", 2023, 20000))
                .table("cp_plan", plans())
                .build();
    }

    /*
     * CP plans, LA 301, returns 2023 and 2024 (A = 31 March of each). Year 2024 = 2023-04-01..2024-03-31.
     *   plan child start       end         NPCPP initial  note
     *   k1   P1    2024-03-31  -           1     NEG      starts on 31 Mar: open; <3m; repeat (NPCPP)
     *   k2   P2    2023-06-01  2024-03-31  -     EMO      ends on 31 Mar: not open; ended in 2024 after 10 months; repeat (k6)
     *   k6   P2    2021-01-10  2021-06-01  -     NEG      P2's earlier plan (year 2021, not held)
     *   k3   P3    2023-03-31  -           0     SAB      31 Mar of the previous year: at 2024-03-31 12-<24m (+12m = A);
     *                                                     at 2023-03-31 open (starts on A), <3m; start in 2023, not repeat
     *   k4   P4    2022-03-31  2024-03-31  -     PHY      ended 2024-03-31 = start + 24 months -> lasted 2 years;
     *                                                     at 2023-03-31 open, 12-<24m, 11m+
     *   k7   P7    2023-05-02  -           0     NEG      twice (returns 2024, 2025): one plan; 6-<12m; +11m = 2024-04-02 > A: not 11m+
     *   k8   P8    2023-04-30  -           -     PHY      6-<12m; +11m = 2024-03-30 <= A: 11m+
     * Rows are return 2024's unless said: k6 is return 2021's (history only); k3 and k4 are also in return 2023
     * (open at its 31 March; k4 without its end date yet); k7 in returns 2024 and 2025.
     * cpp_starts 2024 = k1, k2, k7, k8 = 4; 2023 = k3 = 1 (k4 started in 2022)
     * cpp_starts_rate 2024 = 4 / 20,000 x 10,000 = 2.0
     * cpp_repeat 2024 = k1, k2 of 4 = 50.0; 2023 = 0 of 1 = 0.0
     * cpp_31mar 2024 = k1, k3, k7, k8 = 4 (rate 2.0); 2023 = k3, k4 = 2 (no mid-2022 population: rate null)
     * cpp_duration 2024: Total 4; <3m 1 (25.0), 3-<6m 0 (0.0), 6-<12m 2 (50.0), 12-<24m 1 (25.0), 24m+ 0 (0.0);
     *                    11m+ = k3, k8 = 2 of 4 = 50.0
     * cpp_duration 2023: Total 2; <3m 1 (50.0), 12-<24m 1 (50.0), others 0; 11m+ = k4 = 1 of 2 = 50.0
     * cpp_ended_2yr 2024: ended k2 (10 months), k4 (24 months) -> 1 of 2 = 50.0; 2023: none ended -> 0 of 0, null
     * cpp_category 2024: Total 4; NEG k1, k7 = 2 (50.0); EMO k2 1 (25.0); PHY k8 1 (25.0); SAB 0; MUL 0
     */
    static Dataset<Row> plans() {
        return CinSilverFixture.of("cp_plan")
                .row("person_id", "P1", "start_date", "2024-03-31", "number_of_previous_cpp", 1, "initial_category", "NEG")
                .row("person_id", "P2", "start_date", "2023-06-01", "end_date", "2024-03-31", "initial_category", "EMO")
                .row("person_id", "P2", "start_date", "2021-01-10", "end_date", "2021-06-01", "initial_category", "NEG", "collection_year", 2021)
                .row("person_id", "P3", "start_date", "2023-03-31", "number_of_previous_cpp", 0, "initial_category", "SAB", "collection_year", 2023)
                .row("person_id", "P3", "start_date", "2023-03-31", "number_of_previous_cpp", 0, "initial_category", "SAB")
                .row("person_id", "P4", "start_date", "2022-03-31", "initial_category", "PHY", "collection_year", 2023)
                .row("person_id", "P4", "start_date", "2022-03-31", "end_date", "2024-03-31", "initial_category", "PHY")
                .row("person_id", "P7", "start_date", "2023-05-02", "number_of_previous_cpp", 0, "initial_category", "NEG", "collection_year", 2024)
                .row("person_id", "P7", "start_date", "2023-05-02", "number_of_previous_cpp", 0, "initial_category", "NEG", "collection_year", 2025)
                .row("person_id", "P8", "start_date", "2023-04-30", "initial_category", "PHY")
                .frame();
    }

    @Test
    void childProtectionPlans() {
        MeasureContext c = ctx();
        Dataset<Row> years = c.reportingYears(MeasureContext.CIN_CENSUS);
        Dataset<Row> snaps = c.snapshots(MeasureContext.CIN_CENSUS);
        Dataset<Row> cp = plans();
        Map<String, Row> r = CinSilverFixture.results(ChildProtectionMeasures.cppStarts(cp, years)
                .unionByName(c.rateRows("cpp_starts_rate", ChildProtectionMeasures.cppStartCounts(cp, years)), true)
                .unionByName(ChildProtectionMeasures.cppRepeat(cp, c.table("cp_plan"), years), true)
                .unionByName(ChildProtectionMeasures.cpp31mar(cp, snaps), true)
                .unionByName(c.rateRows("cpp_31mar_rate", ChildProtectionMeasures.cppOpenCounts(cp, snaps)), true)
                .unionByName(ChildProtectionMeasures.cppEnded2yr(cp, years), true)
                .unionByName(ChildProtectionMeasures.cppCategory(cp, years), true));
        expect(r, "cpp_starts|301|202324|Total", 4.0, 4L, null);
        expect(r, "cpp_starts|301|202223|Total", 1.0, 1L, null);
        expect(r, "cpp_starts_rate|301|202324|Total", 2.0, 4L, 20000L);
        expect(r, "cpp_repeat|301|202324|Total", 50.0, 2L, 4L);
        expect(r, "cpp_repeat|301|202223|Total", 0.0, 0L, 1L);
        expect(r, "cpp_31mar|301|202324|Total", 4.0, 4L, null);
        expect(r, "cpp_31mar|301|202223|Total", 2.0, 2L, null);
        expect(r, "cpp_31mar_rate|301|202324|Total", 2.0, 4L, 20000L);
        expect(r, "cpp_31mar_rate|301|202223|Total", null, 2L, null);
        expect(r, "cpp_ended_2yr|301|202324|Total", 50.0, 1L, 2L);
        expect(r, "cpp_ended_2yr|301|202223|Total", null, 0L, 0L);
        expect(r, "cpp_category|301|202324|Total", 4.0, 4L, null);
        expect(r, "cpp_category|301|202324|NEG", 50.0, 2L, 4L);
        expect(r, "cpp_category|301|202324|EMO", 25.0, 1L, 4L);
        expect(r, "cpp_category|301|202324|PHY", 25.0, 1L, 4L);
        expect(r, "cpp_category|301|202324|SAB", 0.0, 0L, 4L);
        expect(r, "cpp_category|301|202324|MUL", 0.0, 0L, 4L);
        assertEquals("category_of_abuse", r.get("cpp_category|301|202324|NEG").getAs("breakdown"));
    }

    @Test
    void cpDurationBandsAtExactBoundariesAndTheElevenMonthRow() {
        MeasureContext c = ctx();
        Map<String, Row> r = CinSilverFixture.results(
                ChildProtectionMeasures.cppDuration(plans(), c.snapshots(MeasureContext.CIN_CENSUS)));
        expect(r, "cpp_duration|301|202324|Total", 4.0, 4L, null);
        expect(r, "cpp_duration|301|202324|<3m", 25.0, 1L, 4L);
        expect(r, "cpp_duration|301|202324|3-<6m", 0.0, 0L, 4L);
        expect(r, "cpp_duration|301|202324|6-<12m", 50.0, 2L, 4L);
        expect(r, "cpp_duration|301|202324|12-<24m", 25.0, 1L, 4L);
        expect(r, "cpp_duration|301|202324|24m+", 0.0, 0L, 4L);
        expect(r, "cpp_duration|301|202324|11m+", 50.0, 2L, 4L);
        expect(r, "cpp_duration|301|202223|Total", 2.0, 2L, null);
        expect(r, "cpp_duration|301|202223|<3m", 50.0, 1L, 2L);
        expect(r, "cpp_duration|301|202223|12-<24m", 50.0, 1L, 2L);
        expect(r, "cpp_duration|301|202223|24m+", 0.0, 0L, 2L);
        expect(r, "cpp_duration|301|202223|11m+", 50.0, 1L, 2L);
        assertEquals("percent", r.get("cpp_duration|301|202324|11m+").getAs("unit"));
        assertEquals("count", r.get("cpp_duration|301|202324|Total").getAs("unit"));
        assertEquals(14, r.size());
    }

    /*
     * CIN episodes (referrals), LA 301; A = 2024-03-31 (and 2023-03-31). Rows are return 2024's; e3 is also in
     * return 2023 (the only episode open at its 31 March), as are the CIN plans Z, Z and W.
     *   e1 child Q1 ref 2024-03-31 open              -> open (starts on A), <3m
     *   e2 child Q2 ref 2023-12-31 open              -> +3m = 2024-03-31 <= A: 3-<6m
     *   e3 child Q3 ref 2022-03-31 open              -> +24m = A: 24m+; at 2023-03-31: +12m = A: 12-<24m
     *   e4 child Q4 ref 2023-01-15 NFA, no closure   -> never open
     *   e5 child Q5 ref 2023-06-01 closed 2024-03-31 -> not open at A
     *   e6 child Q1 ref 2023-10-01 open              -> +3m 2024-01-01 <= A, +6m 2024-04-01 > A: 3-<6m (2nd episode of Q1)
     * cin_31mar 2024 = e1, e2, e3, e6 = 4 episodes (children would be 3); rate 4 / 20,000 x 10,000 = 2.0
     * cin_31mar 2023 = e3 = 1 (e4 NFA)
     * cin_open_duration 2024: Total 4; <3m 1 (25.0), 3-<6m 2 (50.0), 6-<12m 0, 12-<24m 0, 24m+ 1 (25.0)
     * cin_open_duration 2023: Total 1; 12-<24m 1 (100.0)
     * CIN plans at 2024-03-31:
     *   X start 2023-07-01 open  -> +9m 2024-04-01 > A: <9m
     *   Y start 2023-06-30 open  -> +9m 2024-03-30 <= A: 9-<12m
     *   Z start 2022-03-31 open and Z start 2023-01-10 open (two open plans) -> one child, latest start: 12-<24m
     *   W start 2023-01-01 ended 2024-03-31 -> not open
     * cin_plan_duration 2024: Total 3 children; <9m 33.3, 9-<12m 33.3, 12-<24m 33.3, 24m+ 0.0
     * cin_plan_duration 2023 (A = 2023-03-31): Z (2022-03-31: 12-<24m, the later plan from 2023-01-10 <9m -> latest: <9m), W (<9m) -> Total 2; <9m 100.0
     */
    @Test
    void childrenInNeedEpisodesDurationsAndPlans() {
        Dataset<Row> ref = CinSilverFixture.of("referral")
                .row("person_id", "Q1", "referral_date", "2024-03-31")
                .row("person_id", "Q2", "referral_date", "2023-12-31")
                .row("person_id", "Q3", "referral_date", "2022-03-31", "collection_year", 2023)
                .row("person_id", "Q3", "referral_date", "2022-03-31")
                .row("person_id", "Q4", "referral_date", "2023-01-15", "referral_nfa", true)
                .row("person_id", "Q5", "referral_date", "2023-06-01", "closure_date", "2024-03-31")
                .row("person_id", "Q1", "referral_date", "2023-10-01")
                .frame();
        Dataset<Row> plans = CinSilverFixture.of("cin_plan")
                .row("person_id", "X", "start_date", "2023-07-01")
                .row("person_id", "Y", "start_date", "2023-06-30")
                .row("person_id", "Z", "start_date", "2022-03-31", "collection_year", 2023)
                .row("person_id", "Z", "start_date", "2023-01-10", "collection_year", 2023)
                .row("person_id", "W", "start_date", "2023-01-01", "collection_year", 2023)
                .row("person_id", "Z", "start_date", "2022-03-31")
                .row("person_id", "Z", "start_date", "2023-01-10")
                .row("person_id", "W", "start_date", "2023-01-01", "end_date", "2024-03-31")
                .frame();
        MeasureContext c = ctx();
        Dataset<Row> snaps = c.snapshots(MeasureContext.CIN_CENSUS);
        Map<String, Row> r = CinSilverFixture.results(ChildProtectionMeasures.cin31mar(ref, snaps)
                .unionByName(c.rateRows("cin_31mar_rate", ChildProtectionMeasures.cinOpenCounts(ref, snaps)), true)
                .unionByName(ChildProtectionMeasures.cinOpenDuration(ref, snaps), true)
                .unionByName(ChildProtectionMeasures.cinPlanDuration(plans, snaps), true));
        expect(r, "cin_31mar|301|202324|Total", 4.0, 4L, null);
        expect(r, "cin_31mar|301|202223|Total", 1.0, 1L, null);
        expect(r, "cin_31mar_rate|301|202324|Total", 2.0, 4L, 20000L);
        expect(r, "cin_open_duration|301|202324|Total", 4.0, 4L, null);
        expect(r, "cin_open_duration|301|202324|<3m", 25.0, 1L, 4L);
        expect(r, "cin_open_duration|301|202324|3-<6m", 50.0, 2L, 4L);
        expect(r, "cin_open_duration|301|202324|6-<12m", 0.0, 0L, 4L);
        expect(r, "cin_open_duration|301|202324|12-<24m", 0.0, 0L, 4L);
        expect(r, "cin_open_duration|301|202324|24m+", 25.0, 1L, 4L);
        expect(r, "cin_open_duration|301|202223|12-<24m", 100.0, 1L, 1L);
        expect(r, "cin_plan_duration|301|202324|Total", 3.0, 3L, null);
        expect(r, "cin_plan_duration|301|202324|<9m", 33.3, 1L, 3L);
        expect(r, "cin_plan_duration|301|202324|9-<12m", 33.3, 1L, 3L);
        expect(r, "cin_plan_duration|301|202324|12-<24m", 33.3, 1L, 3L);
        expect(r, "cin_plan_duration|301|202324|24m+", 0.0, 0L, 3L);
        expect(r, "cin_plan_duration|301|202223|Total", 2.0, 2L, null);
        expect(r, "cin_plan_duration|301|202223|<9m", 100.0, 2L, 2L);
    }

    /** Spark add_months must agree with LocalDate.plusMonths (clamping to month end, no end-of-month stickiness). */
    @Test
    void addMonthsMatchesLocalDatePlusMonths() {
        StructType s = new StructType().add("d", DataTypes.DateType).add("m", DataTypes.IntegerType);
        Dataset<Row> f = SparkTestSession.frame(s, row(d("2023-01-31"), 1), row(d("2024-01-31"), 1),
                row(d("2019-02-28"), 1), row(d("2024-02-29"), 12), row(d("2022-03-31"), 24), row(d("2023-08-31"), -6),
                row(d("2023-03-31"), 11));
        for (Row r : f.withColumn("x", add_months(col("d"), col("m"))).collectAsList()) {
            LocalDate expected = r.getDate(0).toLocalDate().plusMonths(r.getInt(1));
            assertEquals(expected, r.getDate(2).toLocalDate(), r.toString());
        }
    }

    /*
     * CP plans ending in the year by length: the plans() fixture. Year 2024: k2 2023-06-01 -> 2024-03-31 (+6m =
     * 2023-12-01 <= end, +12m = 2024-06-01 > end: 6-<12m); k4 2022-03-31 -> 2024-03-31 (+24m = 2024-03-31 <= end:
     * 24m+). Total 2: 6-<12m 1 (50.0), 24m+ 1 (50.0), <3m, 3-<6m, 12-<24m 0 (0.0). The 24m+ row = cpp_ended_2yr
     * (1 of 2). Year 2023: no plan ended in return 2023 -> Total 0, every band 0 of 0 = 0.0
     */
    @Test
    void cpPlansEndingByLength() {
        MeasureContext c = ctx();
        Map<String, Row> r = CinSilverFixture.results(
                ChildProtectionMeasures.cppEndedDuration(plans(), c.reportingYears(MeasureContext.CIN_CENSUS)));
        expect(r, "cpp_ended_duration|301|202324|Total", 2.0, 2L, null);
        expect(r, "cpp_ended_duration|301|202324|<3m", 0.0, 0L, 2L);
        expect(r, "cpp_ended_duration|301|202324|3-<6m", 0.0, 0L, 2L);
        expect(r, "cpp_ended_duration|301|202324|6-<12m", 50.0, 1L, 2L);
        expect(r, "cpp_ended_duration|301|202324|12-<24m", 0.0, 0L, 2L);
        expect(r, "cpp_ended_duration|301|202324|24m+", 50.0, 1L, 2L);
        expect(r, "cpp_ended_duration|301|202223|Total", 0.0, 0L, null);
        expect(r, "cpp_ended_duration|301|202223|24m+", 0.0, 0L, 0L);
    }

    /*
     * CIN episodes ending in the year by length, LA 301, returns 2023 and 2024. Year 2024 = 2023-04-01..2024-03-31.
     *   ep  referral    closure     return  band
     *   e1  2023-04-01  2023-06-30  2024    +3m = 2023-07-01 > closure: <3m
     *   e2  2023-01-10  2023-04-10  2024    +3m = 2023-04-10 <= closure (exact): 3-<6m
     *   e8  2023-02-01  2023-10-15  2024    +6m = 2023-08-01 <=, +12m > : 6-<12m
     *   e3  2022-09-01  2023-09-01  2024    +12m = 2023-09-01 <= (exact): 12-<24m
     *   e4  2021-05-01  2024-01-01  2024    +24m = 2023-05-01 <=: 24m+
     *   e5  2023-07-01  2023-07-01  2024    NFA: never a CIN episode, left out
     *   e6  2023-05-01  -           2024    open: left out
     *   e7  2022-10-01  2023-03-15  2023    year 2023: +3m = 2023-01-01 <=, +6m = 2023-04-01 >: 3-<6m
     * 2024: Total 5; each band 1 of 5 = 20.0. 2023: Total 1; 3-<6m 1 of 1 = 100.0, others 0.0
     */
    @Test
    void cinEpisodesEndingByLength() {
        Dataset<Row> ref = CinSilverFixture.of("referral")
                .row("person_id", "e1", "referral_date", "2023-04-01", "closure_date", "2023-06-30")
                .row("person_id", "e2", "referral_date", "2023-01-10", "closure_date", "2023-04-10")
                .row("person_id", "e8", "referral_date", "2023-02-01", "closure_date", "2023-10-15")
                .row("person_id", "e3", "referral_date", "2022-09-01", "closure_date", "2023-09-01")
                .row("person_id", "e4", "referral_date", "2021-05-01", "closure_date", "2024-01-01")
                .row("person_id", "e5", "referral_date", "2023-07-01", "closure_date", "2023-07-01", "referral_nfa", true)
                .row("person_id", "e6", "referral_date", "2023-05-01")
                .row("person_id", "e7", "referral_date", "2022-10-01", "closure_date", "2023-03-15", "collection_year", 2023)
                .frame();
        Map<String, Row> r = CinSilverFixture.results(
                ChildProtectionMeasures.cinEndedDuration(ref, ctx().reportingYears(MeasureContext.CIN_CENSUS)));
        expect(r, "cin_ended_duration|301|202324|Total", 5.0, 5L, null);
        for (String band : ChildProtectionMeasures.CIN_BANDS) {
            expect(r, "cin_ended_duration|301|202324|" + band, 20.0, 1L, 5L);
        }
        expect(r, "cin_ended_duration|301|202223|Total", 1.0, 1L, null);
        expect(r, "cin_ended_duration|301|202223|3-<6m", 100.0, 1L, 1L);
        expect(r, "cin_ended_duration|301|202223|<3m", 0.0, 0L, 1L);
        assertEquals(ChildProtectionMeasures.DURATION_BAND, r.get("cin_ended_duration|301|202324|24m+").getAs("breakdown"));
    }

    /*
     * CP plans reviewed within timescale at 31 March 2024 (return 2024; A = 2024-03-31). First review due within 3
     * months of the start, each later one within 6 months of the one before, and the next not overdue at A.
     *   plan start       end         reviews (return 2024)              in the denominator?   in timescale?
     *   q1   2023-06-01  -           2023-09-01, 2024-03-01             yes                   yes (both on the due date;
     *                                                                                         next due 2024-09-01)
     *   q2   2023-06-01  -           2023-09-02                         yes                   no (first a day late)
     *   q3   2023-06-01  -           2023-08-15, 2024-03-01             yes                   no (due 2024-02-15)
     *   q4   2023-06-01  -           2023-08-01                         yes                   no (next due 2024-02-01 < A)
     *   q5   2024-01-15  -           -                                  no (+3m = 2024-04-15 > A)
     *   q6   2023-12-31  -           -                                  yes (+3m = A)         yes (first due on A)
     *   q7   2023-06-01  2024-02-01  2023-08-01                         no (not open at A)
     *   q8   2023-06-01  -           2023-08-20; return 2025 adds       yes                   no (return 2024's reviews
     *                                2024-02-10                                               only: next due 2024-02-20)
     *   q9   2023-06-01  -           2023-05-20 (before the start:      yes                   yes (08-30 + 6m =
     *                                ignored), 2023-08-30, 2024-02-25                         2024-02-29 >= 02-25)
     * cpp_reviewed_in_timescale 2024 = q1, q6, q9 = 3 of 7 (q1, q2, q3, q4, q6, q8, q9) = 42.9
     */
    @Test
    void cpPlansReviewedWithinTimescale() {
        Dataset<Row> cp = CinSilverFixture.of("cp_plan")
                .row("person_id", "q1", "start_date", "2023-06-01")
                .row("person_id", "q2", "start_date", "2023-06-01")
                .row("person_id", "q3", "start_date", "2023-06-01")
                .row("person_id", "q4", "start_date", "2023-06-01")
                .row("person_id", "q5", "start_date", "2024-01-15")
                .row("person_id", "q6", "start_date", "2023-12-31")
                .row("person_id", "q7", "start_date", "2023-06-01", "end_date", "2024-02-01")
                .row("person_id", "q8", "start_date", "2023-06-01")
                .row("person_id", "q9", "start_date", "2023-06-01")
                .frame();
        CinSilverFixture reviews = CinSilverFixture.of("cp_review");
        Object[][] held = {
                {"q1", "2023-09-01", 2024}, {"q1", "2024-03-01", 2024}, {"q2", "2023-09-02", 2024},
                {"q3", "2023-08-15", 2024}, {"q3", "2024-03-01", 2024}, {"q4", "2023-08-01", 2024},
                {"q7", "2023-08-01", 2024}, {"q8", "2023-08-20", 2024}, {"q8", "2023-08-20", 2025},
                {"q8", "2024-02-10", 2025}, {"q9", "2023-05-20", 2024}, {"q9", "2023-08-30", 2024},
                {"q9", "2024-02-25", 2024}};
        for (Object[] h : held) {
            String start = h[0].equals("q5") ? "2024-01-15" : h[0].equals("q6") ? "2023-12-31" : "2023-06-01";
            reviews.row("person_id", h[0], "cp_start_date", start, "review_date", h[1], "collection_year", h[2]);
        }
        MeasureContext c = MeasureContext.builder(SparkTestSession.get())
                .ret("301", MeasureContext.CIN_CENSUS, 2024).build();
        Map<String, Row> r = CinSilverFixture.results(ChildProtectionMeasures.cppReviewedInTimescale(cp, reviews.frame(),
                c.snapshots(MeasureContext.CIN_CENSUS), ReviewTimescales.load()));
        expect(r, "cpp_reviewed_in_timescale|301|202324|Total", 42.9, 3L, 7L);
    }

    @Test
    void familyProducesEveryMeasure() {
        ChildProtectionMeasures f = new ChildProtectionMeasures();
        Dataset<Row> out = f.compute(MeasureContext.builder(SparkTestSession.get())
                .ret("301", MeasureContext.CIN_CENSUS, 2024).asAt(LocalDate.of(2023, 12, 31))
                .table("cp_plan", plans()).build());
        List<String> ids = out.select("measure_id").distinct().orderBy("measure_id")
                .as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
        assertEquals(f.definitions().stream().map(MeasureDefinition::id).sorted().toList(), ids);
        // as-at snapshots (period_start = period_end = 2023-12-31) for the snapshot measures; the flow measures'
        // year to date (2023-04-01 .. 2023-12-31, return 2024 held) as an As at date row from 1 April
        assertEquals(List.of("cin_31mar", "cin_31mar_rate", "cin_open_duration", "cin_plan_duration", "cpp_31mar",
                        "cpp_31mar_rate", "cpp_duration", "cpp_reviewed_in_timescale"),
                out.filter(col("time_identifier").equalTo("As at date").and(col("period_start").equalTo(col("period_end"))))
                        .select("measure_id").distinct()
                        .orderBy("measure_id").as(org.apache.spark.sql.Encoders.STRING()).collectAsList());
        assertEquals(List.of("cin_ended_duration", "cpp_category", "cpp_ended_2yr", "cpp_ended_duration", "cpp_repeat",
                        "cpp_starts", "cpp_starts_rate"),
                out.filter(col("time_identifier").equalTo("As at date").and(col("period_start").equalTo(java.sql.Date.valueOf("2023-04-01")))
                                .and(col("period_end").equalTo(java.sql.Date.valueOf("2023-12-31"))))
                        .select("measure_id").distinct()
                        .orderBy("measure_id").as(org.apache.spark.sql.Encoders.STRING()).collectAsList());
        // a repeat plan looks back: with no 2022-23 return, 2023-24's cpp_repeat is not published
        // (the year to date 2023-04-01 .. 2023-12-31 looks back as its year does: not published either)
        List<Row> repeats = out.filter(col("measure_id").equalTo("cpp_repeat").and(col("breakdown").equalTo("Total"))).collectAsList();
        assertEquals(2, repeats.size());
        for (Row repeat : repeats) {
            assertEquals(Trends.Status.NOT_PUBLISHED, Trends.status(repeat.getAs("note")), repeat.toString());
            assertNull(repeat.getAs("value"));
        }
    }

    /*
     * CIN plans (CINPlanDates) exist from the 2021-22 census (data-schemas/collected_from.yaml: cin_plan 2022).
     * Returns 2021 (2020-21) and 2022 (2021-22), LA 301. Return 2022 holds one open plan (X2, from 2021-06-01).
     * cin_plan_duration 2021: x (not collected): Total and every band have no values, note "[x] not collected..."
     *   -- never "0 children", which would read as a dramatic rise in 2021-22
     * cin_plan_duration 2022: Total 1; X2 2021-06-01 + 9m = 2022-03-01 <= 31 March 2022: 9-<12m = 100.0
     */
    @Test
    void cinPlanDurationsBeforeTheCensusHeldThemAreX() {
        Dataset<Row> plans = CinSilverFixture.of("cin_plan")
                .row("person_id", "X2", "start_date", "2021-06-01", "collection_year", 2022)
                .frame();
        MeasureContext c = MeasureContext.builder(SparkTestSession.get())
                .ret("301", MeasureContext.CIN_CENSUS, 2021).ret("301", MeasureContext.CIN_CENSUS, 2022)
                .table("cin_plan", plans).build();
        Map<String, Row> r = CinSilverFixture.results(new ChildProtectionMeasures().compute(c)
                .filter(col("measure_id").equalTo("cin_plan_duration")));
        for (String band : List.of("Total", "<9m", "9-<12m", "12-<24m", "24m+")) {
            Row x = CinMeasureAsserts.get(r, "cin_plan_duration|301|202021|" + band);
            expect(r, "cin_plan_duration|301|202021|" + band, null, null, null);
            assertEquals(Trends.Status.NOT_COLLECTED, Trends.status(x.getAs("note")));
            assertTrue(((String) x.getAs("note")).contains("2021-22"), (String) x.getAs("note"));
        }
        expect(r, "cin_plan_duration|301|202122|Total", 1.0, 1L, null);
        expect(r, "cin_plan_duration|301|202122|9-<12m", 100.0, 1L, 1L);
        assertEquals(Trends.Status.PUBLISHED, Trends.status(r.get("cin_plan_duration|301|202122|Total").getAs("note")));
        assertEquals(java.util.Optional.of(2022), MeasureContext.firstCollectionYear("cin_plan"));
        // codes introduced later take their first year from the code list's from_year
        assertEquals(java.util.Optional.of(2023), MeasureContext.firstCollectionYear("cin_reason_for_closure", "RC9"));
        assertEquals(java.util.Optional.empty(), MeasureContext.firstCollectionYear("cin_reason_for_closure", "RC1"));
    }
}
