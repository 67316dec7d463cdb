package csc.lakehouse.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JobCommandTest {
    @Test
    void aJobDefinitionBecomesTheEquivalentRunCommand() throws Exception {
        Path dir = csc.lakehouse.SparkTestSession.tempDir("job");
        Path yaml = dir.resolve("annual.yaml");
        Files.writeString(yaml, "name: annual\ninput: /data/drop\nlakehouse: /data/lake\nas_at: 2025-03-31\nfrom: 2019\nto: 2025\nout: /data/out\n");
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        int rc;
        try {
            rc = Csc.execute("job", yaml.toString(), "--dry-run");
        } finally {
            System.setOut(old);
        }
        assertEquals(Csc.OK, rc);
        String printed = buf.toString(StandardCharsets.UTF_8).trim();
        assertEquals("./csc run --input /data/drop --lakehouse /data/lake --out /data/out --as-at 2025-03-31 --from 2019 --to 2025",
                printed);
    }

    @Test
    void aMissingOrBrokenDefinitionIsBadUsage() throws Exception {
        Path dir = csc.lakehouse.SparkTestSession.tempDir("job-bad");
        assertEquals(Csc.USAGE, Csc.execute("job", dir.resolve("missing.yaml").toString()));
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "name: x\nout: /tmp/o\n");
        assertEquals(Csc.USAGE, Csc.execute("job", bad.toString(), "--dry-run"));
        assertTrue(Files.exists(bad));
    }
}
