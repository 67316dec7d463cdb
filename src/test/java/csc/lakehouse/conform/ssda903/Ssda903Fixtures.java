package csc.lakehouse.conform.ssda903;

import csc.lakehouse.SparkTestSession;
import csc.lakehouse.ingest.InputFile;
import csc.lakehouse.ingest.ParsedFile;
import csc.lakehouse.ingest.ssda903.Ssda903CsvReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.io.StringReader;
import java.sql.Timestamp;

/** Bronze rows with lineage from inline CSV text, as IngestJob would append them. */
final class Ssda903Fixtures {
    private Ssda903Fixtures() {}

    static Dataset<Row> bronze(String table, int year, String la, String csv) {
        try {
            ParsedFile p = Ssda903CsvReader.parse(SparkTestSession.get(), new StringReader(csv), table, year);
            ParsedFile withLa = p.withLa(la);
            String sha = "sha-" + table + "-" + year;
            InputFile f = new InputFile("mem:" + sha, "ssda903/" + year + "/" + table + ".csv", "ssda903", csv.length(),
                    sha, la, year);
            return withLa.withLineage(p.tables().get("ssda903_" + table), f,
                    Timestamp.valueOf("2026-01-0" + (year % 9 + 1) + " 00:00:00"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static final String EPISODE_HEADER = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n";
}
