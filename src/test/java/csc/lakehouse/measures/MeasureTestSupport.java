package csc.lakehouse.measures;

import csc.lakehouse.SparkTestSession;
import csc.lakehouse.spec.TableSchema;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/** Helpers for measure tests: silver frames by name, contexts, and reading one value back. */
final class MeasureTestSupport {
    private MeasureTestSupport() {}

    /**
     * A frame of a silver table's contract columns from rows giving only the named {@code columns}
     * (comma-separated); every other column is null. Dates as ISO strings; ints widen to long where declared.
     */
    static Dataset<Row> silver(String table, String columns, Object[]... rows) {
        StructType schema = TableSchema.load("silver", table).structType();
        List<String> given = Arrays.stream(columns.split(",")).map(String::trim).toList();
        List<String> names = Arrays.asList(schema.fieldNames());
        for (String g : given) if (!names.contains(g)) throw new IllegalArgumentException("no column " + g + " in " + table);
        List<Row> out = new ArrayList<>();
        for (Object[] r : rows) {
            Object[] v = new Object[names.size()];
            for (int i = 0; i < given.size(); i++) {
                int idx = names.indexOf(given.get(i));
                v[idx] = convert(schema.fields()[idx].dataType(), r[i]);
            }
            out.add(RowFactory.create(v));
        }
        StructType nullable = new StructType();
        for (StructField f : schema.fields()) nullable = nullable.add(f.name(), f.dataType(), true);
        return SparkTestSession.get().createDataFrame(out, nullable);
    }

    private static Object convert(DataType t, Object o) {
        if (o == null) return null;
        if (t.equals(DataTypes.DateType) && o instanceof String s) return java.sql.Date.valueOf(s);
        if (t.equals(DataTypes.LongType) && o instanceof Integer i) return i.longValue();
        if (t.equals(DataTypes.DoubleType) && o instanceof Number n) return n.doubleValue();
        return o;
    }

    /** A context over the given silver frames; {@code returns} rows are (la_code, source, collection_year). */
    static MeasureContext ctx(Map<String, Dataset<Row>> silver, List<Object[]> returns, LocalDate asAt, Integer baseYear) {
        MeasureContext.Builder b = MeasureContext.builder(SparkTestSession.get()).tables(silver).asAt(asAt).baseYear(baseYear);
        for (Object[] r : returns) b.ret((String) r[0], (String) r[1], (Integer) r[2]);
        return b.build();
    }

    static Object[] r(Object... v) { return v; }

    /** The single row of (measure, time_period, breakdown_value) in the Trends-shaped output. */
    static Row row(List<Row> out, String measure, String timePeriod, String breakdownValue) {
        List<Row> hits = out.stream().filter(x -> x.getAs("measure_id").equals(measure)
                && x.getAs("time_period").equals(timePeriod) && x.getAs("breakdown_value").equals(breakdownValue)).toList();
        if (hits.size() != 1) fail(hits.size() + " rows for " + measure + " " + timePeriod + " " + breakdownValue);
        return hits.get(0);
    }

    static Double value(List<Row> out, String measure, String timePeriod, String breakdownValue) {
        return row(out, measure, timePeriod, breakdownValue).getAs("value");
    }

    static Double value(List<Row> out, String measure, String timePeriod) {
        return value(out, measure, timePeriod, "Total");
    }

    static void assertNumDen(Row r, Long num, Long den) {
        assertEquals(num, r.getAs("numerator"));
        assertEquals(den, r.getAs("denominator"));
    }

    static List<Row> collect(Dataset<Row> ds) { return ds.orderBy(col("measure_id")).collectAsList(); }
}
