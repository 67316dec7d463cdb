package csc.lakehouse.conform.cin;

import csc.lakehouse.spec.BronzeSpec;
import csc.lakehouse.conform.BronzeView;
import csc.lakehouse.conform.ConformContext;
import csc.lakehouse.conform.Pseudonymiser;
import csc.lakehouse.spec.Lineage;
import csc.lakehouse.spec.CodeLists;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF3;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

/**
 * Shared typing helpers of the CIN census silver builders: ISO dates, booleans, integers, the
 * pseudonymised person id, deterministic ids and the return's reference date.
 */
public final class CinConform {
    /** Helper column (not in silver): the return's Header ReferenceDate, or 31 March of its year. */
    public static final String REF_DATE = "_ref_date";
    /** SQL function {@code cin_code_valid(list, year, code)} for array columns (factors, disabilities). */
    public static final String CODE_VALID_UDF = "cin_code_valid";

    private static java.lang.ref.WeakReference<SparkSession> registeredIn;

    private CinConform() {}

    /** An ISO date (optionally with a zone suffix, as xs:date allows); null when it does not parse. */
    public static Column date(Column raw) {
        Column t = functions.trim(raw);
        Column ok = t.rlike("^\\d{4}-\\d{2}-\\d{2}(Z|[+-]\\d{2}:\\d{2})?$");
        // make_date (ANSI off) gives null for impossible days such as 2023-02-30
        return when(ok, functions.make_date(t.substr(1, 4).cast("int"), t.substr(6, 2).cast("int"),
                t.substr(9, 2).cast("int")));
    }

    public static Column date(String rawColumn) { return date(col(rawColumn)); }

    /** true/false/TRUE/FALSE/1/0/Y/N (any case); null otherwise. */
    public static Column bool(String rawColumn) {
        Column t = functions.lower(functions.trim(col(rawColumn)));
        return when(t.isin("true", "1", "y", "yes"), lit(true))
                .when(t.isin("false", "0", "n", "no"), lit(false));
    }

    /** A whole number written with digits only (leading + or - allowed); null otherwise. */
    public static Column integer(String rawColumn) {
        Column t = functions.trim(col(rawColumn));
        return when(t.rlike("^[+-]?\\d{1,9}$"), t.cast("int"));
    }

    /** A code: trimmed, null when blank. */
    public static Column code(String rawColumn) {
        Column t = functions.trim(col(rawColumn));
        return when(t.notEqual(""), t);
    }

    /** First 16 hex chars of sha2(la_code|person_id|date) — null when the date is null. */
    public static Column id(Column la, Column person, Column date) {
        return when(date.isNotNull(), functions.substring(
                functions.sha2(functions.concat_ws("|", la, person, date.cast("string")), 256), 1, 16));
    }

    /** Degrades a date to the first day of its month. */
    public static Column month(Column date) {
        return functions.trunc(date, "month");
    }

    /**
     * A current bronze table with {@code la_code}, {@code person_id}, {@code collection_year} and
     * {@link #REF_DATE}; the raw LAchildID is dropped here.
     */
    public static Optional<Dataset<Row>> current(BronzeView bronze, ConformContext ctx, String table) {
        registerCodeCheck(ctx.spark());
        Optional<Dataset<Row>> rows = bronze.current(table);
        if (rows.isEmpty()) return Optional.empty();
        Dataset<Row> d = rows.get()
                .withColumn("la_code", col(Lineage.LA_CODE).cast("string"))
                .withColumn("person_id", Pseudonymiser.pseudonym(col(Lineage.LA_CODE).cast("string"), functions.trim(col("LAchildID"))))
                .withColumn("collection_year", col(Lineage.COLLECTION_YEAR).cast("int"));
        Optional<Dataset<Row>> header = bronze.current(BronzeSpec.CIN_HEADER);
        Column fallback = functions.make_date(col("collection_year"), lit(3), lit(31));
        if (header.isPresent()) {
            Dataset<Row> h = header.get().select(col(Lineage.FILE_SHA256).as("_h_sha"),
                    date(col("ReferenceDate")).as("_h_ref")).dropDuplicates("_h_sha");
            d = d.join(functions.broadcast(h), col(Lineage.FILE_SHA256).equalTo(col("_h_sha")), "left")
                 .withColumn(REF_DATE, functions.coalesce(col("_h_ref"), fallback))
                 .drop("_h_sha", "_h_ref");
        } else {
            d = d.withColumn(REF_DATE, fallback);
        }
        return Optional.of(d.drop("LAchildID", "UPN", "FormerUPN"));
    }

    /** The columns every builder passes through: year, lineage and the reference date. */
    public static List<Column> passThrough() {
        List<Column> c = new ArrayList<>();
        c.add(col("collection_year"));
        c.add(col(Lineage.FILE_SHA256).as("source_file_sha256"));
        c.add(col(Lineage.SOURCE_FILE));
        c.add(col(Lineage.FILE_SHA256));
        c.add(col(Lineage.ROW_NUMBER));
        c.add(col(Lineage.INGESTED_AT));
        c.add(col(Lineage.COLLECTION_YEAR));
        c.add(col(Lineage.LA_CODE));
        c.add(col(REF_DATE));
        return c;
    }

    /** Selects {@code silver} columns, then the pass-through columns, then {@code _src}. */
    public static Dataset<Row> select(Dataset<Row> d, List<Column> silver, Column src) {
        List<Column> all = new ArrayList<>(silver);
        all.addAll(passThrough());
        all.add(src.as("_src"));
        return d.select(all.toArray(new Column[0]));
    }

    /**
     * Registers {@code cin_code_valid(list, year, code)}: true when the code is in the list for that
     * collection year (any year when the year is null). Code lists are copied into the closure.
     */
    public static synchronized void registerCodeCheck(SparkSession spark) {
        if (registeredIn != null && registeredIn.get() == spark) return;
        registeredIn = new java.lang.ref.WeakReference<>(spark);
        CodeLists lists = CodeLists.get();
        HashMap<String, ArrayList<String[]>> copy = new HashMap<>();
        for (String name : new String[]{"cin_assessment_factor", "cin_disability"}) {
            ArrayList<String[]> e = new ArrayList<>();
            if (lists.has(name)) {
                for (CodeLists.Entry x : lists.entries(name)) {
                    e.add(new String[]{x.code(), x.fromYear() == null ? null : x.fromYear().toString(),
                            x.toYear() == null ? null : x.toYear().toString()});
                }
            }
            copy.put(name, e);
        }
        spark.udf().register(CODE_VALID_UDF, (UDF3<String, Integer, String, Boolean>) (list, year, code) -> {
            if (code == null) return null;
            ArrayList<String[]> entries = copy.get(list);
            if (entries == null) return false;
            String c = code.trim();
            for (String[] e : entries) {
                if (!e[0].equals(c)) continue;
                if (year == null) return true;
                if ((e[1] == null || year >= Integer.parseInt(e[1])) && (e[2] == null || year <= Integer.parseInt(e[2]))) {
                    return true;
                }
            }
            return false;
        }, DataTypes.BooleanType);
    }

    /** ';'-joined codes as an array (trimmed, blanks dropped); null when the raw value is null. */
    public static Column codeArray(String rawColumn) {
        Column parts = functions.expr("filter(transform(split(`" + rawColumn + "`, ';'), x -> trim(x)), x -> x <> '')");
        return when(col(rawColumn).isNotNull(), parts);
    }
}
