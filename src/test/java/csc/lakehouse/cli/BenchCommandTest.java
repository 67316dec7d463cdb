package csc.lakehouse.cli;

import csc.lakehouse.SmallDrop;
import csc.lakehouse.SparkTestSession;
import csc.lakehouse.bench.DropInDuckDb;
import csc.lakehouse.bench.DuckDbHeadlineMeasures;
import csc.lakehouse.bench.SilverInDuckDb;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Both DuckDB references (from the drop's files, and from the silver tables' Parquet files) agree with the pipeline
 * on every figure of the six headline measures of the suite's shared run ({@link SmallDrop}: three returns of every
 * source, so items re-reported by later returns are met); and
 * {@code ./csc bench} end to end at a tiny scale (1% of the borough, one year, the CIN census, SSDA903 and
 * population files) agrees too, its like-for-like timing (Spark and DuckDB each in a cold JVM on the run's silver)
 * agrees, and it ends with the benchmark contract's line (architecture.md section 6).
 */
@org.junit.jupiter.api.Tag("slow")
class BenchCommandTest {
    static final Pattern CONTRACT = Pattern.compile(
            "bench scale=\\S+ rows=\\d+ spark_s=\\d+(\\.\\d+)? duckdb_s=\\d+(\\.\\d+)? ratio=\\d+(\\.\\d+)? peak_rss_mb=-?\\d+"
            + " jobs=(\\d+) tasks=(\\d+) commits=(\\d+) files=(\\d+)"
            + "( lfl_spark_s=\\d+(\\.\\d+)? lfl_duckdb_s=\\d+(\\.\\d+)? lfl_ratio=\\d+(\\.\\d+)?)?");

    @Test
    void duckDbFromTheDropAgreesWithTheSharedRun() throws Exception {
        SmallDrop shared = SmallDrop.get();
        agrees(db -> {
            DropInDuckDb ref = new DropInDuckDb(db, shared.dir, SparkTestSession.tempDir("bench-flat"));
            ref.flatten();
            return ref;
        });
    }

    @Test
    void duckDbFromTheSilverParquetFilesAgreesWithTheSharedRun() throws Exception {
        SmallDrop shared = SmallDrop.get();
        agrees(db -> new SilverInDuckDb(db, shared.lakeRoot, SparkTestSession.tempDir("bench-silver")));
    }

    interface Reference {
        DuckDbHeadlineMeasures open(Connection db) throws Exception;
    }

    /** Loads the reference, computes the six measures and compares them with the shared run's trends.csv. */
    static void agrees(Reference reference) throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:")) {
            DuckDbHeadlineMeasures ref = reference.open(db);
            ref.load();
            ref.measures();
            assertAgrees(ref, SmallDrop.get().out.resolve("trends.csv"));
        }
    }

    static void assertAgrees(DuckDbHeadlineMeasures ref, Path trendsCsv) throws Exception {
        List<String> diffs = ref.compare(trendsCsv);
        assertEquals(List.of(), diffs, "figures that differ between Spark and DuckDB");
        // one LA, three years: six Totals a year (18) and cin_plan_duration's four bands a year (12), less
        // 2022-23's re-referrals, not published without the 2022 return (look-back rule): 29 figures
        assertEquals(29, ref.compared, "figures compared");
        // the measures compared are those the reference's SQL computed, in its order
        assertEquals(List.of("referrals", "rereferrals_12m", "assessments_45wd", "cpp_31mar", "cin_plan_duration",
                "cla_starts_police_protection"), ref.measureIds());
    }

    @Test
    void bothEnginesAgreeAndTheLastLineMatchesTheContract() throws Exception {
        SparkTestSession.get(); // the shared session (and the test pseudonym key), so bench reuses it
        Path drop = SparkTestSession.tempDir("bench-drop");
        // bench's own generate-or-reuse step makes the drop (the parameters below are bench's), which is then cut to
        // what the six headline measures and DuckDB read, CIN census and SSDA903, plus the population; bench reuses it
        // (its stamp names these parameters), so its Spark side writes no Annex A, tracker or SSD tables, which the
        // shared run (SmallDrop) covers. The last line's rows= is the stamp's, the generated drop's count.
        SyntheticDropOptions synthetic = new SyntheticDropOptions();
        synthetic.seed = 20231;
        synthetic.scale = "0.01";
        synthetic.from = 2024;
        synthetic.to = 2024;
        synthetic.generateOrReuse(drop, "_bench.txt");
        for (String source : List.of("annex_a", "local", "ssd")) SparkTestSession.deleteTree(drop.resolve(source));
        java.nio.file.Files.deleteIfExists(drop.resolve("_ssd_differences.csv"));
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream old = System.out;
        int rc;
        try (PrintStream ps = new PrintStream(buf, true, StandardCharsets.UTF_8)) {
            System.setOut(ps);
            rc = Csc.execute("bench", "--scale", "0.01", "--from", "2024", "--to", "2024", "--drop", drop.toString(),
                    "--shuffle-partitions", "2");
        } finally {
            System.setOut(old);
        }
        String out = buf.toString(StandardCharsets.UTF_8);
        System.out.print(out);
        assertEquals(Csc.OK, rc, out);
        String[] lines = out.strip().split("\n");
        String last = lines[lines.length - 1].strip();
        java.util.regex.Matcher m = CONTRACT.matcher(last);
        assertTrue(m.matches(), last);
        assertTrue(out.contains(": 0 difference(s)"), out);
        assertTrue(last.startsWith("bench scale=0.01 "), last);
        // the work counts: a run makes Spark jobs, Delta commits and data files (bronze, silver, gold at least)
        assertTrue(Long.parseLong(m.group(4)) > 0 && Long.parseLong(m.group(5)) > 0, last);
        assertTrue(Long.parseLong(m.group(6)) >= 3 && Long.parseLong(m.group(7)) >= 3, last);
        // the like-for-like timing ran (both engines in cold JVMs on the run's silver) and agreed: one year, so the
        // six Totals and four bands less the re-referrals without the year before: 9 figures
        assertTrue(m.group(8) != null, "no like-for-like figures on the last line: " + last);
        assertTrue(out.contains("; compared 9 figures: 0 difference(s)"), out);
    }

    @Test
    void badScaleIsAUsageError() {
        assertEquals(Csc.USAGE, Csc.execute("bench", "--scale", "huge"));
    }
}
