package csc.lakehouse.ingest.ssda903;

import csc.lakehouse.spec.BronzeSpec;
import csc.lakehouse.ingest.FileRejected;
import csc.lakehouse.ingest.InputFile;
import csc.lakehouse.ingest.ParsedFile;
import csc.lakehouse.ingest.SourceReader;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * SSDA903 CSV files ({@code ssda903/<YYYY>/<table>.csv}, also under {@code la=<code>/}) into
 * {@code bronze.ssda903_<table>}. The table comes from the file name, the collection year from the folder
 * (else a 4-digit year in the name). One streaming pass over the file with an RFC 4180 parser: a BOM,
 * CRLF line ends, quoted fields and blank lines are tolerated. Columns are matched by name (any order,
 * any case) against {@code data-schemas/inputs/ssda903/<table>.yaml}: a missing required column rejects
 * the file, extra columns are kept with a warning. An optional {@code LA} column (multi-LA stacked files)
 * is kept as {@code LA} and sets the LA of each row in silver.
 *
 * <p>{@code _row_number} is the physical line of the file where the record starts (the header is line 1).
 */
public final class Ssda903CsvReader implements SourceReader {
    @Override
    public String source() { return "ssda903"; }

    @Override
    public List<InputFile> select(List<InputFile> dropFiles) {
        return inSourceFolder(dropFiles,
                SourceReader.withExtension(".csv").and(f -> Ssda903Tables.tableOf(f.name()).isPresent()));
    }

    @Override
    public List<String> bronzeTables() { return Ssda903Tables.bronzeTables(); }

    @Override
    public ParsedFile read(SparkSession spark, InputFile file) throws FileRejected {
        String table = Ssda903Tables.tableOf(file.name())
                .orElseThrow(() -> new FileRejected("the file name does not name an SSDA903 table ("
                        + String.join(", ", Ssda903Tables.TABLES) + ")"));
        int year = Ssda903Tables.yearOf(file.yearHint(), file.name())
                .orElseThrow(() -> new FileRejected("no collection year: put the file in ssda903/<YYYY>/ or name the year in the file name"));
        Path p = new Path(file.uri());
        try {
            FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
            try (Reader in = new BufferedReader(new InputStreamReader(fs.open(p), StandardCharsets.UTF_8), 1 << 16)) {
                return parse(spark, in, table, year);
            }
        } catch (IOException e) {
            throw new FileRejected("could not be read: " + e.getMessage(), e);
        }
    }

    /** Parses CSV text of one SSDA903 table (public for tests). */
    public static ParsedFile parse(SparkSession spark, Reader in, String table, int year) throws FileRejected, IOException {
        Ssda903Tables.Spec spec = Ssda903Tables.spec(table);
        Records csv = new Records(in);
        List<String> header = csv.next();
        if (header == null) throw new FileRejected("empty file: no header row");
        for (String h : header) {
            if (h.indexOf('\u0000') >= 0 || h.indexOf('\uFFFD') >= 0) {
                throw new FileRejected("not UTF-8 text: the header holds NUL or undecodable bytes (a UTF-16 export, or not a CSV)");
            }
        }
        csv.rejectIfQuoteRanOver();
        if (!header.isEmpty() && header.get(0).startsWith("\uFEFF")) header.set(0, header.get(0).substring(1));

        // map each file column to a bronze column: spec names by case-insensitive match, LA, or an extra
        Map<String, String> specByUpper = new HashMap<>();
        for (String c : spec.columnNames()) specByUpper.put(c.toUpperCase(Locale.ROOT), c);
        List<String> bronzeCols = new ArrayList<>(spec.columnNames());
        int[] target = new int[header.size()];
        Map<String, Integer> seen = new LinkedHashMap<>();
        List<String> extras = new ArrayList<>();
        boolean hasLa = false;
        for (int i = 0; i < header.size(); i++) {
            String h = header.get(i).trim();
            String upper = h.toUpperCase(Locale.ROOT);
            String name;
            if (specByUpper.containsKey(upper)) {
                name = specByUpper.get(upper);
            } else if (upper.equals(BronzeSpec.SSDA903_LA_COLUMN)) {
                name = BronzeSpec.SSDA903_LA_COLUMN;
                hasLa = true;
            } else {
                name = BronzeRows.safeName(h);
                extras.add(name);
            }
            if (seen.containsKey(name)) throw new FileRejected("column " + name + " appears twice in the header");
            seen.put(name, i);
            if (!bronzeCols.contains(name)) bronzeCols.add(name);
            target[i] = bronzeCols.indexOf(name);
        }
        List<String> missing = new ArrayList<>();
        for (String r : spec.required(year)) if (!seen.containsKey(r)) missing.add(r);
        if (!missing.isEmpty()) {
            throw new FileRejected("missing required " + table + " column" + (missing.size() > 1 ? "s " : " ")
                    + String.join(", ", missing) + " for collection year " + year);
        }
        List<String> warnings = new ArrayList<>();
        if (!extras.isEmpty()) {
            warnings.add("extra " + table + " column(s) kept in bronze: " + String.join(", ", extras));
        }

        BronzeRows rows = new BronzeRows(bronzeCols);
        List<String> rec;
        int ragged = 0;
        while ((rec = csv.nextOrReject()) != null) {
            if (rec.size() == 1 && rec.get(0).isBlank()) continue;   // blank line
            String[] values = new String[bronzeCols.size()];
            for (int i = 0; i < header.size(); i++) {
                values[target[i]] = i < rec.size() ? rec.get(i) : null;
            }
            if (rec.size() != header.size()) ragged++;
            rows.add(values, csv.recordStartLine());
        }
        if (ragged > 0) warnings.add(ragged + " row(s) with a different number of fields from the header");
        if (rows.size() == 0) warnings.add("header only: no " + table + " rows");
        Map<String, org.apache.spark.sql.Dataset<org.apache.spark.sql.Row>> tables = new LinkedHashMap<>();
        tables.put(spec.bronze_table, rows.toFrame(spark));
        return new ParsedFile(year, null, tables, rows.size(), warnings);
    }

