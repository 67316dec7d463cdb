package csc.lakehouse.incremental;

import csc.lakehouse.SmallDrop;
import csc.lakehouse.SparkTestSession;
import csc.lakehouse.cli.Csc;
import csc.lakehouse.lake.Lakehouse;
import csc.lakehouse.lake.Layer;
import csc.lakehouse.spec.BronzeSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 7's incremental refresh and issue 10's batched ingest, on one lakehouse: built year by year (2023-2024 first,
 * then the 2025 returns added to the same drop), each run reading one file per batch (each written to bronze before
 * the next file is read, as a national drop is), it must equal one built from the whole drop in one run and one
 * batch: identical trends.csv and identical bronze, silver and gold tables, and manifest counts that reconcile. A
 * re-run with nothing new must write no table at all. The full rebuild is the suite's shared run of the same drop
 * ({@link SmallDrop}); the batching check was a class of its own (BatchedIngestTest) until issue 16 folded it in here,
 * to pay for one ingest of the drop fewer.
 */
@org.junit.jupiter.api.Tag("slow")
class IncrementalRefreshTest {
    static Path base, partial, full, key;
    static SmallDrop shared;

    @BeforeAll
    static void drops() throws Exception {
        shared = SmallDrop.get();
        base = SparkTestSession.tempDir("incremental");
        full = shared.dir;   // read only
        // the drop as it stood before the 2025 returns arrived (single-file sources stay: they are re-sent whole)
        partial = base.resolve("partial-drop");
        SparkTestSession.copyTree(full, partial);
        Files.delete(partial.resolve("cin_census/cin_census_2025.xml"));
        SparkTestSession.deleteTree(partial.resolve("ssda903/2025"));
        key = base.resolve("key");
        Files.writeString(key, SparkTestSession.TEST_KEY);
        SparkTestSession.get();
    }

