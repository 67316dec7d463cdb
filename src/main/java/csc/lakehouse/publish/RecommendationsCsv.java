package csc.lakehouse.publish;

import csc.lakehouse.lake.Lakehouse;
import csc.lakehouse.lake.Layer;
import csc.lakehouse.measures.RecommendationTracker;
import csc.lakehouse.measures.ReportedFigures;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.col;

/**
 * {@code recommendations.csv}: gold.recommendation_tracker as a file (each Ofsted recommendation, its
 * measures, the latest and previous values, direction of travel and target). Counts behind these values
 * are already in trends.csv; this file repeats only values of measures published there.
 */
public final class RecommendationsCsv {
    private RecommendationsCsv() {}

    static final java.util.Set<String> ROUNDED = java.util.Set.of("latest_value", "previous_value", "target",
            "lakehouse_value", "lakehouse_value_at_reported_period");
    /** The council's own figures, written as its report gives them (3.17, not 3.2; 39, not 39.0). */
    static final java.util.Set<String> AS_REPORTED = java.util.Set.of("reported_value");

    /**
     * recommendations.csv; a measure the council's report gives a figure for (gold.reported_figures, Total) also
     * carries that figure, its period and the lakehouse's figure for the same period, beside the latest.
     */
    public static void write(Lakehouse lake, Path outDir) throws IOException {
        Dataset<Row> reported = null;
        if (lake.exists(Layer.GOLD, ReportedFigures.TABLE)) {
            // the first Total figure per LA and measure that is the measure's own value (not a count of its numerator)
            reported = lake.read(Layer.GOLD, ReportedFigures.TABLE)
                    .filter(col("breakdown_value").equalTo("Total").and(col("compares").equalTo("value")))
                    .dropDuplicates("la_code", "measure_id")
                    .select(col("la_code").as("_rla"), col("measure_id").as("_rm"), col("reported_value"),
                            col("reported_period"), col("lakehouse_value").as("lakehouse_value_at_reported_period"));
        }
        write(lake, outDir, RecommendationTracker.TABLE, "recommendations.csv",
                List.of("la_code", "recommendation_id", "measure_id"), reported);
    }

    /**
     * {@code reported_figures.csv}: gold.reported_figures as a file (the council's reported figures beside the
     * lakehouse's for the same date or period), in the order of ofsted_recommendations.yaml.
     */
    public static void writeReportedFigures(Lakehouse lake, Path outDir) throws IOException {
        write(lake, outDir, ReportedFigures.TABLE, "reported_figures.csv", List.of(), null);
    }

    /** A gold table (small: collected) as a CSV, values rounded as in trends.csv, replaced atomically. */
    static void write(Lakehouse lake, Path outDir, String table, String file, List<String> sortBy,
                      Dataset<Row> reported) throws IOException {
        if (!lake.exists(Layer.GOLD, table)) return;
        Dataset<Row> t = lake.read(Layer.GOLD, table);
        if (reported != null) {
            t = t.join(reported, col("la_code").equalTo(col("_rla")).and(col("measure_id").equalTo(col("_rm"))), "left")
                    .drop("_rla", "_rm");
        }
        String[] cols = t.columns();
        List<String> sortCols = new ArrayList<>();
        for (String c : sortBy) {
            if (List.of(cols).contains(c)) sortCols.add(c);
        }
        // no sort columns: the table's own order (written from one partition, in the configuration's order)
        List<Row> rows = (sortCols.isEmpty() ? t : t.orderBy(sortCols.stream().map(org.apache.spark.sql.functions::col)
                .toArray(org.apache.spark.sql.Column[]::new))).collectAsList();
        List<String> names = List.of(cols);
        int unitAt = names.indexOf("unit");
        List<List<String>> lines = new ArrayList<>();
        for (Row r : rows) {
            List<String> cells = new ArrayList<>();
            String unit = unitAt < 0 || r.get(unitAt) == null ? "" : r.get(unitAt).toString();
            for (int i = 0; i < cols.length; i++) {
                Object v = r.get(i);
                // values rounded as in trends.csv and the evidence pack (one decimal; counts whole)
                if (v instanceof Double d && ROUNDED.contains(cols[i])) cells.add(TrendRow.formatValue(d, unit));
                else if (v instanceof Double d && AS_REPORTED.contains(cols[i]))
                    cells.add(java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString());
                else cells.add(v == null ? "" : v.toString());
            }
            lines.add(cells);
        }
        CsvFile.write(outDir.resolve(file), names, lines);
    }
}
