package csc.lakehouse.measures;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.HashMap;
import java.util.Map;

import static csc.lakehouse.SparkTestSession.d;
import static csc.lakehouse.SparkTestSession.frame;
import static csc.lakehouse.SparkTestSession.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Periods and assertions shared by the recommendation measure tests (LA 301). */
final class RecommendationFixtures {
    static final String LA = "301";

    private RecommendationFixtures() {}

    /** Reporting year {@code y}: 1 April (y-1) to 31 March y. */
    static Dataset<Row> years(int... ys) {
        Row[] rows = new Row[ys.length];
        for (int i = 0; i < ys.length; i++) rows[i] = RecommendationRows.yearRow(LA, ys[i]);
        return frame(MeasureContext.PERIOD_SCHEMA, rows);
    }

    /** Reporting year 2024: 1 April 2023 to 31 March 2024. */
    static Dataset<Row> year2024() { return years(2024); }

    static Dataset<Row> snap(String iso) {
        return frame(MeasureContext.PERIOD_SCHEMA, row(LA, iso, "As at date", d(iso), d(iso), 2024));
    }

    /** measure_id|breakdown_value -> row (for one period). */
    static Map<String, Row> byMeasure(Dataset<Row> rows) {
        Map<String, Row> m = new HashMap<>();
        for (Row r : rows.collectAsList()) m.put(r.getAs("measure_id") + "|" + r.getAs("breakdown_value"), r);
        return m;
    }

    static void check(Map<String, Row> m, String key, Long num, Long den, Double value) {
        Row r = m.get(key.contains("|") ? key : key + "|Total");
        assertTrue(r != null, key + " missing from " + m.keySet());
        assertEquals(num, r.getAs("numerator") == null ? null : ((Number) r.getAs("numerator")).longValue(), key + " numerator");
        assertEquals(den, r.getAs("denominator") == null ? null : ((Number) r.getAs("denominator")).longValue(), key + " denominator");
        assertEquals(value, r.getAs("value"), key + " value");
    }
}
