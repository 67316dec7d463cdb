package csc.lakehouse.ingest.ssd;

import csc.lakehouse.ingest.FileRejected;
import csc.lakehouse.ingest.InputFile;
import csc.lakehouse.ingest.ParsedFile;
import csc.lakehouse.ingest.SourceReader;
import csc.lakehouse.ingest.ssda903.Ssda903CsvReader;
import csc.lakehouse.spec.SsdSpec;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * SSD CSV exports, {@code ssd/<table>.csv} (also under {@code la=<code>/}): one file per SSD table, column
 * names as in the specification, into {@code bronze.<table>}. A file that names no SSD table, or lacks the
 * table's key or a required column, is rejected by name; unknown columns are kept with a warning. The
 * extraction time is the file's modification time; its reporting year is the file's collection year.
 * Values stay as received: types, date formats, duplicate keys and orphans are silver rules.
 */
public final class SsdCsvReader implements SourceReader {
    @Override
    public String source() { return SsdBronze.FOLDER; }

    @Override
    public List<InputFile> select(List<InputFile> dropFiles) {
        // every CSV of the folder: one that names no SSD table is rejected by name, not left unread
        return inSourceFolder(dropFiles, SourceReader.withExtension(".csv"));
    }

    @Override
    public List<String> bronzeTables() { return SsdBronze.bronzeTables(); }

    @Override
    public ParsedFile read(SparkSession spark, InputFile file) throws FileRejected {
        String name = file.name();
        String tableName = name.substring(0, name.length() - 4).toLowerCase(Locale.ROOT);
        SsdSpec.Table table = SsdSpec.get().table(tableName).orElseThrow(() -> new FileRejected(
                tableName + ": not a table of the SSD specification " + SsdSpec.get().version));
        Path p = new Path(file.uri());
        try {
            FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
            Timestamp extractedAt = new Timestamp(fs.getFileStatus(p).getModificationTime());
            try (Reader in = new BufferedReader(new InputStreamReader(fs.open(p), StandardCharsets.UTF_8), 1 << 16)) {
                return parse(spark, in, table, extractedAt);
            }
        } catch (IOException e) {
            throw new FileRejected(tableName + ": could not be read: " + e.getMessage(), e);
        }
    }

    /** Parses the CSV text of one SSD table (public for tests). */
    public static ParsedFile parse(SparkSession spark, Reader in, SsdSpec.Table table, Timestamp extractedAt)
            throws FileRejected, IOException {
        Ssda903CsvReader.Records csv = new Ssda903CsvReader.Records(in);
        List<String> header = csv.next();
        if (header == null) throw new FileRejected(table.name() + ": empty file, no header row");
        SsdBronze.Columns cols = SsdBronze.columns(table, header);
        List<String> warnings = new ArrayList<>();
        if (cols.extrasWarning() != null) warnings.add(cols.extrasWarning());
        SsdBronze.Rows rows = new SsdBronze.Rows(cols);
        List<String> rec;
        int ragged = 0;
        while ((rec = csv.next()) != null) {
            if (rec.size() == 1 && rec.get(0).isBlank()) continue;   // blank line
            if (rec.size() != header.size()) ragged++;
            rows.add(rec, csv.recordStartLine(), "file", extractedAt);
        }
        if (ragged > 0) warnings.add(table.name() + ": " + ragged + " row(s) with a different number of fields from the header");
        Map<String, Dataset<Row>> tables = new LinkedHashMap<>();
        tables.put(table.name(), rows.toFrame(spark));
        return new ParsedFile(SsdBronze.yearOf(extractedAt), null, tables, rows.size(), warnings);
    }
}
