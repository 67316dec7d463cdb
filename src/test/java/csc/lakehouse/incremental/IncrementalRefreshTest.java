package csc.lakehouse.incremental;

import csc.lakehouse.SmallDrop;
import csc.lakehouse.SparkTestSession;
import csc.lakehouse.cli.Csc;
import csc.lakehouse.lake.Lakehouse;
import csc.lakehouse.lake.Layer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
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
 * Issue 7's incremental refresh: a lakehouse built year by year (2023-2024 first, then the 2025 returns
 * added to the same drop) must equal one built from the whole drop in one run: identical trends.csv and
 * identical silver and gold tables. A re-run with nothing new must write no table at all. The full rebuild is
 * the suite's shared run of the same drop ({@link SmallDrop}).
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
    void addingAYearEqualsAFullRebuildAndANoOpRerunWritesNothing() throws Exception {
        Path incLake = base.resolve("inc-lake"), incOut = base.resolve("inc-out");
        assertEquals(0, run(partial, incLake, incOut), "first run (2023-2024)");
        assertEquals(0, run(full, incLake, incOut), "second run (2025 added)");

        // the full rebuild: the shared fixture's one `csc run` of the whole drop
        Path fullLake = shared.lakeRoot, fullOut = shared.out;
        assertEquals(0, shared.ran.exitCode(), "full rebuild");

        assertArrayEquals(Files.readAllBytes(fullOut.resolve("trends.csv")), Files.readAllBytes(incOut.resolve("trends.csv")),
                "trends.csv of the incremental lakehouse differs from the full rebuild's");
        Lakehouse inc = new Lakehouse(SparkTestSession.get(), incLake.toString());
        Lakehouse whole = new Lakehouse(SparkTestSession.get(), fullLake.toString());
        for (Layer layer : new Layer[]{Layer.SILVER, Layer.GOLD}) {
            assertEquals(whole.tables(layer), inc.tables(layer), layer + " tables");
            for (String t : whole.tables(layer)) {
                // SSD tables carry extracted_at, the CSV file's modification time: the two drops are separate copies
                // written at different times, so that lineage column (and the row hash over it) differs while every
                // value is the same
                Dataset<Row> a = whole.read(layer, t), b = inc.read(layer, t);
                if (List.of(a.columns()).contains("extracted_at")) {
                    a = a.drop("extracted_at", "_row_hash");
                    b = b.drop("extracted_at", "_row_hash");
                }
                assertEquals(List.of(), csc.lakehouse.SameRows.differences(a, b),
                        layer + "." + t + ": rows of the full rebuild missing incrementally, or only the incremental build has");
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

    static Map<String, Long> versions(Lakehouse lake) {
        Map<String, Long> out = new TreeMap<>();
        for (Layer layer : new Layer[]{Layer.BRONZE, Layer.SILVER, Layer.QUARANTINE, Layer.GOLD}) {
            for (String t : lake.tables(layer)) out.put(Lakehouse.name(layer, t), lake.version(layer, t).orElse(-1L));
        }
        return out;
    }


}
