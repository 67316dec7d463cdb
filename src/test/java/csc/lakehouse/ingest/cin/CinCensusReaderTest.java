package csc.lakehouse.ingest.cin;

import csc.lakehouse.spec.BronzeSpec;
import csc.lakehouse.SparkTestSession;
import csc.lakehouse.ingest.FileRejected;
import csc.lakehouse.ingest.InputFile;
import csc.lakehouse.ingest.ParsedFile;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reader unit tests on hand-written fixtures in src/test/resources/cin (expected rows in their comments). */
class CinCensusReaderTest {

    static CinCensusReader.Parsed parse(String resource) throws Exception {
        try (InputStream in = CinCensusReaderTest.class.getResourceAsStream("/cin/" + resource)) {
            return CinCensusReader.parse(in);
        }
    }

    static Map<String, Object> row(CinCensusReader.Parsed p, String table, int i) {
        Row r = p.rows().get(table).get(i);
        List<String> cols = CinCensusReader.KINDS.stream().filter(k -> k.table().equals(table)).findFirst()
                .orElseThrow().columns();
        Map<String, Object> m = new java.util.HashMap<>();
        for (int c = 0; c < cols.size(); c++) m.put(cols.get(c), r.get(c));
        return m;
    }

    static int count(CinCensusReader.Parsed p, String table) { return p.rows().get(table).size(); }

    @Test
    void genderCurrentEraFile() throws Exception {
        CinCensusReader.Parsed p = parse("gender_2023.xml");
        assertEquals(2023, p.collectionYear());
        assertEquals("301", p.laCode());
        assertEquals(List.of(), p.warnings());
        assertEquals(1, count(p, BronzeSpec.CIN_HEADER));
        assertEquals(2, count(p, BronzeSpec.CIN_CHILD));
        assertEquals(2, count(p, BronzeSpec.CIN_DETAILS));
        assertEquals(2, count(p, BronzeSpec.CIN_ASSESSMENT));
        assertEquals(0, count(p, BronzeSpec.CIN_PLAN));
        assertEquals(1, count(p, BronzeSpec.CIN_S47));
        assertEquals(1, count(p, BronzeSpec.CIN_CPP));
        assertEquals(2, count(p, BronzeSpec.CIN_CPP_REVIEW));
        assertEquals(0, count(p, BronzeSpec.CIN_PRE_PROCEEDINGS));

        Map<String, Object> c1 = row(p, BronzeSpec.CIN_CHILD, 0);
        assertEquals("G001", c1.get("LAchildID"));
        assertEquals("A123456789012", c1.get("UPN"));
        assertEquals("B123456789012", c1.get("FormerUPN"));
        assertEquals("UN1", c1.get("UPNunknown"));
        assertEquals("2015-06-17", c1.get("PersonBirthDate"));   // stray "PersonBirthDate" text ignored
        assertEquals("1", c1.get("GenderCurrent"));
        assertNull(c1.get("Sex"));
        assertEquals("HAND;AUT", c1.get("Disabilities"));
        assertEquals(1L, c1.get("_row_number"));
        Map<String, Object> c2 = row(p, BronzeSpec.CIN_CHILD, 1);
        assertEquals("2023-05-01", c2.get("ExpectedPersonBirthDate"));
        assertNull(c2.get("Disabilities"));
        assertEquals(2L, c2.get("_row_number"));

        Map<String, Object> d2 = row(p, BronzeSpec.CIN_DETAILS, 1);
        assertEquals("G002", d2.get("LAchildID"));
        assertEquals("TRUE", d2.get("ReferralNFA"));
        assertEquals("RC8", d2.get("ReasonForClosure"));
        assertEquals("2", d2.get("_child_row"));
        assertEquals("0", row(p, BronzeSpec.CIN_DETAILS, 0).get("ReferralNFA"));

        assertEquals("18A;16A", row(p, BronzeSpec.CIN_ASSESSMENT, 0).get("AssessmentFactors"));
        Map<String, Object> a2 = row(p, BronzeSpec.CIN_ASSESSMENT, 1);
        assertEquals("", a2.get("AssessmentFactors"));           // <FactorsIdentifiedAtAssessment/>
        assertEquals("2023-01-05", a2.get("CINreferralDate"));
        assertEquals("2", a2.get("_cin_details_row"));

        assertEquals("FALSE", row(p, BronzeSpec.CIN_S47, 0).get("ICPCnotRequired"));
        assertEquals("0", row(p, BronzeSpec.CIN_CPP, 0).get("NumberOfPreviousCPP"));
        Map<String, Object> rv2 = row(p, BronzeSpec.CIN_CPP_REVIEW, 1);
        assertEquals("2023-02-01", rv2.get("CPPreviewDate"));
        assertEquals("2022-06-20", rv2.get("CPPstartDate"));
        assertEquals("1", rv2.get("_cpp_row"));
        assertEquals(2L, rv2.get("_row_number"));
    }

