package csc.lakehouse.ingest.ssda903;

import csc.lakehouse.spec.Lineage;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.List;

/** Collects string rows of one bronze table while a file streams past, then makes the frame. */
final class BronzeRows {
    final List<String> columns;
    private final List<Row> rows = new ArrayList<>();

    BronzeRows(List<String> columns) {
        this.columns = List.copyOf(columns);
    }

    /** @param values one value per column (null when absent) */
    void add(String[] values, long rowNumber) {
        Object[] r = new Object[values.length + 1];
        System.arraycopy(values, 0, r, 0, values.length);
        r[values.length] = rowNumber;
        rows.add(RowFactory.create(r));
    }

    int size() { return rows.size(); }

    Dataset<Row> toFrame(SparkSession spark) {
        StructType schema = new StructType();
        for (String c : columns) schema = schema.add(c, DataTypes.StringType, true);
        schema = schema.add(Lineage.ROW_NUMBER, DataTypes.LongType, false);
        return spark.createDataFrame(rows, schema);
    }

    /** A column name Delta accepts (no spaces or ,;{}()= characters), for extra columns of a file. */
    static String safeName(String raw) {
        String s = raw.trim().replaceAll("[\\s,;{}()\\n\\t=]+", "_");
        return s.isEmpty() ? "_blank" : s;
    }
}
