package csc.lakehouse.conform.ssda903;

import csc.lakehouse.conform.BronzeView;
import csc.lakehouse.conform.ConformContext;
import csc.lakehouse.conform.SilverBuilder;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One SSDA903 silver table from one bronze table: the current submissions of {@code bronze.<bronzeTable>},
 * the row's LA and pseudonym computed once, then the table's own column mapping (see {@link Ssda903Builders}).
 */
public final class Ssda903Builder implements SilverBuilder {
    /** The table-specific part: silver columns and {@code _src}, given the rows with {@code la_code} and {@code person_id}. */
    @FunctionalInterface
    public interface Mapping {
        List<Column> columns(Dataset<Row> rows);
    }

    private final String table;
    private final String bronzeTable;
    private final Mapping mapping;
    /** the column holding the placement distance band (parse {@code distance_band}), or null */
    private final String distanceColumn;

    public Ssda903Builder(String table, String bronzeTable, Mapping mapping) {
        this(table, bronzeTable, mapping, null);
    }

    private Ssda903Builder(String table, String bronzeTable, Mapping mapping, String distanceColumn) {
        this.table = table;
        this.bronzeTable = bronzeTable;
        this.mapping = mapping;
        this.distanceColumn = distanceColumn;
    }

    /**
     * A table built from its spec ({@code data-schemas/tables/silver/<table>.yaml}): the bronze table it names
     * ({@code from}); each column with a {@code source} that raw column parsed as its {@code parse} says; each
     * {@code id_of} column the hash of la_code, person_id and the (parsed) column it names; {@code _src} the raw
     * columns the spec keeps for the quarantine ({@code raw_kept}), trimmed.
     */
    public static Ssda903Builder fromSpec(csc.lakehouse.spec.TableSchema spec) {
        if (spec.from == null) throw new IllegalArgumentException("silver." + spec.table + " names no bronze table (from)");
        String distance = spec.columns.stream().filter(c -> PlacementDistance.PARSE.equals(c.parse)).map(c -> c.name)
                .findFirst().orElse(null);
        return new Ssda903Builder(spec.table, spec.from, r -> {
            java.util.Map<String, Column> parsed = new java.util.HashMap<>();
            for (csc.lakehouse.spec.TableSchema.ColumnSpec c : spec.columns) {
                if (PlacementDistance.PARSE.equals(c.parse)) {
                    // the two postcodes as lookup keys, in the band's place: conform joins them to the coordinates
                    parsed.put(c.name, PlacementDistance.keys(Ssda903Columns.raw(r, c.home), Ssda903Columns.raw(r, c.source)));
                } else if (c.source != null) {
                    parsed.put(c.name, parse(spec.table, c, Ssda903Columns.raw(r, c.source)));
                }
            }
            List<Column> out = new ArrayList<>();
            for (csc.lakehouse.spec.TableSchema.ColumnSpec c : spec.columns) {
                if (c.id_of != null) {
                    Column of = parsed.get(c.id_of);
                    if (of == null) throw new IllegalStateException("silver." + spec.table + "." + c.name + ": id_of names "
                            + c.id_of + ", which has no source");
                    out.add(Ssda903Columns.hashId(r.col("la_code"), r.col("person_id"), of).as(c.name));
                } else if (parsed.containsKey(c.name)) {
                    out.add(parsed.get(c.name).as(c.name));
                }
            }
            out.add(Ssda903Builders.src(r, spec.raw_kept));
            return out;
        }, distance);
    }

    private static Column parse(String table, csc.lakehouse.spec.TableSchema.ColumnSpec c, Column raw) {
        String how = c.parse == null ? "text" : c.parse;
        return switch (how) {
            case "date" -> Ssda903Columns.date(raw);
            case "code" -> org.apache.spark.sql.functions.upper(Ssda903Columns.text(raw));
            case "text" -> Ssda903Columns.text(raw);
            case "bool" -> Ssda903Columns.bool(raw);
            case "int" -> Ssda903Columns.integer(raw);
            case "month" -> Ssda903Columns.month(raw);
            case "postcode_district" -> Ssda903Columns.postcodeDistrict(raw);
            case "sex" -> Ssda903Columns.sex(raw);
            default -> throw new IllegalStateException("silver." + table + "." + c.name + ": unknown parse '" + how + "'");
        };
    }

    @Override
    public String table() { return table; }

    public String bronzeTable() { return bronzeTable; }

    @Override
    public Optional<Dataset<Row>> build(BronzeView bronze, ConformContext ctx) {
        return bronze.current(bronzeTable).map(c -> conform(c, ctx.postcodes()));
    }

    /** The typed rows for {@link csc.lakehouse.conform.SilverWriter} (public for tests), without postcode coordinates. */
    public Dataset<Row> conform(Dataset<Row> current) {
        return conform(current, null);
    }

    /** The typed rows, the placement distance banded with {@code postcodes} (postcode, lat, lon; null: none). */
    public Dataset<Row> conform(Dataset<Row> current, Dataset<Row> postcodes) {
        Dataset<Row> rows = typed(current);
        return distanceColumn == null ? rows : PlacementDistance.band(rows, distanceColumn, postcodes);
    }

    private Dataset<Row> typed(Dataset<Row> current) {
        Dataset<Row> rows = current.withColumn("la_code", Ssda903Columns.laCode(current));
        rows = rows.withColumn("person_id", Ssda903Columns.personId(rows.col("la_code"), rows));
        List<Column> out = new ArrayList<>();
        out.add(rows.col("la_code"));
        out.add(rows.col("person_id"));
        out.addAll(mapping.columns(rows));
        out.addAll(Ssda903Columns.lineage());
        return rows.select(out.toArray(new Column[0]));
    }
}
