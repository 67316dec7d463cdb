package csc.lakehouse.conform;

import csc.lakehouse.spec.LooseDates;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;

/**
 * Spark column expressions that type the strings of bronze for the inputs people key by hand (local
 * trackers, Annex A): several date formats, Y/N booleans, codes in any case. A value that cannot be
 * read becomes null, so a {@code parsed} rule can quarantine it.
 */
public final class LooseParse {
    private LooseParse() {}

    /** Blank to null, otherwise trimmed. */
    public static Column clean(Column raw) {
        Column t = trim(raw);
        return when(t.notEqual(""), t);
    }

    public static Column date(Column raw) {
        Column t = clean(raw);
        // a date typed with a time (or a timestamp from a spreadsheet) keeps only the date
        Column d = functions.regexp_replace(t, "[ T]\\d{1,2}:\\d{2}(:\\d{2}(\\.\\d+)?)?$", "");
        Column[] tries = LooseDates.SQL_DATE_FORMATS.stream().map(f -> functions.to_date(d, f)).toArray(Column[]::new);
        return functions.coalesce(tries);
    }

    public static Column timestamp(Column raw) {
        Column t = clean(raw);
        Column[] tries = LooseDates.SQL_DATETIME_FORMATS.stream().map(f -> functions.to_timestamp(t, f))
                .toArray(Column[]::new);
        return functions.coalesce(tries);
    }

    /** true/false/TRUE/FALSE/1/0/Y/N/Yes/No (also Annex A's {@code a) Yes} / {@code b) No}). */
    public static Column bool(Column raw) {
        Column t = upper(functions.regexp_replace(clean(raw), "^[a-zA-Z]\\)\\s*", ""));
        return when(t.isin("TRUE", "1", "Y", "YES"), lit(true))
                .when(t.isin("FALSE", "0", "N", "NO"), lit(false));
    }

    /** Whole numbers; a decimal (an age computed by a spreadsheet formula) is floored, as age at last birthday is. */
    public static Column integer(Column raw) {
        Column t = clean(raw);
        return when(t.rlike("^-?\\d+(\\.\\d+)?$"), functions.floor(t.cast("double")).cast("int"));
    }

    public static Column dbl(Column raw) {
        Column t = clean(raw);
        return when(t.rlike("^-?\\d+(\\.\\d+)?$"), t.cast("double"));
    }

    /** Codes as keyed: lower case, spaces, hyphens and slashes to underscores. */
    public static Column code(Column raw) {
        return functions.regexp_replace(functions.lower(clean(raw)), "[\\s/-]+", "_");
    }
}
