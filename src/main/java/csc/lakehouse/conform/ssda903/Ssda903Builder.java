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

    public Ssda903Builder(String table, String bronzeTable, Mapping mapping) {
        this.table = table;
        this.bronzeTable = bronzeTable;
        this.mapping = mapping;
    }

    @Override
    public String table() { return table; }

    public String bronzeTable() { return bronzeTable; }

    @Override
    public Optional<Dataset<Row>> build(BronzeView bronze, ConformContext ctx) {
        return bronze.current(bronzeTable).map(this::conform);
    }

    /** The typed rows for {@link csc.lakehouse.conform.SilverWriter} (public for tests). */
    public Dataset<Row> conform(Dataset<Row> current) {
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
