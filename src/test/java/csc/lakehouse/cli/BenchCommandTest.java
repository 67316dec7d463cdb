package csc.lakehouse.cli;

import csc.lakehouse.SparkTestSession;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ./csc bench} at a tiny scale (5% of the borough, collection years 2023-2024: two returns, so re-reported episodes are de-duplicated): the pipeline and the
 * DuckDB reference agree on every figure of the six headline measures, and the last line follows the
 * benchmark contract (architecture.md section 6).
 */
@org.junit.jupiter.api.Tag("slow")
class BenchCommandTest {
    static final Pattern CONTRACT = Pattern.compile(
            "bench scale=\\S+ rows=\\d+ spark_s=\\d+(\\.\\d+)? duckdb_s=\\d+(\\.\\d+)? ratio=\\d+(\\.\\d+)? peak_rss_mb=\\d+");

    @Test
    void bothEnginesAgreeAndTheLastLineMatchesTheContract() {
        SparkTestSession.get(); // the shared session (and the test pseudonym key), so bench reuses it
        Path drop = SparkTestSession.tempDir("bench-drop");
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream old = System.out;
        int rc;
        try (PrintStream ps = new PrintStream(buf, true, StandardCharsets.UTF_8)) {
            System.setOut(ps);
            rc = Csc.execute("bench", "--scale", "0.05", "--from", "2023", "--to", "2024", "--drop", drop.toString(),
                    "--shuffle-partitions", "2");
        } finally {
            System.setOut(old);
        }
        String out = buf.toString(StandardCharsets.UTF_8);
        System.out.print(out);
        assertEquals(Csc.OK, rc, out);
        String[] lines = out.strip().split("\n");
        String last = lines[lines.length - 1].strip();
        assertTrue(CONTRACT.matcher(last).matches(), last);
        assertTrue(out.contains(": 0 difference(s)"), out);
        assertTrue(last.startsWith("bench scale=0.05 "), last);
    }

    @Test
    void badScaleIsAUsageError() {
        assertEquals(Csc.USAGE, Csc.execute("bench", "--scale", "huge"));
    }
}
