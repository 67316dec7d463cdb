package csc.lakehouse.conform.cin;

import csc.lakehouse.conform.BronzeView;
import csc.lakehouse.conform.ConformContext;
import csc.lakehouse.conform.SilverBuilder;
import csc.lakehouse.spec.TableSchema;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.apache.spark.sql.functions.col;

/**
 * A CIN census silver table built from its spec ({@code data-schemas/tables/silver/<table>.yaml}): the rows of the
 * bronze table it names ({@code from}), each column with a {@code source} that bronze column parsed as its
 * {@code parse} says, each {@code id_of} column the deterministic id of la_code, person_id and the column it names;
 * la_code and person_id (pseudonymised) from {@link CinConform#current}. The raw values of the parsed columns travel
 * in {@code _src} for the quarantine. A new CIN item is a YAML file, not a class. The person table, which combines
 * returns, stays hand-written ({@link CinPersonBuilder}).
 */
public final class CinSilverBuilder implements SilverBuilder {
    private final TableSchema spec;

    public CinSilverBuilder(TableSchema spec) {
        if (spec.from == null) throw new IllegalArgumentException("silver." + spec.table + " names no bronze table (from)");
        this.spec = spec;
    }

    /** Every silver table whose spec names a CIN census bronze table. */
    public static List<SilverBuilder> all() {
        List<SilverBuilder> out = new ArrayList<>();
        for (TableSchema s : TableSchema.all("silver")) {
            if (s.from != null && s.from.startsWith("cin_census_")) out.add(new CinSilverBuilder(s));
        }
        return out;
    }

    @Override
    public String table() { return spec.table; }

    @Override
    public Optional<Dataset<Row>> build(BronzeView bronze, ConformContext ctx) {
        return CinConform.current(bronze, ctx, spec.from).map(d -> {
            Map<String, Column> parsed = new HashMap<>();
            List<Column> src = new ArrayList<>();
            for (TableSchema.ColumnSpec c : spec.columns) {
                if (c.source == null) continue;
                parsed.put(c.name, parse(c));
                src.add(col(c.source).as(c.name));
            }
            List<Column> silver = new ArrayList<>();
            for (TableSchema.ColumnSpec c : spec.columns) {
                if (c.id_of != null) {
                    Column of = parsed.get(c.id_of);
                    if (of == null) throw new IllegalStateException("silver." + spec.table + "." + c.name + ": id_of names "
                            + c.id_of + ", which has no source");
                    silver.add(CinConform.id(col("la_code"), col("person_id"), of).as(c.name));
                } else if (c.name.equals("la_code") || c.name.equals("person_id")) {
                    silver.add(col(c.name));
                } else if (parsed.containsKey(c.name)) {
                    silver.add(parsed.get(c.name).as(c.name));
                }
            }
            return CinConform.select(d, silver, functions.struct(src.toArray(new Column[0])));
        });
    }

    private Column parse(TableSchema.ColumnSpec c) {
        String how = c.parse == null ? "code" : c.parse;
        return switch (how) {
            case "date" -> CinConform.date(c.source);
            case "code" -> CinConform.code(c.source);
            case "bool" -> CinConform.bool(c.source);
            case "int" -> CinConform.integer(c.source);
            case "codes" -> CinConform.codeArray(c.source);
            default -> throw new IllegalStateException("silver." + spec.table + "." + c.name + ": unknown parse '" + how + "'");
        };
    }
}
