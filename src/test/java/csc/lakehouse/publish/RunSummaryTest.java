package csc.lakehouse.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import csc.lakehouse.lake.Progress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunSummaryTest {
    @Test
    void listsWarningsEachOutputPresentAndTheNextCommand(@TempDir Path out) throws Exception {
        Files.writeString(out.resolve("evidence-pack.html"), "x");
        Files.writeString(out.resolve("trends.csv"), "x");
        List<String[]> warnings = EvidencePack.warnings(EvidencePack.parse(
                "{\"warnings\":[{\"file\":\"/tmp/drop/annex_a/a.xlsx\",\"message\":\"sheet 'List 7': ignored\"},"
                        + "{\"file\":\"/tmp/drop/annex_a/a.xlsx\",\"message\":\"sheet 'List 7': ignored\"}]}"));
        List<String> lines = RunSummary.lines(OutputFolder.at(new org.apache.hadoop.conf.Configuration(), out.toString()), warnings, "./csc run --input DIR --out DIR");
        // the two identical warnings are one line, counted twice, with the file name only
        assertTrue(lines.contains("  ! a.xlsx: sheet 'List 7': ignored (x2)"), String.join("\n", lines));
        // only the outputs that exist, one line each
        assertEquals(2, lines.stream().filter(l -> l.startsWith("  evidence-pack.html") || l.startsWith("  trends.csv")).count());
        assertTrue(lines.stream().noneMatch(l -> l.startsWith("  trends.xlsx")));
        assertEquals("Next: ./csc run --input DIR --out DIR", lines.get(lines.size() - 1));
        assertEquals("1 min 15 s", Progress.duration(75));
        assertEquals("20 s", Progress.duration(20.4));
    }
}
