package csc.lakehouse.ingest.ssda903;

import csc.lakehouse.pipeline.IngestAndConform;
import csc.lakehouse.SparkTestSession;
import csc.lakehouse.conform.SilverWriter;
import csc.lakehouse.lake.Lakehouse;
import csc.lakehouse.lake.Layer;
import csc.lakehouse.lake.RunManifest;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Integration over ../shared/reference-data: the five demand-model years (2017-2021) as a drop, through
 * IngestJob into a temporary lakehouse; then validator-fake (CSV + XML) through the same readers and rules in memory. Skipped when the
 * shared folder is absent. Timings and per-table counts go to target/ssda903-reference-data.txt.
 */
class Ssda903ReferenceDataTest {
    static final List<String> DEMAND_TABLES = List.of("episodes", "header", "reviews", "oc2", "oc3", "missing",
            "previous_permanence", "uasc");
    static final StringBuilder REPORT = new StringBuilder();

    @Test
    void demandModelFiveYears() throws Exception {
        Path src = SparkTestSession.sharedReferenceData().resolve("ssda903/demand-model-2017-2021");
        assumeTrue(Files.isDirectory(src), "no " + src);
        Path drop = SparkTestSession.tempDir("dm-drop");
        for (int y = 2017; y <= 2021; y++) {
            Path dir = Files.createDirectories(drop.resolve("ssda903/" + y));
            for (String t : DEMAND_TABLES) Files.copy(src.resolve(y + "-" + t + ".csv"), dir.resolve(t + ".csv"));
        }
        Lakehouse lake = new Lakehouse(SparkTestSession.get(), SparkTestSession.tempDir("dm-lake").toString());

        long t0 = System.nanoTime();
        RunManifest m1 = new RunManifest("ingest");
        IngestAndConform.Result r1 = new IngestAndConform(SparkTestSession.get(), lake, m1, "301").run(drop.toString());
        double seconds = (System.nanoTime() - t0) / 1e9;

        assertEquals(40, r1.filesIngested());
        assertEquals(0, r1.filesRejected(), m1.inputs().toString());
        assertFalse(m1.anyRejected());
        REPORT.append(String.format("demand-model 2017-2021 (40 files): first ingest %.1f s wall (ingest and conform, warm test JVM)%n", seconds));
        Map<String, SilverWriter.Outcome> byTable = new LinkedHashMap<>();
        for (SilverWriter.Outcome o : r1.silver()) byTable.put(o.table(), o);
        for (SilverWriter.Outcome o : r1.silver()) {
            csc.lakehouse.conform.SilverCounts.reconcile(o);
            assertEquals(o.rowsWritten(), lake.read(Layer.SILVER, o.table()).count(), o.table() + " silver count");
            long q = lake.exists(Layer.QUARANTINE, o.table()) ? lake.read(Layer.QUARANTINE, o.table()).count() : 0;
            assertEquals(o.rowsQuarantined(), q, o.table() + " quarantine count");
            REPORT.append(String.format("  %-24s in=%6d kept=%6d quarantined=%5d duplicate=%6d errors=%s warnings=%s%n",
                    o.table(), o.rowsIn(), o.rowsWritten(), o.rowsQuarantined(), o.rowsDuplicate(),
                    new TreeMap<>(o.errorsByRule()), new TreeMap<>(o.warningsByRule())));
        }
        for (String d : List.of("cla_period", "legal_status", "placement", "person")) {
            assertTrue(lake.exists(Layer.SILVER, d), d);
            REPORT.append(String.format("  %-24s rows=%d (derived)%n", d, lake.read(Layer.SILVER, d).count()));
        }
        // the five returns re-report open episodes and the same children. Children: one row per child, so the
        // re-reports are duplicates. Episodes: each return keeps its own row (the return is the record of its year),
        // so a re-report is not a duplicate; the history (is_latest, not vanished) has one row per episode.
        assertTrue(byTable.get("person_903").rowsDuplicate() > 0, "children re-reported across years");
        Dataset<Row> ep = lake.read(Layer.SILVER, "cla_episode");
        assertEquals(ep.count(), ep.select("la_code", "person_id", "start_date", "collection_year").distinct().count());
        Dataset<Row> history = SilverWriter.history(ep);
        assertEquals(history.count(), history.select("la_code", "person_id", "start_date").distinct().count());
        assertTrue(ep.count() > history.count(), "episodes re-reported across years");
        // overlapping episodes are a warning now (measures.md): none quarantined, all 53 warned (as counted before)
        assertEquals(0, byTable.get("cla_episode").rowsQuarantined());
        assertEquals(53L, byTable.get("cla_episode").warningsByRule().get("903-OVERLAP"));
        // vanished episodes, counted again in SQL over the written rows: the episode's last return showed it open (no
        // DEC) and a later return of the LA (all five are LA 301) does not hold it
        ep.createOrReplaceTempView("dm_episodes");
        long vanished = SparkTestSession.get().sql("""
                SELECT count(*) FROM (
                  SELECT person_id, start_date, max(collection_year) AS last,
                         max_by(end_date IS NULL, collection_year) AS open_at_end
                  FROM dm_episodes GROUP BY person_id, start_date)
                WHERE open_at_end AND last < (SELECT max(collection_year) FROM dm_episodes)""").first().getLong(0);
        assertEquals(vanished, byTable.get("cla_episode").vanishedCount());
        assertEquals(vanished, lake.read(Layer.SILVER, SilverWriter.VANISHED_ITEMS).count());
        assertEquals(vanished, ((Number) m1.get("vanished_items")).longValue());
        REPORT.append(String.format("  vanished episodes: %d; history episodes: %d of %d rows%n", vanished,
                history.count(), ep.count()));
        Dataset<Row> person = lake.read(Layer.SILVER, "person");
        assertEquals(lake.read(Layer.SILVER, "person_903").count(), person.count());

        noRawIdentifiers(lake, drop);

        // idempotency: the same drop again changes no table version
        Map<String, Long> before = versions(lake);
        RunManifest m2 = new RunManifest("ingest");
        long t1 = System.nanoTime();
        IngestAndConform.Result r2 = new IngestAndConform(SparkTestSession.get(), lake, m2, "301").run(drop.toString());
        REPORT.append(String.format("  second run (all 40 files skipped by SHA-256): %.1f s%n", (System.nanoTime() - t1) / 1e9));
        assertEquals(0, r2.filesIngested());
        assertEquals(40, r2.filesSkipped());
        assertEquals(before, versions(lake));
        writeReport();
    }

