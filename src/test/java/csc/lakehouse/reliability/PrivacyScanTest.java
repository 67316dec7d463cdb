package csc.lakehouse.reliability;

import csc.lakehouse.DeltaFilesInDuckDb;
import csc.lakehouse.SmallDrop;
import csc.lakehouse.SparkTestSession;
import csc.lakehouse.cli.Csc;
import csc.lakehouse.lake.Lakehouse;
import csc.lakehouse.lake.Layer;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A small synthetic drop through ingest, measures and publish (the shared {@link SmallDrop}); then every string in every non-bronze
 * Delta table and every published file is searched for every raw identifier of the input (child ids,
 * UPNs, former UPNs, family ids, full postcodes). None may appear. Dates of birth in silver are the
 * first of the month.
 */
@org.junit.jupiter.api.Tag("slow")
class PrivacyScanTest {
    static final Pattern XML_ID = Pattern.compile("<(LAchildID|UPN|FormerUPN)>\\s*([^<]+?)\\s*</");
    static final Pattern POSTCODE = Pattern.compile("\\b[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}\\b");
    static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_\\-]+");

    @Test
    void noRawIdentifierLeavesBronze() throws Exception {
        // the suite's shared drop and the lakehouse and out folder its `csc run` made
        SmallDrop shared = SmallDrop.get();
        Path drop = shared.dir, lake = shared.lakeRoot, out = shared.out;
        Set<String> ids = rawIdentifiers(drop);
        assertTrue(ids.size() > 50, "raw identifiers collected: " + ids.size());
        int code = shared.ran.exitCode();
        assertTrue(code == Csc.OK || code == Csc.REJECTED, "run exit " + code);

        List<String> leaks = new ArrayList<>();
        Lakehouse lh = new Lakehouse(SparkTestSession.get(), lake.toString());
        int tablesScanned = 0;
        // every table's current Parquet files, read by DuckDB (DeltaFilesInDuckDb): the same rows as a Spark read of the
        // table, without a planned Spark query per table
        try (java.sql.Connection db = java.sql.DriverManager.getConnection("jdbc:duckdb:")) {
            for (Layer layer : new Layer[]{Layer.SILVER, Layer.QUARANTINE, Layer.GOLD, Layer.AUDIT}) {
                for (String t : lh.tables(layer)) {
                    tablesScanned++;
                    leaks.addAll(leaks(db, lh, layer, t, ids));
                }
            }
            // the scan sees identifiers where they are: bronze keeps the extracts as received
            int bronzeHits = 0;
            for (String t : lh.tables(Layer.BRONZE)) bronzeHits += leaks(db, lh, Layer.BRONZE, t, ids).size();
            assertTrue(bronzeHits > 50, "the scan found only " + bronzeHits + " raw identifier(s) in bronze");
            // dates of birth in silver are the first of the month
            for (String t : lh.tables(Layer.SILVER)) {
                java.util.Optional<String> source = DeltaFilesInDuckDb.source(db, lh.path(Layer.SILVER, t));
                if (source.isEmpty()) continue;
                for (Map.Entry<String, String> c : columnTypes(db, source.get()).entrySet()) {
                    String n = c.getKey().toLowerCase(Locale.ROOT);
                    if (!c.getValue().equals("DATE") || !(n.contains("birth") || n.contains("dob"))) continue;
                    try (java.sql.Statement st = db.createStatement(); java.sql.ResultSet rs = st.executeQuery("SELECT count(*) FROM "
                            + source.get() + " WHERE \"" + c.getKey() + "\" IS NOT NULL AND day(\"" + c.getKey() + "\") <> 1")) {
                        rs.next();
                        assertEquals(0, rs.getLong(1), "silver." + t + "." + c.getKey() + " holds full dates of birth");
                    }
                }
            }
        }
        assertTrue(tablesScanned > 20, "tables scanned: " + tablesScanned);

        List<Path> published = new ArrayList<>();
        try (Stream<Path> s = Files.walk(out)) { s.filter(Files::isRegularFile).forEach(published::add); }
        for (String must : new String[]{"trends.csv", "published/trends.csv", "trends.xlsx", "evidence-pack.html",
                "manifest.json", "recommendations.csv"}) {
            assertTrue(Files.exists(out.resolve(must)), "published " + must);
        }
        for (Path p : published) {
            List<String> texts = p.toString().endsWith(".xlsx") ? cellTexts(p)
                    : List.of(Files.readString(p, StandardCharsets.UTF_8).split("\n"));
            for (String line : texts) {
                String hit = leak(line, ids);
                if (hit != null) leaks.add(out.relativize(p) + ": " + hit);
            }
        }
        assertTrue(leaks.isEmpty(), leaks.size() + " raw identifier(s) found, e.g.\n"
                + String.join("\n", leaks.subList(0, Math.min(20, leaks.size()))));
    }

    /** Every raw identifier in the distinct values of the table's string (and list-of-string) columns. */
    static List<String> leaks(java.sql.Connection db, Lakehouse lh, Layer layer, String t, Set<String> ids) throws Exception {
        List<String> out = new ArrayList<>();
        java.util.Optional<String> source = DeltaFilesInDuckDb.source(db, lh.path(layer, t));
        if (source.isEmpty()) return out;
        for (Map.Entry<String, String> c : columnTypes(db, source.get()).entrySet()) {
            if (!c.getValue().equals("VARCHAR") && !c.getValue().equals("VARCHAR[]")) continue;
            String q = "\"" + c.getKey().replace("\"", "\"\"") + "\"";
            try (java.sql.Statement st = db.createStatement(); java.sql.ResultSet rs = st.executeQuery(
                    "SELECT DISTINCT " + (c.getValue().equals("VARCHAR") ? q : "unnest(" + q + ")") + " FROM " + source.get())) {
                while (rs.next()) {
                    String hit = leak(rs.getString(1), ids);
                    if (hit != null) out.add(layer.folder() + "." + t + "." + c.getKey() + ": " + hit);
                }
            }
        }
        return out;
    }

    /** A DuckDB source's columns and their DuckDB types ({@code VARCHAR}, {@code VARCHAR[]}, {@code DATE}...). */
    static Map<String, String> columnTypes(java.sql.Connection db, String source) throws java.sql.SQLException {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        try (java.sql.Statement st = db.createStatement(); java.sql.ResultSet rs = st.executeQuery("DESCRIBE SELECT * FROM " + source)) {
            while (rs.next()) out.put(rs.getString("column_name"), rs.getString("column_type"));
        }
        return out;
    }

    /** The raw identifier found in text, or null. Ids are matched as whole tokens; postcodes as full postcodes. */
    static String leak(String text, Set<String> ids) {
        if (text == null || text.isEmpty()) return null;
        Matcher m = TOKEN.matcher(text);
        while (m.find()) if (ids.contains(m.group())) return m.group();
        Matcher pc = POSTCODE.matcher(text.toUpperCase(Locale.ROOT));
        while (pc.find()) {
            String p = pc.group().replace(" ", "");
            if (ids.contains("PC:" + p)) return pc.group();
        }
        return null;
    }

    static void addId(Set<String> ids, String v) {
        if (v == null) return;
        v = v.trim();
        if (v.isEmpty()) return;
        if (POSTCODE.matcher(v.toUpperCase(Locale.ROOT)).matches()) {
            ids.add("PC:" + v.toUpperCase(Locale.ROOT).replace(" ", ""));
        } else if (v.length() >= 5 && !v.chars().allMatch(Character::isDigit)) {
            ids.add(v);   // very short or all-digit ids would match counts; the generator's ids are longer
        } else if (v.length() >= 7) {
            ids.add(v);
        }
    }

    static Set<String> rawIdentifiers(Path drop) throws IOException {
        Set<String> ids = new HashSet<>();
        List<Path> files;
        try (Stream<Path> s = Files.walk(drop)) { files = s.filter(Files::isRegularFile).toList(); }
        for (Path p : files) {
            String rel = drop.relativize(p).toString().replace('\\', '/');
            if (rel.contains("cin_census/") && rel.endsWith(".xml")) {
                Matcher m = XML_ID.matcher(Files.readString(p));
                while (m.find()) addId(ids, m.group(2));
            } else if ((rel.contains("ssda903/") || rel.contains("local/")) && rel.endsWith(".csv")) {
                List<String> lines = Files.readAllLines(p, StandardCharsets.UTF_8);
                if (lines.isEmpty()) continue;
                String[] h = lines.get(0).replace("\uFEFF", "").split(",", -1);
                Set<Integer> idCols = new TreeSet<>();
                for (int i = 0; i < h.length; i++) {
                    String c = h[i].trim().toUpperCase(Locale.ROOT);
                    if (c.equals("CHILD") || c.equals("UPN") || c.equals("HOME_POST") || c.equals("PL_POST")
                            || c.equals("CHILD_ID") || c.equals("FAMILY_ID")) idCols.add(i);
                }
                for (String line : lines.subList(1, lines.size())) {
                    String[] v = line.split(",", -1);
                    for (int i : idCols) if (i < v.length) addId(ids, v[i].replace("\"", ""));
                }
            } else if (rel.contains("annex_a/") && rel.endsWith(".xlsx")) {
                DataFormatter fmt = new DataFormatter();
                try (InputStream in = Files.newInputStream(p); Workbook wb = WorkbookFactory.create(in)) {
                    for (Sheet sh : wb) {
                        Set<Integer> idCols = new TreeSet<>();
                        int headerRow = -1;
                        for (Row r : sh) {
                            if (headerRow < 0) {
                                for (Cell c : r) {
                                    String t = fmt.formatCellValue(c).toLowerCase(Locale.ROOT);
                                    if (t.contains("unique id") || t.contains("identifier") || t.contains("postcode")) idCols.add(c.getColumnIndex());
                                }
                                if (!idCols.isEmpty()) headerRow = r.getRowNum();
                                continue;
                            }
                            for (int i : idCols) {
                                Cell c = r.getCell(i);
                                if (c != null) addId(ids, fmt.formatCellValue(c));
                            }
                        }
                    }
                }
            }
        }
        return ids;
    }

    static List<String> cellTexts(Path xlsx) throws IOException {
        List<String> out = new ArrayList<>();
        DataFormatter fmt = new DataFormatter();
        try (InputStream in = Files.newInputStream(xlsx); Workbook wb = WorkbookFactory.create(in)) {
            for (Sheet sh : wb) {
                out.add(sh.getSheetName());
                for (Row r : sh) for (Cell c : r) out.add(fmt.formatCellValue(c));
            }
        }
        return out;
    }
}
