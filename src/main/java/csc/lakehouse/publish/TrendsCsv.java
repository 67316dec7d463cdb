package csc.lakehouse.publish;

import org.apache.spark.sql.Row;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * {@code trends.csv} (architecture.md section 5): exactly the contract columns, in order, deterministic.
 *
 * <ul>
 *   <li>Order: measure_id, new_la_code, la_code, time_identifier, time_period, then breakdown and breakdown_value
 *       with {@code Total} first and the rest in ordinal (code point) order; all comparisons on the text.</li>
 *   <li>Numbers: numerator/denominator as integers; value as an integer for unit {@code count}, else one decimal
 *       (HALF_UP); plain notation (never scientific); empty for null (and for NaN/infinity).</li>
 *   <li>Dates ISO (yyyy-MM-dd); RFC 4180 quoting (fields with comma, quote, CR or LF are quoted, quotes doubled);
 *       "\n" line endings; UTF-8 without BOM; written to a temporary file and renamed into place.</li>
 * </ul>
 * Notes (method and population vintage) go to {@code trends_notes.csv}: measure_id, time_period, la_code, note,
 * new_la_code (the column that joins trends.csv).
 */
public final class TrendsCsv {
    public static final String FILE = "trends.csv";
    public static final String NOTES_FILE = "trends_notes.csv";

    public static final List<String> COLUMNS = List.of("measure_id", "time_period", "time_identifier", "period_start",
            "period_end", "geographic_level", "new_la_code", "la_name", "breakdown", "breakdown_value", "numerator",
            "denominator", "value", "unit");

    /** new_la_code joins trends.csv (la_code, the old three-digit code, stays for existing readers). */
    public static final List<String> NOTE_COLUMNS = List.of("measure_id", "time_period", "la_code", "note", "new_la_code");

    private TrendsCsv() {}

    /** The publishing order (see the class comment). Rows are in the gold Trends shape. */
    public static final Comparator<Row> ORDER = Comparator
            .comparing((Row r) -> str(r, "measure_id"))
            .thenComparing(r -> str(r, "new_la_code"))
            .thenComparing(r -> str(r, "la_code"))
            .thenComparing(r -> str(r, "time_identifier"))
            .thenComparing(r -> str(r, "time_period"))
            .thenComparing(r -> str(r, "breakdown"), TOTAL_FIRST())
            .thenComparing(r -> str(r, "breakdown_value"), TOTAL_FIRST())
            .thenComparing(r -> str(r, "unit"))
            .thenComparing(r -> String.join("\u0000", fields(r)));

    private static Comparator<String> TOTAL_FIRST() {
        return Comparator.comparing((String s) -> !s.equals("Total")).thenComparing(Function.identity());
    }

    public static List<Row> sorted(List<Row> rows) {
        List<Row> out = new ArrayList<>(rows);
        out.sort(ORDER);
        return out;
    }

    /** Writes {@code dir/trends.csv} from gold rows (any order). */
    public static Path write(List<Row> goldRows, Path dir) {
        List<List<String>> lines = new ArrayList<>();
        for (Row r : sorted(goldRows)) {
            // a row gold marks "not published" (an open window, a year without its look-back) stays out of
            // trends.csv; its reason is in trends_notes.csv. A "not collected" row shows the DfE's symbol x.
            csc.lakehouse.measures.Trends.Status status = csc.lakehouse.measures.Trends.status(str(r, "note"));
            if (status == csc.lakehouse.measures.Trends.Status.NOT_PUBLISHED) continue;
            List<String> f = fields(r);
            if (status == csc.lakehouse.measures.Trends.Status.NOT_COLLECTED) {
                f.set(COLUMNS.indexOf("value"), csc.lakehouse.measures.Trends.NOT_COLLECTED_SYMBOL);
            }
            lines.add(f);
        }
        return writeCsv(dir.resolve(FILE), COLUMNS, lines);
    }

    /** Writes {@code dir/trends_notes.csv}: one line per row that carries a note, in the same order. */
    public static Path writeNotes(List<Row> goldRows, Path dir) {
        List<List<String>> lines = new ArrayList<>();
        List<String> previous = null;
        for (Row r : sorted(goldRows)) {
            String note = str(r, "note");
            if (note.isEmpty()) continue;
            List<String> l = List.of(str(r, "measure_id"), str(r, "time_period"), str(r, "la_code"), note, str(r, "new_la_code"));
            if (!l.equals(previous)) lines.add(l); // breakdown rows of one measure share their note
            previous = l;
        }
        return writeCsv(dir.resolve(NOTES_FILE), NOTE_COLUMNS, lines);
    }

    /** The formatted contract fields of one gold row. */
    static List<String> fields(Row r) {
        String unit = str(r, "unit");
        List<String> f = new ArrayList<>(COLUMNS.size());
        for (String c : COLUMNS) {
            Object v = r.getAs(c);
            switch (c) {
                case "numerator", "denominator" -> f.add(v == null ? "" : Long.toString(((Number) v).longValue()));
                case "value" -> f.add(formatValue(v == null ? null : ((Number) v).doubleValue(), unit));
                case "period_start", "period_end" -> f.add(formatDate(v));
                default -> f.add(v == null ? "" : v.toString());
            }
        }
        return f;
    }

    /** Counts as integers; everything else one decimal, HALF_UP, plain notation; empty for null/NaN/infinite. */
    public static String formatValue(Double v, String unit) {
        if (v == null || v.isNaN() || v.isInfinite()) return "";
        int scale = "count".equals(unit) ? 0 : 1;
        BigDecimal b = BigDecimal.valueOf(v).setScale(scale, RoundingMode.HALF_UP);
        if (b.signum() == 0) b = b.abs(); // no "-0.0"
        return b.toPlainString();
    }

    static String formatDate(Object v) {
        if (v == null) return "";
        if (v instanceof java.sql.Date d) return d.toLocalDate().toString();
        if (v instanceof java.time.LocalDate d) return d.toString();
        return v.toString();
    }

    /** RFC 4180: quote a field containing a comma, quote, CR or LF; double the quotes. */
    public static String quote(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) return s;
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    /** Writes a CSV via a temporary file in the same folder and an atomic rename. */
    static Path writeCsv(Path file, List<String> header, List<List<String>> lines) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                w.write(line(header));
                for (List<String> l : lines) w.write(line(l));
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(tmp);
                throw e;
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static String line(List<String> fields) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) sb.append(',');
            sb.append(quote(fields.get(i)));
        }
        return sb.append('\n').toString();
    }

    private static String str(Row r, String c) {
        Object v = r.getAs(c);
        return v == null ? "" : v.toString();
    }
}
