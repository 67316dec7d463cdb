package csc.lakehouse.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import csc.lakehouse.publish.MeasureDefinitionLike.Themes;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFDrawing;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkbookTest {

    private static byte[] cached;

    static synchronized XSSFWorkbook sample() throws Exception {
        if (cached != null) return new XSSFWorkbook(new ByteArrayInputStream(cached));
        List<TrendRow> rows = TrendsFile.read(EvidencePackTest.resource("/publish/trends-sample.csv"));
        Benchmarks b = Benchmarks.load(EvidencePackTest.resource("/benchmarks"), "E09000002");
        String manifest = Files.readString(EvidencePackTest.resource("/publish/manifest-sample.json"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TrendsWorkbook.write(out, rows, PublishedCatalogue.get(), b, manifest);
        cached = out.toByteArray();
        return new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()));
    }

    static int charts(XSSFSheet sh) {
        XSSFDrawing d = sh.getDrawingPatriarch();
        return d == null ? 0 : d.getCharts().size();
    }

    /** The cell below the header whose text is 'header', in the block that starts with measureId. */
    static int blockRow(Sheet sh, String measureId) {
        for (Row r : sh) {
            Cell c = r.getCell(0);
            if (c != null && c.getCellType() == CellType.STRING && c.getStringCellValue().equals(measureId)) return r.getRowNum();
        }
        throw new AssertionError("no block " + measureId + " on " + sh.getSheetName());
    }

    @Test
    void hasContentsAndOneSheetPerTheme() throws Exception {
        try (XSSFWorkbook wb = sample()) {
            assertEquals("Contents", wb.getSheetName(0));
            for (String t : Themes.ALL) assertNotNull(wb.getSheet(TrendsWorkbook.sheetName(t)), t);
            Sheet contents = wb.getSheet("Contents");
            int links = 0;
            for (Row r : contents) for (Cell c : r) if (c.getHyperlink() != null) links++;
            assertTrue(links >= Themes.ALL.size() + 20, "links: " + links);
            assertEquals("20250415T091500Z-3f2a", contents.getRow(1).getCell(1).getStringCellValue());
            assertTrue(DateUtil.isCellDateFormatted(contents.getRow(2).getCell(1)));
        }
    }

    /** Issue 18: the Data quality sheet carries each return against the system, as counts (the sample manifest's). */
    @Test
    void theDataQualitySheetCountsEachReturnAgainstTheSystem() throws Exception {
        try (XSSFWorkbook wb = sample()) {
            Sheet dq = wb.getSheet("Data quality");
            int caption = -1;
            for (Row r : dq) {
                Cell c = r.getCell(0);
                if (c != null && c.getCellType() == CellType.STRING
                        && c.getStringCellValue().equals("Returns against the case-management system (SSD extract)")) caption = r.getRowNum();
            }
            assertTrue(caption >= 0, "no reconciliation table on the Data quality sheet");
            Row head = dq.getRow(caption + 1), first = dq.getRow(caption + 2);
            assertEquals("missing_from_return", head.getCell(3).getStringCellValue());
            assertEquals(2024.0, first.getCell(0).getNumericCellValue());
            assertEquals(3.0, first.getCell(3).getNumericCellValue());
            assertEquals("closure_date 4, referral_source 1", first.getCell(6).getStringCellValue());
        }
    }

    @Test
    void headlineSheetsHaveNativeCharts() throws Exception {
        try (XSSFWorkbook wb = sample()) {
            assertTrue(charts(wb.getSheet(TrendsWorkbook.sheetName(Themes.FRONT_DOOR))) > 0);
            assertTrue(charts(wb.getSheet(TrendsWorkbook.sheetName(Themes.CIN_CP))) >= 2);
            assertTrue(charts(wb.getSheet(TrendsWorkbook.sheetName(Themes.CLA_PP))) >= 2);
            assertTrue(charts(wb.getSheet(TrendsWorkbook.sheetName(Themes.DEMAND))) > 0);
        }
    }

    @Test
    void datesAndValuesAreRealCells() throws Exception {
        try (XSSFWorkbook wb = sample()) {
            Sheet sh = wb.getSheet(TrendsWorkbook.sheetName(Themes.CLA_PP));
            int b = blockRow(sh, "cla_starts_police_protection");
            Row header = sh.getRow(b + 2);
            assertEquals("Period end", header.getCell(2).getStringCellValue());
            Row last = null;
            for (int r = b + 3; sh.getRow(r) != null && sh.getRow(r).getCell(3) != null; r++) last = sh.getRow(r);
            assertNotNull(last);
            assertEquals("2024-25", last.getCell(0).getStringCellValue());
            Cell end = last.getCell(2);
            assertEquals(CellType.NUMERIC, end.getCellType());
            assertTrue(DateUtil.isCellDateFormatted(end));
            assertEquals(java.time.LocalDate.of(2025, 3, 31), end.getLocalDateTimeCellValue().toLocalDate());
            Cell value = last.getCell(3);
            assertEquals(CellType.NUMERIC, value.getCellType());
            assertEquals(0.256, value.getNumericCellValue(), 1e-9); // 52 / 203 = 25.6%, stored as a real percentage
            assertTrue(value.getCellStyle().getDataFormatString().contains("%"));
            assertEquals(52.0, last.getCell(4).getNumericCellValue(), 1e-9);
            // target column beside it
            boolean target = false;
            for (Cell c : header) if (c.getStringCellValue().equals("Target")) target = true;
            assertTrue(target);
        }
    }

    @Test
    void benchmarksSitBesideTheValues() throws Exception {
        try (XSSFWorkbook wb = sample()) {
            Sheet sh = wb.getSheet(TrendsWorkbook.sheetName(Themes.CIN_CP));
            int b = blockRow(sh, "cin_31mar_rate");
            Row header = sh.getRow(b + 2);
            int england = -1;
            for (Cell c : header) if (c.getStringCellValue().equals("England")) england = c.getColumnIndex();
            assertTrue(england > 0);
            Row y2025 = null;
            for (int r = b + 3; sh.getRow(r) != null && sh.getRow(r).getCell(0) != null; r++) {
                if ("2024-25".equals(sh.getRow(r).getCell(0).getStringCellValue())) y2025 = sh.getRow(r);
            }
            assertNotNull(y2025);
            assertEquals(387.9, y2025.getCell(3).getNumericCellValue(), 1e-9);
            assertEquals(330.3, y2025.getCell(england).getNumericCellValue(), 1e-9);
        }
    }

    @Test
    void dataQualitySheetFromManifest() throws Exception {
        try (XSSFWorkbook wb = sample()) {
            Sheet sh = wb.getSheet(TrendsWorkbook.sheetName(Themes.DATA_QUALITY));
            boolean rule = false;
            for (Row r : sh) for (Cell c : r) if (c.getCellType() == CellType.STRING && c.getStringCellValue().equals("referral_date_parsed")) {
                rule = true;
                assertEquals(120.0, r.getCell(2).getNumericCellValue(), 1e-9);
            }
            assertTrue(rule);
        }
    }

    @Test
    void peopleOutputsWritesAllThreeFiles(@TempDir Path dir) throws Exception {
        List<TrendRow> rows = TrendsFile.read(EvidencePackTest.resource("/publish/trends-sample.csv"));
        PeopleOutputs.Written w = PeopleOutputs.write(dir, rows, null, null, "{\"run_id\":\"r1\"}");
        assertTrue(Files.size(w.workbook()) > 10_000);
        assertTrue(Files.readString(w.evidencePack()).contains("<section id=\"summary\">"));
        assertFalse(Files.readString(w.evidencePack()).contains("<section id=\"manifest\">"), "the manifest is a separate file");
        List<TrendRow> pub = TrendsFile.read(w.publishedTrends());
        assertEquals(rows.size(), pub.size());
        assertTrue(w.suppressedCells() > 0);
        assertTrue(pub.stream().anyMatch(r -> r.numerator().equals("c")));
        try (var s = Files.list(dir)) {
            assertFalse(s.anyMatch(p -> p.getFileName().toString().endsWith(".tmp")));
        }
    }
}
