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
        assertEquals(6, m.size(), "one row per measure: the 2024 workbook is not measured " + m.keySet());
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
}
