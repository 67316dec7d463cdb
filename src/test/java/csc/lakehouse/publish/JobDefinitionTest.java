package csc.lakehouse.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobDefinitionTest {
    static final LocalDate TODAY = LocalDate.of(2026, 3, 14);

    @Test
    void theShippedJobsLoad() throws Exception {
        List<Path> jobs;
        try (var s = Files.list(Path.of("jobs"))) {
            jobs = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertEquals(3, jobs.size(), jobs.toString());
        for (Path p : jobs) {
            JobDefinition j = JobDefinition.load(p, Map.of());
            assertEquals("run", j.toArgs(TODAY).get(0));
            assertTrue(p.getFileName().toString().startsWith(j.name()), p + " name " + j.name());
        }
    }

    @Test
    void monthlyRefreshResolvesLastMonthEnd() {
        JobDefinition j = JobDefinition.load(Path.of("jobs/monthly-refresh.yaml"),
                Map.of("CSC_LAKEHOUSE", "abfss://lake@acct.dfs.core.windows.net/csc"));
        assertEquals(List.of("run", "--input", "./drop", "--lakehouse", "abfss://lake@acct.dfs.core.windows.net/csc",
                "--out", "./out/monthly", "--as-at", "2026-02-28", "--from", "2015", "--to", "2026", "--monthly"), j.toArgs(TODAY));
    }

    @Test
    void fixedDateAndNoLakehouse(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("j.yaml");
        Files.writeString(f, "name: x\ninput: in\nout: o\nas_at: 2025-03-31\n");
        assertEquals(List.of("run", "--input", "in", "--out", "o", "--as-at", "2025-03-31"), JobDefinition.load(f, Map.of()).toArgs(TODAY));
    }

    @Test
    void badDefinitionsSayWhy(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.yaml");
        Files.writeString(f, "name: x\ninput: in\nout: o\nas_at: yesterday\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> JobDefinition.load(f, Map.of())).getMessage().contains("as_at"));
        Files.writeString(f, "name: x\nout: o\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> JobDefinition.load(f, Map.of())).getMessage().contains("'input'"));
        Files.writeString(f, "name: x\ninput: in\nout: o\nfrom: 2025\nto: 2020\n");
        assertThrows(IllegalArgumentException.class, () -> JobDefinition.load(f, Map.of()));
        Files.writeString(f, "name: x\ninput: in\nout: o\ncolour: blue\n");
        assertThrows(IllegalArgumentException.class, () -> JobDefinition.load(f, Map.of()));
        Files.writeString(f, "name: x\ninput: ${NOPE}\nout: o\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> JobDefinition.load(f, Map.of())).getMessage().contains("NOPE"));
    }
}