    @Test
    void sexEraWithPreProceedingsBomAndCrlf() throws Exception {
        CinCensusReader.Parsed p = parse("sex_pp_2027.xml");
        assertEquals(2027, p.collectionYear());
        assertEquals("302", p.laCode());
        assertEquals(1, p.warnings().size(), p.warnings().toString());
        assertTrue(p.warnings().get(0).contains("FavouriteColour"));
        assertEquals(2, count(p, BronzeSpec.CIN_CHILD));
        assertEquals(2, count(p, BronzeSpec.CIN_DETAILS));
        assertEquals(1, count(p, BronzeSpec.CIN_ASSESSMENT));
        assertEquals(1, count(p, BronzeSpec.CIN_PLAN));
        assertEquals(1, count(p, BronzeSpec.CIN_S47));
        assertEquals(0, count(p, BronzeSpec.CIN_CPP));
        assertEquals(1, count(p, BronzeSpec.CIN_PRE_PROCEEDINGS));

        Map<String, Object> c1 = row(p, BronzeSpec.CIN_CHILD, 0);
        assertEquals("F", c1.get("Sex"));
        assertNull(c1.get("GenderCurrent"));
        assertEquals("NONE", c1.get("Disabilities"));
        assertEquals("18B;24A", row(p, BronzeSpec.CIN_ASSESSMENT, 0).get("AssessmentFactors"));
        Map<String, Object> plan = row(p, BronzeSpec.CIN_PLAN, 0);
        assertEquals("2026-05-02", plan.get("CINPlanStartDate"));
        assertEquals("2026-09-30", plan.get("CINPlanEndDate"));
        assertEquals("1", row(p, BronzeSpec.CIN_S47, 0).get("ICPCnotRequired"));
        assertEquals("1", row(p, BronzeSpec.CIN_DETAILS, 1).get("ReferralNFA"));
        Map<String, Object> pp = row(p, BronzeSpec.CIN_PRE_PROCEEDINGS, 0);
        assertEquals("2026-10-01", pp.get("PPStartDate"));
        assertEquals("true", pp.get("FGDMMeetingOffer"));
        assertEquals("0", pp.get("FGDMMeetingFac"));
        assertEquals("2", pp.get("ReviewMeetingsCount"));
        assertEquals("B", pp.get("PPOutcome"));
        assertEquals("", pp.get("CourtAppDate"));
        assertEquals("2026-10-03", pp.get("LetterInitCPDate"));
        assertEquals("S001", pp.get("LAchildID"));
        assertEquals("2026-04-02", pp.get("CINreferralDate"));
    }

    @Test
    void referenceFilesWithSexAndPreProceedings() throws Exception {
        CinCensusReader.Parsed p24 = parse("CIN_Census_2024.xml");
        assertEquals(2024, p24.collectionYear());
        assertEquals("201", p24.laCode());
        assertEquals(2, count(p24, BronzeSpec.CIN_CHILD));
        assertEquals("1", row(p24, BronzeSpec.CIN_CHILD, 0).get("Sex"));
        assertEquals("2015-03-27", row(p24, BronzeSpec.CIN_CHILD, 0).get("PersonBirthDate"));
        assertEquals("", row(p24, BronzeSpec.CIN_ASSESSMENT, 1).get("AssessmentFactors"));
        assertEquals(0, count(p24, BronzeSpec.CIN_PRE_PROCEEDINGS));
        CinCensusReader.Parsed p26 = parse("CIN_Census_2026.xml");
        assertEquals(1, count(p26, BronzeSpec.CIN_PRE_PROCEEDINGS));
        assertEquals("A", row(p26, BronzeSpec.CIN_PRE_PROCEEDINGS, 0).get("PPOutcome"));
    }

