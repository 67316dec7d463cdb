package csc.lakehouse.ingest.ssda903;

import csc.lakehouse.SparkTestSession;
import csc.lakehouse.ingest.FileRejected;
import csc.lakehouse.ingest.InputFile;
import csc.lakehouse.ingest.ParsedFile;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Ssda903CsvReaderTest {
    static Reader resource(String name) {
        return new InputStreamReader(Ssda903CsvReaderTest.class.getResourceAsStream("/ssda903/" + name), StandardCharsets.UTF_8);
    }

    @Test
    void tableAndYearComeFromTheFileName() {
        assertEquals(Optional.of("episodes"), Ssda903Tables.tableOf("episodes.csv"));
        assertEquals(Optional.of("episodes"), Ssda903Tables.tableOf("SSDA903_2020_episodes.csv"));
        assertEquals(Optional.of("episodes"), Ssda903Tables.tableOf("2017-episodes.csv"));
        assertEquals(Optional.of("sw_episodes"), Ssda903Tables.tableOf("sw_episodes.csv"));
        assertEquals(Optional.of("sw_episodes"), Ssda903Tables.tableOf("SWEpisodes.csv"));
        assertEquals(Optional.of("placed_for_adoption"), Ssda903Tables.tableOf("PlacedAdoption.csv"));
        assertEquals(Optional.of("previous_permanence"), Ssda903Tables.tableOf("2019-previous_permanence.csv"));
        assertEquals(Optional.of("dolo"), Ssda903Tables.tableOf("DoLo.csv"));
        assertEquals(Optional.of("header"), Ssda903Tables.tableOf("liia-tools-pipeline_SSDA903_2020_header.csv"));
        assertEquals(Optional.empty(), Ssda903Tables.tableOf("notes.csv"));
        assertEquals(Optional.of(2021), Ssda903Tables.yearOf(2021, "2017-episodes.csv"), "the folder wins");
        assertEquals(Optional.of(2017), Ssda903Tables.yearOf(null, "2017-episodes.csv"));
        assertEquals(Optional.of(2020), Ssda903Tables.yearOf(null, "SSDA903_2020_episodes.csv"));
        assertEquals(Optional.empty(), Ssda903Tables.yearOf(null, "episodes.csv"));
    }

    @Test
    void bomCrlfBlankLinesReorderedAndExtraColumns() throws Exception {
        // episodes_variants.csv: BOM, CRLF, DECOM before CHILD, an extra NOTE column with a quoted comma,
        // an LA column, a blank line between the two data rows. Expected by hand:
        //   2 rows, at file lines 2 and 4; NOTE kept ("a, b" and ""); LA 301 on both; DEC blank on row 2.
        ParsedFile p = Ssda903CsvReader.parse(SparkTestSession.get(), resource("episodes_variants.csv"), "episodes", 2021);
        assertEquals(2, p.rows());
        assertEquals(2021, p.collectionYear());
        assertTrue(p.warnings().stream().anyMatch(w -> w.contains("extra") && w.contains("NOTE")), p.warnings().toString());
        List<Row> rows = p.tables().get("ssda903_episodes").orderBy("_row_number").collectAsList();
        assertEquals(2L, (long) rows.get(0).getAs("_row_number"));
        assertEquals(4L, (long) rows.get(1).getAs("_row_number"));
        assertEquals("C1", rows.get(0).getAs("CHILD"));
        assertEquals("01/04/2020", rows.get(0).getAs("DECOM"));
        assertEquals("a, b", rows.get(0).getAs("NOTE"));
        assertEquals("301", rows.get(1).getAs("LA"));
        assertEquals("", rows.get(1).getAs("DEC"));
        assertEquals("RM10 9XX", rows.get(0).getAs("HOME_POST"), "bronze keeps values exactly as received");
    }

    @Test
    void missingRequiredColumnsRejectTheFileByName() {
        FileRejected e = assertThrows(FileRejected.class, () ->
                Ssda903CsvReader.parse(SparkTestSession.get(), resource("header_missing_cols.csv"), "header", 2020));
        assertTrue(e.getMessage().contains("SEX") && e.getMessage().contains("DOB"), e.getMessage());
    }

    @Test
    void headerOnlyFileIngestsNoRowsWithAWarning() throws Exception {
        ParsedFile p = Ssda903CsvReader.parse(SparkTestSession.get(), resource("missing_header_only.csv"), "missing", 2020);
        assertEquals(0, p.rows());
        assertEquals(0, p.tables().get("ssda903_missing").count());
        assertTrue(p.warnings().stream().anyMatch(w -> w.contains("header only")));
    }

    @Test
    void columnsRequiredOnlyFromTheirYear() throws Exception {
        // sw_episodes columns are required from 2024: a 2020 file with CHILD only is accepted, a 2024 one is not
        String csv = "CHILD\nA\n";
        ParsedFile p = Ssda903CsvReader.parse(SparkTestSession.get(), new java.io.StringReader(csv), "sw_episodes", 2020);
        assertEquals(1, p.rows());
        assertNull(p.tables().get("ssda903_sw_episodes").first().getAs("SW_ID"));
        assertThrows(FileRejected.class, () ->
                Ssda903CsvReader.parse(SparkTestSession.get(), new java.io.StringReader(csv), "sw_episodes", 2024));
    }

    @Test
    void aFileWithNoYearIsRejected() {
        Path f = Paths.get("src/test/resources/ssda903/episodes_variants.csv").toAbsolutePath();
        InputFile in = new InputFile(f.toUri().toString(), "ssda903/episodes_variants.csv", "ssda903", 1, "x", null, null);
        FileRejected e = assertThrows(FileRejected.class, () -> new Ssda903CsvReader().read(SparkTestSession.get(), in));
        assertTrue(e.getMessage().contains("collection year"), e.getMessage());
        InputFile dated = new InputFile(f.toUri().toString(), "ssda903/2021/episodes_variants.csv", "ssda903", 1, "x", null, 2021);
        assertEquals(1, new Ssda903CsvReader().select(List.of(dated, in)).size() - 1);
    }
}
