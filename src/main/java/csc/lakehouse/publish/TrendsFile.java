package csc.lakehouse.publish;

import java.io.BufferedReader;
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
 * trends.csv rows as plain strings (architecture.md section 5), read and written without Spark:
 * the published files are small. Columns, in this order, are {@link #COLUMNS}.
 */
public final class TrendsFile {
    public static final List<String> COLUMNS = List.of("measure_id", "time_period", "time_identifier",
            "period_start", "period_end", "geographic_level", "new_la_code", "la_name", "breakdown",
            "breakdown_value", "numerator", "denominator", "value", "unit");

    private TrendsFile() {}

    /** One trends.csv row; every field a string exactly as in the file ("" for empty). */
    public record Row(String measureId, String timePeriod, String timeIdentifier, String periodStart,
            String periodEnd, String geographicLevel, String newLaCode, String laName, String breakdown,
            String breakdownValue, String numerator, String denominator, String value, String unit) {

        public Row {
            measureId = nz(measureId); timePeriod = nz(timePeriod); timeIdentifier = nz(timeIdentifier);
            periodStart = nz(periodStart); periodEnd = nz(periodEnd); geographicLevel = nz(geographicLevel);
            newLaCode = nz(newLaCode); laName = nz(laName); breakdown = nz(breakdown);
            breakdownValue = nz(breakdownValue); numerator = nz(numerator); denominator = nz(denominator);
            value = nz(value); unit = nz(unit);
        }

        public boolean isTotal() { return "Total".equals(breakdown); }

        public List<String> fields() {
            return List.of(measureId, timePeriod, timeIdentifier, periodStart, periodEnd, geographicLevel,
                    newLaCode, laName, breakdown, breakdownValue, numerator, denominator, value, unit);
        }

        public Row withCounts(String numerator, String denominator, String value) {
            return new Row(measureId, timePeriod, timeIdentifier, periodStart, periodEnd, geographicLevel,
                    newLaCode, laName, breakdown, breakdownValue, numerator, denominator, value, unit);
        }

        /** value as a double, or null when empty, suppressed or not a number. */
        public Double valueAsDouble() { return parseDouble(value); }

        public Long numeratorAsLong() { return parseLong(numerator); }

        public Long denominatorAsLong() { return parseLong(denominator); }
    }

    static String nz(String s) { return s == null ? "" : s; }

    static Double parseDouble(String s) {
        if (s == null || s.isBlank()) return null;
        try { return Double.valueOf(s.trim()); } catch (NumberFormatException e) { return null; }
    }

    static Long parseLong(String s) {
        Double d = parseDouble(s);
        if (d == null || d != Math.rint(d)) return null;
        return d.longValue();
    }

    public static List<Row> read(Path file) {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(r);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public static List<Row> parse(String csv) {
        try { return parse(new StringReader(csv)); } catch (IOException e) { throw new UncheckedIOException(e); }
    }

    /** Parses a trends CSV by header name (column order may differ; extra columns are ignored). */
    public static List<Row> parse(Reader reader) throws IOException {
        List<List<String>> records = Csv.read(reader);
        List<Row> rows = new ArrayList<>();
        if (records.isEmpty()) return rows;
        Map<String, Integer> idx = new HashMap<>();
        List<String> header = records.get(0);
        for (int i = 0; i < header.size(); i++) idx.put(Csv.stripBom(header.get(i)).trim(), i);
        for (String c : List.of("measure_id", "time_period", "value", "unit")) {
            if (!idx.containsKey(c)) throw new IllegalArgumentException("trends file has no column " + c);
        }
        for (int n = 1; n < records.size(); n++) {
            List<String> rec = records.get(n);
            if (rec.size() == 1 && rec.get(0).isBlank()) continue;
            String[] f = new String[COLUMNS.size()];
            for (int i = 0; i < COLUMNS.size(); i++) {
                Integer j = idx.get(COLUMNS.get(i));
                f[i] = j != null && j < rec.size() ? rec.get(j) : "";
            }
            rows.add(new Row(f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], f[9], f[10], f[11], f[12], f[13]));
        }
        return rows;
    }

    public static void write(Writer w, List<Row> rows) throws IOException {
        w.write(String.join(",", COLUMNS));
        w.write("\n");
        for (Row r : rows) {
            List<String> f = r.fields();
            for (int i = 0; i < f.size(); i++) {
                if (i > 0) w.write(',');
                w.write(Csv.quote(f.get(i)));
            }
            w.write("\n");
        }
    }

    /** Minimal RFC 4180 reader/quoter shared by the publish package. */
    static final class Csv {
        private Csv() {}

        static String stripBom(String s) {
            return s != null && !s.isEmpty() && s.charAt(0) == '\uFEFF' ? s.substring(1) : s;
        }

        static String quote(String s) {
            if (s == null) return "";
            if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
                return '"' + s.replace("\"", "\"\"") + '"';
            }
            return s;
        }

        static List<List<String>> read(Reader in) throws IOException {
            BufferedReader r = in instanceof BufferedReader b ? b : new BufferedReader(in);
            List<List<String>> out = new ArrayList<>();
            List<String> rec = new ArrayList<>();
            StringBuilder cell = new StringBuilder();
            boolean quoted = false, any = false;
            int c;
            while ((c = r.read()) != -1) {
                any = true;
                char ch = (char) c;
                if (quoted) {
                    if (ch == '"') {
                        r.mark(1);
                        int next = r.read();
                        if (next == '"') cell.append('"');
                        else { quoted = false; if (next != -1) r.reset(); }
                    } else cell.append(ch);
                } else if (ch == '"') {
                    quoted = true;
                } else if (ch == ',') {
                    rec.add(cell.toString()); cell.setLength(0);
                } else if (ch == '\n' || ch == '\r') {
                    if (ch == '\r') { r.mark(1); if (r.read() != '\n') r.reset(); }
                    rec.add(cell.toString()); cell.setLength(0);
                    out.add(rec); rec = new ArrayList<>(); any = false;
                } else cell.append(ch);
            }
            if (any) { rec.add(cell.toString()); out.add(rec); }
            return out;
        }
    }
}
