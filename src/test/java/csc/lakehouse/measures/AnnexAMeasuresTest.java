package csc.lakehouse.measures;

import csc.lakehouse.SparkTestSession;
import csc.lakehouse.spec.TableSchema;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static csc.lakehouse.measures.CinMeasureAsserts.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AnnexAMeasuresTest {

    /**
     * Rows of a silver Annex A table in its full declared schema: {@code cols} names the columns given (comma
     * separated), the rest are null; ISO strings in date columns become dates.
     */
    static Dataset<Row> list(String table, String cols, Object[]... rows) {
        StructType s = TableSchema.load("silver", table).structType();
        String[] names = cols.split(",\\s*");
        List<Row> out = new ArrayList<>();
        for (Object[] r : rows) {
            Object[] v = new Object[s.fields().length];
            for (int i = 0; i < names.length; i++) {
                int at = s.fieldIndex(names[i]);
                Object x = r[i];
                if (x instanceof String str && s.fields()[at].dataType().equals(DataTypes.DateType)) x = java.sql.Date.valueOf(str);
                v[at] = x;
            }
            out.add(RowFactory.create(v));
        }
        return SparkTestSession.get().createDataFrame(out, s);
    }

    static Object[] r(Object... v) { return v; }

    static Map<String, Row> results(Dataset<Row> rows) {
        return CinSilverFixture.results(Trends.shape(rows));
    }

    /*
     * LA 301 holds two workbooks: collection year 2024 (an open CIN child C9 with worker w9, a contact P5 followed by
     * a referral) and 2025, the latest, the only one measured. Its latest date is P3's contact, 2025-02-14 (C1's
     * dental check 2025-06-01 is after 31 March 2025, a typo ingest did not date the workbook by): the as-at date.
     *
     * Open at 2025-02-14 (first list giving a worker: 8, 7, 6, 4):
     *   C1  List 8 open (w1, Team B)
     *   C2  List 8 ceased 2025-01-10: not open
     *   C10 List 8 open (w1, Team B)
     *   C12 List 8 open (w1, Team B)
     *   C3  List 7 open (w1, Team A) and List 6 open (w3): w1, List 7 comes first
     *   C4  List 7 open without a worker (Team A), List 6 open (w2, Team A): w2, the first list giving one
     *   C5  List 6 open, no worker (Team A): unallocated
     *   C6  List 6 closed 2025-01-15: not open
     *   C7  List 4 not yet authorised (w2, Team C)
     *   C8  List 4 authorised 2025-01-05: not open
     * 7 children open; unallocated C5: 1/7 = 14.3.
     * w1 holds C1, C10, C12, C3 = 4; w2 holds C4, C7 = 2 (w3 holds none: C3 is w1's): 6 children / 2 workers = 3.0.
     * Target 18 (targets.yaml): no worker over, 0/2 = 0.0; teams B 3/1, A 2/2, C 1/1: none over, 0/3 = 0.0.
     *
     * Contacts (List 1) of the 2025 workbook, one per child and date:
     *   P1 2024-09-02: referral 2024-09-05 before P1's next contact (2024-10-01): converted
     *   P1 2024-10-01: no referral on or after it: not converted (09-05 belongs to the earlier contact)
     *   P2 2024-11-04 (police) and 2024-11-04 (school): one contact; referral the same day: converted
     *   P3 2025-02-14: nothing after: not converted
     *   P4 2024-12-02: referral 2024-11-20 is before it: not converted; early help 2024-12-10: converted to early help
     *   (P1's early help 2024-08-01 is before any contact of P1)
     * contacts_to_referral 2/5 = 40.0; contacts_to_early_help 1/5 = 20.0.
     */
    static MeasureContext context() {
        Dataset<Row> cla = list("annex_a_children_in_care",
                "la_code, collection_year, person_id, cla_start_date, cla_end_date, last_dental_check_date, allocated_worker, allocated_team",
                r("301", 2025, "C1", "2024-06-01", null, "2025-06-01", "w1", "Team B"),
                r("301", 2025, "C2", "2024-09-01", "2025-01-10", null, "w2", "Team B"),
                r("301", 2025, "C10", "2023-05-01", null, null, "w1", "Team B"),
                r("301", 2025, "C12", "2025-02-01", null, null, "w1", "Team B"));
        Dataset<Row> cp = list("annex_a_child_protection",
                "la_code, collection_year, person_id, cpp_start_date, cpp_end_date, allocated_worker, allocated_team",
                r("301", 2025, "C3", "2024-10-01", null, "w1", "Team A"),
                r("301", 2025, "C4", "2024-11-01", null, null, "Team A"));
        Dataset<Row> cin = list("annex_a_children_in_need",
                "la_code, collection_year, person_id, cin_start_date, cin_closure_date, allocated_worker, allocated_team",
                r("301", 2025, "C3", "2024-10-01", null, "w3", "Team A"),
                r("301", 2025, "C4", "2024-11-01", null, "w2", "Team A"),
                r("301", 2025, "C5", "2024-12-01", null, null, "Team A"),
                r("301", 2025, "C6", "2024-07-01", "2025-01-15", "w3", "Team A"),
                r("301", 2024, "C9", "2023-10-01", null, "w9", "Team A"));
        Dataset<Row> assessments = list("annex_a_assessments",
                "la_code, collection_year, person_id, assessment_start_date, assessment_authorised_date, allocated_worker, allocated_team",
                r("301", 2025, "C7", "2025-01-20", null, "w2", "Team C"),
                r("301", 2025, "C8", "2024-12-01", "2025-01-05", "w2", "Team C"));
        Dataset<Row> contacts = list("annex_a_contacts", "la_code, collection_year, person_id, contact_date, contact_source",
                r("301", 2025, "P1", "2024-09-02", "6"), r("301", 2025, "P1", "2024-10-01", "6"),
                r("301", 2025, "P2", "2024-11-04", "6"), r("301", 2025, "P2", "2024-11-04", "2A"),
                r("301", 2025, "P3", "2025-02-14", "6"), r("301", 2025, "P4", "2024-12-02", "3A"),
                r("301", 2024, "P5", "2024-03-01", "6"));
        Dataset<Row> referrals = list("annex_a_referrals", "la_code, collection_year, person_id, referral_date",
                r("301", 2025, "P1", "2024-09-05"), r("301", 2025, "P2", "2024-11-04"),
                r("301", 2025, "P4", "2024-11-20"), r("301", 2024, "P5", "2024-03-02"));
        Dataset<Row> earlyHelp = list("annex_a_early_help", "la_code, collection_year, person_id, assessment_start_date",
                r("301", 2025, "P4", "2024-12-10"), r("301", 2025, "P1", "2024-08-01"));
        return MeasureContext.builder(SparkTestSession.get())
                .table("annex_a_children_in_care", cla).table("annex_a_child_protection", cp)
                .table("annex_a_children_in_need", cin).table("annex_a_assessments", assessments)
                .table("annex_a_contacts", contacts).table("annex_a_referrals", referrals)
                .table("annex_a_early_help", earlyHelp)
                .ret("301", AnnexAMeasures.SOURCE, 2024).ret("301", AnnexAMeasures.SOURCE, 2025)
                .build();
    }

    @Test
    void caseloadsAndConversionAsAtTheLatestWorkbooksDate() {
        Map<String, Row> m = CinSilverFixture.results(new AnnexAMeasures().compute(context()));
        String at = "|301|2025-02-14|Total";
        expect(m, "annex_a_unallocated" + at, 14.3, 1L, 7L);
        expect(m, "annex_a_caseload_per_worker" + at, 3.0, 6L, 2L);
        expect(m, "annex_a_workers_over_caseload_target" + at, 0.0, 0L, 2L);
        expect(m, "annex_a_teams_over_caseload_target" + at, 0.0, 0L, 3L);
        expect(m, "annex_a_contacts_to_referral" + at, 40.0, 2L, 5L);
        expect(m, "annex_a_contacts_to_early_help" + at, 20.0, 1L, 5L);
        Row row = m.get("annex_a_unallocated" + at);
        assertEquals(Periods.AS_AT_DATE, row.getAs("time_identifier"));
        assertEquals(java.sql.Date.valueOf("2025-02-14"), row.getAs("period_start"));
        assertEquals(java.sql.Date.valueOf("2025-02-14"), row.getAs("period_end"));
        assertTrue(((String) row.getAs("note")).startsWith("Annex A workbook as at 2025-02-14"), (String) row.getAs("note"));
        assertEquals(12, m.size(), "one row per measure: the 2024 workbook is not measured " + m.keySet());
        // Lists 7 and 8 of this workbook give no visit, review or health assessment dates: not published, not 0%
        for (String id : List.of("annex_a_cp_visits_in_timescale", "annex_a_cla_visits_in_timescale",
                "annex_a_cp_reviews_in_timescale", "annex_a_cla_reviews_in_timescale", "annex_a_cla_health_assessment_in_date",
                "annex_a_pathway_plans_reviewed")) {
            assertEquals(Trends.Status.NOT_PUBLISHED, Trends.status(m.get(id + at).getAs("note")), id);
        }
    }

    /** The as-at snapshot of LA 301 at 2025-02-14, served by the 2025 workbook. */
    static Dataset<Row> snap() {
        StructType s = MeasureContext.PERIOD_SCHEMA.add("return_year", DataTypes.IntegerType);
        return SparkTestSession.get().createDataFrame(List.of(RowFactory.create("301", "2025-02-14", Periods.AS_AT_DATE,
                java.sql.Date.valueOf("2025-02-14"), java.sql.Date.valueOf("2025-02-14"), 2025, 2025)), s);
    }

    /*
     * The same open children against a target of 2: w1 (4) is over, w2 (2) is not: 1/2 = 50.0; Team B holds 3
     * children with 1 worker (3.0, over), Team A 2 with 2 (1.0), Team C 1 with 1 (1.0): 1/3 = 33.3.
     */
    @Test
    void workersAndTeamsOverTheTarget() {
        MeasureContext ctx = context();
        Dataset<Row> children = AnnexAMeasures.openChildren(snap(), ctx.table("annex_a_children_in_care"),
                ctx.table("annex_a_child_protection"), ctx.table("annex_a_children_in_need"), ctx.table("annex_a_assessments"));
        Dataset<Row> all = null;
        for (Dataset<Row> d : AnnexAMeasures.caseloads(snap(), children, 2.0)) all = all == null ? d : all.unionByName(d, true);
        Map<String, Row> m = results(all);
        expect(m, "annex_a_workers_over_caseload_target|301|2025-02-14|Total", 50.0, 1L, 2L);
        expect(m, "annex_a_teams_over_caseload_target|301|2025-02-14|Total", 33.3, 1L, 3L);
        expect(m, "annex_a_caseload_per_worker|301|2025-02-14|Total", 3.0, 6L, 2L);
    }

    /*
     * A workbook whose lists carry no Allocated Worker or Allocated Team (as the liia sample's List 6, #N/A), and no
     * List 3 or List 2: the caseload and conversion measures are not published (values null, a note saying why),
     * never 0 or 100%.
     */
    @Test
    void absentColumnsAndListsAreNotPublishedNotZero() {
        Dataset<Row> cin = list("annex_a_children_in_need", "la_code, collection_year, person_id, cin_start_date",
                r("301", 2025, "C1", "2024-10-01"), r("301", 2025, "C2", "2024-11-01"));
        Dataset<Row> none = list("annex_a_children_in_care", "la_code");
        Dataset<Row> noCp = list("annex_a_child_protection", "la_code");
        Dataset<Row> noAssessments = list("annex_a_assessments", "la_code");
        Dataset<Row> children = AnnexAMeasures.openChildren(snap(), none, noCp, cin, noAssessments);
        Dataset<Row> all = null;
        for (Dataset<Row> d : AnnexAMeasures.caseloads(snap(), children, 18)) all = all == null ? d : all.unionByName(d, true);
        Dataset<Row> contacts = list("annex_a_contacts", "la_code, collection_year, person_id, contact_date",
                r("301", 2025, "P1", "2025-01-02"));
        all = all.unionByName(AnnexAMeasures.conversion("annex_a_contacts_to_referral", snap(), contacts,
                list("annex_a_referrals", "la_code"), "referral_date", "List 3 (referrals)"), true);
        Map<String, Row> m = results(all);
        for (String id : List.of("annex_a_unallocated", "annex_a_caseload_per_worker", "annex_a_workers_over_caseload_target",
                "annex_a_teams_over_caseload_target", "annex_a_contacts_to_referral")) {
            Row row = m.get(id + "|301|2025-02-14|Total");
            assertNull(row.getAs("value"), id);
            assertEquals(Trends.Status.NOT_PUBLISHED, Trends.status(row.getAs("note")), id);
        }
        assertTrue(((String) m.get("annex_a_unallocated|301|2025-02-14|Total").getAs("note")).contains("Allocated Worker"));
        assertTrue(((String) m.get("annex_a_contacts_to_referral|301|2025-02-14|Total").getAs("note")).contains("List 3"));
    }

    static final SsdCaseHistoryMeasures.Timescales VISITS = new SsdCaseHistoryMeasures.Timescales(10, 20, 7, 42, 91, 1, 18.0, 6);
    static final ReviewTimescales REVIEWS = new ReviewTimescales(3, 6, 20, 6, 20, 6, 12, 6);

    /*
     * As at Friday 2025-02-14 (no bank holiday from January to it); working days counted from the day after.
     * List 7 (CP visit 10 working days; reviews: first within 3 months, then every 6):
     *   V1 start 2024-07-01, visit Fri 2025-01-31: 10 wd, within; review 2024-08-14 + 6 months = 2025-02-14, in
     *   V2 start 2024-07-01, visit Thu 2025-01-30: 11 wd, not; review 2024-08-13 + 6 months = 02-13, not
     *   V3 start Mon 2025-02-03, no visit: 9 wd since the start, within; no review, started 3 months ago at most, in
     *   V4 start Mon 2025-01-20, no visit: 19 wd, not; no review, start + 3 months = 04-20, in
     *   V5 ended 2025-02-01: not open
     *   V6 start 2024-06-01, visit 2025-03-01 is after the date (unknown): no visit, started long ago, not; no review,
     *      start + 3 months = 2024-09-01, not
     *   visits 2/5 = 40.0; reviews V1, V3, V4 = 3/5 = 60.0
     * List 8 (visits: 7 days with none yet, 42 in the first year, 91 after; reviews: 20 wd with none yet, then 6
     * months; health: 20 wd with none yet, then 6 months under 5, 12 from 5):
     *   L1 start 2024-12-01 (75 days in care), visit 2025-01-03: 42 days, within; review 2024-12-20, in;
     *      born 2022-06 (under 5), health 2024-08-01 + 6 months = 2025-02-01, not
     *   L2 start 2024-12-01, visit 2025-01-02: 43 days, not; no review, in care 75 days (over 20 wd), not;
     *      born 2010-01 (15), health 2024-03-01 + 12 months = 2025-03-01, in
     *   L3 start 2020-05-01 (years), visit 2024-11-15: 91 days, within; review 2024-08-13 + 6 months = 02-13, not;
     *      no month of birth, Age 3: under 5, health 2024-09-01 + 6 months = 2025-03-01, in
     *   L4 start Mon 2025-02-10, no visit: 4 days, within; no review: 4 wd, in; no health assessment: 4 wd, in
     *   L5 start Fri 2025-01-10, no visit: 35 days, not; no review: 25 wd, not; no health assessment: 25 wd, not
     *   L6 ceased 2025-02-10: not open
     *   visits L1, L3, L4 = 3/5 = 60.0; reviews L1, L4 = 2/5 = 40.0; health L2, L3, L4 = 3/5 = 60.0
     */
    @Test
    void visitsReviewsAndHealthAssessmentsAgainstTheTimescales() {
        Dataset<Row> cp = list("annex_a_child_protection",
                "la_code, collection_year, person_id, cpp_start_date, cpp_end_date, last_visit_date, latest_review_date",
                r("301", 2025, "V1", "2024-07-01", null, "2025-01-31", "2024-08-14"),
                r("301", 2025, "V2", "2024-07-01", null, "2025-01-30", "2024-08-13"),
                r("301", 2025, "V3", "2025-02-03", null, null, null),
                r("301", 2025, "V4", "2025-01-20", null, null, null),
                r("301", 2025, "V5", "2024-07-01", "2025-02-01", "2025-01-31", "2024-12-01"),
                r("301", 2025, "V6", "2024-06-01", null, "2025-03-01", null));
        Dataset<Row> cla = list("annex_a_children_in_care",
                "la_code, collection_year, person_id, cla_start_date, cla_end_date, last_visit_date, latest_review_date, "
                        + "date_of_birth, age, last_health_assessment_date",
                r("301", 2025, "L1", "2024-12-01", null, "2025-01-03", "2024-12-20", "2022-06-01", 2, "2024-08-01"),
                r("301", 2025, "L2", "2024-12-01", null, "2025-01-02", null, "2010-01-01", 15, "2024-03-01"),
                r("301", 2025, "L3", "2020-05-01", null, "2024-11-15", "2024-08-13", null, 3, "2024-09-01"),
                r("301", 2025, "L4", "2025-02-10", null, null, null, "2015-01-01", 10, null),
                r("301", 2025, "L5", "2025-01-10", null, null, null, "2015-01-01", 10, null),
                r("301", 2025, "L6", "2024-01-10", "2025-02-10", "2025-02-01", "2024-12-01", "2015-01-01", 10, "2024-12-01"));
        Map<String, Row> m = results(AnnexAMeasures.cpVisits(snap(), cp, VISITS.cpVisitWorkingDays())
                .unionByName(AnnexAMeasures.cpReviews(snap(), cp, REVIEWS), true)
                .unionByName(AnnexAMeasures.claVisits(snap(), cla, VISITS), true)
                .unionByName(AnnexAMeasures.claReviews(snap(), cla, REVIEWS), true)
                .unionByName(AnnexAMeasures.claHealthAssessments(snap(), cla, REVIEWS), true));
        String at = "|301|2025-02-14|Total";
        expect(m, "annex_a_cp_visits_in_timescale" + at, 40.0, 2L, 5L);
        expect(m, "annex_a_cp_reviews_in_timescale" + at, 60.0, 3L, 5L);
        expect(m, "annex_a_cla_visits_in_timescale" + at, 60.0, 3L, 5L);
        expect(m, "annex_a_cla_reviews_in_timescale" + at, 40.0, 2L, 5L);
        expect(m, "annex_a_cla_health_assessment_in_date" + at, 60.0, 3L, 5L);
        assertTrue(((String) m.get("annex_a_cp_visits_in_timescale" + at).getAs("note")).contains("10 working days"));
    }

    /** The timescales the measures run with are data: targets.yaml's review_timescales, every key present. */
    @Test
    void reviewTimescalesComeFromTargetsYaml() {
        ReviewTimescales t = ReviewTimescales.load();
        assertEquals(6, t.cpReviewMonths());
        assertEquals(20, t.claFirstReviewWorkingDays());
        assertEquals(12, t.healthAssessmentMonths());
        assertEquals(6, t.pathwayPlanReviewMonths());
    }

    /*
     * List 9 as at 2025-02-14, pathway plans reviewed every 6 months:
     *   G1 former relevant, reviewed 2024-08-14 + 6 months = 2025-02-14: in
     *   G2 relevant, reviewed 2024-08-13 + 6 months = 02-13: not
     *   G3 former relevant, no review date: not
     *   G4 qualifying care leaver (no pathway plan duty): left out
     *   G5 former relevant, in the 2024 workbook only: not measured
     * 1 of 3 = 33.3. A List 9 in the older layout (no review dates at all) is not published.
     */
    @Test
    void pathwayPlansReviewedOrNotPublishedWithoutTheColumn() {
        Dataset<Row> leavers = list("annex_a_care_leavers", "la_code, collection_year, person_id, eligibility, latest_pathway_plan_review_date",
                r("301", 2025, "G1", "former_relevant_child", "2024-08-14"), r("301", 2025, "G2", "relevant_child", "2024-08-13"),
                r("301", 2025, "G3", "former_relevant_child", null), r("301", 2025, "G4", "qualifying_care_leaver", "2025-01-01"),
                r("301", 2024, "G5", "former_relevant_child", "2024-03-01"));
        Map<String, Row> m = results(AnnexAMeasures.pathwayPlans(snap(), leavers, REVIEWS));
        expect(m, "annex_a_pathway_plans_reviewed|301|2025-02-14|Total", 33.3, 1L, 3L);
        Dataset<Row> older = list("annex_a_care_leavers", "la_code, collection_year, person_id, eligibility",
                r("301", 2025, "G1", "former_relevant_child"));
        Row row = results(AnnexAMeasures.pathwayPlans(snap(), older, REVIEWS)).get("annex_a_pathway_plans_reviewed|301|2025-02-14|Total");
        assertNull(row.getAs("value"));
        assertTrue(((String) row.getAs("note")).contains("Latest Pathway Plan Review Date"), (String) row.getAs("note"));
    }
}
