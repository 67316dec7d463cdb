package csc.lakehouse.publish;

import csc.lakehouse.lake.Lakehouse;
import csc.lakehouse.lake.Layer;
import csc.lakehouse.measures.RecommendationTracker;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code recommendations.csv}: gold.recommendation_tracker as a file (each Ofsted recommendation, its
 * measures, the latest and previous values, direction of travel and target). Counts behind these values
 * are already in trends.csv; this file repeats only values of measures published there.
 */
public final class RecommendationsCsv {
    private RecommendationsCsv() {}

    static final java.util.Set<String> ROUNDED = java.util.Set.of("latest_value", "previous_value", "target");

    public static void write(Lakehouse lake, Path outDir) throws IOException {
        if (!lake.exists(Layer.GOLD, RecommendationTracker.TABLE)) return;
        Dataset<Row> t = lake.read(Layer.GOLD, RecommendationTracker.TABLE);
        String[] cols = t.columns();
        List<String> sortCols = new ArrayList<>();
        for (String c : List.of("la_code", "recommendation_id", "measure_id")) {
            if (List.of(cols).contains(c)) sortCols.add(c);
        }
        List<Row> rows = t.orderBy(sortCols.stream().map(org.apache.spark.sql.functions::col)
                .toArray(org.apache.spark.sql.Column[]::new)).collectAsList();
        Path target = outDir.resolve("recommendations.csv");
        Path tmp = Files.createTempFile(outDir, ".recommendations.csv.", ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            w.write(String.join(",", cols));
            w.write("\n");
            List<String> names = List.of(cols);
            int unitAt = names.indexOf("unit");
            for (Row r : rows) {
                List<String> cells = new ArrayList<>();
                String unit = unitAt < 0 || r.get(unitAt) == null ? "" : r.get(unitAt).toString();
                for (int i = 0; i < cols.length; i++) {
                    Object v = r.get(i);
                    // values rounded as in trends.csv and the evidence pack (one decimal; counts whole)
                    if (v instanceof Double d && ROUNDED.contains(cols[i])) cells.add(TrendsCsv.formatValue(d, unit));
                    else cells.add(v == null ? "" : TrendsFile.Csv.quote(v.toString()));
                }
                w.write(String.join(",", cells));
                w.write("\n");
            }
        }
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