    @Test
    void addingAYearInSmallBatchesEqualsAFullRebuildAndANoOpRerunWritesNothing() throws Exception {
        Path incLake = base.resolve("inc-lake"), incOut = base.resolve("inc-out");
        Lakehouse inc = new Lakehouse(SparkTestSession.get(), incLake.toString());
        Map<String, Object> first, second;
        // a batch per file, so each year's file of a source lands in its own bronze commit
        System.setProperty("csc.ingest.batchRows", "1");
        try {
            assertEquals(0, run(partial, incLake, incOut), "first run (2023-2024)");
            first = manifest(incOut);
            // more than one batch really happened: in a first run only batching gives a bronze table a second commit
            long batchedTables = inc.tables(Layer.BRONZE).stream()
                    .filter(t -> !t.equals(BronzeSpec.INGEST_LOG) && inc.version(Layer.BRONZE, t).orElse(-1L) > 0).count();
            assertTrue(batchedTables > 0, "no bronze table was written in more than one batch");
            assertEquals(0, run(full, incLake, incOut), "second run (2025 added)");
            second = manifest(incOut);
        } finally {
            System.clearProperty("csc.ingest.batchRows");
        }

        // the full rebuild: the shared fixture's one `csc run` of the whole drop
        Path fullLake = shared.lakeRoot, fullOut = shared.out;
        assertEquals(0, shared.ran.exitCode(), "full rebuild");

        assertArrayEquals(Files.readAllBytes(fullOut.resolve("trends.csv")), Files.readAllBytes(incOut.resolve("trends.csv")),
                "trends.csv of the incremental lakehouse differs from the full rebuild's");
        Lakehouse whole = new Lakehouse(SparkTestSession.get(), fullLake.toString());
        try (java.sql.Connection db = java.sql.DriverManager.getConnection("jdbc:duckdb:")) {
            for (Layer layer : new Layer[]{Layer.BRONZE, Layer.SILVER, Layer.GOLD}) {
                assertEquals(whole.tables(layer), inc.tables(layer), layer + " tables");
                // SSD tables carry extracted_at, the CSV file's modification time: the two drops are separate copies
                // written at different times, so that lineage column (and the row hash over it) differs while every
                // value is the same; bronze rows also carry when and by which run they were ingested
                List<String> ignore = layer == Layer.BRONZE
                        ? List.of("extracted_at", "_extracted_at", "_row_hash", "_ingested_at", "ingested_at", "run_id")
                        : List.of("extracted_at", "_extracted_at", "_row_hash");
                for (String t : whole.tables(layer)) {
                    assertEquals(List.of(), csc.lakehouse.SameRows.differences(db, whole.path(layer, t), inc.path(layer, t), ignore),
                            layer + "." + t + ": rows of the full rebuild missing incrementally, or only the incremental build has");
                }
            }
        }

        // the manifests reconcile with the full run's: a bronze table's rows are those of the files each run read, so the
        // two runs' rows add up to the full run's; a silver or quarantine table is rebuilt whole from bronze, so its
        // counts are those of the last run that wrote it
        Map<String, Map<String, Object>> fullTables = tables(shared.manifest().tables().values());
        Map<String, Map<String, Object>> firstTables = tables(rows(first)), secondTables = tables(rows(second));
        assertTrue(secondTables.size() > 20, "tables in the second run's manifest: " + secondTables.keySet());
        for (Map.Entry<String, Map<String, Object>> e : fullTables.entrySet()) {
            String name = e.getKey(), layer = String.valueOf(e.getValue().get("layer"));
            if (layer.equals("gold")) continue;   // compared above, row by row
            if (layer.equals("bronze")) {
                assertEquals(count(e.getValue(), "rows_written"),
                        count(firstTables.get(name), "rows_written") + count(secondTables.get(name), "rows_written"),
                        name + ": rows written by the two runs against the full run's");
                continue;
            }
            Map<String, Object> last = secondTables.containsKey(name) ? secondTables.get(name) : firstTables.get(name);
            assertNotNull(last, name + " is in no incremental run's manifest");
            for (String k : List.of("rows_in", "rows_written", "rows_quarantined", "rows_duplicate")) {
                assertEquals(e.getValue().get(k) == null ? null : count(e.getValue(), k), last.get(k) == null ? null : count(last, k),
                        name + " " + k + " in the manifest");
            }
        }

        // nothing new: no bronze, silver or gold table gets a new version, and the published figures stay
        Map<String, Long> before = versions(inc);
        byte[] trendsBefore = Files.readAllBytes(incOut.resolve("trends.csv"));
        assertEquals(0, run(full, incLake, incOut), "re-run with nothing new");
        assertEquals(before, versions(inc), "a re-run with no new files wrote a table");
        assertArrayEquals(trendsBefore, Files.readAllBytes(incOut.resolve("trends.csv")));

        // every publish is also kept as an as-at snapshot under the table root (time travel ends at VACUUM)
        try (Stream<Path> s = Files.list(incLake.resolve("_published"))) {
            java.util.List<Path> runs = s.sorted().toList();
            assertEquals(3, runs.size(), "one snapshot per publish: " + runs);
            assertArrayEquals(trendsBefore, Files.readAllBytes(runs.get(2).resolve("trends.csv")));
            assertTrue(Files.exists(runs.get(2).resolve("published/trends.csv")));
            assertTrue(Files.exists(runs.get(2).resolve("evidence-pack.html")));
        }
    }

    static int run(Path drop, Path lake, Path out) {
        return Csc.execute("run", "--input", drop.toString(), "--lakehouse", lake.toString(), "--out", out.toString(),
                "--key-file", key.toString());
    }

    /** The run's manifest as published (out/manifest.json). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> manifest(Path out) throws IOException {
        return new com.fasterxml.jackson.databind.ObjectMapper().readValue(out.resolve("manifest.json").toFile(), Map.class);
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> rows(Map<String, Object> manifest) {
        return (List<Map<String, Object>>) manifest.get("tables");
    }

    /** A manifest's table entries by name. */
    static Map<String, Map<String, Object>> tables(java.util.Collection<Map<String, Object>> entries) {
        Map<String, Map<String, Object>> out = new TreeMap<>();
        for (Map<String, Object> t : entries) out.put(String.valueOf(t.get("name")), t);
        return out;
    }

    /** A count of a manifest entry; 0 when the run has no entry for the table. */
    static long count(Map<String, Object> entry, String key) {
        if (entry == null || entry.get(key) == null) return 0;
        return ((Number) entry.get(key)).longValue();
    }

    static Map<String, Long> versions(Lakehouse lake) {
        Map<String, Long> out = new TreeMap<>();
        for (Layer layer : new Layer[]{Layer.BRONZE, Layer.SILVER, Layer.QUARANTINE, Layer.GOLD}) {
            for (String t : lake.tables(layer)) out.put(Lakehouse.name(layer, t), lake.version(layer, t).orElse(-1L));
        }
        return out;
    }


}
