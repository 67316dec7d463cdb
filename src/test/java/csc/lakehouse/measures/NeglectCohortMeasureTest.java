package csc.lakehouse.measures;

import csc.lakehouse.SparkTestSession;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static csc.lakehouse.measures.CinMeasureAsserts.expect;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NeglectCohortMeasureTest {

    /*
     * LA 301; CIN census returns 2023 and 2024; SSDA903 returns 2023 and 2024. Year 2024 = 2023-04-01..2024-03-31.
     * Neglect identifications (assessment factor 16A by authorisation date; CP plan with initial or latest NEG):
     *   N1: 16A authorised 2023-06-01; CP plan NEG 2023-06-11           -> first 2023-06-01 (assessment);
     *                                                                      16A -> first CP on or after: 10 days
     *   N2: 16A authorised 2021-05-01; CP plan NEG 2023-05-01           -> first 2021-05-01 (year 2022, assessment);
     *                                                                      2021-05-01 -> 2022-05-01 365 -> 2023-05-01 730 days
     *   N3: factor 3B (not neglect) 2023-05-01; CP plan EMO, latest NEG, 2023-09-01
     *                                                                   -> first 2023-09-01 at a CP plan; no 16A
     *                                                                      assessment: NOT in the days measure (a plan is
     *                                                                      not its own identification; it was 0 days before)
     *   N4: 16A authorised 2023-04-01; no CP plan                       -> first 2023-04-01 (assessment); no plan
     *   N5: CP plan PHY 2020-01-01..2020-06-01; CP plan NEG 2023-07-01  -> first 2023-07-01 at a CP plan; no 16A
     *   N7: CP plan NEG 2023-05-10; 16A authorised 2023-08-01; CP plan EMO 2023-10-01
     *                                                                   -> first 2023-05-10 at a CP plan; days from the
     *                                                                      16A (08-01) to the first plan on or after it
     *                                                                      (10-01): Aug 31 + Sep 30 = 61 days
     * neglect_new 2024 = N1, N3, N4, N5, N7 = 5: identified_at assessment N1, N4 = 2 (40.0%), cp_plan N3, N5, N7 = 3 (60.0%)
     *   2023 = 0 (both breakdown rows 0 with value 0)
     * neglect_days_to_cpp 2024 = median(10, 730, 61) = 61.0 over 3 children (N1, N2, N7); 2023 none -> null, 0
     * neglect_repeat_cpp 2024: initial-NEG plans starting in 2024 = N1, N2, N5, N7 (05-10); N5 has an earlier plan
     *   -> 1 of 4 = 25.0 (N7's 10-01 plan is EMO)
     * Periods of care (903 year 2024):
     *   N2 starts 2023-06-01: neglect 2021-05-01 + 24 months = 2023-05-01 <= start -> 2 years or more before
     *   N1 starts 2024-01-10 (and again 2024-02-20: one child, first start): neglect 2023-06-01 before, under 2 years
     *   N4 starts 2023-04-01 = its neglect date: not before -> excluded
     *   N3 short-break period 2023-12-01 -> excluded
     *   N6 starts 2023-08-01, never identified with neglect -> excluded
     * neglect_late_care_entry 2024 = 1 of 2 = 50.0 (CIN census 2023 held: the year before can be seen)
 *   2023 (903 return held, no care starts): NOT published, as neglect_prior_referrals 2023: no CIN census for 2022
     * neglect_prior_referrals 2024: N2 referrals 2021-04-01, 2022-02-01 (NFA, counts), 2023-06-01 (care start day, not
     *   before) -> 2; N1 referrals 2023-05-01 -> 1, 2024-02-01 after its care start -> median(1, 2) = 1.5 over 2 children,
     *   unit median (not rounded to 2, not a count)
     */
    static MeasureContext ctx() {
        Dataset<Row> factors = CinSilverFixture.of("assessment_factor")
                .row("person_id", "N1", "start_date", "2023-05-01", "authorisation_date", "2023-06-01", "factor", "16A")
                .row("person_id", "N2", "start_date", "2021-04-01", "authorisation_date", "2021-05-01", "factor", "16A")
                .row("person_id", "N3", "start_date", "2023-04-10", "authorisation_date", "2023-05-01", "factor", "3B")
                .row("person_id", "N4", "start_date", "2023-03-01", "authorisation_date", "2023-04-01", "factor", "16A")
                .row("person_id", "N7", "start_date", "2023-07-01", "authorisation_date", "2023-08-01", "factor", "16A")
                .frame();
        Dataset<Row> cp = CinSilverFixture.of("cp_plan")
                .row("person_id", "N1", "start_date", "2023-06-11", "initial_category", "NEG")
                .row("person_id", "N2", "start_date", "2023-05-01", "initial_category", "NEG")
                .row("person_id", "N3", "start_date", "2023-09-01", "initial_category", "EMO", "latest_category", "NEG")
                .row("person_id", "N5", "start_date", "2020-01-01", "end_date", "2020-06-01", "initial_category", "PHY")
                .row("person_id", "N5", "start_date", "2023-07-01", "initial_category", "NEG")
                .row("person_id", "N7", "start_date", "2023-05-10", "initial_category", "NEG")
                .row("person_id", "N7", "start_date", "2023-10-01", "initial_category", "EMO")
                .frame();
        Dataset<Row> periods = CinSilverFixture.of("cla_period")
                .row("person_id", "N2", "start_date", "2023-06-01")
                .row("person_id", "N1", "start_date", "2024-01-10", "end_date", "2024-02-01")
                .row("person_id", "N1", "start_date", "2024-02-20")
                .row("person_id", "N4", "start_date", "2023-04-01")
                .row("person_id", "N3", "start_date", "2023-12-01", "is_short_break", true)
                .row("person_id", "N6", "start_date", "2023-08-01")
                .frame();
        Dataset<Row> referrals = CinSilverFixture.of("referral")
                .row("person_id", "N2", "referral_date", "2021-04-01")
                .row("person_id", "N2", "referral_date", "2022-02-01", "referral_nfa", true)
                .row("person_id", "N2", "referral_date", "2023-06-01")
                .row("person_id", "N1", "referral_date", "2023-05-01")
                .row("person_id", "N1", "referral_date", "2024-02-01")
                .frame();
        return MeasureContext.builder(SparkTestSession.get())
                .ret("301", MeasureContext.CIN_CENSUS, 2023).ret("301", MeasureContext.CIN_CENSUS, 2024)
                .ret("301", MeasureContext.SSDA903, 2023).ret("301", MeasureContext.SSDA903, 2024)
                .table("assessment_factor", factors).table("cp_plan", cp).table("cla_period", periods)
                .table("referral", referrals).build();
    }

    @Test
    void neglectCohortMeasures() {
        NeglectCohort family = new NeglectCohort();
        Dataset<Row> out = family.compute(ctx());
        Map<String, Row> r = CinSilverFixture.results(out);
        expect(r, "neglect_new|301|202324|Total", 5.0, 5L, null);
        expect(r, "neglect_new|301|202324|assessment", 40.0, 2L, 5L);
        expect(r, "neglect_new|301|202324|cp_plan", 60.0, 3L, 5L);
        for (String k : List.of("neglect_new|301|202223|Total", "neglect_new|301|202223|cp_plan",
                "neglect_new|301|202223|assessment", "neglect_late_care_entry|301|202223|Total",
                "neglect_prior_referrals|301|202223|Total")) {
            expect(r, k, null, null, null);
            assertEquals(Trends.Status.NOT_PUBLISHED, Trends.status(r.get(k).getAs("note")), k);
            assertTrue(((String) r.get(k).getAs("note")).contains("cin_census return for 2021-22"), k);
        }
        for (String k : List.of("neglect_new|301|202324|Total", "neglect_late_care_entry|301|202324|Total",
                "neglect_days_to_cpp|301|202223|Total", "neglect_repeat_cpp|301|202223|Total")) {
            assertEquals(Trends.Status.PUBLISHED, Trends.status(r.get(k).getAs("note")), k);
        }
        expect(r, "neglect_days_to_cpp|301|202324|Total", 61.0, 3L, null);
        expect(r, "neglect_days_to_cpp|301|202223|Total", null, 0L, null);
        expect(r, "neglect_repeat_cpp|301|202324|Total", 25.0, 1L, 4L);
        expect(r, "neglect_late_care_entry|301|202324|Total", 50.0, 1L, 2L);
        expect(r, "neglect_prior_referrals|301|202324|Total", 1.5, 2L, null);
        assertEquals("days", r.get("neglect_days_to_cpp|301|202324|Total").getAs("unit"));
        assertEquals("median", r.get("neglect_prior_referrals|301|202324|Total").getAs("unit"));
        assertEquals("identified_at", r.get("neglect_new|301|202324|cp_plan").getAs("breakdown"));
        assertEquals(List.of("neglect_days_to_cpp", "neglect_late_care_entry", "neglect_new", "neglect_prior_referrals",
                        "neglect_repeat_cpp"),
                out.select("measure_id").distinct().orderBy("measure_id")
                        .as(org.apache.spark.sql.Encoders.STRING()).collectAsList());
        // per CIN year: neglect_new Total + 2 breakdown rows, days, repeat = 5; per 903 year: late entry, prior referrals
        assertEquals(5 * 2 + 2 * 2, out.count());
        assertEquals(0, out.filter(col("breakdown").isNull()).count());
    }

    /*
     * Without silver assessment_factor the factors come from assessment.factors:
     *   M1 factors [3B, 16A] authorised 2023-06-01 -> first neglect 2023-06-01
     *   M2 factors [16A] not authorised            -> not an identification
     *   M3 factors [21]                            -> not neglect
     * -> one child, M1, on 2023-06-01
     */
    @Test
    void factorsFallBackToTheAssessmentArray() {
        Dataset<Row> a = CinSilverFixture.of("assessment")
                .row("person_id", "M1", "start_date", "2023-05-01", "authorisation_date", "2023-06-01", "factors", List.of("3B", "16A"))
                .row("person_id", "M2", "start_date", "2023-05-01", "factors", List.of("16A"))
                .row("person_id", "M3", "start_date", "2023-05-01", "authorisation_date", "2023-06-01", "factors", List.of("21"))
                .frame();
        MeasureContext c = MeasureContext.builder(SparkTestSession.get()).table("assessment", a).build();
        List<Row> first = NeglectCohort.firstNeglect(NeglectCohort.factors(c), c.table("cp_plan")).collectAsList();
        assertEquals(1, first.size());
        assertEquals("M1", first.get(0).getAs("person_id"));
        assertEquals(java.sql.Date.valueOf("2023-06-01"), first.get(0).getAs("first_neglect"));
    }

    @Test
    void familiesAreListed() {
        List<MeasureFamily> all = CinMeasureFamilies.all();
        assertEquals(List.of("front_door", "cin_cp", "neglect"), all.stream().map(MeasureFamily::name).toList());
        assertEquals(15 + 15 + 5, all.stream().mapToInt(f -> f.definitions().size()).sum());
        // an LA with one CIN census return and no silver rows at all: every period is zero-filled
        // front_door: 8 reporting-year measures + children_open = 9, + referrals_nfa, referrals_not_in_need, icpcs,
        //         icpcs_rate (4) + icpc_s47_band (Total + 4 bands = 5) + referrals_by_source (Total + the 22 codes
        //         of cin_referral_source.csv valid in 2023-24 + the Health services group = 24) = 42
        // cin_cp: cpp_starts, _rate, cpp_repeat, cpp_ended_2yr (4) + cpp_category (Total + 5) + cin_31mar, _rate,
        //         cpp_31mar, _rate (4) + cin_open_duration (6) + cin_plan_duration (5) + cpp_duration (Total + 5 + 11m+ = 7) = 32,
        //         + cpp_reviewed_in_timescale (1) + cpp_ended_duration and cin_ended_duration (Total + 5 bands each = 12) = 45
        // neglect: neglect_new (Total + assessment + cp_plan), neglect_days_to_cpp, neglect_repeat_cpp = 5
        //         (no 903 return: no care-entry rows)
        MeasureContext empty = MeasureContext.builder(SparkTestSession.get()).ret("301", MeasureContext.CIN_CENSUS, 2024).build();
        assertEquals(List.of(42L, 45L, 5L), all.stream().map(f -> f.compute(empty).count()).toList());
    }
}
