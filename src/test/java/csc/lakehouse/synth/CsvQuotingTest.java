package csc.lakehouse.synth;

import csc.lakehouse.SparkTestSession;
import csc.lakehouse.ingest.ssda903.Ssda903CsvReader;
import org.junit.jupiter.api.Test;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The generator's CSVs quote what needs quoting (RFC 4180): the SSD contacts file's outcome JSON holds commas and
 * quotes, and the demo's ssd_contacts.csv was read with every row one field too long until it was quoted.
 */
class CsvQuotingTest {
    @Test
    void aJsonValueReadsBackAsOneField() throws Exception {
        Path dir = SparkTestSession.tempDir("csv-quoting");
        Csv csv = new Csv(dir, "t.csv", "id,outcome_json,plain");
        String json = "{\"NEW_REFERRAL_FLAG\":\"Y\",\"NFA_FLAG\":\"N\"}";
        csv.row("K1", json, "x");
        csv.close();
        // by hand: the JSON is wrapped in quotes with its own quotes doubled; the plain values are left alone
        assertEquals("K1,\"{\"\"NEW_REFERRAL_FLAG\"\":\"\"Y\"\",\"\"NFA_FLAG\"\":\"\"N\"\"}\",x",
                Files.readAllLines(dir.resolve("t.csv")).get(1));
        try (Reader in = Files.newBufferedReader(dir.resolve("t.csv"))) {
            Ssda903CsvReader.Records r = new Ssda903CsvReader.Records(in);
            assertEquals(List.of("id", "outcome_json", "plain"), r.next());
            assertEquals(List.of("K1", json, "x"), r.next());
            assertNull(r.next());
        }
    }
}
