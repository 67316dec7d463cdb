package csc.lakehouse.publish;

import org.apache.spark.sql.Row;

import java.nio.file.Path;
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

    public static final List<String> COLUMNS = TrendRow.COLUMNS;

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

    /**
     * The published rows, built once from gold (any order) for every output: in publishing order, without the rows
     * gold marks "not published" (an open window, a year without its look-back: their reason is in trends_notes.csv),
     * a "not collected" row showing the DfE's symbol x. Immutable.
     */
    public static List<TrendRow> published(List<Row> goldRows) {
        List<TrendRow> out = new ArrayList<>();
        for (Row r : sorted(goldRows)) {
            if (csc.lakehouse.measures.Trends.status(str(r, "note")) == csc.lakehouse.measures.Trends.Status.NOT_PUBLISHED) continue;
            out.add(TrendRow.fromGold(r));
        }
        return List.copyOf(out);
    }

    /** Writes {@code dir/trends.csv}: the published rows. */
    public static Path write(List<TrendRow> published, Path dir) {
        return TrendsFile.write(dir.resolve(FILE), published);
    }

    /** Writes {@code dir/trends_notes.csv}: one line per gold row that carries a note, in publishing order. */
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
        return CsvFile.write(dir.resolve(NOTES_FILE), NOTE_COLUMNS, lines);
    }

    /** The gold rows' notes by figure ({@link EvidencePack#noteKey}: measure, period, new LA code), as trends_notes.csv holds them. */
    public static java.util.Map<String, String> notesByFigure(List<Row> goldRows) {
        java.util.Map<String, String> out = new java.util.HashMap<>();
        for (Row r : goldRows) {
            String note = str(r, "note");
            if (note.isEmpty()) continue;
            String key = EvidencePack.noteKey(str(r, "measure_id"), str(r, "time_period"), str(r, "new_la_code"));
            // a measure's Total row speaks for it; a breakdown row's note only where it has no Total
            if ("Total".equals(str(r, "breakdown_value"))) out.put(key, note);
            else out.putIfAbsent(key, note);
        }
        return out;
    }

    /** The formatted contract fields of one gold row (the order's last tie-break). */
    static List<String> fields(Row r) {
        return TrendRow.fromGold(r).fields();
    }

    private static String str(Row r, String c) {
        Object v = r.getAs(c);
        return v == null ? "" : v.toString();
    }
}
