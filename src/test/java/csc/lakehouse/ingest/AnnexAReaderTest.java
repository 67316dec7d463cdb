package csc.lakehouse.ingest;

import csc.lakehouse.pipeline.IngestAndConform;
import csc.lakehouse.SparkTestSession;
import csc.lakehouse.conform.AnnexASilverBuilder;
import csc.lakehouse.conform.SilverWriter;
import csc.lakehouse.lake.RunManifest;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.spark.sql.Dataset;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AnnexAReaderTest {

    static InputFile file(String name) {
        return new InputFile(name, "la=301/annex_a/" + name, "annex_a", 0, "sha-" + name, "301", null);
    }

    static Map<String, Long> counts(ParsedFile p) {
        Map<String, Long> m = new TreeMap<>();
        p.tables().forEach((k, v) -> m.put(k, v.count()));
        return m;
    }

    /** Silver schemas generated from lists.yaml are current (re-run data-schemas/inputs/annex_a/generate.py when not). */
    @Test
    void generatedSchemasAreCurrent() {
        for (csc.lakehouse.spec.AnnexASpec.ListSpec l : csc.lakehouse.spec.AnnexASpec.get().lists) {
            if (l.silver_table == null) continue;
            List<String> expected = new java.util.ArrayList<>(List.of("la_code"));
            for (csc.lakehouse.spec.AnnexASpec.Column c : l.columns) if (!"drop".equals(c.type)) expected.add(c.silverName());
            expected.addAll(List.of("collection_year", "source_file_sha256", "_row_hash"));
            csc.lakehouse.spec.TableSchema s = csc.lakehouse.spec.TableSchema.load("silver", l.silver_table);
            assertEquals(expected, s.columnNames(), l.silver_table);
            assertEquals(l.keys, s.keys, l.silver_table);
            for (csc.lakehouse.spec.AnnexASpec.Column c : l.columns) {
                if (c.codelist != null) assertTrue(csc.lakehouse.spec.CodeLists.get().has(c.codelist), c.codelist);
            }
        }
    }

    @Test
    void sheetNames() {
        assertEquals(1, AnnexAReader.listNumber("List 1").orElseThrow());
        assertEquals(1, AnnexAReader.listNumber("List_1").orElseThrow());
        assertEquals(1, AnnexAReader.listNumber("List 1 - Contacts").orElseThrow());
        assertEquals(1, AnnexAReader.listNumber("list1").orElseThrow());
        assertEquals(11, AnnexAReader.listNumber("LIST 11 Adopters").orElseThrow());
        assertTrue(AnnexAReader.listNumber("List 12").isEmpty());
        assertTrue(AnnexAReader.listNumber("Codes_used").isEmpty());
    }

    @Test
    void codeMapping() {
        assertEquals("female", AnnexASilverBuilder.mapValue("b) Female", "annex_a_gender"));
        assertEquals("female", AnnexASilverBuilder.mapValue("Female", "annex_a_gender"));
        assertEquals("female", AnnexASilverBuilder.mapValue("F", "annex_a_gender"));
        assertEquals("6", AnnexASilverBuilder.mapValue("q) 6: Police", "annex_a_source"));
        assertEquals("N1", AnnexASilverBuilder.mapValue("N1 - Abuse or Neglect", "annex_a_primary_need"));
        assertEquals("PHY", AnnexASilverBuilder.mapValue("Physical abuse", "annex_a_category_of_abuse"));
        assertEquals("PR4", AnnexASilverBuilder.mapValue("e) PR4 - Private provision", "annex_a_placement_provider"));
        assertEquals("U6", AnnexASilverBuilder.mapValue("f) U6: Foster placement - not FFA", "annex_a_placement_type"));
        assertEquals("WBRI", AnnexASilverBuilder.mapValue("a) WBRI", "annex_a_ethnicity"));
        assertEquals("yes", AnnexASilverBuilder.mapValue("Y", "annex_a_yes_no_unknown"));
        assertNull(AnnexASilverBuilder.mapValue("PSRMEM - Support with memory and cognition", "annex_a_primary_need"));
    }

    /** Bronze rows per list of each reference workbook (the two public liia samples are in test resources). */
    @Test
    void liiaWorkbooksReadEveryList() throws Exception {
        for (String name : List.of("liia-tools_Annex_A.xlsx", "liia-tools-pipeline_Annex_A_2024_Jan.xlsx")) {
            byte[] bytes = Files.readAllBytes(Path.of("src/test/resources/annex_a", name));
            ParsedFile p = AnnexAReader.parse(SparkTestSession.get(), file(name), bytes);
            Map<String, Long> c = counts(p);
            System.out.println("[annex-a bronze] " + name + " year " + p.collectionYear() + " " + c + " warnings " + p.warnings());
            assertEquals(11, c.size(), name + ": " + c);
            assertEquals(5L, c.get("annex_a_list1"), "List 1 has 5 contacts (rows 2-6)");
            // latest date in the workbook: 2021 dates (e.g. 16/02/2021) -> reporting year 2021
            assertEquals(2021, p.collectionYear(), name);
        }
    }

    @Test
    void everySharedReferenceWorkbookIngests() throws Exception {
        Path dir = SparkTestSession.sharedReferenceData().resolve("annex_a");
        Assumptions.assumeTrue(Files.isDirectory(dir), "../shared/reference-data/annex_a is absent");
        try (var files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                ParsedFile p = AnnexAReader.parse(SparkTestSession.get(), file(f.getFileName().toString()), Files.readAllBytes(f));
                System.out.println("[annex-a bronze] " + f.getFileName() + " year " + p.collectionYear() + " " + counts(p)
                        + " warnings " + p.warnings());
                assertTrue(p.tables().size() >= 9, f.toString());
            }
        }
    }

    @Test
    void notAWorkbookIsRejected() {
        FileRejected e = assertThrows(FileRejected.class,
                () -> AnnexAReader.parse(SparkTestSession.get(), file("x.xlsx"), "not excel".getBytes()));
        assertTrue(e.getMessage().startsWith("not a readable Excel workbook"), e.getMessage());
    }

    /**
     * A messy workbook: list sheets named "List 1 - Contacts" and "list3", a title, blank rows and a
     * blank column before the header, prefixed and unprefixed codes, real and text dates, a formula
     * cell, a merged cell, an Excel error, a "Notes" sheet.
     */
    static byte[] messyWorkbook() throws Exception {
        try (Workbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            CellStyle dateStyle = wb.createCellStyle();
            dateStyle.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("dd/mm/yyyy"));
            wb.createSheet("Notes").createRow(0).createCell(0).setCellValue("List 1 is contacts");
            Sheet s1 = wb.createSheet("List 1 - Contacts");
            s1.createRow(0).createCell(1).setCellValue("List 1: Contacts");   // title row; row 1 blank
            Row h = s1.createRow(2);                                           // header on row 3, column A blank
            String[] heads = {"child unique id", "GENDER", " Ethnicity ", "Date of birth", "Age of Child (Years)", "Date of Contact", "Contact Source", "Comments"};
            for (int i = 0; i < heads.length; i++) h.createCell(i + 1).setCellValue(heads[i]);
            // row 4: real dates, prefixed codes
            Row r = s1.createRow(3);
            r.createCell(1).setCellValue(1001);
            r.createCell(2).setCellValue("b) Female");
            r.createCell(3).setCellValue("a) WBRI");
            r.createCell(4).setCellValue(LocalDate.of(2015, 1, 25));
            r.getCell(4).setCellStyle(dateStyle);
            r.createCell(5).setCellValue(8);
            r.createCell(6).setCellValue(LocalDate.of(2023, 9, 16));
            r.getCell(6).setCellStyle(dateStyle);
            r.createCell(7).setCellValue("q) 6: Police");
            // row 5 blank; row 6: unprefixed/short codes, text dates, formula age
            r = s1.createRow(5);
            r.createCell(1).setCellValue("A-2002");
            r.createCell(2).setCellValue("F");
            r.createCell(3).setCellValue("WBRI");
            r.createCell(4).setCellValue("03/05/2012");
            r.createCell(5).setCellFormula("5+6");
            r.createCell(6).setCellValue("02/10/2023");
            r.createCell(7).setCellValue("Police");
            // rows 7-8: a contact source merged over two rows; row 8's gender is an unknown code (quarantined)
            r = s1.createRow(6);
            r.createCell(1).setCellValue("3003");
            r.createCell(2).setCellValue("Male");
            r.createCell(6).setCellValue("20/12/2023");
            r.createCell(7).setCellValue("e) 2A: Schools");
            r = s1.createRow(7);
            r.createCell(1).setCellValue("3004");
            r.createCell(2).setCellValue("Martian");
            r.createCell(6).setCellValue("21/12/2023");
            s1.addMergedRegion(new CellRangeAddress(6, 7, 7, 7));
            // row 9: text date that cannot be read, contact source #N/A error -> quarantined (date)
            r = s1.createRow(8);
            r.createCell(1).setCellValue("3005");
            r.createCell(6).setCellValue("31/02/2024");
            r.createCell(7).setCellErrorValue(org.apache.poi.ss.usermodel.FormulaError.NA.getCode());
            Sheet s3 = wb.createSheet("list3");
            Row h3 = s3.createRow(0);
            String[] h3s = {"Child Unique ID", "Gender", "Date of referral", "Referral Source", "Referral NFA?", "Allocated Worker"};
            for (int i = 0; i < h3s.length; i++) h3.createCell(i).setCellValue(h3s[i]);
            Row r3 = s3.createRow(1);
            r3.createCell(0).setCellValue("1001");
            r3.createCell(1).setCellValue("b) Female");
            r3.createCell(2).setCellValue(45200);   // an Excel serial without a date format: 2023-10-01
            r3.createCell(3).setCellValue("5D: Early help");
            r3.createCell(4).setCellValue("b) No");
            r3.createCell(5).setCellValue("A Worker");
            wb.getCreationHelper().createFormulaEvaluator().evaluateAll();   // cache formula results, as Excel does on save
            wb.write(out);
            return out.toByteArray();
        }
    }

    @Test
    void messyWorkbookThroughBronzeAndSilver() throws Exception {
        ParsedFile p = AnnexAReader.parse(SparkTestSession.get(), file("messy.xlsx"), messyWorkbook());
        // latest date 21/12/2023 -> reporting year 2024 (the unreadable 31/02/2024 does not count)
        assertEquals(2024, p.collectionYear());
        assertTrue(p.warnings().toString().contains("Comments"), p.warnings().toString());
        Dataset<org.apache.spark.sql.Row> l1 = p.tables().get("annex_a_list1");
        List<org.apache.spark.sql.Row> b = l1.orderBy("_row_number").collectAsList();
        assertEquals(5, b.size(), "5 contacts; the blank row is skipped");
        assertEquals("1001", b.get(0).getAs("child_id"), "whole numbers without .0");
        assertEquals("2015-01-25", b.get(0).getAs("date_of_birth"), "real dates as ISO");
        assertEquals("11", b.get(1).getAs("age"), "formula cell by its cached value");
        assertEquals("02/10/2023", b.get(1).getAs("contact_date"), "text dates as typed");
        assertEquals("e) 2A: Schools", b.get(3).getAs("contact_source"), "merged cell value repeated");
        assertEquals("#N/A", b.get(4).getAs("contact_source"), "errors as Excel shows them");
        assertEquals(4L, (long) b.get(0).getAs("_row_number"));

        Path drop = SparkTestSession.tempDir("annexa");
        Files.createDirectories(drop.resolve("la=301/annex_a"));
        Files.write(drop.resolve("la=301/annex_a/messy.xlsx"), messyWorkbook());
        IngestAndConform.Result res = new IngestAndConform(SparkTestSession.get(), null, new RunManifest("test"), null).run(drop.toString());
        SilverWriter.Outcome c = res.silver().stream().filter(o -> o.table().equals("annex_a_contacts")).findFirst().orElseThrow();
        // kept: rows 4, 6, 7; quarantined: row 8 (gender Martian), row 9 (31/02/2024)
        assertEquals(3, c.rowsWritten());
        assertEquals(2, c.rowsQuarantined());
        List<org.apache.spark.sql.Row> s = c.silver().orderBy("contact_date").collectAsList();
        assertEquals("female", s.get(0).getAs("gender"));
        assertEquals("WBRI", s.get(0).getAs("ethnicity"));
        assertEquals("6", s.get(0).getAs("contact_source"));
        assertEquals(java.sql.Date.valueOf("2015-01-01"), s.get(0).getAs("date_of_birth"), "month of birth only");
        assertEquals(SparkTestSession.pseudonym("301", "1001"), s.get(0).getAs("person_id"));
        assertEquals("female", s.get(1).getAs("gender"), "F");
        assertEquals("6", s.get(1).getAs("contact_source"), "Police, unprefixed");
        assertEquals(11, (int) s.get(1).getAs("age"));
        assertEquals("2A", s.get(2).getAs("contact_source"));
        SilverWriter.Outcome r = res.silver().stream().filter(o -> o.table().equals("annex_a_referrals")).findFirst().orElseThrow();
        org.apache.spark.sql.Row ref = r.silver().first();
        assertEquals(java.sql.Date.valueOf("2023-10-01"), ref.getAs("referral_date"), "Excel serial date");
        assertEquals("5D", ref.getAs("referral_source"));
        assertEquals("no", ref.getAs("referral_nfa"));
        // the worker's name is a keyed pseudonym in the workers' namespace, case and spacing ignored: never the name
        assertEquals(SparkTestSession.pseudonym("301", "worker|a worker"), ref.getAs("allocated_worker"));
        assertTrue(!r.silver().select(org.apache.spark.sql.functions.to_json(org.apache.spark.sql.functions.struct("*")))
                .first().getString(0).contains("A Worker"), "no staff names in silver");
    }

    /** Silver kept/quarantined per list for one liia sample (printed for the run report). */
    @Test
    void liiaWorkbookThroughSilver() throws Exception {
        for (String name : List.of("liia-tools-pipeline_Annex_A_2024_Jan.xlsx", "liia-tools_Annex_A.xlsx")) liiaThroughSilver(name);
    }

    void liiaThroughSilver(String name) throws Exception {
        Path drop = SparkTestSession.tempDir("annexa-liia");
        Files.createDirectories(drop.resolve("la=301/annex_a"));
        Files.copy(Path.of("src/test/resources/annex_a", name), drop.resolve("la=301/annex_a/" + name));
        IngestAndConform.Result res = new IngestAndConform(SparkTestSession.get(), null, new RunManifest("test"), null).run(drop.toString());
        assertEquals(1, res.filesIngested());
        Map<String, String> summary = new TreeMap<>();
        for (SilverWriter.Outcome o : res.silver()) {
            summary.put(o.table(), o.rowsWritten() + " kept / " + o.rowsQuarantined() + " quarantined / "
                    + o.rowsDuplicate() + " duplicate " + o.errorsByRule());
            csc.lakehouse.conform.SilverCounts.reconcile(o);
        }
        System.out.println("[annex-a silver] " + name + " " + summary);
        assertEquals(9, summary.size());
        // ages are formulas with fractional values (e.g. 8.88...): floored to age at last birthday
        assertEquals(5, res.silver().stream().filter(o -> o.table().equals("annex_a_contacts")).findFirst().orElseThrow().rowsWritten());
    }
}
