package csc.lakehouse.measures;

import csc.lakehouse.SparkTestSession;
import csc.lakehouse.spec.TableSchema;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * Hand-built silver frames with the contract schema ({@code TableSchema.load("silver", table)}): rows
 * are given as name/value pairs; dates as ISO strings; unnamed columns are null, except non-nullable
 * ones, which get a filler (la_code 301, collection_year 2024, "x", false, 0).
 *
 * <p>Per-return rows (CONTRACT13): every frame also has {@code is_latest} and {@code vanished}. Unless a row
 * names them, is_latest = the row's collection_year is the latest among rows of the same natural key (the
 * table's {@code keys}) and vanished = false. A fixture row is one return's row of an item.
 */
final class CinSilverFixture {
    private static final List<String> PER_RETURN = List.of(MeasureContext.IS_LATEST, MeasureContext.VANISHED);
    private final String table;
    private final StructType schema;
    private final List<Row> rows = new ArrayList<>();

    private CinSilverFixture(String table) {
        this.table = table;
        StructType s = new StructType();
        for (StructField f : TableSchema.load("silver", table).structType().fields()) {
            if (!PER_RETURN.contains(f.name())) s = s.add(f);
        }
        this.schema = s;
    }

    static CinSilverFixture of(String table) { return new CinSilverFixture(table); }

    CinSilverFixture row(Object... nameValue) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            String name = (String) nameValue[i];
            if (!PER_RETURN.contains(name) && !List.of(schema.fieldNames()).contains(name)) {
                throw new IllegalArgumentException(table + " has no column " + name);
            }
            m.put(name, nameValue[i + 1]);
        }
        Object[] v = new Object[schema.size() + 2];
        int i = 0;
        for (StructField f : schema.fields()) {
            Object x = m.get(f.name());
            String t = f.dataType().typeName();
            if (x instanceof String s && t.equals("date")) x = java.sql.Date.valueOf(s);
            if (x == null && !f.nullable()) {
                x = switch (t) {
                    case "integer" -> f.name().equals("collection_year") ? 2024 : 0;
                    case "long" -> 0L;
                    case "boolean" -> false;
                    case "date" -> throw new IllegalArgumentException(table + "." + f.name() + " is required");
                    default -> f.name().equals("la_code") ? "301" : "x";
                };
            }
            v[i++] = x;
        }
        v[i++] = m.get(MeasureContext.IS_LATEST);
        v[i] = m.get(MeasureContext.VANISHED);
        rows.add(RowFactory.create(v));
        return this;
    }

    Dataset<Row> frame() {
        StructType withGiven = schema.add("_given_latest", DataTypes.BooleanType).add("_given_vanished", DataTypes.BooleanType);
        Dataset<Row> f = SparkTestSession.get().createDataFrame(rows, withGiven);
        List<String> keys = TableSchema.load("silver", table).keys;
        if (keys.isEmpty() || !List.of(schema.fieldNames()).contains("collection_year")) {
            return f.drop("_given_latest", "_given_vanished");
        }
        Column latest = col("collection_year").equalTo(functions.max("collection_year")
                .over(Window.partitionBy(keys.stream().map(functions::col).toArray(Column[]::new))));
        return f.withColumn(MeasureContext.IS_LATEST, functions.coalesce(col("_given_latest"), latest))
                .withColumn(MeasureContext.VANISHED, functions.coalesce(col("_given_vanished"), lit(false)))
                .drop("_given_latest", "_given_vanished");
    }

    /** Population estimate rows: (la_code, mid_year, population) triples; not projections. */
    static Dataset<Row> population(Object... laYearPop) {
        CinSilverFixture f = of("population");
        for (int i = 0; i < laYearPop.length; i += 3) {
            f.row("la_code", laYearPop[i], "new_la_code", "E0900000" + laYearPop[i], "mid_year", laYearPop[i + 1],
                    "population", ((Number) laYearPop[i + 2]).longValue(), "is_projection", false,
                    "source_file", "mye.csv");
        }
        return f.frame();
    }

    /**
     * Result rows after {@link Trends#shape}, keyed {@code measure_id|la_code|time_period|breakdown_value}.
     */
    static Map<String, Row> results(Dataset<Row> measureRows) {
        Dataset<Row> shaped = CinMeasureSupport.shape(measureRows);
        Map<String, Row> out = new LinkedHashMap<>();
        for (Row r : shaped.collectAsList()) {
            String k = r.getAs("measure_id") + "|" + r.getAs("la_code") + "|" + r.getAs("time_period") + "|"
                    + r.getAs("breakdown_value");
            if (out.put(k, r) != null) throw new AssertionError("duplicate row " + k);
        }
        return out;
    }
}