    @Test
    void validatorFakeCsvAndXml() throws Exception {
        Path src = SparkTestSession.sharedReferenceData().resolve("ssda903/validator-fake");
        assumeTrue(Files.isDirectory(src), "no " + src);
        Path drop = SparkTestSession.tempDir("vf-drop");
        Path csvDir = Files.createDirectories(drop.resolve("la=301/ssda903/2018"));
        int files = 0;
        try (var s = Files.list(src)) {
            for (Path f : s.toList()) {
                String n = f.getFileName().toString();
                if (n.endsWith(".csv") && !n.contains("_errors")) {
                    Files.copy(f, csvDir.resolve(n));
                    files++;
                }
            }
        }
        Path xmlDir = Files.createDirectories(drop.resolve("la=302/ssda903/2018"));
        Files.copy(src.resolve("fake_903.xml"), xmlDir.resolve("fake_903.xml"));
        files++;
        // the readers and rules in memory (a dry run, as `validate`): the demand-model test above writes Delta
        long t0 = System.nanoTime();
        RunManifest m = new RunManifest("ingest");
        IngestAndConform.Result r = new IngestAndConform(SparkTestSession.get(), null, m, null).run(drop.toString());
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertEquals(files, r.filesIngested());
        assertEquals(0, r.filesRejected(), m.inputs().toString());
        REPORT.append(String.format("validator-fake (%d CSV as LA 301 + fake_903.xml as LA 302, year 2018): %.1f s wall%n", files - 1, seconds));
        for (SilverWriter.Outcome o : r.silver()) {
            csc.lakehouse.conform.SilverCounts.reconcile(o);
            REPORT.append(String.format("  %-24s in=%6d kept=%6d quarantined=%5d duplicate=%6d errors=%s warnings=%s%n",
                    o.table(), o.rowsIn(), o.rowsWritten(), o.rowsQuarantined(), o.rowsDuplicate(),
                    new TreeMap<>(o.errorsByRule()), new TreeMap<>(o.warningsByRule())));
        }
        writeReport();
    }

    static Map<String, Long> versions(Lakehouse lake) {
        Map<String, Long> v = new TreeMap<>();
        for (Layer l : List.of(Layer.BRONZE, Layer.SILVER, Layer.QUARANTINE)) {
            for (String t : lake.tables(l)) v.put(l + "." + t, lake.version(l, t).orElse(-1L));
        }
        return v;
    }

    /** No CHILD, UPN or full postcode of the input appears as a value in any silver or quarantine string column. */
    static void noRawIdentifiers(Lakehouse lake, Path drop) throws Exception {
        Set<String> ids = new HashSet<>();
        try (var files = Files.walk(drop)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                // the files' CHILD, UPN and postcode columns, read with a plain CSV split (no Spark job per file)
                List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
                if (lines.isEmpty()) continue;
                String[] header = lines.get(0).replace("\uFEFF", "").split(",", -1);
                List<Integer> idCols = new java.util.ArrayList<>();
                for (int i = 0; i < header.length; i++) {
                    if (List.of("CHILD", "UPN", "HOME_POST", "PL_POST").contains(header[i].trim())) idCols.add(i);
                }
                for (String line : lines.subList(1, lines.size())) {
                    String[] v = line.split(",", -1);
                    for (int i : idCols) {
                        String x = i < v.length ? v[i].replace("\"", "").trim() : "";
                        if (x.length() > 3) ids.add(x);
                    }
                }
            }
        }
        assertTrue(ids.size() > 1000, "identifiers collected: " + ids.size());
        int checked = 0;
        for (Layer l : List.of(Layer.SILVER, Layer.QUARANTINE)) {
            for (String t : lake.tables(l)) {
                Dataset<Row> d = lake.read(l, t);
                // every string column of the table in one Spark job (not one per column)
                List<String> cols = new java.util.ArrayList<>();
                for (StructField f : d.schema().fields()) if (f.dataType().equals(DataTypes.StringType)) cols.add(f.name());
                if (cols.isEmpty()) continue;
                for (Row r : d.selectExpr(cols.stream().map(c -> "`" + c + "`").toArray(String[]::new)).distinct().collectAsList()) {
                    for (int i = 0; i < cols.size(); i++) {
                        String v = r.getString(i);
                        if (v == null) continue;
                        checked++;
                        assertFalse(ids.contains(v.trim()), l + "." + t + "." + cols.get(i) + " holds a raw identifier");
                        if (cols.get(i).equals("original_row")) {
                            for (String id : ids) assertFalse(v.contains("\"" + id + "\""), l + "." + t + " original_row holds " + id);
                        }
                    }
                }
            }
        }
        assertTrue(checked > 0);
    }

    static synchronized void writeReport() throws IOException {
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/ssda903-reference-data.txt"), REPORT.toString());
        System.out.print(REPORT);
    }
}
