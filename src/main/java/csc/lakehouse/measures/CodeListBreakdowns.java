package csc.lakehouse.measures;

import csc.lakehouse.spec.CodeLists;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * Breakdowns whose values are the codes of a code list ({@code data-schemas/codelists/}): a code outside the
 * year's list (its {@code from_year}/{@code to_year}) could not be returned that year, so its rows are {@code x}.
 */
final class CodeListBreakdowns {
    private CodeListBreakdowns() {}

    /**
     * Marks the breakdown rows of a code (breakdown_value = the code) in a reporting year outside the code's years
     * as not collected, with the code's years in the note.
     *
     * @param what the item in words, e.g. "factor" or "reason episode ceased"
     */
    static Dataset<Row> notCollectedOutsideYears(Dataset<Row> rows, List<CodeLists.Entry> codes, String list,
                                                 String what) {
        Dataset<Row> out = rows;
        for (CodeLists.Entry e : codes) {
            if (e.fromYear() == null && e.toYear() == null) continue;
            Column year = Periods.reportingYear(col("period_end"));
            Column outside = lit(false);
            if (e.fromYear() != null) outside = outside.or(year.lt(e.fromYear()));
            if (e.toYear() != null) outside = outside.or(year.gt(e.toYear()));
            String span = (e.fromYear() == null ? "" : "from collection year " + e.fromYear())
                    + (e.fromYear() != null && e.toYear() != null ? " " : "")
                    + (e.toYear() == null ? "" : "up to collection year " + e.toYear());
            out = Trends.notCollected(out, col("breakdown_value").equalTo(e.code()).and(outside),
                    lit("not collected: " + what + " " + e.code() + " is in the code list " + list + " " + span));
        }
        return out;
    }
}