    @Test
    void collectionYearFromReferenceDateOrHeaderYear() {
        // the reporting year containing ReferenceDate wins: 31 March 2024 -> 2024; 21 July 2022 and 1 April 2022
        // fall in 1 April 2022 - 31 March 2023 -> 2023
        assertEquals(2024, CinCensusReader.collectionYear("2024-03-31", "2024"));
        assertEquals(2023, CinCensusReader.collectionYear("2022-07-21", "2023"));
        assertEquals(2023, CinCensusReader.collectionYear("2022-04-01", null));
        // without a readable ReferenceDate, Year 2023 is the census of 31 March 2023 (not 2024)
        assertEquals(2023, CinCensusReader.collectionYear(null, "2023"));
        assertEquals(2023, CinCensusReader.collectionYear("not a date", "2023"));
        assertNull(CinCensusReader.collectionYear(null, null));
    }

    static String reject(byte[] bytes) {
        FileRejected e = assertThrows(FileRejected.class,
                () -> CinCensusReader.parse(new ByteArrayInputStream(bytes)));
        assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e.getMessage();
    }

    static byte[] utf8(String s) { return s.getBytes(StandardCharsets.UTF_8); }

    @Test
    void rejectsWholeFilesWithOneLineReasons() throws Exception {
        assertTrue(reject(new byte[0]).startsWith("empty file"));
        assertTrue(reject(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}).startsWith("empty file"));
        byte[] garbage = new byte[300];
        new java.util.Random(7).nextBytes(garbage);
        garbage[0] = 0x01;
        assertTrue(reject(garbage).startsWith("not XML") || reject(garbage).startsWith("unreadable encoding"),
                reject(garbage));
        assertTrue(reject(utf8("PK\u0003\u0004 this is a zip")).startsWith("not XML"));

        byte[] whole;
        try (InputStream in = getClass().getResourceAsStream("/cin/gender_2023.xml")) {
            whole = in.readAllBytes();
        }
        String truncated = reject(Arrays.copyOf(whole, whole.length / 2));
        assertTrue(truncated.startsWith("truncated XML"), truncated);

        String wrongRoot = reject(utf8("<EXPSSDA903><Header/></EXPSSDA903>"));
        assertTrue(wrongRoot.contains("root element is <EXPSSDA903>"), wrongRoot);
        String noChildren = reject(utf8("<Message><Header><CollectionDetails><ReferenceDate>2024-03-31</ReferenceDate>"
                + "</CollectionDetails></Header></Message>"));
        assertTrue(noChildren.contains("no <Children>"), noChildren);
        String noYear = reject(utf8("<Message><Header/><Children/></Message>"));
        assertTrue(noYear.startsWith("no collection year"), noYear);
        String badEncoding = reject(utf8("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Message>")
                .length == 0 ? new byte[0] : concat(utf8("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Message><Children>"),
                new byte[]{(byte) 0xC3, (byte) 0x28}, utf8("</Children></Message>")));
        assertTrue(badEncoding.contains("encoding") || badEncoding.startsWith("malformed"), badEncoding);
    }

    static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream o = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) o.writeBytes(p);
        return o.toByteArray();
    }

    @Test
    void readBuildsSparkFramesThroughTheSourceReaderInterface() throws IOException, FileRejected {
        Path dir = SparkTestSession.tempDir("cin-reader");
        Path f = dir.resolve("gender_2023.xml");
        try (InputStream in = getClass().getResourceAsStream("/cin/gender_2023.xml")) {
            Files.copy(in, f);
        }
        InputFile input = new InputFile(f.toUri().toString(), "la=999/cin_census/gender_2023.xml", "cin_census",
                Files.size(f), "sha", "999", null);
        CinCensusReader reader = new CinCensusReader();
        assertEquals(List.of(input), reader.select(List.of(input,
                new InputFile("x", "cin_census/readme.txt", "cin_census", 1, "s2", null, null))));
        ParsedFile pf = reader.read(SparkTestSession.get(), input);
        assertEquals(2023, pf.collectionYear());
        assertEquals("301", pf.laCode());
        assertEquals(2, pf.rows());
        assertEquals(2, pf.tables().get(BronzeSpec.CIN_CHILD).count());
        assertEquals(2, pf.tables().get(BronzeSpec.CIN_CPP_REVIEW).count());
        // ingest batches by the rows held in the driver: every table's rows, not the two children
        long held = 0;
        for (org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> t : pf.tables().values()) held += t.count();
        assertEquals(held, pf.heldRows());
        assertTrue(pf.heldRows() > pf.rows(), "held " + pf.heldRows());
        assertTrue(pf.warnings().get(0).contains("la=999"), pf.warnings().toString());
    }
}
