package csc.lakehouse.conform.ssda903;

import csc.lakehouse.spec.BronzeSpec;
import csc.lakehouse.conform.Pseudonymiser;
import csc.lakehouse.spec.Lineage;
import csc.lakehouse.spec.DataSchemas;
import csc.lakehouse.spec.SimpleCsv;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;

/** Column expressions shared by the SSDA903 silver builders (typing, pseudonyms, privacy reductions). */
public final class Ssda903Columns {
    private Ssda903Columns() {}

    /** A raw column, or a null string when the file did not have it. */
    public static Column raw(Dataset<Row> rows, String name) {
        return Arrays.asList(rows.columns()).contains(name) ? col(name) : lit(null).cast("string");
    }

    /** Trimmed text, null when blank. */
    public static Column text(Column raw) {
        Column t = trim(raw);
        return when(t.equalTo(""), lit(null).cast("string")).otherwise(t);
    }

    /** 903 dates are dd/mm/yyyy; d/m/yyyy and ISO (stacked regional files) are accepted too. Unparseable: null. */
    public static Column date(Column raw) {
        Column t = text(raw);
        return coalesce(functions.to_date(t, "dd/MM/yyyy"), functions.to_date(t, "d/M/yyyy"),
                functions.to_date(t, "yyyy-MM-dd"));
    }

    /** A date of birth degraded to the first of its month. */
    public static Column month(Column raw) {
        return functions.trunc(date(raw), "month").cast("date");
    }

    /** For {@code _src}: the raw value only when it does not parse as a date (so the full DOB is never kept). */
    public static Column rawIfUnparsed(Column raw) {
        return when(date(raw).isNull(), text(raw));
    }

    /** true/false/TRUE/FALSE/1/0/Y/N/yes/no (and 1.0/0.0 as the demand-model files write them). */
    public static Column bool(Column raw) {
        Column t = lower(text(raw));
        return when(t.isin("true", "1", "1.0", "y", "yes"), lit(true))
                .when(t.isin("false", "0", "0.0", "n", "no"), lit(false))
                .otherwise(lit(null).cast("boolean"));
    }

    /** An integer (1 and 1.0 both read as 1); null when not a number. */
    public static Column integer(Column raw) {
        return text(raw).cast("double").cast("int");
    }

    /** SEX: 1/2 (to 2023-24) and M/F/U (from 2024-25) both to M/F/U. */
    public static Column sex(Column raw) {
        Column t = upper(text(raw));
        return when(t.isin("1", "M"), lit("M")).when(t.isin("2", "F"), lit("F")).when(t.equalTo("U"), lit("U"))
                .otherwise(lit(null).cast("string"));
    }

    /**
     * The outward code (district) of a postcode, e.g. {@code RM10 9XX} to {@code RM10}; the inward part is
     * dropped. Without a space, the last three characters are the inward code. Null when it does not look
     * like a postcode.
     */
    public static Column postcodeDistrict(Column raw) {
        Column t = upper(functions.regexp_replace(text(raw), "\\s+", " "));
        Column outward = when(t.contains(" "), functions.substring_index(t, " ", 1))
                .when(functions.length(t).geq(5), functions.regexp_extract(t, "^(.*).{3}$", 1))
                .otherwise(t);
        return when(outward.rlike("^[A-Z]{1,2}[0-9][A-Z0-9]?$"), outward);
    }

    /** LA of a row: the row's LA column (stacked multi-LA files; a DfE number, ONS code or name), else the file's. */
    public static Column laCode(Dataset<Row> rows) {
        Column fileLa = col(Lineage.LA_CODE);
        if (!Arrays.asList(rows.columns()).contains(BronzeSpec.SSDA903_LA_COLUMN)) return fileLa;
        Column v = text(col(BronzeSpec.SSDA903_LA_COLUMN));
        Column byName = functions.element_at(laLookup(), lower(v));
        return coalesce(when(v.rlike("^[0-9]{3}$"), v), byName, v, fileLa);
    }

    private static Column laLookup() {
        List<Column> kv = new ArrayList<>();
        String[] lines = DataSchemas.readText("reference/la_codes.csv").split("\r?\n");
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isBlank()) continue;
            List<String> c = SimpleCsv.parseLine(lines[i]);
            kv.add(lit(c.get(2).trim().toLowerCase(Locale.ROOT)));
            kv.add(lit(c.get(0).trim()));
            kv.add(lit(c.get(1).trim().toLowerCase(Locale.ROOT)));
            kv.add(lit(c.get(0).trim()));
        }
        return functions.map(kv.toArray(new Column[0]));
    }

    /** The pseudonym of the CHILD column within the row's LA. */
    public static Column personId(Column la, Dataset<Row> rows) {
        return Pseudonymiser.pseudonym(la, text(raw(rows, "CHILD")));
    }

    /** The lineage columns and collection_year every builder passes on. */
    public static List<Column> lineage() {
        List<Column> out = new ArrayList<>(Arrays.asList(Lineage.columns()));
        out.add(col(Lineage.COLLECTION_YEAR).cast("int").as("collection_year"));
        return out;
    }

    /** A stable id: sha2 of the parts joined with '|'. */
    public static Column hashId(Column... parts) {
        Column[] s = Arrays.stream(parts).map(p -> coalesce(p.cast("string"), lit(""))).toArray(Column[]::new);
        return functions.substring(functions.sha2(functions.concat_ws("|", s), 256), 1, 32);
    }
}
