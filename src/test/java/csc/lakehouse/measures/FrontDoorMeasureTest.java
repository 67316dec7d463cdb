package csc.lakehouse.measures;

import csc.lakehouse.SparkTestSession;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static csc.lakehouse.measures.CinMeasureAsserts.expect;
import static csc.lakehouse.measures.CinMeasureAsserts.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FrontDoorMeasureTest {

    /*
     * Referrals, LA 301 (returns 2023 and 2024), LA 302 (return 2024). Year 2024 = 2023-04-01..2024-03-31.
     *   child  referral    nfa   closure      note
     *   A      2022-06-10        2022-09-01   year 2023
     *   A      2023-05-10        2024-03-31   11 months after 2022-06-10 -> re-referral
     *   B      2022-04-10        2022-05-01   year 2023
     *   B      2023-05-10        -            13 months after 2022-04-10 -> not a re-referral
     *   C      2023-07-01  true  -            NFA: a referral, never open
     *   C      2023-09-01        -            NFA 2023-07-01 two months before -> re-referral
     *   D      2023-08-15        -            present twice (returns 2024 and 2025) -> one referral
     *   E      2022-06-30        2022-07-01   year 2023
     *   E      2023-06-30        2023-07-31   exactly 12 months after 2022-06-30 (on or after) -> re-referral
     *   F      2024-04-01        -            year 2025, not held
     *   G      2024-03-31        -            last day of the year; open at 31 March 2024
     *   H      2023-10-01        -            H has two open episodes (one child)
     *   H      2023-11-01        -            re-referral (1 month)
     *   LA 302: J 2023-05-01 (its own rows; never mixed into 301)
     * Rows without a collection_year are return 2024's; D's two rows are returns 2024 and 2025 (is_latest on 2025's).
     * referrals 2024 (301, return 2024's rows): A, B, C07, C09, D, E, G, H10, H11 = 9;
     *   re-referrals (looking back over the history) A, C09, E, H11 = 4 -> 44.4%
     * referrals 2023 (301, return 2023's rows): A, B, E = 3; re-referrals: 0 of 3, but NOT PUBLISHED: a look-back
     *   measure needs the return for 2022 (2021-22), which is not held. LA 302 2024 likewise (no 2023 return).
     * referrals_rate 2024: 9 / 60,000 (mid-2023) x 10,000 = 1.5; 2023: 3 / 50,000 (mid-2022) x 10,000 = 0.6
     * children_open at 2024-03-31: B, C (09-01), D, G (starts on the date), H = 5 (A closed on the date, E closed, C07 NFA)
     * children_open at 2023-03-31: A, B, E closed by then -> 0
     * children_open at --as-at 2023-08-31: A (closes 2024-03-31), B, D = 3 (C09 not yet, C07 NFA, E closed 07-31)
     * LA 302: referrals 2024 = 1; children_open 2024-03-31 = 1
     */
    static Dataset<Row> referrals() {
        return CinSilverFixture.of("referral")
                .row("person_id", "A", "referral_date", "2022-06-10", "closure_date", "2022-09-01", "collection_year", 2023)
                .row("person_id", "A", "referral_date", "2023-05-10", "closure_date", "2024-03-31")
                .row("person_id", "B", "referral_date", "2022-04-10", "closure_date", "2022-05-01", "collection_year", 2023)
                .row("person_id", "B", "referral_date", "2023-05-10")
                .row("person_id", "C", "referral_date", "2023-07-01", "referral_nfa", true)
                .row("person_id", "C", "referral_date", "2023-09-01", "referral_nfa", false)
                .row("person_id", "D", "referral_date", "2023-08-15", "collection_year", 2024)
                .row("person_id", "D", "referral_date", "2023-08-15", "collection_year", 2025)
                .row("person_id", "E", "referral_date", "2022-06-30", "closure_date", "2022-07-01", "collection_year", 2023)
                .row("person_id", "E", "referral_date", "2023-06-30", "closure_date", "2023-07-31")
                .row("person_id", "F", "referral_date", "2024-04-01")
                .row("person_id", "G", "referral_date", "2024-03-31")
                .row("person_id", "H", "referral_date", "2023-10-01")
                .row("person_id", "H", "referral_date", "2023-11-01")
                .row("la_code", "302", "person_id", "J", "referral_date", "2023-05-01")
                .frame();
    }

    static MeasureContext.Builder ctx() {
        return MeasureContext.builder(SparkTestSession.get())
                .ret("301", MeasureContext.CIN_CENSUS, 2023).ret("301", MeasureContext.CIN_CENSUS, 2024)
                .ret("302", MeasureContext.CIN_CENSUS, 2024)
                .table("population", CinSilverFixture.population("301", 2022, 50000, "301", 2023, 60000));
    }

    @Test
    void referralsRateAndRereferrals() {
        MeasureContext c = ctx().table("referral", referrals()).build();
        Dataset<Row> years = c.reportingYears(MeasureContext.CIN_CENSUS);
        Map<String, Row> r = CinSilverFixture.results(FrontDoorMeasures.referrals(referrals(), years)
                .unionByName(c.rateRows("referrals_rate", FrontDoorMeasures.referralCounts(referrals(), years)), true)
                .unionByName(c.withLookBack(FrontDoorMeasures.rereferrals12m(referrals(), c.table("referral"), years),
                        MeasureContext.CIN_CENSUS, FrontDoorMeasures.LOOK_BACK), true));
        expect(r, "referrals|301|202324|Total", 9.0, 9L, null);
        expect(r, "referrals|301|202223|Total", 3.0, 3L, null);
        expect(r, "referrals|302|202324|Total", 1.0, 1L, null);
        expect(r, "referrals_rate|301|202324|Total", 1.5, 9L, 60000L);
        expect(r, "referrals_rate|301|202223|Total", 0.6, 3L, 50000L);
        expect(r, "rereferrals_12m|301|202324|Total", 44.4, 4L, 9L);
        // the first year of a look-back measure without return Y-1: no values, a note saying why
        expect(r, "rereferrals_12m|301|202223|Total", null, null, null);
        Row firstYear = get(r, "rereferrals_12m|301|202223|Total");
        assertEquals(Trends.Status.NOT_PUBLISHED, Trends.status(firstYear.getAs("note")));
        assertTrue(((String) firstYear.getAs("note")).contains("return for 2021-22"), (String) firstYear.getAs("note"));
        assertEquals(Trends.Status.NOT_PUBLISHED, Trends.status(get(r, "rereferrals_12m|302|202324|Total").getAs("note")));
        assertEquals(Trends.Status.PUBLISHED, Trends.status(get(r, "rereferrals_12m|301|202324|Total").getAs("note")));
        // 302 has no population: the rate is null with a note saying so
        Row noPop = get(r, "referrals_rate|302|202324|Total");
        org.junit.jupiter.api.Assertions.assertNull((Object) noPop.getAs("value"));
        assertTrue(((String) noPop.getAs("note")).contains("no ONS mid-2023"));
        assertEquals("Barking and Dagenham", get(r, "referrals|301|202324|Total").getAs("la_name"));
    }

    /*
     * The return is the record of its year. LA 301, returns 2023 and 2024.
     *   child  referral    return  closure      is_latest vanished
     *   K      2022-10-01  2023    -            false     false    open at 31 March 2023 in return 2023
     *   K      2022-10-01  2024    2023-02-01   true      false    return 2024 corrects it: closed before 31 March 2023
     *   W      2023-03-20  2023    -            true      true     re-keyed by return 2024 (date corrected)
     *   W      2023-04-02  2024    -            true      false    the re-keyed referral
     *   V      2022-12-01  2023    -            true      true     open in return 2023, absent from return 2024
     * children_open 2023-03-31 (return 2023's rows): K, W, V = 3 -- return 2024's correction of K does not revise it
     * children_open 2024-03-31 (return 2024's rows): W (04-02) = 1 -- K closed; V vanished: open in no later snapshot
     * children_open --as-at 2024-06-30 (after the latest return's 31 March: return 2024's rows, provisional): W = 1
     * referrals 2023: K, W (03-20), V = 3 (unchanged by the re-key); referrals 2024: W (04-02) = 1
     * rereferrals_12m 2024: W (04-02) looks back over the history (latest, not vanished rows: K, W 04-02): W's
     *   vanished 03-20 key is left out, so 0 of 1 = 0.0 (with it, the re-keyed referral would count as its own earlier one)
     */
    @Test
    void eachYearFromItsOwnReturnAndVanishedItemsOpenInNoLaterSnapshot() {
        Dataset<Row> ref = CinSilverFixture.of("referral")
                .row("person_id", "K", "referral_date", "2022-10-01", "collection_year", 2023)
                .row("person_id", "K", "referral_date", "2022-10-01", "closure_date", "2023-02-01", "collection_year", 2024)
                .row("person_id", "W", "referral_date", "2023-03-20", "collection_year", 2023, "vanished", true)
                .row("person_id", "W", "referral_date", "2023-04-02", "collection_year", 2024)
                .row("person_id", "V", "referral_date", "2022-12-01", "collection_year", 2023, "vanished", true)
                .frame();
        MeasureContext c = MeasureContext.builder(SparkTestSession.get())
                .ret("301", MeasureContext.CIN_CENSUS, 2023).ret("301", MeasureContext.CIN_CENSUS, 2024)
                .asAt(LocalDate.of(2024, 6, 30)).table("referral", ref).build();
        Map<String, Row> r = CinSilverFixture.results(new FrontDoorMeasures().compute(c));
        expect(r, "children_open|301|202223|Total", 3.0, 3L, null);
        expect(r, "children_open|301|202324|Total", 1.0, 1L, null);
        expect(r, "children_open|301|2024-06-30|Total", 1.0, 1L, null);
        Row provisional = get(r, "children_open|301|2024-06-30|Total");
        assertEquals(Trends.Status.PROVISIONAL, Trends.status(provisional.getAs("note")));
        assertTrue(((String) provisional.getAs("note")).contains("after 31 March 2024"), (String) provisional.getAs("note"));
        assertEquals(Trends.Status.PUBLISHED, Trends.status(get(r, "children_open|301|202324|Total").getAs("note")));
        expect(r, "referrals|301|202223|Total", 3.0, 3L, null);
        expect(r, "referrals|301|202324|Total", 1.0, 1L, null);
        expect(r, "rereferrals_12m|301|202324|Total", 0.0, 0L, 1L);
        // the history view holds K's corrected row and W's re-keyed one only
        assertEquals(2, c.table("referral").count());
        assertEquals(5, c.returnRows("referral").count());
    }

    @Test
    void childrenOpenCountsChildrenNotNfaAtSnapshotsAndAsAt() {
        MeasureContext c = ctx().asAt(LocalDate.of(2023, 8, 31)).build();
        Map<String, Row> r = CinSilverFixture.results(
                FrontDoorMeasures.childrenOpen(referrals(), c.snapshots(MeasureContext.CIN_CENSUS)));
        expect(r, "children_open|301|202324|Total", 5.0, 5L, null);
        expect(r, "children_open|301|202223|Total", 0.0, 0L, null);
        expect(r, "children_open|301|2023-08-31|Total", 3.0, 3L, null);
        expect(r, "children_open|302|202324|Total", 1.0, 1L, null);
        assertEquals("As at date", get(r, "children_open|301|2023-08-31|Total").getAs("time_identifier"));
    }

    /*
     * NFA and "assessed as not in need", LA 301, returns 2024 and 2025. Year 2025 = 2024-04-01..2025-03-31.
     *   child  referral    return  nfa   closure     reason  note
     *   a1     2024-05-01  2025    true  -           -       NFA
     *   a2     2024-06-01  2025    false 2024-07-15  RC8     not in need
     *   a3     2024-07-01  2025    -     2024-09-01  RC9     not in need (RC9: closed after assessment, early help)
     *   a4     2024-08-01  2025    -     2024-10-01  RC7     neither (services ceased for another reason)
     *   a5     2024-09-01  2025    -     -           -       neither (open)
     *   a6     2024-10-01  2025    true  2024-10-01  RC8     NFA; an NFA referral is never "not in need"
     *   a7     2024-11-01  2025    null  2024-12-01  RC8     not in need (null NFA counts as not NFA)
     *   b1     2024-03-10  2024    -     -           -       year 2024, open in return 2024
     *   b1     2024-03-10  2025    -     2024-04-20  RC8     return 2025 closes it: does not revise year 2024
     *   a8     2025-04-01  2025    -     -           -       year 2026, not held
     * referrals 2025 = a1..a7 = 7: referrals_nfa = a1, a6 = 2 of 7 = 28.6; referrals_not_in_need = a2, a3, a7 =
     *   3 of 7 = 42.9
     * referrals 2024 = b1 = 1: referrals_nfa 0 of 1 = 0.0; referrals_not_in_need 0 of 1 = 0.0
     */
    @Test
    void referralsWithNoFurtherActionAndAssessedNotInNeed() {
        Dataset<Row> ref = CinSilverFixture.of("referral")
                .row("person_id", "a1", "referral_date", "2024-05-01", "referral_nfa", true, "collection_year", 2025)
                .row("person_id", "a2", "referral_date", "2024-06-01", "referral_nfa", false, "closure_date", "2024-07-15",
                        "reason_for_closure", "RC8", "collection_year", 2025)
                .row("person_id", "a3", "referral_date", "2024-07-01", "closure_date", "2024-09-01",
                        "reason_for_closure", "RC9", "collection_year", 2025)
                .row("person_id", "a4", "referral_date", "2024-08-01", "closure_date", "2024-10-01",
                        "reason_for_closure", "RC7", "collection_year", 2025)
                .row("person_id", "a5", "referral_date", "2024-09-01", "collection_year", 2025)
                .row("person_id", "a6", "referral_date", "2024-10-01", "referral_nfa", true, "closure_date", "2024-10-01",
                        "reason_for_closure", "RC8", "collection_year", 2025)
                .row("person_id", "a7", "referral_date", "2024-11-01", "closure_date", "2024-12-01",
                        "reason_for_closure", "RC8", "collection_year", 2025)
                .row("person_id", "b1", "referral_date", "2024-03-10", "collection_year", 2024)
                .row("person_id", "b1", "referral_date", "2024-03-10", "closure_date", "2024-04-20",
                        "reason_for_closure", "RC8", "collection_year", 2025)
                .row("person_id", "a8", "referral_date", "2025-04-01", "collection_year", 2025)
                .frame();
        MeasureContext c = MeasureContext.builder(SparkTestSession.get())
                .ret("301", MeasureContext.CIN_CENSUS, 2024).ret("301", MeasureContext.CIN_CENSUS, 2025).build();
        Dataset<Row> years = c.reportingYears(MeasureContext.CIN_CENSUS);
        assertEquals(List.of("RC8", "RC9"), FrontDoorMeasures.assessedNotInNeedReasons());
        Map<String, Row> r = CinSilverFixture.results(FrontDoorMeasures.referralsNfa(ref, years)
                .unionByName(FrontDoorMeasures.referralsNotInNeed(ref, years), true));
        expect(r, "referrals_nfa|301|202425|Total", 28.6, 2L, 7L);
        expect(r, "referrals_not_in_need|301|202425|Total", 42.9, 3L, 7L);
        expect(r, "referrals_nfa|301|202324|Total", 0.0, 0L, 1L);
        expect(r, "referrals_not_in_need|301|202324|Total", 0.0, 0L, 1L);
    }

    /*
     * Referrals by source, LA 301, returns 2022 and 2023. Year 2023 = 2022-04-01..2023-03-31; code 5D (early help)
     * is in the code list from collection year 2023.
     *   return 2023: c1 6, c2 6, c3 3A, c4 3E (NFA: still a referral), c5 " 2a" (trimmed, upper-cased: 2A), c6 5D,
     *                c7 no source, c8 "99" (not a code): Total 8
     *     6 = 2 of 8 = 25.0; 3A, 3E, 2A, 5D = 1 of 8 = 12.5 each; 1A = 0 of 8 = 0.0;
     *     Health services (3A-3F) = c3, c4 = 2 of 8 = 25.0; c7 and c8 are in the Total only
     *   return 2022: d1 6 (2021-05-01), d2 5D (2021-06-01): Total 2; 6 = 1 of 2 = 50.0; 5D = x (not collected
     *     before 2022-23: values null, note "[x] ..."); Health services 0 of 2 = 0.0
     */
    @Test
    void referralsBySourceEveryCodeOfTheYearsCodeList() {
        Dataset<Row> ref = CinSilverFixture.of("referral")
                .row("person_id", "c1", "referral_date", "2022-05-01", "referral_source", "6", "collection_year", 2023)
                .row("person_id", "c2", "referral_date", "2022-06-01", "referral_source", "6", "collection_year", 2023)
                .row("person_id", "c3", "referral_date", "2022-07-01", "referral_source", "3A", "collection_year", 2023)
                .row("person_id", "c4", "referral_date", "2022-08-01", "referral_source", "3E", "referral_nfa", true,
                        "collection_year", 2023)
                .row("person_id", "c5", "referral_date", "2022-09-01", "referral_source", " 2a", "collection_year", 2023)
                .row("person_id", "c6", "referral_date", "2022-10-01", "referral_source", "5D", "collection_year", 2023)
                .row("person_id", "c7", "referral_date", "2022-11-01", "collection_year", 2023)
                .row("person_id", "c8", "referral_date", "2022-12-01", "referral_source", "99", "collection_year", 2023)
                .row("person_id", "d1", "referral_date", "2021-05-01", "referral_source", "6", "collection_year", 2022)
                .row("person_id", "d2", "referral_date", "2021-06-01", "referral_source", "5D", "collection_year", 2022)
                .frame();
        MeasureContext c = MeasureContext.builder(SparkTestSession.get())
                .ret("301", MeasureContext.CIN_CENSUS, 2022).ret("301", MeasureContext.CIN_CENSUS, 2023).build();
        Map<String, Row> r = CinSilverFixture.results(
                FrontDoorMeasures.referralSource(ref, c.reportingYears(MeasureContext.CIN_CENSUS)));
        assertEquals(List.of("3A", "3B", "3C", "3D", "3E", "3F"), FrontDoorMeasures.healthServiceSources());
        expect(r, "referrals_by_source|301|202223|Total", 8.0, 8L, null);
        expect(r, "referrals_by_source|301|202223|6", 25.0, 2L, 8L);
        expect(r, "referrals_by_source|301|202223|3A", 12.5, 1L, 8L);
        expect(r, "referrals_by_source|301|202223|3E", 12.5, 1L, 8L);
        expect(r, "referrals_by_source|301|202223|2A", 12.5, 1L, 8L);
        expect(r, "referrals_by_source|301|202223|5D", 12.5, 1L, 8L);
        expect(r, "referrals_by_source|301|202223|1A", 0.0, 0L, 8L);
        expect(r, "referrals_by_source|301|202223|Health services", 25.0, 2L, 8L);
        expect(r, "referrals_by_source|301|202122|Total", 2.0, 2L, null);
        expect(r, "referrals_by_source|301|202122|6", 50.0, 1L, 2L);
        expect(r, "referrals_by_source|301|202122|Health services", 0.0, 0L, 2L);
        expect(r, "referrals_by_source|301|202122|5D", null, null, null);
        assertEquals(Trends.Status.NOT_COLLECTED, Trends.status(get(r, "referrals_by_source|301|202122|5D").getAs("note")));
        assertEquals(Trends.Status.PUBLISHED, Trends.status(get(r, "referrals_by_source|301|202223|5D").getAs("note")));
        // every code of the list has a row each year (22 codes + Health services + Total)
        assertEquals(2 * 24, r.keySet().stream().filter(k -> k.startsWith("referrals_by_source|")).count());
    }

    /*
     * Assessments, LA 301, returns 2024 and 2025. Year 2025 = 2024-04-01..2025-03-31.
     * Working days from Mon 2024-02-26 (exclusive): Feb 27-29 3, Mar 1 4, Mar 4-8 9, 11-15 14, 18-22 19,
     * Mar 25-28 23 (Good Friday 29 Mar), Easter Monday 1 Apr, Apr 2-5 27, 8-12 32, 15-19 37, 22-26 42,
     * Apr 29 43, Apr 30 44, May 1 45, May 2 46.  (A weekday-only count would give 47 and 48.)
     *   p1 start 2024-02-26 auth 2024-05-01 -> 45 wd: within   (present twice: one assessment)
     *   p2 start 2024-02-26 auth 2024-05-02 -> 46 wd: not within
     *   p3 start 2024-06-10 auth 2024-06-10 -> 0 wd: within
     *   p4 start 2024-07-10 auth 2024-07-01 -> start after authorisation: completed, excluded from 45wd
     *   p5 start 2024-08-01 no authorisation -> not completed
     *   p6 start 2024-03-01 auth 2024-03-28 -> year 2024; Mar 4-8 5, 11-15 10, 18-22 15, 25-28 19 wd: within
     * Each year's assessments are its own return's rows (p1 is in both returns; p2-p5 in 2025's, p6 in 2024's).
     * assessments_completed 2025 = p1, p2, p3, p4 = 4; 2024 = p6 = 1
     * assessments_45wd 2025 = 2 of 3 = 66.7; 2024 = 1 of 1 = 100.0
     */
    @Test
    void assessmentsAndFortyFiveWorkingDaysAcrossEaster2024() {
        Dataset<Row> a = CinSilverFixture.of("assessment")
                .row("person_id", "p1", "start_date", "2024-02-26", "authorisation_date", "2024-05-01", "collection_year", 2024)
                .row("person_id", "p1", "start_date", "2024-02-26", "authorisation_date", "2024-05-01", "collection_year", 2025)
                .row("person_id", "p2", "start_date", "2024-02-26", "authorisation_date", "2024-05-02", "collection_year", 2025)
                .row("person_id", "p3", "start_date", "2024-06-10", "authorisation_date", "2024-06-10", "collection_year", 2025)
                .row("person_id", "p4", "start_date", "2024-07-10", "authorisation_date", "2024-07-01", "collection_year", 2025)
                .row("person_id", "p5", "start_date", "2024-08-01", "collection_year", 2025)
                .row("person_id", "p6", "start_date", "2024-03-01", "authorisation_date", "2024-03-28", "collection_year", 2024)
                .frame();
        MeasureContext c = MeasureContext.builder(SparkTestSession.get())
                .ret("301", MeasureContext.CIN_CENSUS, 2024).ret("301", MeasureContext.CIN_CENSUS, 2025).build();
        Dataset<Row> years = c.reportingYears(MeasureContext.CIN_CENSUS);
        Map<String, Row> r = CinSilverFixture.results(FrontDoorMeasures.assessmentsCompleted(a, years)
                .unionByName(FrontDoorMeasures.assessments45wd(a, years), true));
        expect(r, "assessments_completed|301|202425|Total", 4.0, 4L, null);
        expect(r, "assessments_completed|301|202324|Total", 1.0, 1L, null);
        expect(r, "assessments_45wd|301|202425|Total", 66.7, 2L, 3L);
        expect(r, "assessments_45wd|301|202324|Total", 100.0, 1L, 1L);
    }

    /*
     * S47 enquiries and ICPCs, LA 301, returns 2024 and 2025; population mid-2024 = 40,000 (none for mid-2023).
     *   s1 S47 2024-04-02 (Tue) ICPC 2024-04-23: Apr 3-5 3, 8-12 8, 15-19 13, 22 14, 23 15 -> within
     *   s2 S47 2024-04-02 ICPC 2024-04-24 -> 16: not within
     *   s3 S47 2024-05-01 ICPCnotRequired, no ICPC -> an S47, no conference
     *   s4 S47 2024-03-20 (year 2024; return 2024's row has no ICPC yet, return 2025's has) ICPC 2024-04-05 (held in 2025): Mar 21-22 2, 25-28 6, GF 29 and EM 1 Apr,
     *      Apr 2-5 10 -> within
     *   r1 transfer-in referral 2024-06-03 (Mon) ICPC at CINdetails 2024-06-20: Jun 4-7 4, 10-14 9, 17-20 13 -> within
     *   r2 transfer-in referral 2024-09-02 (Mon) ICPC 2024-09-24: Sep 3-6 4, 9-13 9, 16-20 14, 23 15, 24 16 -> not
     *   r3 transfer-in referral 2024-06-03 (Mon) ICPC 2024-07-03: Jun 4-7 4, 10-14 9, 17-21 14, 24-28 19, Jul 1-3 22
     *   r4 referral 2024-08-01 ICPC 2024-07-30: dated before its referral -> left out of every ICPC measure
     *   s1's referral (2024-04-01) also carries s1's ICPC 2024-04-23 (CIN rule 2884): one conference, from the S47
     *      (from the referral, Easter Monday 1 Apr, it would be 16 working days)
     * s47_enquiries 2025 = s1, s2, s3 = 3; 2024 = s4 = 1
     * s47_rate 2025 = 3 / 40,000 x 10,000 = 0.75 -> 0.8 (half up); 2024: no mid-2023 estimate -> null
     * ICPCs held 2025: s1 15, s2 16, s4 10, r1 13, r2 16, r3 22 working days = 6; 2024: none (s4's held in 2025)
     * icpc_15wd 2025 = s1, s4, r1 = 3 of 6 = 50.0; 2024: no ICPC held -> 0 of 0, null
     * icpcs 2025 = 6, 2024 = 0; icpcs_rate 2025 = 6 / 40,000 x 10,000 = 1.5; 2024: no mid-2023 estimate -> null
     * icpc_s47_band 2025: 0-10 s4 = 1 of 6 = 16.7; 11-15 s1, r1 = 2 = 33.3; 16-20 s2, r2 = 2 = 33.3; 21+ r3 = 1 =
     *   16.7; 2024: Total 0, every band 0 of 0 = 0.0
     */
    @Test
    void s47AndIcpcWithinFifteenWorkingDays() {
        Dataset<Row> s47 = CinSilverFixture.of("s47_enquiry")
                .row("person_id", "s1", "start_date", "2024-04-02", "icpc_date", "2024-04-23", "collection_year", 2025)
                .row("person_id", "s2", "start_date", "2024-04-02", "icpc_date", "2024-04-24", "collection_year", 2025)
                .row("person_id", "s3", "start_date", "2024-05-01", "icpc_not_required", true, "collection_year", 2025)
                .row("person_id", "s4", "start_date", "2024-03-20", "collection_year", 2024)
                .row("person_id", "s4", "start_date", "2024-03-20", "icpc_date", "2024-04-05", "collection_year", 2025)
                .frame();
        Dataset<Row> ref = CinSilverFixture.of("referral")
                .row("person_id", "r1", "referral_date", "2024-06-03", "icpc_date", "2024-06-20", "collection_year", 2025)
                .row("person_id", "r2", "referral_date", "2024-09-02", "icpc_date", "2024-09-24", "collection_year", 2025)
                .row("person_id", "r3", "referral_date", "2024-06-03", "icpc_date", "2024-07-03", "collection_year", 2025)
                .row("person_id", "r4", "referral_date", "2024-08-01", "icpc_date", "2024-07-30", "collection_year", 2025)
                .row("person_id", "s1", "referral_date", "2024-04-01", "icpc_date", "2024-04-23", "collection_year", 2025)
                .frame();
        MeasureContext c = MeasureContext.builder(SparkTestSession.get())
                .ret("301", MeasureContext.CIN_CENSUS, 2024).ret("301", MeasureContext.CIN_CENSUS, 2025)
                .table("population", CinSilverFixture.population("301", 2024, 40000)).build();
        Dataset<Row> years = c.reportingYears(MeasureContext.CIN_CENSUS);
        Map<String, Row> r = CinSilverFixture.results(FrontDoorMeasures.s47Enquiries(s47, years)
                .unionByName(c.rateRows("s47_rate", FrontDoorMeasures.s47Counts(s47, years)), true)
                .unionByName(FrontDoorMeasures.icpc15wd(s47, ref, years), true)
                .unionByName(FrontDoorMeasures.icpcs(s47, ref, years), true)
                .unionByName(c.rateRows("icpcs_rate", FrontDoorMeasures.icpcCounts(s47, ref, years)), true)
                .unionByName(FrontDoorMeasures.icpcS47Band(s47, ref, years), true));
        expect(r, "s47_enquiries|301|202425|Total", 3.0, 3L, null);
        expect(r, "s47_enquiries|301|202324|Total", 1.0, 1L, null);
        expect(r, "s47_rate|301|202425|Total", 0.8, 3L, 40000L);
        expect(r, "s47_rate|301|202324|Total", null, 1L, null);
        expect(r, "icpc_15wd|301|202425|Total", 50.0, 3L, 6L);
        expect(r, "icpc_15wd|301|202324|Total", null, 0L, 0L);
        expect(r, "icpcs|301|202425|Total", 6.0, 6L, null);
        expect(r, "icpcs|301|202324|Total", 0.0, 0L, null);
        expect(r, "icpcs_rate|301|202425|Total", 1.5, 6L, 40000L);
        expect(r, "icpcs_rate|301|202324|Total", null, 0L, null);
        expect(r, "icpc_s47_band|301|202425|Total", 6.0, 6L, null);
        expect(r, "icpc_s47_band|301|202425|0-10", 16.7, 1L, 6L);
        expect(r, "icpc_s47_band|301|202425|11-15", 33.3, 2L, 6L);
        expect(r, "icpc_s47_band|301|202425|16-20", 33.3, 2L, 6L);
        expect(r, "icpc_s47_band|301|202425|21+", 16.7, 1L, 6L);
        expect(r, "icpc_s47_band|301|202324|21+", 0.0, 0L, 0L);
        assertEquals(FrontDoorMeasures.ICPC_BAND, get(r, "icpc_s47_band|301|202425|21+").getAs("breakdown"));
    }

    @Test
    void familyComputesEveryMeasureInTheTrendsShape() {
        FrontDoorMeasures f = new FrontDoorMeasures();
        Dataset<Row> out = f.compute(ctx().table("referral", referrals()).build());
        assertEquals(Trends.schema().columnNames(), List.of(out.columns()));
        List<String> ids = out.select("measure_id").distinct().orderBy("measure_id").as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
        assertEquals(f.definitions().stream().map(MeasureDefinition::id).sorted().toList(), ids);
        // 3 LA-years x (12 reporting-year measures + icpc_s47_band's Total and 4 bands + referrals_by_source's
        // Total, 22 codes and Health services) + 3 snapshots x children_open = 3 x 41 + 3 = 126 rows
        assertEquals(126, out.count());
    }
}
