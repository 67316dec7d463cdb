package csc.lakehouse.conform.cin;

import csc.lakehouse.pipeline.IngestAndConform;
import csc.lakehouse.SparkTestSession;
import csc.lakehouse.conform.SilverWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static csc.lakehouse.SparkTestSession.d;
import static csc.lakehouse.SparkTestSession.pseudonym;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Silver typing, rules and de-duplication on the hand-written fixtures (expectations in the fixtures' comments). */
class CinSilverBuildersTest {

    static Row one(Dataset<Row> t, String where) {
        List<Row> rows = t.filter(where).collectAsList();
        assertEquals(1, rows.size(), where);
        return rows.get(0);
    }

    @Test
    void typesBothSchemaEras() {
        IngestAndConform.Result r = CinTestSupport.run(CinTestSupport.drop("cin-types", "gender_2023.xml", "sex_pp_2027.xml"), null);
        assertEquals(2, r.filesIngested());
        assertEquals(0, r.filesRejected());
        Map<String, SilverWriter.Outcome> o = CinTestSupport.byTable(r);
        for (SilverWriter.Outcome x : o.values()) {
            assertEquals(0, x.rowsQuarantined(), x.table() + " " + x.errorsByRule());
            csc.lakehouse.conform.SilverCounts.reconcile(x);
        }
        assertEquals(Map.of("CIN-8945Q", 1L), o.get("assessment").warningsByRule());

        String g1 = pseudonym("301", "G001"), g2 = pseudonym("301", "G002"), s1 = pseudonym("302", "S001");
        Dataset<Row> person = r.silverTables().get("person_cin");
        assertEquals(4, person.count());
        Row p1 = one(person, "person_id = '" + g1 + "'");
        assertEquals("M", p1.getAs("sex"));
        assertEquals(d("2015-06-01"), p1.getAs("birth_month"));
        assertEquals("UN1", p1.getAs("upn_unknown"));
        assertEquals(List.of("HAND", "AUT"), p1.getList(p1.fieldIndex("disabilities")));
        assertEquals(2023, (int) p1.getAs("collection_year"));
        Row p2 = one(person, "person_id = '" + g2 + "'");
        assertEquals("U", p2.getAs("sex"));
        assertEquals(d("2023-05-01"), p2.getAs("expected_birth_month"));
        assertNull(p2.getAs("disabilities"));
        assertEquals("F", one(person, "person_id = '" + s1 + "'").getAs("sex"));
        assertEquals(2027, (int) one(person, "person_id = '" + s1 + "'").getAs("collection_year"));

        Dataset<Row> ref = r.silverTables().get("referral");
        Row r1 = one(ref, "person_id = '" + g1 + "'");
        assertEquals(CinTestSupport.id("301", g1, "2022-05-10"), r1.getAs("referral_id"));
        assertEquals(false, r1.getAs("referral_nfa"));          // "0"
        assertEquals(true, one(ref, "person_id = '" + g2 + "'").getAs("referral_nfa"));   // "TRUE"
        assertEquals(true, one(ref, "person_id = '" + pseudonym("302", "S002") + "'").getAs("referral_nfa"));  // "1"

        Dataset<Row> as = r.silverTables().get("assessment");
        Row a1 = one(as, "person_id = '" + g1 + "'");
        assertEquals(List.of("18A", "16A"), a1.getList(a1.fieldIndex("factors")));
        assertEquals(CinTestSupport.id("301", g1, "2022-05-11"), a1.getAs("assessment_id"));
        assertEquals((String) r1.getAs("referral_id"), (String) a1.getAs("referral_id"));
        Row a2 = one(as, "person_id = '" + g2 + "'");
        assertEquals(List.of(), a2.getList(a2.fieldIndex("factors")));  // <FactorsIdentifiedAtAssessment/>
        assertEquals(4, r.silverTables().get("assessment_factor").count()); // 18A,16A + 18B,24A

        assertEquals(false, one(r.silverTables().get("s47_enquiry"), "person_id = '" + g1 + "'").getAs("icpc_not_required"));
        assertEquals(true, one(r.silverTables().get("s47_enquiry"), "person_id = '" + s1 + "'").getAs("icpc_not_required"));
        Row cpp = one(r.silverTables().get("cp_plan"), "person_id = '" + g1 + "'");
        assertEquals(0, (int) cpp.getAs("number_of_previous_cpp"));
        assertEquals(2, r.silverTables().get("cp_review").count());
        assertEquals((String) cpp.getAs("cp_plan_id"), (String) r.silverTables().get("cp_review").first().getAs("cp_plan_id"));
        Row plan = one(r.silverTables().get("cin_plan"), "person_id = '" + s1 + "'");
        assertEquals(d("2026-09-30"), plan.getAs("end_date"));

        Row pp = one(r.silverTables().get("pre_proceedings"), "person_id = '" + s1 + "'");
        assertEquals(d("2026-10-01"), pp.getAs("pp_start_date"));
        assertEquals(true, pp.getAs("fgdm_meeting_offered"));
        assertEquals(false, pp.getAs("fgdm_meeting_facilitated"));
        assertEquals(2, (int) pp.getAs("review_meetings_count"));
        assertEquals("B", pp.getAs("pp_outcome"));
        assertNull(pp.getAs("court_app_date"));
        assertEquals(d("2027-01-15"), pp.getAs("step_decision_date"));
        assertEquals(CinTestSupport.id("302", s1, "2026-10-01"), pp.getAs("pre_proceedings_id"));
    }

    @Test
    void rulesQuarantineWhatTheFixtureSays() {
        IngestAndConform.Result r = CinTestSupport.run(CinTestSupport.drop("cin-rules", "rules_2024.xml"), null);
        Map<String, SilverWriter.Outcome> o = CinTestSupport.byTable(r);

        // R1 twice with different dates of birth: the later row wins, breaks CIN-DOB-CONFLICT and is quarantined;
        // the earlier row lost to it (a duplicate) and is not written either
        assertCounts(o.get("person_cin"), 7, 3, 3, 1,
                Map.of("CIN-DOB-CONFLICT", 1L, "CIN-FMT-person_birth_date", 1L, "CIN-REQ-person_id", 1L));
        assertEquals(Map.of("CIN-SEX-YEAR", 1L), o.get("person_cin").warningsByRule());
        assertEquals(1, o.get("person_cin").quarantine().filter("original_row like '%2011-02-30%'").count());
        assertCounts(o.get("referral"), 7, 1, 6, 0, Map.of("CIN-8805", 1L, "CIN-8810", 1L,
                "CIN-CODE-referral_source", 1L, "CIN-1104", 1L, "CIN-REQ-person_id", 1L, "CIN-FMT-referral_date", 1L));
        assertCounts(o.get("assessment"), 4, 2, 2, 0, Map.of("CIN-1103", 1L, "CIN-CODE-factors", 1L));
        assertEquals(Map.of("CIN-8945Q", 1L, "CIN-FUTURE", 1L), o.get("assessment").warningsByRule());
        assertCounts(o.get("cin_plan"), 2, 1, 1, 0, Map.of("CIN-PLAN-END", 1L));
        assertCounts(o.get("s47_enquiry"), 3, 1, 2, 0, Map.of("CIN-2889", 1L, "CIN-1104", 1L));
        assertCounts(o.get("cp_plan"), 5, 1, 4, 0, Map.of("CIN-8840", 1L, "CIN-1105", 1L, "CIN-8925", 1L,
                "CIN-CPP-OVERLAP", 1L));
        assertCounts(o.get("cp_review"), 2, 1, 1, 0, Map.of("CIN-8841", 1L));
        Row kept = o.get("cp_plan").silver().first();
        assertEquals(0, (int) kept.getAs("number_of_previous_cpp"));   // 0 is valid
        assertEquals(d("2023-05-01"), kept.getAs("start_date"));
        // quarantine rows carry _src without identifiers
        for (Row q : o.get("person_cin").quarantine().collectAsList()) {
            String orig = q.getAs("original_row");
            assertFalse(orig.contains("R1") || orig.contains("R2"), orig);
            // full dates of birth are not kept: the R1 pair shows only months; R2's unparsable value stays as received
            assertFalse(orig.contains("2010-01-15") || orig.contains("2010-02-20"), orig);
        }
    }

    static void assertCounts(SilverWriter.Outcome o, long in, long written, long quarantined, long duplicate,
                             Map<String, Long> errors) {
        assertEquals(in, o.rowsIn(), o.table() + " rows_in");
        assertEquals(written, o.rowsWritten(), o.table() + " rows_written " + o.errorsByRule());
        assertEquals(quarantined, o.rowsQuarantined(), o.table() + " rows_quarantined");
        assertEquals(duplicate, o.rowsDuplicate(), o.table() + " rows_duplicate");
        assertEquals(errors, o.errorsByRule(), o.table() + " errors by rule");
    }

    @Test
    void laterReturnWinsForTheSameReferral() {
        // dry run (no lake): SilverWriter de-duplicates the same way; the MERGE itself is covered by SilverWriterTest.
        // D1's referral of 2022-11-01 is open in the 2023 return and closed (2023-06-30) in the 2024 return: both rows
        // stay, each the record of its year; the 2024 row is the history (is_latest). No duplicate: one row per return.
        IngestAndConform.Result r = CinTestSupport.run(CinTestSupport.drop("cin-dedup", "dedup_2023.xml", "dedup_2024.xml"), null);
        SilverWriter.Outcome ref = CinTestSupport.byTable(r).get("referral");
        assertEquals(2, ref.rowsIn());
        assertEquals(2, ref.rowsWritten());
        assertEquals(0, ref.rowsQuarantined());
        assertEquals(0, ref.rowsDuplicate());
        List<Row> rows = ref.silver().orderBy("collection_year").collectAsList();
        assertEquals(2, rows.size());
        assertNull(rows.get(0).getAs("closure_date"));
        assertEquals(false, rows.get(0).getAs("is_latest"));
        assertEquals(false, rows.get(0).getAs("vanished"));
        rows = SilverWriter.history(ref.silver()).collectAsList();
        assertEquals(1, rows.size());
        assertEquals(d("2023-06-30"), rows.get(0).getAs("closure_date"));
        assertEquals("RC7", rows.get(0).getAs("reason_for_closure"));
        assertEquals(2024, (int) rows.get(0).getAs("collection_year"));
        assertEquals(CinTestSupport.id("301", pseudonym("301", "D1"), "2022-11-01"), rows.get(0).getAs("referral_id"));
        SilverWriter.Outcome person = CinTestSupport.byTable(r).get("person_cin");
        assertEquals(1, person.rowsDuplicate());
        assertEquals(1, person.silver().count());
    }
}
