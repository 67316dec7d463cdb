package csc.lakehouse.conform.ssda903;

import csc.lakehouse.conform.SilverBuilder;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

import java.util.ArrayList;
import java.util.List;

import static csc.lakehouse.conform.ssda903.Ssda903Columns.bool;
import static csc.lakehouse.conform.ssda903.Ssda903Columns.date;
import static csc.lakehouse.conform.ssda903.Ssda903Columns.month;
import static csc.lakehouse.conform.ssda903.Ssda903Columns.raw;
import static csc.lakehouse.conform.ssda903.Ssda903Columns.rawIfUnparsed;
import static csc.lakehouse.conform.ssda903.Ssda903Columns.sex;
import static csc.lakehouse.conform.ssda903.Ssda903Columns.text;
import static org.apache.spark.sql.functions.upper;

/**
 * The SSDA903 silver builders: bronze {@code ssda903_<file>} to the silver tables of
 * {@code data-schemas/tables/silver/}, each built from its spec ({@link Ssda903Builder#fromSpec}) but for
 * {@code person_903}. CHILD becomes {@code person_id} (keyed pseudonym), UPN is dropped,
 * DOB and MC_DOB are degraded to the month, postcodes to their district. {@code _src} carries the raw
 * codes and dates the rules look at, never CHILD, UPN, a postcode or a full date of birth.
 */
public final class Ssda903Builders {
    private Ssda903Builders() {}

    /** person_903 (hand-written: it keeps a parsed date of birth for the rules), then every table built from its spec. */
    public static List<SilverBuilder> all() {
        List<SilverBuilder> out = new ArrayList<>();
        out.add(person903());
        for (csc.lakehouse.spec.TableSchema s : csc.lakehouse.spec.TableSchema.all("silver")) {
            if (s.from != null && s.from.startsWith("ssda903_")) out.add(Ssda903Builder.fromSpec(s));
        }
        return out;
    }

    /** The builder of one spec-built table (tests). */
    public static Ssda903Builder of(String table) {
        return Ssda903Builder.fromSpec(csc.lakehouse.spec.TableSchema.load("silver", table));
    }

    /** {@code _src}: the named raw columns as received (trimmed), plus any extra columns given. */
    static Column src(Dataset<Row> rows, List<String> names, Column... extra) {
        List<Column> f = new ArrayList<>();
        for (String n : names) f.add(text(raw(rows, n)).as(n));
        for (Column c : extra) f.add(c);
        return functions.struct(f.toArray(new Column[0])).as("_src");
    }

    public static Ssda903Builder person903() {
        return new Ssda903Builder("person_903", "ssda903_header", r -> List.of(
                sex(raw(r, "SEX")).as("sex"),
                upper(text(raw(r, "ETHNIC"))).as("ethnicity"),
                month(raw(r, "DOB")).as("birth_month"),
                bool(raw(r, "MOTHER")).as("mother"),
                month(raw(r, "MC_DOB")).as("mother_child_birth_month"),
                date(raw(r, "DOB")).as("_dob"),
                src(r, List.of("SEX", "ETHNIC", "MOTHER"), rawIfUnparsed(raw(r, "DOB")).as("DOB"),
                        rawIfUnparsed(raw(r, "MC_DOB")).as("MC_DOB"))));
    }

}