    /**
     * Streaming RFC 4180 records: quoted fields may hold commas, quotes ("") and line breaks. SSDA903
     * values never hold a line break, so {@link #nextOrReject()} treats one inside quotes as the
     * unbalanced quote it almost always is: otherwise every following line would silently become part
     * of one field.
     */
    public static final class Records {
        private final Reader in;
        private int line = 1;
        private int startLine = 1;
        private int pushback = -2;

        public Records(Reader in) { this.in = in; }

        public int recordStartLine() { return startLine; }

        private int read() throws IOException {
            if (pushback != -2) {
                int c = pushback;
                pushback = -2;
                return c;
            }
            return in.read();
        }

        /** As {@link #next()}, rejecting the file when a quoted field runs over a line break. */
        public List<String> nextOrReject() throws IOException, FileRejected {
            List<String> r = next();
            if (r != null) rejectIfQuoteRanOver();
            return r;
        }

        /** Rejects the file when the record just read held a line break inside quotes. */
        public void rejectIfQuoteRanOver() throws FileRejected {
            int breaksInside = line - startLine - (endedAtLineBreak ? 1 : 0);
            if (breaksInside > 0) {
                throw new FileRejected("unbalanced quote: the quoted field opened on line " + startLine
                        + " runs over the end of the line (fields of an SSDA903 file never hold a line break)");
            }
        }

        private boolean endedAtLineBreak;

        /** The next record, or null at end of input. */
        public List<String> next() throws IOException {
            int c = read();
            if (c == -1) return null;
            startLine = line;
            List<String> out = new ArrayList<>();
            StringBuilder cur = new StringBuilder();
            boolean quoted = false;
            while (true) {
                if (c == -1) {
                    out.add(cur.toString());
                    endedAtLineBreak = false;
                    return out;
                }
                if (quoted) {
                    if (c == '"') {
                        int d = read();
                        if (d == '"') {
                            cur.append('"');
                        } else {
                            quoted = false;
                            c = d;
                            continue;
                        }
                    } else {
                        if (c == '\n') line++;
                        cur.append((char) c);
                    }
                } else if (c == '"' && cur.length() == 0) {
                    quoted = true;
                } else if (c == ',') {
                    out.add(cur.toString());
                    cur.setLength(0);
                } else if (c == '\r' || c == '\n') {
                    if (c == '\r') {
                        int d = read();
                        if (d != '\n') pushback = d;
                    }
                    line++;
                    out.add(cur.toString());
                    endedAtLineBreak = true;
                    return out;
                } else {
                    cur.append((char) c);
                }
                c = read();
            }
        }
    }
}
