package csc.lakehouse.conform.ssd;

import csc.lakehouse.spec.BronzeSpec;
import csc.lakehouse.conform.BronzeView;
import csc.lakehouse.conform.ConformContext;
import csc.lakehouse.conform.Pseudonymiser;
import csc.lakehouse.conform.SilverBuilder;
import csc.lakehouse.spec.Lineage;
import csc.lakehouse.spec.SsdRuleFiles;
import csc.lakehouse.spec.SsdSilverMap;
import csc.lakehouse.spec.SsdSpec;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

/**
 * One SSD silver table from {@code bronze.<ssd table>}, driven by {@code inputs/ssd/silver.yaml}: values
 * typed, children's, workers' and record identifiers pseudonymised, unlisted fields (names, registration
 * numbers, free text) left behind. Every extract's rows go to {@link csc.lakehouse.conform.SilverWriter},
 * which applies the spec's rules and keeps the latest extract's row per key. {@code _src} holds the raw
 * values the rules look at (identifiers already pseudonymised) and, per foreign key of
 * {@code relationships.yml}, whether the parent row exists ({@code null} when the extract has no
 * rows of the parent table, so the key is not checked).
 */
public final class SsdSilverBuilder implements SilverBuilder {
    private final String ssdTable;
    private final SsdSilverMap.TableMap map;

    public SsdSilverBuilder(String ssdTable, SsdSilverMap.TableMap map) {
        this.ssdTable = ssdTable;
        this.map = map;
    }

    /** A builder per SSD table that has a silver table. */
    public static List<SilverBuilder> all() {
        List<SilverBuilder> out = new ArrayList<>();
        SsdSilverMap.get().tables.forEach((t, m) -> out.add(new SsdSilverBuilder(t, m)));
        return out;
    }

    @Override
    public String table() { return map.silver; }

    @Override
    public Optional<Dataset<Row>> build(BronzeView bronze, ConformContext ctx) {
        Optional<Dataset<Row>> rows = bronze.all(ssdTable);
        if (rows.isEmpty()) return Optional.empty();
        Column la = col(Lineage.LA_CODE).cast("string");
        Dataset<Row> d = rows.get();
        SsdSpec spec = SsdSpec.get();
        Set<String> fkColumns = new LinkedHashSet<>();
        for (SsdSpec.Relationship r : spec.foreignKeys(ssdTable)) {
            String fk = SsdRuleFiles.fkColumn(r.childKey());
            if (!mapped(r.childKey()) || fkColumns.contains(fk)) continue;
            Column child = blankToNull(col(r.childKey()));
            Optional<Dataset<Row>> parent = bronze.all(r.parentTable());
            if (parent.isEmpty()) {
                d = d.withColumn(fk, lit(null).cast("boolean"));
            } else {
                Dataset<Row> keys = parent.get()
                        .select(col(Lineage.LA_CODE).cast("string").as("_p_la"), blankToNull(col(r.parentKey())).as("_p_key"))
                        .where(col("_p_key").isNotNull()).distinct();
                d = d.join(keys, la.equalTo(col("_p_la")).and(child.equalTo(col("_p_key"))), "left")
                     .withColumn(fk, when(child.isNull(), lit(null).cast("boolean")).otherwise(col("_p_key").isNotNull()))
                     .drop("_p_la", "_p_key");
            }
            fkColumns.add(fk);
        }

        List<Column> out = new ArrayList<>();
        Map<String, Column> src = new LinkedHashMap<>();
        for (Map.Entry<String, SsdSilverMap.ColumnMap> e : map.columns.entrySet()) {
            SsdSilverMap.ColumnMap c = e.getValue();
            Column typed = typed(c, la, spec);
            out.add(typed.as(e.getKey()));
            // the rules read raw values; an identifier is in _src only as its pseudonym
            if (!src.containsKey(c.from)) src.put(c.from, c.isIdentifier() ? typed : col(c.from));
        }
        List<Column> srcFields = new ArrayList<>();
        src.forEach((name, value) -> srcFields.add(value.as(name)));
        for (String fk : fkColumns) srcFields.add(col(fk).as(fk));
        out.add(la.as("la_code"));
        out.add(lit("ssd").as("source"));
        out.add(col(BronzeSpec.SSD_EXTRACTED_AT).as("extracted_at"));
        out.add(col(Lineage.COLLECTION_YEAR).cast("int").as("collection_year"));
        out.add(col(Lineage.FILE_SHA256).as("source_file_sha256"));
        for (String l : List.of(Lineage.SOURCE_FILE, Lineage.FILE_SHA256, Lineage.ROW_NUMBER, Lineage.INGESTED_AT,
                Lineage.COLLECTION_YEAR, Lineage.LA_CODE)) {
            out.add(col(l));
        }
        out.add(functions.struct(srcFields.toArray(new Column[0])).as("_src"));
        return Optional.of(d.select(out.toArray(new Column[0])));
    }

    private boolean mapped(String field) {
        for (SsdSilverMap.ColumnMap c : map.columns.values()) if (c.from.equals(field)) return true;
        return false;
    }

    static Column blankToNull(Column raw) {
        Column t = functions.trim(raw);
        return when(t.equalTo(""), lit(null).cast("string")).otherwise(t);
    }

    /** The typed silver value of one mapped column; null where the raw value cannot be read (a rule says so). */
    static Column typed(SsdSilverMap.ColumnMap c, Column la, SsdSpec spec) {
        Column raw = blankToNull(col(c.from));
        switch (c.kind()) {
            case "person":
                return Pseudonymiser.pseudonym(la, raw);
            case "worker":
                return Pseudonymiser.pseudonym(la, functions.concat(lit("worker|"), raw));
            case "ref":
                return Pseudonymiser.pseudonym(la, functions.concat(lit(c.argument() + "|"), raw));
            case "date":
                return date(raw, spec);
            case "month":
                return functions.trunc(date(raw, spec), "MM");
            case "int":
                return when(raw.rlike("^-?[0-9]{1,9}$"), raw.cast("int"));
            case "float":
                return raw.try_cast("double");
            case "bool":
                return bool(raw);
            case "flag":
                return bool(blankToNull(functions.get_json_object(col(c.from), "$." + c.argument())));
            case "code":
                return raw;
            default:
                throw new IllegalStateException("inputs/ssd/silver.yaml: unknown kind " + c.as + " for " + c.from);
        }
    }

    static Column date(Column raw, SsdSpec spec) {
        // make_date (ANSI off) gives null for impossible days such as 2023-02-30
        return when(raw.rlike(spec.datePattern()), functions.make_date(raw.substr(1, 4).cast("int"),
                raw.substr(6, 2).cast("int"), raw.substr(9, 2).cast("int")));
    }

    static Column bool(Column raw) {
        Column u = functions.upper(raw);
        return when(u.isin("Y", "YES", "1", "TRUE", "T"), lit(true))
                .when(u.isin("N", "NO", "0", "FALSE", "F"), lit(false));
    }
}
