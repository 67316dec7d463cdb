package csc.lakehouse.conform.population;

import csc.lakehouse.SparkTestSession;
import csc.lakehouse.conform.SilverWriter;
import csc.lakehouse.ingest.FileRejected;
import csc.lakehouse.ingest.InputFile;
import csc.lakehouse.ingest.ParsedFile;
import csc.lakehouse.ingest.population.PopulationReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PopulationReaderTest {
    static Dataset<Row> bronze(String resource, String relative) throws Exception {
        ParsedFile p = PopulationReader.parse(SparkTestSession.get(), new InputStreamReader(
                PopulationReaderTest.class.getResourceAsStream("/population/" + resource), StandardCharsets.UTF_8));
        InputFile f = new InputFile("mem:" + resource, relative, "population", 1, "sha-" + relative, null, null);
        return p.withLineage(p.tables().get("population"), f, Timestamp.valueOf("2026-01-01 00:00:00"));
    }

    @Test
    void bothLayoutsToSilver() throws Exception {
        // single_year.csv: E09000002 2023, ages 0..17 with population age+1 -> 1+2+...+18 = 171 (age 18 ignored).
        // ees.csv (CRLF, a quoted name with a comma): National row dropped; 301 2024 66465; 801 Bristol 90000;
        //   305 Bromley 'x' -> quarantined (POP-REQ-population). Projections folder -> is_projection.
        Dataset<Row> b = bronze("single_year.csv", "population/single_year.csv")
                .unionByName(bronze("ees.csv", "population/projections/ees.csv"), true);
        SilverWriter.Outcome o = SilverWriter.write(null, "population", PopulationBuilder.conform(b));
        assertEquals(4, o.rowsIn());
        assertEquals(3, o.rowsWritten());
        assertEquals(1, o.rowsQuarantined());
        assertEquals(Map.of("POP-REQ-population", 1L), o.errorsByRule());
        List<Row> rows = o.silver().orderBy("mid_year", "new_la_code").collectAsList();
        Row single = rows.get(0);
        assertEquals("E09000002", single.getAs("new_la_code"));
        assertEquals("301", single.getAs("la_code"), "from la_codes.csv");
        assertEquals(2023, (int) single.getAs("mid_year"));
        assertEquals(171L, (long) single.getAs("population"));
        assertFalse((boolean) single.getAs("is_projection"));
        assertEquals("single_year.csv", single.getAs("source_file"));
        Row bristol = rows.get(1);
        assertEquals("Bristol, City of", bristol.getAs("la_name"));
        assertEquals("801", bristol.getAs("la_code"));
        assertEquals(90000L, (long) bristol.getAs("population"));
        assertTrue((boolean) bristol.getAs("is_projection"));
        assertEquals(66465L, (long) rows.get(2).getAs("population"));
    }

    @Test
    void otherLayoutsAreRejected() {
        FileRejected e = assertThrows(FileRejected.class, () -> PopulationReader.parse(SparkTestSession.get(),
                new StringReader("la,year,kids\n301,2023,5\n")));
        assertTrue(e.getMessage().contains("not a population file"), e.getMessage());
    }

    @Test
    void singleYearFileMissingChildAgesIsRejectedNamingThem() {
        // 301's 2023 rows hold ages 0..17 except 3 and 17; its 2024 rows hold only age 0; the other LA is complete
        // apart from 9. Expected, by hand: every gap named, per LA and year, ages in order.
        StringBuilder csv = new StringBuilder("new_la_code,la_name,year,age,population\n");
        for (int a = 0; a <= 18; a++) if (a != 3 && a != 17) csv.append("E09000002,B,2023,").append(a).append(",10\n");
        csv.append("E09000002,B,2024,0,10\n");
        for (int a = 0; a <= 17; a++) if (a != 9) csv.append("E06000023,Bristol,2023,").append(a).append(",10\n");
        FileRejected e = assertThrows(FileRejected.class, () -> PopulationReader.parse(SparkTestSession.get(),
                new StringReader(csv.toString())));
        assertTrue(e.getMessage().contains("E09000002 mid-2023 lacks ages 3, 17"), e.getMessage());
        assertTrue(e.getMessage().contains("E09000002 mid-2024 lacks ages 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17"),
                e.getMessage());
        assertTrue(e.getMessage().contains("E06000023 mid-2023 lacks age 9"), e.getMessage());
    }
}
