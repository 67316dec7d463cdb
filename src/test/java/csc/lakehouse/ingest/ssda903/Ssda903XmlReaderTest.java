package csc.lakehouse.ingest.ssda903;

import csc.lakehouse.SparkTestSession;
import csc.lakehouse.ingest.FileRejected;
import csc.lakehouse.ingest.ParsedFile;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Ssda903XmlReaderTest {
    static InputStream resource(String name) {
        return Ssda903XmlReaderTest.class.getResourceAsStream("/ssda903/" + name);
    }

    static long count(ParsedFile p, String table) {
        return p.tables().containsKey(table) ? p.tables().get(table).count() : 0;
    }

    @Test
    void tinyFileMapsToTheCsvTables() throws Exception {
        // tiny_903.xml by hand: child X1 = header, 1 uasc (DUC), 2 reviews, 1 episode (PL U4, DEC empty);
        // child X2 = header, 1 oc3, 1 missing; no episodes. Total 2+1+2+1+1+1 = 8 rows.
        ParsedFile p = Ssda903XmlReader.parse(SparkTestSession.get(), resource("tiny_903.xml"), 2021);
        assertEquals(8, p.rows());
        assertEquals(2, count(p, "ssda903_header"));
        assertEquals(1, count(p, "ssda903_uasc"));
        assertEquals(2, count(p, "ssda903_reviews"));
        assertEquals(1, count(p, "ssda903_episodes"));
        assertEquals(1, count(p, "ssda903_oc3"));
        assertEquals(1, count(p, "ssda903_missing"));
        Row ep = p.tables().get("ssda903_episodes").first();
        assertEquals("X1", ep.getAs("CHILD"));
        assertEquals("U4", ep.getAs("PLACE"));
        assertEquals("", ep.getAs("DEC"));
        assertNull(ep.getAs("URN"), "absent element = null");
        List<Row> reviews = p.tables().get("ssda903_reviews").orderBy("_row_number").collectAsList();
        assertEquals("15/06/2010", reviews.get(0).getAs("DOB"));
        assertEquals("PN2", reviews.get(1).getAs("REVIEW_CODE"));
        Row missing = p.tables().get("ssda903_missing").first();
        assertEquals("X2", missing.getAs("CHILD"));
        assertEquals("02/02/2021", missing.getAs("MIS_START"));
    }

    @Test
    void validatorFakeFile() throws Exception {
        // counts from the file (one line, us-ascii): 253 CHILD, 459 EPISODE, 1206 AREVIEW, 6 AMISSING,
        // 253 PERMANENCE, 253 OC2, 3 AD_PLACED, 12 HEADERs with a DUC, 6 with OC3 items, 3 with AD1 items
        ParsedFile p = Ssda903XmlReader.parse(SparkTestSession.get(), resource("fake_903.xml"), 2018);
        assertEquals(253, count(p, "ssda903_header"));
        assertEquals(459, count(p, "ssda903_episodes"));
        assertEquals(1206, count(p, "ssda903_reviews"));
        assertEquals(6, count(p, "ssda903_missing"));
        assertEquals(253, count(p, "ssda903_previous_permanence"));
        assertEquals(253, count(p, "ssda903_oc2"));
        assertEquals(3, count(p, "ssda903_placed_for_adoption"));
        assertEquals(12, count(p, "ssda903_uasc"));
        assertEquals(6, count(p, "ssda903_oc3"));
        assertEquals(3, count(p, "ssda903_ad1"));
        assertEquals(253 + 459 + 1206 + 6 + 253 + 253 + 3 + 12 + 6 + 3, p.rows());
    }

    @Test
    void rejectsNotXmlTruncatedAndWrongRoot() {
        FileRejected notXml = assertThrows(FileRejected.class,
                () -> Ssda903XmlReader.parse(SparkTestSession.get(), resource("not_xml.xml"), 2021));
        assertTrue(notXml.getMessage().contains("not well-formed XML"), notXml.getMessage());
        FileRejected truncated = assertThrows(FileRejected.class,
                () -> Ssda903XmlReader.parse(SparkTestSession.get(), resource("truncated_903.xml"), 2021));
        assertTrue(truncated.getMessage().contains("XML"), truncated.getMessage());
        FileRejected root = assertThrows(FileRejected.class,
                () -> Ssda903XmlReader.parse(SparkTestSession.get(), resource("wrong_root.xml"), 2021));
        assertTrue(root.getMessage().contains("root element is Message"), root.getMessage());
    }
}
