package csc.lakehouse.publish;

import csc.lakehouse.SparkTestSession;
import csc.lakehouse.cli.Csc;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** {@code ./csc run} on a drop with nothing usable: exit 3, but the stages still run and publish what they can. */
class PublishRunCommandTest {
    @Test
    void runWithNothingUsableExits3AndStillPublishes() throws Exception {
        Path input = SparkTestSession.tempDir("run-in");
        Files.writeString(input.resolve("not-a-return.txt"), "hello\n");
        Path lake = SparkTestSession.tempDir("run-lake");
        Path out = SparkTestSession.tempDir("run-out");
        int code = Csc.execute("run", "--input", input.toString(), "--lakehouse", lake.toString(), "--out", out.toString());
        assertEquals(Csc.REJECTED, code);
        // no returns held: every family writes an empty gold table; trends.csv is the header alone
        assertEquals(String.join(",", TrendsCsv.COLUMNS) + "\n", Files.readString(out.resolve("trends.csv")));
        String manifest = Files.readString(out.resolve("manifest.json"));
        assertTrue(manifest.contains("\"command\" : \"run\""), manifest);
        for (String stage : new String[]{"\"ingest\"", "\"measures\"", "\"publish\""}) {
            assertTrue(manifest.contains("\"name\" : " + stage), stage + " missing from " + manifest);
        }
    }

    @Test
    void runNeedsAnExistingInputFolder() {
        Path lake = SparkTestSession.tempDir("run-lake2");
        assertEquals(Csc.USAGE, Csc.execute("run", "--input", lake.resolve("missing").toString(),
                "--lakehouse", lake.toString(), "--out", lake.resolve("out").toString()));
    }
}
