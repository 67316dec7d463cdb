package csc.lakehouse.reliability;

import com.fasterxml.jackson.databind.ObjectMapper;
import csc.lakehouse.SparkTestSession;
import csc.lakehouse.cli.Csc;
import csc.lakehouse.lake.Lakehouse;
import csc.lakehouse.lake.Layer;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The hostile-inputs corpus (src/test/resources/hostile/, written by jobs/make-hostile-corpus.py, plus
 * the Annex A workbooks and a very large 903 file built here) ingested in ONE run with
 * {@code csc ingest}; src/test/resources/hostile/expectations.csv says what each file must produce.
 */
@org.junit.jupiter.api.Tag("slow")
class HostileInputsTest {
    static final int LARGE_ROWS = 300_000;
    static Path drop, lake;
    static int exitCode;
    static String stderr;
    static Map<String, Object> manifest;
    static Map<String, Map<String, Object>> inputs = new TreeMap<>();
    static Map<String, Map<String, Object>> tables = new TreeMap<>();
    static List<String> warnings = new ArrayList<>();

    @BeforeAll
    static void ingestTheCorpusOnce() throws Exception {
        drop = SparkTestSession.tempDir("hostile-drop");
        SparkTestSession.copyTree(Paths.get("src/test/resources/hostile"), drop);
        Files.delete(drop.resolve("expectations.csv"));
        buildWorkbooks(drop);
        lake = SparkTestSession.tempDir("hostile-lake");
        Path key = lake.resolve("../hostile-key.txt");
        Files.writeString(key, SparkTestSession.TEST_KEY);
        SparkTestSession.get();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream old = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            exitCode = Csc.execute("ingest", "--input", drop.toString(), "--lakehouse", lake.toString(),
                    "--key-file", key.toString(), "--la", "301");
        } finally {
            System.setErr(old);
        }
        stderr = err.toString(StandardCharsets.UTF_8);
        System.err.print(stderr);
        try (Stream<Path> s = Files.list(lake.resolve("_manifests"))) {
            Path m = s.filter(p -> p.toString().endsWith(".json")).findFirst().orElseThrow();
            manifest = new ObjectMapper().readValue(m.toFile(), Map.class);
        }
        for (Object o : (List<?>) manifest.get("inputs")) {
            Map<String, Object> in = (Map<String, Object>) o;
            inputs.put((String) in.get("path"), in);
        }
        Object t = manifest.get("tables");
        Iterable<?> ts = t instanceof Map<?, ?> m ? m.values() : (List<?>) t;
        for (Object o : ts) {
            Map<String, Object> tm = (Map<String, Object>) o;
            tables.put((String) tm.get("name"), tm);
        }
        Object w = manifest.get("warnings");
        if (w instanceof List<?> l) for (Object o : l) warnings.add(String.valueOf(o));
    }

    record Expectation(String path, String status, String reason, Map<String, Long> quarantine) {}

    static List<Expectation> expectations() throws IOException {
        List<Expectation> out = new ArrayList<>();
        for (String line : Files.readAllLines(Paths.get("src/test/resources/hostile/expectations.csv"))) {
            if (line.isBlank() || line.startsWith("#") || line.startsWith("path,")) continue;
            String[] f = line.split("\\|", -1);
            Map<String, Long> q = new LinkedHashMap<>();
            if (f.length > 3 && !f[3].isBlank()) {
                for (String kv : f[3].split(";")) {
                    String[] p = kv.split("=");
                    q.put(p[0].trim(), Long.parseLong(p[1].trim()));
                }
            }
            out.add(new Expectation(f[0], f[1], f[2], q));
        }
        return out;
    }

    static final java.util.regex.Pattern JAVA_CLASS =
            java.util.regex.Pattern.compile("(Exception|Error)\\b|\\bjava\\.|\\bat [a-z]+\\.|\\bnull\\b");

    @Test
    void everyFileProducesWhatTheExpectationsSay() throws IOException {
        Lakehouse lh = new Lakehouse(SparkTestSession.get(), lake.toString());
        // quarantine rows by (file, rule), counting every rule a row broke
        Map<String, Map<String, Long>> quarantined = new TreeMap<>();
        for (String q : lh.tables(Layer.QUARANTINE)) {
            if (q.endsWith("_warnings")) continue;
            for (org.apache.spark.sql.Row r : lh.read(Layer.QUARANTINE, q)
                    .selectExpr("source_file", "explode(array_distinct(rules_broken)) as rule")
                    .groupBy("source_file", "rule").count().collectAsList()) {
                quarantined.computeIfAbsent(r.getString(0), k -> new TreeMap<>()).merge(r.getString(1), r.getLong(2), Long::sum);
            }
        }
        List<String> problems = new ArrayList<>();
        java.util.Set<String> expected = new java.util.TreeSet<>();
        for (Expectation e : expectations()) {
            String path = e.path().replace("*", "");
            expected.add(path);
            List<String> fileWarnings = warningsOf(path);
            if (e.status().equals("ignored")) {
                if (inputs.containsKey(path)) problems.add(path + ": expected to be left alone, was " + inputs.get(path).get("status"));
                if (fileWarnings.stream().noneMatch(w -> w.contains(e.reason()))) problems.add(path + ": no warning containing '" + e.reason() + "' in " + fileWarnings);
                continue;
            }
            Map<String, Object> in = inputs.get(path);
            if (in == null) { problems.add(path + ": not in the manifest"); continue; }
            if (!e.status().equals(in.get("status"))) {
                problems.add(path + ": expected " + e.status() + ", was " + in.get("status") + " (" + in.get("reason") + ")");
                continue;
            }
            if (e.status().equals("rejected")) {
                String reason = String.valueOf(in.get("reason"));
                if (!reason.contains(e.reason())) problems.add(path + ": reason '" + reason + "' lacks '" + e.reason() + "'");
                if (reason.contains("\n") || reason.contains("\r")) problems.add(path + ": reason is more than one line");
                if (JAVA_CLASS.matcher(reason).find()) problems.add(path + ": reason names Java internals: " + reason);
                if (!stderr.contains("rejected " + path + ": " + reason)) problems.add(path + ": not reported on stderr");
                if (quarantined.containsKey(path)) problems.add(path + ": rejected but has quarantine rows");
            } else {
                if (!e.reason().isEmpty() && fileWarnings.stream().noneMatch(w -> w.contains(e.reason())))
                    problems.add(path + ": no warning containing '" + e.reason() + "' in " + fileWarnings);
                Map<String, Long> got = quarantined.getOrDefault(path, Map.of());
                if (!new TreeMap<>(e.quarantine()).equals(new TreeMap<>(got)))
                    problems.add(path + ": quarantine expected " + new TreeMap<>(e.quarantine()) + ", was " + got);
            }
        }
        for (String p : inputs.keySet()) if (!expected.contains(p)) problems.add(p + ": in the manifest but not in expectations.csv");
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        assertTrue(expected.size() >= 40, "corpus has " + expected.size() + " files");
    }

    @Test
    void theRunExitsThreeAndPrintsNoStackTrace() {
        assertEquals(Csc.REJECTED, exitCode);
        assertFalse(stderr.contains("\tat "), stderr);
        assertFalse(stderr.contains("Exception"), stderr);
    }

    /** Every row of every silver table is written, quarantined with a rule id, or a duplicate; and the counts are the tables'. */
    @Test
    void theManifestAccountsForEveryRow() {
        Lakehouse lh = new Lakehouse(SparkTestSession.get(), lake.toString());
        int checked = 0;
        for (Map<String, Object> t : tables.values()) {
            String name = (String) t.get("name");
            if (!name.startsWith("silver.")) continue;
            String table = name.substring("silver.".length());
            long in = num(t.get("rows_in")), written = num(t.get("rows_written")),
                    quarantined = num(t.get("rows_quarantined")), dup = num(t.get("rows_duplicate"));
            assertEquals(in, written + quarantined + dup, name + " " + t);
            assertEquals(written, lh.read(Layer.SILVER, table).count(), name + ": rows_written vs the Delta table");
            long q = lh.exists(Layer.QUARANTINE, table) ? lh.read(Layer.QUARANTINE, table).count() : 0;
            assertEquals(quarantined, q, name + ": rows_quarantined vs quarantine." + table);
            if (q > 0) {
                assertEquals(0, lh.read(Layer.QUARANTINE, table).filter("rule_id is null or source_file is null").count(),
                        "quarantine." + table + " rows without a rule id or source file");
            }
            checked++;
        }
        assertTrue(checked > 10, "silver tables checked: " + checked);
        // the bronze rows of every ingested file are there, and none of a rejected file
        Map<String, Long> bronzeByFile = new TreeMap<>();
        for (String b : lh.tables(Layer.BRONZE)) {
            if (b.startsWith("_")) continue;
            for (org.apache.spark.sql.Row r : lh.read(Layer.BRONZE, b).groupBy("_source_file").count().collectAsList()) {
                bronzeByFile.merge(r.getString(0), r.getLong(1), Long::sum);
            }
        }
        for (Map<String, Object> in : inputs.values()) {
            String path = (String) in.get("path");
            if ("rejected".equals(in.get("status"))) assertNull(bronzeByFile.get(path), path + " is rejected but in bronze");
        }
        // the person_cin/referral/cla_episode/header rows equal the children/episodes/rows read
        long children = lh.read(Layer.BRONZE, "cin_census_child").count();
        assertEquals(children, num(tables.get("silver.person_cin").get("rows_in")));
        assertEquals(lh.read(Layer.BRONZE, "ssda903_episodes").count(), num(tables.get("silver.cla_episode").get("rows_in")));
        assertEquals(lh.read(Layer.BRONZE, "ssda903_header").count(), num(tables.get("silver.person_903").get("rows_in")));
    }

    @Test
    void aMissingInputFolderIsOneLineWithoutAStackTraceUnlessDebug() throws IOException {
        Path key = lake.resolve("../hostile-key.txt");
        String[] base = {"ingest", "--input", lake.resolve("no such folder").toString(), "--lakehouse",
                lake.resolve("../hostile-missing-lake").toString(), "--key-file", key.toString()};
        String plain = captureErr(() -> assertEquals(Csc.USAGE, Csc.execute(base)));
        assertEquals(1, plain.strip().lines().count(), plain);
        assertTrue(plain.contains("does not exist"), plain);
        assertFalse(plain.contains("Exception") || plain.contains("\tat "), plain);
        String[] dbg = java.util.Arrays.copyOf(base, base.length + 1);
        dbg[base.length] = "--debug";
        String debug = captureErr(() -> assertEquals(Csc.USAGE, Csc.execute(dbg)));
        assertTrue(debug.contains("\tat "), "--debug prints the stack trace: " + debug);
    }

    /** A 903 episodes file of 20,000 rows goes through the streaming reader and Spark (the quick tier's size). */
    @Test
    void aLargeEpisodesFileIsReadInFull() throws Exception {
        readsLargeEpisodes(20_000);
    }

    /** The same at 300,000 rows, in bounded time and memory: long by nature, so in the stress tier only. */
    @Test
    @org.junit.jupiter.api.Tag("stress")
    void aVeryLargeEpisodesFileIsReadWithoutRunningOutOfMemory() throws Exception {
        readsLargeEpisodes(LARGE_ROWS);
    }

    static void readsLargeEpisodes(int rows) throws Exception {
        Path big = SparkTestSession.tempDir("hostile-large").resolve("episodes.csv");
        writeLargeEpisodes(big, rows);
        long t0 = System.nanoTime();
        try (java.io.Reader r = Files.newBufferedReader(big, StandardCharsets.UTF_8)) {
            csc.lakehouse.ingest.ParsedFile p = csc.lakehouse.ingest.ssda903.Ssda903CsvReader.parse(SparkTestSession.get(), r, "episodes", 2024);
            assertEquals(rows, p.rows());
            assertEquals(rows, p.tables().get("ssda903_episodes").count());
        } finally {
            Files.deleteIfExists(big);
        }
        System.out.printf("large file: %d rows read in %.1f s%n", rows, (System.nanoTime() - t0) / 1e9);
    }

    static String captureErr(Runnable r) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream old = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            r.run();
        } finally {
            System.setErr(old);
        }
        return err.toString(StandardCharsets.UTF_8);
    }

    static long num(Object o) { return o == null ? 0L : ((Number) o).longValue(); }

    static List<String> warningsOf(String path) {
        List<String> out = new ArrayList<>();
        Object w = manifest.get("warnings");
        if (w instanceof List<?> l) {
            for (Object o : l) {
                if (o instanceof Map<?, ?> m && path.equals(m.get("file"))) out.add(String.valueOf(m.get("message")));
            }
        }
        return out;
    }

    // ---- builders of the files that are not committed ----


    static final Path GOOD_WORKBOOK = Paths.get("src/test/resources/annex_a/liia-tools_Annex_A.xlsx");

    static void buildWorkbooks(Path drop) throws IOException {
        byte[] good = Files.readAllBytes(GOOD_WORKBOOK);
        // a good workbook, unchanged
        write(drop.resolve("la=310/annex_a/good_annex_a.xlsx"), good);
        // truncated: the first half of a real workbook
        write(drop.resolve("la=311/annex_a/truncated.xlsx"), java.util.Arrays.copyOf(good, good.length / 2));
        // missing sheets: only a front sheet and guidance
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            wb.createSheet("Front sheet").createRow(0).createCell(0).setCellValue("Annex A");
            wb.createSheet("Guidance").createRow(0).createCell(0).setCellValue("Fill in lists 1 to 11");
            save(wb, drop.resolve("la=312/annex_a/missing_sheets.xlsx"));
        }
        // merged cells across data rows and formula cells in the first list sheet with data
        try (InputStream in = Files.newInputStream(GOOD_WORKBOOK); Workbook wb = WorkbookFactory.create(in)) {
            Sheet s = firstListWithRows(wb);
            int last = s.getLastRowNum();
            s.addMergedRegion(new CellRangeAddress(last - 1, last, 0, 0));
            save(wb, drop.resolve("la=313/annex_a/merged_cells.xlsx"));
        }
        try (InputStream in = Files.newInputStream(GOOD_WORKBOOK); Workbook wb = WorkbookFactory.create(in)) {
            Sheet s = firstListWithRows(wb);
            Row r = s.getRow(s.getLastRowNum());
            Cell c = r.getCell(0) == null ? r.createCell(0) : r.getCell(0);
            c.setCellFormula("CONCATENATE(\"F\",\"X1\")");
            Cell bad = r.createCell(Math.max(r.getLastCellNum(), 1) + 2);
            bad.setCellFormula("1/0");
            save(wb, drop.resolve("la=314/annex_a/formula_cells.xlsx"));
        }
    }

    static Sheet firstListWithRows(Workbook wb) {
        for (Sheet s : wb) {
            if (s.getSheetName().toLowerCase().startsWith("list") && s.getLastRowNum() >= 3) return s;
        }
        throw new IllegalStateException("no list sheet with rows in " + GOOD_WORKBOOK);
    }

    static void save(Workbook wb, Path p) throws IOException {
        Files.createDirectories(p.getParent());
        try (OutputStream out = Files.newOutputStream(p)) {
            wb.write(out);
        }
    }

    static void write(Path p, byte[] b) throws IOException {
        Files.createDirectories(p.getParent());
        Files.write(p, b);
    }

    /** A 903 episodes file of n valid rows, one child each (streams; never held in memory). */
    static void writeLargeEpisodes(Path p, int n) throws IOException {
        Files.createDirectories(p.getParent());
        try (Writer w = Files.newBufferedWriter(p, StandardCharsets.UTF_8)) {
            w.write("CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n");
            for (int i = 0; i < n; i++) {
                int day = 1 + i % 28, month = 4 + i % 9;
                w.write("L" + i + "," + String.format("%02d/%02d/2023", day, month) + ",S,C2,N1,U4,PR1,,,,RM10 9XX,RM9 4AA,SC123456\n");
            }
        }
    }
}
