package csc.lakehouse.publish;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A trends file (architecture.md section 5) read into {@link TrendRow}s, or rows written as one, without Spark. Publish
 * itself never reads back what it wrote; this serves the stand-alone renderer ({@link PeopleOutputs#main}), other
 * tools' files and the tests.
 */
public final class TrendsFile {
    public static final List<String> COLUMNS = TrendRow.COLUMNS;

    private TrendsFile() {}

    static Double parseDouble(String s) { return TrendRow.parseDouble(s); }

    static Long parseLong(String s) { return TrendRow.parseLong(s); }

    public static List<TrendRow> read(Path file) {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(r);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public static List<TrendRow> parse(String csv) {
        try { return parse(new StringReader(csv)); } catch (IOException e) { throw new UncheckedIOException(e); }
    }

    /** Parses a trends CSV by header name (column order may differ; extra columns are ignored). */
    public static List<TrendRow> parse(Reader reader) throws IOException {
        List<List<String>> records = CsvFile.read(reader);
        List<TrendRow> rows = new ArrayList<>();
        if (records.isEmpty()) return rows;
        Map<String, Integer> idx = new HashMap<>();
        List<String> header = records.get(0);
        for (int i = 0; i < header.size(); i++) idx.put(CsvFile.stripBom(header.get(i)).trim(), i);
        for (String c : List.of("measure_id", "time_period", "value", "unit")) {
            if (!idx.containsKey(c)) throw new IllegalArgumentException("trends file has no column " + c);
        }
        for (int n = 1; n < records.size(); n++) {
            List<String> rec = records.get(n);
            if (rec.size() == 1 && rec.get(0).isBlank()) continue;
            List<String> f = new ArrayList<>(COLUMNS.size());
            for (String c : COLUMNS) {
                Integer j = idx.get(c);
                f.add(j != null && j < rec.size() ? rec.get(j) : "");
            }
            rows.add(TrendRow.of(f));
        }
        return rows;
    }

    public static void write(Writer w, List<TrendRow> rows) throws IOException {
        CsvFile.write(w, COLUMNS, lines(rows));
    }

    /** Replaces {@code file} atomically with the rows. */
    public static Path write(Path file, List<TrendRow> rows) {
        return CsvFile.write(file, COLUMNS, lines(rows));
    }

    static List<List<String>> lines(List<TrendRow> rows) {
        List<List<String>> lines = new ArrayList<>(rows.size());
        for (TrendRow r : rows) lines.add(r.fields());
        return lines;
    }
}
