package csc.lakehouse.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * trends.xlsx read back by other paths than the writer's: the package's XML parts straight from the zip
 * (chart blank setting, series colours and titles, the Data table's filter, print setup), and the Data
 * sheet's cached cell values through POI's reader, compared with the trends rows the workbook was written from.
 */
class WorkbookReadBackTest {
    static Path file;
    static Map<String, String> parts = new LinkedHashMap<>();
    static List<TrendRow> rows;

    @BeforeAll
    static void write() throws Exception {
        rows = TrendsFile.read(EvidencePackTest.resource("/publish/trends-sample.csv"));
        Benchmarks b = Benchmarks.load(EvidencePackTest.resource("/benchmarks"), "E09000002");
        String manifest = Files.readString(EvidencePackTest.resource("/publish/manifest-sample.json"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TrendsWorkbook.write(out, rows, PublishedCatalogue.get(), b, manifest);
        file = Path.of("target", "workbook-readback", "trends.xlsx");
        Files.createDirectories(file.getParent());
        Files.write(file, out.toByteArray());
        try (ZipFile z = new ZipFile(file.toFile())) {
            for (ZipEntry e : Collections.list(z.entries())) {
                if (!e.getName().endsWith(".xml") && !e.getName().endsWith(".rels")) continue;
                try (InputStream in = z.getInputStream(e)) { parts.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8)); }
            }
        }
    }

    static List<String> matching(String prefix) {
        List<String> out = new ArrayList<>();
        for (String k : parts.keySet()) if (k.startsWith(prefix)) out.add(k);
        return out;
    }

    @Test
    void everyChartDrawsBlanksAsGapsWithAColourPerSeriesAxisTitlesAndWordsInTheLegend() {
        List<String> charts = matching("xl/charts/chart");
        // every measure of the sample with two or more reporting years: far more than the 10 hand-picked before
        assertTrue(charts.size() >= 25, "charts: " + charts.size());
        for (String c : charts) {
            String x = parts.get(c);
            assertTrue(x.contains("<c:dispBlanksAs val=\"gap\"/>"), c + " does not draw blanks as gaps");
            List<String> colours = all(x, "<c:ser>.*?<a:srgbClr val=\"([0-9A-Fa-f]{6})\"");
            assertEquals(colours.size(), colours.stream().distinct().count(), c + ": two series share a colour " + colours);
            assertTrue(all(x, "<c:title>").size() >= 3, c + ": chart title and both axis titles");
            for (String name : all(x, "<c:tx>.*?<c:v>([^<]*)</c:v>")) assertFalse(name.matches("[a-z0-9]+(_[a-z0-9]+)+"), c + ": legend id " + name);
        }
    }

    @Test
    void dataSheetHoldsEveryTrendsRowAsAFilteredTable() throws Exception {
        List<String> tables = matching("xl/tables/table");
        assertEquals(1, tables.size());
        String t = parts.get(tables.get(0));
        // header + every row of trends-sample.csv, 14 columns A..N
        String ref = "A1:N" + (rows.size() + 1);
        assertTrue(t.contains("ref=\"" + ref + "\""), t.substring(0, Math.min(400, t.length())));
        assertTrue(t.contains("<autoFilter ref=\"" + ref + "\""), "filters on the table");
        try (XSSFWorkbook wb = new XSSFWorkbook(file.toFile())) {
            Sheet data = wb.getSheet(TrendsWorkbook.DATA_SHEET);
            assertNotNull(data);
            DataFormatter f = new DataFormatter();
            assertEquals(TrendsFile.COLUMNS, cells(data.getRow(0), f));
            assertEquals(rows.size(), data.getLastRowNum());
            for (int i = 0; i < rows.size(); i++) {
                Row r = data.getRow(i + 1);
                TrendRow want = rows.get(i);
                assertEquals(want.measureId(), r.getCell(0).getStringCellValue());
                Cell v = r.getCell(TrendsFile.COLUMNS.indexOf("value"));
                if (want.valueAsDouble() == null) assertTrue(v == null || v.getCellType() == CellType.BLANK || v.getCellType() == CellType.STRING);
                else {
                    assertEquals(CellType.NUMERIC, v.getCellType(), "value is a number, not text");
                    assertEquals(want.valueAsDouble(), v.getNumericCellValue(), 1e-9);
                }
            }
        }
    }

    @Test
    void sheetsPrintFittedToWidthWithATitleRowAndWideSheetsLandscape() {
        String wbXml = parts.get("xl/workbook.xml");
        List<String> sheets = matching("xl/worksheets/sheet");
        for (String s : sheets) {
            String x = parts.get(s);
            assertTrue(Pattern.compile("<pageSetUpPr[^>]*fitToPage=\"(true|1)\"").matcher(x).find(), s + " fit to page");
            assertTrue(Pattern.compile("<pageSetup[^>]*fitToHeight=\"0\"").matcher(x).find(), s + " one page wide, any pages down");
        }
        // the Data sheet (14 columns) prints landscape
        int dataIdx = all(wbXml, "<sheet name=\"([^\"]*)\"").indexOf(TrendsWorkbook.DATA_SHEET);
        String dataXml = parts.get("xl/worksheets/sheet" + (dataIdx + 1) + ".xml");
        assertTrue(Pattern.compile("<pageSetup[^>]*orientation=\"landscape\"").matcher(dataXml).find(), "Data sheet landscape");
        // print titles: a repeated row on every sheet
        assertEquals(sheets.size(), all(wbXml, "<definedName name=\"_xlnm.Print_Titles\"").size(), wbXml);
    }

    @Test
    void nationalFrameworkSheetHasEveryDashboardIndicator() throws Exception {
        try (XSSFWorkbook wb = new XSSFWorkbook(file.toFile())) {
            Sheet s = wb.getSheet(TrendsWorkbook.NATIONAL_FRAMEWORK_SHEET);
            DataFormatter f = new DataFormatter();
            assertEquals(List.of("Row", "Area", "Indicator", "Measure", "Breakdown", "Latest year", "Latest", "Year before",
                    "Before", "Comparator year", "England", "London", "Statistical neighbours", "Statistical neighbours (median)",
                    "Quartile band", "Rank", "Of", "Published for the council", "Difference", "Source"), cells(s.getRow(0), f));
            assertEquals(68, s.getLastRowNum(), "a row per indicator under the header");
            // row 2, re-referrals (as the pack: 21.8% in 2024-25; England 22.6%, London 19.4%, neighbours 19.4% and
            // 19.0%; band D, 10th of 12); percentages are stored as fractions
            Row r2 = s.getRow(2);
            assertEquals(2.0, r2.getCell(0).getNumericCellValue(), 0);
            assertEquals("rereferrals_12m", r2.getCell(3).getStringCellValue());
            assertEquals("2024-25", r2.getCell(5).getStringCellValue());
            assertEquals(0.218, r2.getCell(6).getNumericCellValue(), 1e-9);
            assertEquals(0.226, r2.getCell(10).getNumericCellValue(), 1e-9);
            assertEquals(0.194, r2.getCell(11).getNumericCellValue(), 1e-9);
            assertEquals(0.194, r2.getCell(12).getNumericCellValue(), 1e-9);
            assertEquals(0.19, r2.getCell(13).getNumericCellValue(), 1e-9);
            assertEquals("D", r2.getCell(14).getStringCellValue());
            assertEquals(10.0, r2.getCell(15).getNumericCellValue(), 0);
            assertEquals(12.0, r2.getCell(16).getNumericCellValue(), 0);
            // the DfE's c1 figure for B&D itself in 2024-25, 21.8%: the same as the council's, difference 0
            assertEquals(0.218, r2.getCell(17).getNumericCellValue(), 1e-9);
            assertEquals(0.0, r2.getCell(18).getNumericCellValue(), 1e-9);
            // an indicator not computed says why in its source cell, with nothing in the figure columns
            Row r56 = s.getRow(56);
            assertTrue(r56.getCell(19).getStringCellValue().contains("section 251"), r56.getCell(19).getStringCellValue());
            assertNull(r56.getCell(6));
        }
    }

    @Test
    void recommendationsSheetIsGroupedWithTargets() throws Exception {
        try (XSSFWorkbook wb = new XSSFWorkbook(file.toFile())) {
            Sheet s = wb.getSheet(TrendsWorkbook.RECOMMENDATIONS_SHEET);
            DataFormatter f = new DataFormatter();
            assertEquals(List.of("Recommendation", "Measure", "Title", "Previous period", "Previous", "Latest period", "Latest",
                    "Target", "Target met", "Better or worse"), cells(s.getRow(0), f));
            // one row per recommendation-measure pair in ofsted_recommendations.yaml
            int pairs = 0;
            for (PublishConfig.Recommendation r : PublishConfig.get().recommendations()) pairs += r.measures().size();
            assertEquals(pairs, s.getLastRowNum());
            Row pp = null;
            for (Row r : s) if (r.getCell(1) != null && "cla_starts_police_protection".equals(r.getCell(1).getStringCellValue())) pp = r;
            assertNotNull(pp);
            // 52 of 203 = 25.6% (2024-25), target 13% from targets.yaml, lower is better: not met; 22.0% before: worse
            assertEquals(0.256, pp.getCell(6).getNumericCellValue(), 1e-9);
            assertEquals(0.13, pp.getCell(7).getNumericCellValue(), 1e-9);
            assertEquals("not met", pp.getCell(8).getStringCellValue());
            assertEquals("\u25B2 up, worse", pp.getCell(9).getStringCellValue());
            assertFalse(s.getMergedRegions().isEmpty(), "each recommendation's cell spans its measures");
        }
    }

    /*
      * Headers over numbers are right-aligned like the numbers (Excel's General alignment puts text left and numbers
      * right, so a plain header sits apart from its column): Recommendations' Previous, Latest and Target; the Data
      * sheet's numerator, denominator and value; text columns keep the default. A symbol among numbers (c, x) is right
      * too.
      */
    @Test
    void headersOfNumberColumnsAlignWithTheirNumbers() throws Exception {
        org.apache.poi.ss.usermodel.HorizontalAlignment right = org.apache.poi.ss.usermodel.HorizontalAlignment.RIGHT;
        try (XSSFWorkbook wb = new XSSFWorkbook(file.toFile())) {
            Row head = wb.getSheet(TrendsWorkbook.RECOMMENDATIONS_SHEET).getRow(0);
            for (int c : new int[]{4, 6, 7}) assertEquals(right, head.getCell(c).getCellStyle().getAlignment(), head.getCell(c).toString());
            for (int c : new int[]{0, 1, 3, 8}) assertFalse(right == head.getCell(c).getCellStyle().getAlignment(), head.getCell(c).toString());
            Sheet data = wb.getSheet(TrendsWorkbook.DATA_SHEET);
            Row dh = data.getRow(0);
            int valueCol = TrendsFile.COLUMNS.indexOf("value");
            assertEquals("value", dh.getCell(valueCol).getStringCellValue());
            assertEquals(right, dh.getCell(valueCol).getCellStyle().getAlignment());
            assertEquals(right, dh.getCell(TrendsFile.COLUMNS.indexOf("numerator")).getCellStyle().getAlignment());
            assertFalse(right == dh.getCell(0).getCellStyle().getAlignment());
            int symbols = 0;
            for (Row r : data) {
                Cell v = r.getCell(valueCol);
                if (r.getRowNum() == 0 || v == null || v.getCellType() != CellType.STRING) continue;
                symbols++;
                assertEquals(right, v.getCellStyle().getAlignment(), "row " + r.getRowNum() + ": " + v);
            }
            long expected = rows.stream().filter(x -> !x.value().isEmpty() && TrendsFile.parseDouble(x.value()) == null).count();
            assertEquals(expected, symbols);
        }
    }

    static List<String> cells(Row r, DataFormatter f) {
        List<String> out = new ArrayList<>();
        for (Cell c : r) out.add(f.formatCellValue(c));
        return out;
    }

    static List<String> all(String s, String re) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile(re, Pattern.DOTALL).matcher(s);
        while (m.find()) out.add(m.groupCount() > 0 ? m.group(1) : m.group());
        return out;
    }
}
