package csc.lakehouse.bench;

import csc.lakehouse.lake.Lakehouse;
import csc.lakehouse.lake.Layer;
import csc.lakehouse.measures.HeadlineMeasures;
import csc.lakehouse.measures.MeasureContext;
import csc.lakehouse.measures.Trends;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Spark side of the like-for-like benchmark: the six headline measures ({@link HeadlineMeasures}, the families'
 * own functions) from a lakehouse's silver tables, collected to the driver and written as a CSV of trends.csv's
 * columns (rows the look-back rule withholds are left out, as trends.csv leaves them out). Reads only the tables the
 * six need and {@code silver.returns_held}; writes nothing to the lakehouse.
 */
public final class SparkHeadlineMeasures {
    static final List<String> COLUMNS = List.of("measure_id", "new_la_code", "time_period", "time_identifier", "breakdown",
            "breakdown_value", "numerator", "denominator", "value");

    private SparkHeadlineMeasures() {}

    /** Computes the six measures and writes them to {@code figures}; returns the rows written. */
    public static long compute(Lakehouse lake, Path figures) throws IOException {
        MeasureContext.Builder b = MeasureContext.builder(lake.spark());
        Map<String, Dataset<Row>> silver = new LinkedHashMap<>();
        for (String t : HeadlineMeasures.TABLES) {
            if (lake.exists(Layer.SILVER, t)) silver.put(t, lake.read(Layer.SILVER, t));
        }
        b.tables(silver);
        if (lake.exists(Layer.SILVER, "returns_held")) {
            for (Row r : lake.read(Layer.SILVER, "returns_held").select("la_code", "source", "collection_year").collectAsList()) {
                b.ret(r.getString(0), r.getString(1), r.getInt(2));
            }
        }
        // one action: the figures and the note that says whether trends.csv publishes the row
        List<String> cols = new java.util.ArrayList<>(COLUMNS);
        cols.add("note");
        List<Row> rows = HeadlineMeasures.compute(b.build())
                .select(cols.stream().map(org.apache.spark.sql.functions::col).toArray(org.apache.spark.sql.Column[]::new))
                .collectAsList();
        long n = 0;
        try (BufferedWriter w = Files.newBufferedWriter(figures, StandardCharsets.UTF_8)) {
            w.write(String.join(",", COLUMNS));
            w.write('\n');
            for (int i = 0; i < rows.size(); i++) {
                if (Trends.status(rows.get(i).getString(COLUMNS.size())) == Trends.Status.NOT_PUBLISHED) continue;
                StringBuilder line = new StringBuilder();
                for (int c = 0; c < COLUMNS.size(); c++) {
                    Object v = rows.get(i).get(c);
                    if (c > 0) line.append(',');
                    if (v != null) line.append('"').append(v.toString().replace("\"", "\"\"")).append('"');
                }
                w.write(line.append('\n').toString());
                n++;
            }
        }
        return n;
    }
}
