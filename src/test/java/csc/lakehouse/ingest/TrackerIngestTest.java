package csc.lakehouse.ingest;

import csc.lakehouse.pipeline.IngestAndConform;
import csc.lakehouse.SparkTestSession;
import csc.lakehouse.conform.SilverWriter;
import csc.lakehouse.lake.RunManifest;
import csc.lakehouse.spec.TrackerSpec;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrackerIngestTest {

    static void write(Path root, String rel, String text) throws Exception {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    @Test
    void dropWithTrackersIngestsRejectsAndWarns() throws Exception {
        Path drop = SparkTestSession.tempDir("trackers");
        // strategy discussions for LA 301: headers in another case/spacing, one extra column, five rows:
        //  row 2 good (ISO dates), row 3 good (dd/mm/yyyy, police Y), row 4 strategy before referral -> TRK-SD-ORDER,
        //  row 5 unreadable date -> TRK-PARSE-strategy_date, row 6 bad outcome code -> TRK-CODE-outcome, then a blank line.
        // Kept 2, quarantined 3. Latest date 2024-04-02 -> collection year 2025.
        write(drop, "la=301/local/strategy_discussions.csv",
                "Child ID,Referral Date,Strategy Date,Police Attended,Outcome,Notes\n"
                        + "C1,2024-03-01,2024-03-04,N,S47,x\n"
                        + "C2,28/03/2024,02/04/2024,Y,no further action,\n"
                        + "C3,10/03/2024,05/03/2024,Y,s47,\n"
                        + "C4,10/03/2024,31/02/2024,Y,s47,\n"
                        + "C5,10/03/2024,11/03/2024,Y,maybe,\n"
                        + ",,,,,\n");
        write(drop, "la=301/local/caseloads.csv", "worker_id,team,children_held\nW1,A,12\n");
        write(drop, "la=301/local/mystery_tracker.csv", "a,b\n1,2\n");
        // police protection with times of day in both accepted forms; a sibling group id is pseudonymised
        write(drop, "la=301/local/police_protection_events.csv",
                "child_id,sibling_group_id,event_datetime\nP1,G1,05/07/2023 17:00\nP2,G1,2023-07-05T08:30\nP3,,2023-07-06 23:15:10\n");

        RunManifest m = new RunManifest("test");
        IngestAndConform.Result r = new IngestAndConform(SparkTestSession.get(), null, m, null).run(drop.toString());

        assertEquals(3, r.filesIngested(), "strategy discussions, police protection + the unknown tracker (read as nothing)");
        SilverWriter.Outcome pp = r.silver().stream().filter(s -> s.table().equals("tracker_police_protection_events"))
                .findFirst().orElseThrow();
        assertEquals(3, pp.rowsWritten());
        List<Row> events = pp.silver().orderBy("event_datetime").collectAsList();
        assertEquals(java.sql.Timestamp.valueOf("2023-07-05 08:30:00"), events.get(0).getAs("event_datetime"));
        assertEquals(java.sql.Timestamp.valueOf("2023-07-05 17:00:00"), events.get(1).getAs("event_datetime"));
        assertEquals(java.sql.Timestamp.valueOf("2023-07-06 23:15:10"), events.get(2).getAs("event_datetime"));
        assertEquals(SparkTestSession.pseudonym("301", "G1"), events.get(0).getAs("sibling_group_id"));
        assertEquals(1, r.filesRejected(), "caseloads lacks required columns");
        String reason = m.inputs().stream().filter(i -> String.valueOf(i.get("path")).contains("caseloads"))
                .map(i -> String.valueOf(i.get("reason"))).findFirst().orElseThrow();
        assertTrue(reason.contains("team_target") && reason.contains("as_at_date"), reason);

        SilverWriter.Outcome o = r.silver().stream().filter(s -> s.table().equals("tracker_strategy_discussions"))
                .findFirst().orElseThrow();
        assertEquals(5, o.rowsIn());
        assertEquals(2, o.rowsWritten());
        assertEquals(3, o.rowsQuarantined());
        // row 5 breaks two rules: its date is unreadable and, being required, missing
        assertEquals(Map.of("TRK-CODE-outcome", 1L, "TRK-PARSE-strategy_date", 1L, "TRK-REQ-strategy_date", 1L,
                "TRK-SD-ORDER", 1L), o.errorsByRule());

        List<Row> kept = o.silver().orderBy("referral_date").collectAsList();
        Row c1 = kept.get(0);
        assertEquals(SparkTestSession.pseudonym("301", "C1"), c1.getAs("person_id"));
        assertEquals("301", c1.getAs("la_code"));
        assertEquals("s47", c1.getAs("outcome"));
        assertEquals(false, c1.getAs("police_attended"));
        assertEquals(2025, (int) c1.getAs("collection_year"));
        assertEquals("no_further_action", kept.get(1).getAs("outcome"));
        assertNull(c1.getAs("family_id"));
        String quarantined = o.quarantine().select("original_row").as(org.apache.spark.sql.Encoders.STRING())
                .collectAsList().toString();
        assertFalse(quarantined.contains("C3") || quarantined.contains("C4"), "no raw child ids in quarantine");
    }

    /** The generated silver schemas and templates agree with the tracker schemas (re-run generate.py when not). */
    @Test
    void generatedSpecsAreCurrent() throws Exception {
        for (TrackerSpec t : TrackerSpec.all().values()) {
            csc.lakehouse.spec.TableSchema silver = csc.lakehouse.spec.TableSchema.load("silver", t.silver_table);
            List<String> expected = new java.util.ArrayList<>(List.of("la_code"));
            for (TrackerSpec.Column c : t.columns) expected.add(c.silverName());
            expected.addAll(List.of("collection_year", "source_file_sha256", "_row_hash"));
            assertEquals(expected, silver.columnNames(), t.tracker);
            assertEquals(t.keys, silver.keys, t.tracker);
            assertFalse(csc.lakehouse.spec.RuleSet.forTable(t.silver_table).rules.isEmpty() && !t.requiredColumns().isEmpty());
            String template = Files.readString(Path.of("data-schemas/templates/local/" + t.tracker + ".csv")).trim();
            assertEquals(String.join(",", t.columnNames()), template, t.tracker);
        }
    }

    @Test
    void trackerNamesAndHeaders() {
        assertEquals("supervisions", LocalTrackerReader.trackerFor("Supervisions_2024-03.csv").orElseThrow().tracker);
        assertTrue(LocalTrackerReader.trackerFor("unknown.csv").isEmpty());
        assertEquals("seen_by_childrens_rights_officer",
                LocalTrackerReader.normaliseHeader(" Seen by Children's Rights Officer? "));
        assertEquals(9, TrackerSpec.all().size());
    }

    @Test
    void theNewestTrackerFileIsTheWholeHistory() throws Exception {
        // Two runs on one lake. The first file (ingested first) holds C1 (strategy 2024-03-04), C2 (2024-03-05) and
        // C3 (2024-03-07). The newer file, sent later, corrects C2's strategy date to 2024-03-06 (a re-key: the date is
        // in the key) and no longer holds C3 (deleted). By hand, silver after the second run: C1 2024-03-04 and
        // C2 2024-03-06 only; C2's old date and C3 do not survive from the older file. Counts are over the newest file
        // alone: in 2 = written 2.
        Path root = SparkTestSession.tempDir("tracker-history");
        csc.lakehouse.lake.Lakehouse lake = new csc.lakehouse.lake.Lakehouse(SparkTestSession.get(), root.resolve("lake").toString());
        String header = "child_id,referral_date,strategy_date,outcome\n";
        write(root.resolve("drop1"), "la=301/local/strategy_discussions.csv", header
                + "C1,2024-03-01,2024-03-04,s47\nC2,2024-03-01,2024-03-05,s47\nC3,2024-03-02,2024-03-07,s47\n");
        new IngestAndConform(SparkTestSession.get(), lake, new RunManifest("test"), null).run(root.resolve("drop1").toString());
        assertEquals(3, lake.read(csc.lakehouse.lake.Layer.SILVER, "tracker_strategy_discussions").count());
        Thread.sleep(10);   // the second file is ingested strictly later
        write(root.resolve("drop2"), "la=301/local/strategy_discussions.csv", header
                + "C1,2024-03-01,2024-03-04,s47\nC2,2024-03-01,2024-03-06,s47\n");
        IngestAndConform.Result r = new IngestAndConform(SparkTestSession.get(), lake, new RunManifest("test"), null)
                .run(root.resolve("drop2").toString());
        SilverWriter.Outcome o = r.silver().stream().filter(s -> s.table().equals("tracker_strategy_discussions"))
                .findFirst().orElseThrow();
        assertEquals(2, o.rowsIn());
        assertEquals(2, o.rowsWritten());
        List<Row> rows = lake.read(csc.lakehouse.lake.Layer.SILVER, "tracker_strategy_discussions")
                .orderBy("strategy_date").collectAsList();
        assertEquals(2, rows.size());
        assertEquals(SparkTestSession.pseudonym("301", "C1"), rows.get(0).getAs("person_id"));
        assertEquals(SparkTestSession.pseudonym("301", "C2"), rows.get(1).getAs("person_id"));
        assertEquals(SparkTestSession.d("2024-03-06"), rows.get(1).getAs("strategy_date"));
    }
}
