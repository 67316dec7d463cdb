package csc.lakehouse.cli;

import csc.lakehouse.SparkTestSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The stress tier's benches ({@code mvn -B test -Pstress}): {@code ./csc bench} on the borough (one year) and on the
 * national drop (153 LAs, one year, about 22M input rows, 23 GB of disk for the drop): both engines must agree on
 * every figure and the last line must follow the contract. Long by nature, so never in the quick tier; the
 * figures they print are the ones the README's performance table quotes. {@code -Dcsc.stress.dropDir=DIR} keeps
 * the generated drops there for reuse (they are large).
 */
@Tag("slow")
@Tag("stress")
class BenchStressTest {

    @Test
    void boroughBench() {
        bench("borough");
    }

    @Test
    void nationalBench() {
        bench("national");
    }

    static void bench(String scale) {
        SparkTestSession.get();
        String keep = System.getProperty("csc.stress.dropDir");
        Path drop = keep != null ? Path.of(keep, "bench-" + scale + "-2024") : SparkTestSession.tempDir("bench-" + scale);
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream old = System.out;
        int rc;
        try (PrintStream ps = new PrintStream(buf, true, StandardCharsets.UTF_8)) {
            System.setOut(ps);
            rc = Csc.execute("bench", "--scale", scale, "--from", "2024", "--to", "2024", "--drop", drop.toString());
        } finally {
            System.setOut(old);
        }
        String out = buf.toString(StandardCharsets.UTF_8);
        System.out.print(out);
        assertEquals(Csc.OK, rc, out);
        String[] lines = out.strip().split("\n");
        String last = lines[lines.length - 1].strip();
        assertTrue(BenchCommandTest.CONTRACT.matcher(last).find(), last);
        assertTrue(out.contains(": 0 difference(s)"), out);
    }
}
