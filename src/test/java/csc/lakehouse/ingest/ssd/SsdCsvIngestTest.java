package csc.lakehouse.ingest.ssd;

import csc.lakehouse.pipeline.IngestAndConform;
import csc.lakehouse.SparkTestSession;
import csc.lakehouse.conform.SilverWriter;
import csc.lakehouse.lake.RunManifest;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SsdCsvIngestTest {

    static void write(Path root, String rel, String text) throws Exception {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    static SilverWriter.Outcome outcome(IngestAndConform.Result r, String table) {
        return r.silver().stream().filter(s -> s.table().equals(table)).findFirst().orElseThrow();
    }

    static String reason(RunManifest m, String fileContains) {
        return m.inputs().stream().filter(i -> String.valueOf(i.get("path")).contains(fileContains))
                .map(i -> String.valueOf(i.get("reason"))).findFirst().orElseThrow();
    }

    @Test
    void ssdCsvExportLandsInSilverWithTheSpecsRules() throws Exception {
        Path drop = SparkTestSession.tempDir("ssd-csv");
        write(drop, "ssd/ssd_person.csv", "pers_person_id,pers_forename,pers_surname,pers_sex,pers_dob\n"
                + "P1,Ann,Smith,F,2015-06-20\n"
                + "P2,Bob,Jones,M,2018-01-02 00:00:00.000\n");
        // six contacts: C1 good (datetime), C2 date dd/mm/yyyy -> SSD-TYPE, C3 child P9 not in ssd_person -> SSD-FK,
        // C4 twice -> SSD-DUP: the winner (the later row) is quarantined with the key, the other counts as a duplicate
        // (silver chooses the winner, then validates it), C5 good. In 6 = written 2 (C1, C5) + quarantined 3 (C2, C3, C4)
        // + duplicate 1 (the first C4). extra_note is unknown: kept, warned.
        write(drop, "ssd/ssd_contacts.csv", "cont_contact_id,cont_person_id,cont_contact_date,cont_contact_source_code,cont_contact_outcome_json,extra_note\n"
                + "C1,P1,2024-05-01 09:30:00,1A,\"{\"\"NEW_REFERRAL_FLAG\"\":\"\"Y\"\",\"\"NFA_FLAG\"\":\"\"N\"\"}\",x\n"
                + "C2,P2,02/05/2024,1B,,y\n"
                + "C3,P9,2024-05-03,1A,,\n"
                + "C4,P1,2024-05-04,1A,,\n"
                + "C4,P2,2024-05-05,1A,,\n"
                + "C5,P1,2024-05-06,1A,\"{\"\"NEW_REFERRAL_FLAG\"\":\"\"N\"\"}\",\n");
        // W2's FTE is not a number -> SSD-TYPE; names and registration numbers stay in bronze
        write(drop, "ssd/ssd_professionals.csv", "prof_professional_id,prof_professional_name,prof_social_worker_registration_no,"
                + "prof_professional_job_title,prof_professional_department,prof_full_time_equivalency,prof_professional_caseload\n"
                + "W1,Jane Doe,SW12345,Social Worker,TeamA,0.8,12\n"
                + "W2,John Roe,SW999,Senior Practitioner,TeamB,one,\n");
        // a table without its required cppl_person_id, and a file that names no SSD table: each rejected by name
        write(drop, "ssd/ssd_cp_plans.csv", "cppl_cp_plan_id,cppl_cp_plan_start_date\nCP1,2024-01-01\n");
        write(drop, "ssd/ssd_nonsense.csv", "a,b\n1,2\n");

        RunManifest m = new RunManifest("test");
        IngestAndConform.Result r = new IngestAndConform(SparkTestSession.get(), null, m, "301").run(drop.toString());
        assertEquals(3, r.filesIngested());
        assertEquals(2, r.filesRejected());
        String cp = reason(m, "ssd_cp_plans");
        assertTrue(cp.startsWith("ssd_cp_plans: missing key or required column") && cp.contains("cppl_person_id"), cp);
        assertTrue(reason(m, "ssd_nonsense").startsWith("ssd_nonsense: not a table of the SSD specification"));

        SilverWriter.Outcome c = outcome(r, "contact");
        assertEquals(6, c.rowsIn());
        assertEquals(2, c.rowsWritten());
        assertEquals(3, c.rowsQuarantined());
        assertEquals(1, c.rowsDuplicate());
        assertEquals(Map.of("SSD-TYPE-ssd_contacts.cont_contact_date", 1L, "SSD-FK-ssd_contacts.cont_person_id", 1L,
                "SSD-DUP-ssd_contacts.cont_contact_id", 1L), c.errorsByRule());
        List<Row> q = c.quarantine().orderBy("row_number").collectAsList();
        assertEquals("ssd_contacts.cont_contact_date is not a date in a format the SSD uses (yyyy-mm-dd, optionally with a time)",
                q.get(0).getAs("message"));
        assertEquals("ssd_contacts.cont_person_id names no ssd_person.pers_person_id (orphan foreign key)", q.get(1).getAs("message"));
        assertFalse(q.get(1).<String>getAs("original_row").contains("P9"), "raw child ids never reach quarantine");
        List<Row> kept = c.silver().orderBy("contact_date").collectAsList();
        assertEquals(SparkTestSession.pseudonym("301", "P1"), kept.get(0).getAs("person_id"));
        assertEquals(Date.valueOf("2024-05-01"), kept.get(0).getAs("contact_date"));
        assertEquals(true, kept.get(0).getAs("outcome_new_referral"));
        assertEquals(false, kept.get(0).getAs("outcome_nfa"));
        assertEquals(false, kept.get(1).getAs("outcome_new_referral"));
        assertEquals("ssd", kept.get(0).getAs("source"));
        assertTrue(String.valueOf(m.toMap(Map.of(), Map.of()).get("warnings")).contains("ssd_contacts: column(s) not in the SSD specification kept in bronze: extra_note"));

        List<Row> people = outcome(r, "person_ssd").silver().orderBy("birth_month").collectAsList();
        assertEquals(Date.valueOf("2015-06-01"), people.get(0).getAs("birth_month"));
        assertEquals(Date.valueOf("2018-01-01"), people.get(1).getAs("birth_month"), "a datetime value, degraded to the month");

        SilverWriter.Outcome prof = outcome(r, "professional");
        assertEquals(1, prof.rowsWritten());
        assertEquals(Map.of("SSD-TYPE-ssd_professionals.prof_full_time_equivalency", 1L), prof.errorsByRule());
        Row w1 = prof.silver().first();
        assertEquals(SparkTestSession.pseudonym("301", "worker|W1"), w1.getAs("worker_id"));
        assertEquals(0.8, (Double) w1.getAs("fte"), 1e-9);
        assertEquals(12, (Integer) w1.getAs("caseload"));
        String all = prof.silver().toJSON().collectAsList().toString() + prof.quarantine().toJSON().collectAsList();
        assertFalse(all.contains("Jane") || all.contains("SW12345") || all.contains("SW999") || all.contains("W1\""), all);
    }
}
